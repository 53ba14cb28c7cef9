// Historik: every kind of change, newest first (status, note and answer changes, new and adopted
// local activities, effect-measure reports, channel links), each naming the item, its parent,
// the arena, who and when (Swedish time). Filters for arena, activity, person, strategy and a
// date range are kept in the address, so a filtered view can be shared as a link.
import { useEffect, useMemo, useState } from 'react';
import { Button } from '@fluentui/react-button';
import { Field } from '@fluentui/react-field';
import { Input } from '@fluentui/react-input';
import { MessageBar, MessageBarBody } from '@fluentui/react-message-bar';
import { Select } from '@fluentui/react-select';
import { Text, Title2 } from '@fluentui/react-text';
import { tokens } from '@fluentui/react-theme';
import { makeStyles } from '@griffel/react';
import { formatDateTime } from '../../../bot/domain/format';
import { fetchHistory, type HistoryEvent, type HistoryPage, type PlanApiView } from '../api';
import { Loading, arenaName, useLayout } from '../ui';
import { readParam, writeParams } from '../urlState';

const PAGE_SIZE = 20;

const KIND: Record<HistoryEvent['kind'], string> = {
  change: 'Uppföljning',
  activityCreated: 'Ny aktivitet',
  activityAdopted: 'Antagen aktivitet',
  measureReport: 'Effektmått',
  channelLinked: 'Kanal',
  reminderSettings: 'Påminnelser',
  localRevision: 'Lokal revidering',
};

const useStyles = makeStyles({
  list: { listStyle: 'none', padding: 0, margin: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  lines: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

interface Filter {
  scope: string;
  activity: string;
  person: string;
  strategy: string;
  from: string;
  to: string;
  page: number;
}

function filterFromAddress(plan: PlanApiView, arena?: string): Filter {
  const scope = readParam('arena') || arena || '';
  return {
    scope: plan.arenas.some((a) => a.id === scope) ? scope : '',
    activity: readParam('activity'),
    person: readParam('person'),
    strategy: plan.strategies.some((s) => s.id === readParam('strategy')) ? readParam('strategy') : '',
    from: /^\d{4}-\d{2}-\d{2}$/.test(readParam('from')) ? readParam('from') : '',
    to: /^\d{4}-\d{2}-\d{2}$/.test(readParam('to')) ? readParam('to') : '',
    page: Math.max(0, Number.parseInt(readParam('page') || '0', 10) || 0),
  };
}

export default function History({ plan, arena }: { plan: PlanApiView; arena?: string }) {
  const ui = useLayout();
  const styles = useStyles();
  const [filter, setFilter] = useState<Filter>(() => filterFromAddress(plan, arena));
  const [person, setPerson] = useState(filter.person);
  const [data, setData] = useState<HistoryPage>();
  const [problem, setProblem] = useState<string>();

  const activitiesOf = (id: string) => {
    const a = plan.arenas.find((x) => x.id === id);
    return a?.kind === 'county' ? plan.strategies.flatMap((s) => s.activities) : (a?.activities ?? []);
  };
  const activities = useMemo(() => (filter.scope ? activitiesOf(filter.scope) : []), [plan, filter.scope]);
  const change = (patch: Partial<Filter>) => setFilter((f) => ({ ...f, page: 0, ...patch }));

  // The person filter is typed: it applies when typing pauses.
  useEffect(() => {
    if (person === filter.person) return;
    const t = setTimeout(() => change({ person }), 400);
    return () => clearTimeout(t);
  }, [person]);

  useEffect(() => {
    writeParams({ arena: filter.scope, activity: filter.activity, person: filter.person, strategy: filter.strategy, from: filter.from, to: filter.to, page: filter.page ? String(filter.page) : '' });
    let current = true;
    setData(undefined);
    const { scope, activity, ...rest } = filter;
    fetchHistory({ ...rest, ...(scope ? { scope } : {}), ...(scope && activity ? { activity } : {}), size: PAGE_SIZE })
      .then((d) => current && (setData(d), setProblem(undefined)))
      .catch((e: unknown) => current && setProblem(e instanceof Error ? e.message : String(e)));
    return () => {
      current = false;
    };
  }, [filter, plan]);

  return (
    <section className={ui.view} aria-labelledby="historik-rubrik">
      <Title2 as="h2" id="historik-rubrik">Historik</Title2>
      <div className={ui.filterGrid} role="search" aria-label="Filtrera historiken">
        <Field label="Arena">
          <Select value={filter.scope} onChange={(_e, d) => change({ scope: d.value, activity: '' })}>
            <option value="">Alla</option>
            {plan.arenas.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
          </Select>
        </Field>
        <Field label="Aktivitet">
          <Select value={filter.activity} disabled={!filter.scope} onChange={(_e, d) => change({ activity: d.value })}>
            <option value="">{filter.scope ? 'Alla aktiviteter' : 'Välj arena först'}</option>
            {activities.map((a) => <option key={a.id} value={a.id}>{a.title}</option>)}
          </Select>
        </Field>
        <Field label="Strategi">
          <Select value={filter.strategy} onChange={(_e, d) => change({ strategy: d.value })}>
            <option value="">Alla strategier</option>
            {plan.strategies.map((s) => <option key={s.id} value={s.id}>{s.number}. {s.title}</option>)}
          </Select>
        </Field>
        <Field label="Person">
          <Input value={person} onChange={(_e, d) => setPerson(d.value)} placeholder="Namn" />
        </Field>
        <Field label="Från och med">
          <Input type="date" value={filter.from} onChange={(_e, d) => change({ from: d.value })} />
        </Field>
        <Field label="Till och med">
          <Input type="date" value={filter.to} onChange={(_e, d) => change({ to: d.value })} />
        </Field>
      </div>
      {problem && (
        <MessageBar intent="error">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      )}
      {!data && !problem && <Loading label="Laddar historiken …" />}
      {data && data.events.length === 0 && <Text role="status">Inga ändringar som passar filtret.</Text>}
      {data && data.events.length > 0 && (
        <ol className={styles.list} aria-label="Ändringar, nyaste först">
          {data.events.map((e) => (
            <li key={e.key} className={ui.card} data-history={e.subActivityId ? `${e.scopeId}/${e.subActivityId}` : e.key} data-kind={e.kind}>
              <div>
                <Text weight="semibold">{e.title}</Text>
                <Text block size={200} className={ui.muted}>
                  {KIND[e.kind]}
                  {e.parent ? ` · ${e.kind === 'change' ? 'i aktiviteten ' : ''}${e.parent}` : ''}
                </Text>
              </div>
              <ul className={styles.lines}>
                {e.lines.map((l) => <li key={l}>{l}</li>)}
                {e.comment && <li>Kommentar: {e.comment}</li>}
              </ul>
              <Text size={200} className={ui.muted}>
                {formatDateTime(e.at)} · {e.actor || 'okänd'} · {arenaName(plan, e.scopeId)}
              </Text>
            </li>
          ))}
        </ol>
      )}
      <nav className={ui.filters} aria-label="Sidor">
        <Button disabled={filter.page === 0} onClick={() => setFilter((f) => ({ ...f, page: f.page - 1 }))}>Nyare</Button>
        <Text>Sida {filter.page + 1}</Text>
        <Button disabled={!data?.hasMore} onClick={() => setFilter((f) => ({ ...f, page: f.page + 1 }))}>Äldre</Button>
      </nav>
    </section>
  );
}
