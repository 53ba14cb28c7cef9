// Handlingsplan (Bilaga 1): every county-wide activity and sub-activity, and each arena's own,
// with priority period, status, note, measure, target and last change; filters for strategy,
// status, period and arena, and free-text search. With one arena chosen (its channel tab opens on
// it), that arena's own follow-up of Bilaga 1 (plan 7.3) comes first, beside the county's status.
import { answerText } from '../../../bot/domain/measureQuestions';
import { useMemo, useState } from 'react';
import { Field } from '@fluentui/react-field';
import { Input } from '@fluentui/react-input';
import { Select } from '@fluentui/react-select';
import { Subtitle1, Text, Title2, Title3 } from '@fluentui/react-text';
import { tokens } from '@fluentui/react-theme';
import { makeStyles } from '@griffel/react';
import { isOverdue } from '../../../bot/domain/overview';
import type { ActivityView, SubActivityView } from '../../../bot/domain/planView';
import { STATUSES } from '../../../bot/domain/status';
import type { PlanApiView } from '../api';
import { useLayout } from '../ui';
import { readParam } from '../urlState';
import { SubActivityTable, type EditProps } from './SubActivityTable';
import { WORDS } from '../../../bot/domain/glossary';

interface Part {
  key: string;
  /** A heading of its own where a scope has two parts (an arena: its Bilaga 1 follow-up and its own). */
  heading?: string;
  activities: ActivityView[];
  /** Said when the filter leaves nothing. */
  empty: string;
}

interface Scope {
  id: string;
  name: string;
  parts: Part[];
}

// An activity under an arena's part heading is one level down (h5), set like the h4 it would be.
const useStyles = makeStyles({ activityUnderPart: { margin: 0, fontSize: tokens.fontSizeBase300, overflowWrap: 'break-word' } });

const fold = (s: string) => s.toLocaleLowerCase('sv-SE');

/** The status filter's extra choices: overdue work, whatever its status; work nobody has followed up yet. */
const OVERDUE = 'forsenad';
const NOT_FOLLOWED_UP = 'ej-uppfoljd';

/** What the list shows as "Ej uppföljd" (ui.tsx SubStatus): not followed up, and not set aside by the arena. */
const notFollowedUp = (d: SubActivityView) => !d.followedUp && !d.notApplicable && !d.endedLocally;

export function ActionPlan({ plan, arena, ...edit }: EditProps & { plan: PlanApiView; arena?: string }) {
  const ui = useLayout();
  const styles = useStyles();
  const [strategy, setStrategy] = useState('');
  const [status, setStatus] = useState(() => (readParam('status') === OVERDUE || readParam('status') === NOT_FOLLOWED_UP || STATUSES.some((s) => s.id === readParam('status')) ? readParam('status') : ''));
  const [period, setPeriod] = useState('');
  const [scope, setScope] = useState(arena && plan.arenas.some((a) => a.id === arena) ? arena : '');
  const [search, setSearch] = useState('');

  const scopes: Scope[] = useMemo(
    // Bilaga 1 (the county) first, then the arenas in the plan's order.
    () =>
      [...plan.arenas.filter((a) => a.kind === 'county'), ...plan.arenas.filter((a) => a.kind !== 'county')].map((a): Scope =>
        a.kind === 'county'
          ? { id: a.id, name: WORDS.bilaga1Ref, parts: [{ key: 'own', activities: plan.strategies.flatMap((s) => s.activities), empty: 'Inga aktiviteter passar filtret.' }] }
          : {
              id: a.id,
              name: a.name,
              parts: [
                // Only for the chosen arena: eight copies of Bilaga 1 would bury everything else.
                ...(a.id === scope ? [{ key: 'bilaga1', heading: `Bilaga 1 som ${a.name} följer upp`, activities: a.bilaga1, empty: 'Ingen delaktivitet i Bilaga 1 passar filtret.' }] : []),
                { key: 'own', ...(a.id === scope ? { heading: `${a.name}s egna aktiviteter` } : {}), activities: a.activities, empty: `${a.name} har inga egna aktiviteter som passar filtret.` },
              ],
            },
      ),
    [plan, scope],
  );
  const periods = [...new Set(scopes.flatMap((s) => s.parts.flatMap((p) => p.activities.map((a) => a.period.label))))].sort();
  const needle = fold(search.trim());

  const shown = scopes
    .filter((s) => !scope || s.id === scope)
    .map((s) => ({
      ...s,
      parts: s.parts.map((part) => ({
        ...part,
        activities: part.activities
          .filter((a) => (!strategy || a.strategyId === strategy) && (!period || a.period.label === period))
          .map((a) => ({
            activity: a,
            subs: a.subActivities.filter(
              (d) =>
                (!status || d.status === status || (status === OVERDUE && isOverdue(a, d, edit.today)) || (status === NOT_FOLLOWED_UP && notFollowedUp(d))) &&
                (!needle || fold([a.title, d.title, ...d.details, d.statusNote, d.measure, d.target, answerText(d)].join(' ')).includes(needle)),
            ),
          }))
          .filter((x) => x.subs.length > 0),
      })),
    }))
    .filter((s) => s.parts.some((p) => p.activities.length > 0) || s.id === scope);
  const count = shown.reduce((n, s) => n + s.parts.reduce((m, p) => m + p.activities.reduce((k, a) => k + a.subs.length, 0), 0), 0);
  const strategyName = (id: string) => plan.strategies.find((s) => s.id === id);

  return (
    <section className={ui.view} aria-labelledby="handlingsplan-rubrik">
      <Title2 as="h2" id="handlingsplan-rubrik">Handlingsplan</Title2>
      <div className={ui.filterGrid} role="search">
        <Field label="Strategi">
          <Select value={strategy} onChange={(_e, d) => setStrategy(d.value)}>
            <option value="">Alla strategier</option>
            {plan.strategies.map((s) => <option key={s.id} value={s.id}>{s.number}. {s.title}</option>)}
          </Select>
        </Field>
        <Field label="Status">
          <Select value={status} onChange={(_e, d) => setStatus(d.value)}>
            <option value="">Alla</option>
            {STATUSES.map((s) => <option key={s.id} value={s.id}>{s.label}</option>)}
            <option value={OVERDUE}>Försenade</option>
            <option value={NOT_FOLLOWED_UP}>Ej uppföljda</option>
          </Select>
        </Field>
        <Field label="Prioritet">
          <Select value={period} onChange={(_e, d) => setPeriod(d.value)}>
            <option value="">Alla perioder</option>
            {periods.map((p) => <option key={p} value={p}>{p}</option>)}
          </Select>
        </Field>
        <Field label="Arena">
          <Select value={scope} onChange={(_e, d) => setScope(d.value)}>
            <option value="">Alla</option>
            {scopes.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </Select>
        </Field>
        <Field label="Sök">
          <Input type="search" value={search} onChange={(_e, d) => setSearch(d.value)} placeholder="Sök i aktiviteter" />
        </Field>
      </div>
      <Text role="status">{count} delaktiviteter visas.</Text>
      {shown.map((s) => (
        <div key={s.id} className={ui.section}>
          <Title3 as="h3">{s.name}</Title3>
          {s.parts.map((part) => (
            <div key={part.key} className={ui.section} data-part={part.key}>
              {part.heading && <Subtitle1 as="h4">{part.heading}</Subtitle1>}
              {part.key === 'bilaga1' && (
                <Text className={ui.muted}>
                  Planens avsnitt 7.3: arenan följer upp {WORDS.bilaga1Definite} på verksamhetsnära nivå. Här står arenans egen status, med länets status bredvid.
                </Text>
              )}
              {part.activities.length === 0 && <Text>{part.empty}</Text>}
              {part.activities.map(({ activity, subs }) => {
                const st = strategyName(activity.strategyId);
                const Heading = part.heading ? 'h5' : 'h4';
                return (
                  <article key={activity.id} className={ui.card} data-activity={activity.id}>
                    <Heading className={part.heading ? styles.activityUnderPart : undefined}>{activity.title}</Heading>
                    <Text className={ui.muted}>
                      {st ? `Strategi ${st.number}: ${st.title}` : ''} · Prioritet {activity.period.label}
                    </Text>
                    <SubActivityTable activity={activity} subs={subs} {...edit} />
                  </article>
                );
              })}
            </div>
          ))}
        </div>
      ))}
    </section>
  );
}
