// Historik: every change, newest first, filterable by arena and activity, a page at a time.
import { useEffect, useMemo, useState } from 'react';
import { Button, Field, MessageBar, MessageBarBody, Select, Spinner, Text, Title2 } from '@fluentui/react-components';
import { describeChange, formatDateTime } from '../../../bot/domain/format';
import { fetchHistory, type HistoryPage, type PlanApiView } from '../api';
import { arenaName, useLayout } from '../ui';

const PAGE_SIZE = 20;

export function History({ plan, arena }: { plan: PlanApiView; arena?: string }) {
  const ui = useLayout();
  const [scope, setScope] = useState(arena && plan.arenas.some((a) => a.id === arena) ? arena : '');
  const [activity, setActivity] = useState('');
  const [page, setPage] = useState(0);
  const [data, setData] = useState<HistoryPage>();
  const [problem, setProblem] = useState<string>();

  const activitiesOf = (id: string) => {
    const a = plan.arenas.find((x) => x.id === id);
    return a?.kind === 'county' ? plan.strategies.flatMap((s) => s.activities) : (a?.activities ?? []);
  };
  const titles = useMemo(() => {
    const map = new Map<string, string>();
    for (const a of plan.arenas) for (const act of activitiesOf(a.id)) for (const d of act.subActivities) map.set(`${a.id}/${d.id}`, d.title);
    return map;
  }, [plan]);

  useEffect(() => {
    let current = true;
    setData(undefined);
    fetchHistory({ ...(scope ? { scope } : {}), ...(scope && activity ? { activity } : {}), page, size: PAGE_SIZE })
      .then((d) => current && (setData(d), setProblem(undefined)))
      .catch((e: unknown) => current && setProblem(e instanceof Error ? e.message : String(e)));
    return () => {
      current = false;
    };
  }, [scope, activity, page, plan]);

  return (
    <section className={ui.view} aria-labelledby="historik-rubrik">
      <Title2 as="h2" id="historik-rubrik">Historik</Title2>
      <div className={ui.filters}>
        <Field label="Arena">
          <Select value={scope} onChange={(_e, d) => (setScope(d.value), setActivity(''), setPage(0))}>
            <option value="">Alla</option>
            {plan.arenas.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
          </Select>
        </Field>
        <Field label="Aktivitet">
          <Select value={activity} disabled={!scope} onChange={(_e, d) => (setActivity(d.value), setPage(0))}>
            <option value="">Alla aktiviteter</option>
            {scope && activitiesOf(scope).map((a) => <option key={a.id} value={a.id}>{a.title}</option>)}
          </Select>
        </Field>
      </div>
      {problem && (
        <MessageBar intent="error">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      )}
      {!data && !problem && <Spinner label="Laddar historiken …" />}
      {data && data.entries.length === 0 && <Text>Inga ändringar ännu.</Text>}
      {data && data.entries.length > 0 && (
        <ol className={ui.section} aria-label="Ändringar, nyaste först" style={{ listStyle: 'none', padding: 0 }}>
          {data.entries.map((e) => (
            <li key={`${e.scopeId}/${e.subActivityId}/${e.version}`} className={ui.card} data-history={`${e.scopeId}/${e.subActivityId}`}>
              <Text weight="semibold">{titles.get(`${e.scopeId}/${e.subActivityId}`) ?? e.subActivityId}</Text>
              <div className={ui.muted}>
                {formatDateTime(e.at)} · {e.actor.name} · {arenaName(plan, e.scopeId)}
              </div>
              <ul>
                {e.changes.map((c) => <li key={c.field}>{describeChange(c)}</li>)}
                {e.comment && <li>Kommentar: {e.comment}</li>}
              </ul>
            </li>
          ))}
        </ol>
      )}
      <nav className={ui.filters} aria-label="Sidor">
        <Button disabled={page === 0} onClick={() => setPage((p) => p - 1)}>Nyare</Button>
        <Text>Sida {page + 1}</Text>
        <Button disabled={!data?.hasMore} onClick={() => setPage((p) => p + 1)}>Äldre</Button>
      </nav>
    </section>
  );
}
