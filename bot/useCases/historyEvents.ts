// Changes of every kind as HistoryEvents: status, note and answer changes of sub-activities
// (history rows), new and adopted local activities (their createdAt/createdBy) and effect-measure
// reports (each report of a period is kept). Historik (bot/api/tabHistory.ts) pages through them;
// the meeting brief and the report take the events of a time window with eventsBetween.
import type { HistoryEntry } from '../domain/activityState';
import { describeChange } from '../domain/format';
import type { HistoryEvent } from '../domain/historyEvents';
import { periodTitle } from '../domain/measurePeriods';
import { formatAmount } from '../domain/measureValues';
import type { ActivityView, PlanView } from '../domain/planView';
import { isStatusId } from '../domain/status';
import type { ActivityStore } from '../storage/activityStore';
import type { MeasureStore } from '../storage/measureStore';
import type { PlanStore } from '../storage/planStore';
import type { RevisionStore } from '../storage/revisionStore';

export interface HistoryEventDeps {
  plan: PlanStore;
  activities: ActivityStore;
  measures?: MeasureStore;
  /** The arenas' local revisions (plan 1.6), where the caller has the revision store. */
  revisions?: Pick<RevisionStore, 'currentId' | 'localRevisionHistory'>;
}

/** What the history needs of the plan: its activities, to name parents. */
export type HistoryPlan = Pick<PlanView, 'strategies' | 'arenas'>;
type Located = { activity: ActivityView; scopeId: string };

export const newestFirst = (a: HistoryEvent, b: HistoryEvent) => b.at.localeCompare(a.at) || b.key.localeCompare(a.key);

/**
 * The plan's activities with their state but without history rows. With arena ids, only those
 * arenas are read (an arena's plan is two partition queries, the county's one); the strategies
 * then carry the county's Bilaga 1 only when the county is one of them (an arena's Bilaga 1 is its
 * own follow-up, in its `bilaga1`).
 */
export async function historyPlan(plan: PlanStore, arenaIds?: readonly string[]): Promise<HistoryPlan> {
  const content = await plan.content();
  const county = content.arenas.find((a) => a.kind === 'county');
  const wanted = arenaIds ? content.arenas.filter((a) => arenaIds.includes(a.id)) : content.arenas;
  const plans = new Map(await Promise.all(wanted.map(async (a) => [a.id, await plan.arenaPlan(a)] as const)));
  const countyActivities = county ? plans.get(county.id)?.bilaga1 : [];
  return {
    strategies: content.strategies.map((s) => ({ ...s, activities: (countyActivities ?? []).filter((a) => a.strategyId === s.id) })),
    arenas: wanted.map((a) => ({ ...a, activities: plans.get(a.id)?.local ?? [], bilaga1: a.kind === 'county' ? [] : (plans.get(a.id)?.bilaga1 ?? []) })),
  };
}

/** Where each sub-activity of the plan lives: `${scopeId}/${subId}` → its activity. */
export function locate(view: HistoryPlan): Map<string, Located> {
  const map = new Map<string, Located>();
  const add = (scopeId: string, activity: ActivityView) => {
    for (const d of activity.subActivities) map.set(`${scopeId}/${d.id}`, { activity, scopeId });
  };
  const county = view.arenas.find((a) => a.kind === 'county')?.id ?? 'lan';
  for (const s of view.strategies) for (const a of s.activities) add(county, a);
  // An arena's changes are to its local activities or to its own follow-up of Bilaga 1.
  for (const arena of view.arenas) for (const a of [...arena.activities, ...arena.bilaga1]) add(arena.id, a);
  return map;
}

/** The key of a history row's event (Historik pairs entries with events by it). */
export const changeKey = (e: Pick<HistoryEntry, 'scopeId' | 'subActivityId' | 'version'>) => `c/${e.scopeId}/${e.subActivityId}/${e.version}`;

/** A history row of a sub-activity as an event. */
export function changeEvent(e: HistoryEntry, located: Map<string, Located>): HistoryEvent {
  const where = located.get(`${e.scopeId}/${e.subActivityId}`);
  const sub = where?.activity.subActivities.find((d) => d.id === e.subActivityId);
  const status = e.changes.find((c) => c.field === 'status');
  return {
    kind: 'change',
    key: changeKey(e),
    at: e.at,
    actor: e.actor.name,
    scopeId: e.scopeId,
    ...(where ? { strategyId: where.activity.strategyId, parent: where.activity.title, activityId: where.activity.id } : {}),
    subActivityId: e.subActivityId,
    title: sub?.title ?? e.subActivityId,
    lines: e.changes.length ? e.changes.map(describeChange) : ['Kommentar'],
    ...(e.comment ? { comment: e.comment } : {}),
    ...(status && isStatusId(status.from) && isStatusId(status.to) ? { status: { from: status.from, to: status.to } } : {}),
  };
}

/** New and adopted local activities of the arenas (all, or those that `keep` accepts). */
export function activityEvents(view: HistoryPlan, keep: (arenaId: string, activity: ActivityView) => boolean = () => true): HistoryEvent[] {
  const strategyTitle = strategyTitles(view);
  const events: HistoryEvent[] = [];
  for (const arena of view.arenas) {
    for (const a of arena.activities) {
      if (!a.createdAt || !keep(arena.id, a)) continue;
      events.push({
        kind: a.recommendationId ? 'activityAdopted' : 'activityCreated',
        key: `a/${arena.id}/${a.id}`,
        at: a.createdAt,
        actor: a.createdBy ?? '',
        scopeId: arena.id,
        strategyId: a.strategyId,
        title: a.title,
        parent: strategyTitle.get(a.strategyId) ?? '',
        activityId: a.id,
        lines: [a.recommendationId ? 'Antog planens rekommendation som lokal aktivitet' : 'Lade till en egen aktivitet', `Prioritet ${a.period.label}`],
      });
    }
  }
  return events;
}

/** Every report of an effect-measure value (of the arenas `keep` accepts): one partition query. */
export async function measureEvents(measures: MeasureStore | undefined, view: HistoryPlan, keep: (arenaId: string) => boolean = () => true): Promise<HistoryEvent[]> {
  if (!measures) return [];
  const strategyTitle = strategyTitles(view);
  const list = view.strategies.flatMap((s) => s.effectMeasures.map((m) => ({ m, strategyId: s.id })));
  const values = await measures.allValues(list.map((x) => x.m.id));
  const events: HistoryEvent[] = [];
  for (const { m, strategyId } of list) {
    for (const v of values.get(m.id) ?? []) {
      if (!keep(v.arenaId)) continue;
      for (const h of v.history) {
        events.push({
          kind: 'measureReport',
          key: `m/${m.id}/${v.periodId}/${v.arenaId}/${h.version}`,
          at: h.reportedAt,
          actor: h.reportedBy,
          scopeId: v.arenaId,
          strategyId,
          title: m.title,
          parent: strategyTitle.get(strategyId) ?? '',
          lines: [`${h.version > 1 ? 'Rättade' : 'Rapporterade'} ${periodTitle(v.periodId).toLocaleLowerCase('sv-SE')}: ${h.values.map((c) => (c.category ? `${c.category} ${formatAmount(c.value, c.decimals)}` : formatAmount(c.value, c.decimals))).join(', ')}`],
          ...(h.comment ? { comment: h.comment } : {}),
        });
      }
    }
  }
  return events;
}

/**
 * Every record of an arena's local revision in the current revision (each correction kept), of the
 * arenas `keep` accepts: one range read of the revision's partition.
 */
export async function localRevisionEvents(revisions: HistoryEventDeps['revisions'], view: HistoryPlan, keep: (arenaId: string) => boolean = () => true): Promise<HistoryEvent[]> {
  if (!revisions) return [];
  const revisionId = await revisions.currentId();
  if (!revisionId) return [];
  const names = new Map(view.arenas.map((a) => [a.id, a.name]));
  return (await revisions.localRevisionHistory(revisionId))
    .filter((r) => keep(r.arenaId))
    .map((r) => ({
      kind: 'localRevision' as const,
      key: `r/${revisionId}/${r.arenaId}/${r.version}`,
      at: r.at,
      actor: r.by,
      scopeId: r.arenaId,
      title: `${names.get(r.arenaId) ?? r.arenaId}s lokala plan`,
      parent: `Revidering ${revisionId}`,
      lines: [`${r.version > 1 ? 'Rättade: l' : 'L'}okal plan reviderad ${r.date} · ${r.reference}`, `Ändrat: ${r.changes}`],
    }));
}

export interface EventsQuery {
  /** The scopes (arena ids; the county's is its Bilaga 1) whose sub-activity changes and new activities count. */
  scopes: readonly string[];
  /** Strictly after this moment … */
  from: Date;
  /** … and at or before this one. */
  to: Date;
  /** Whose effect-measure reports count: the scopes' by default, or every arena's. */
  measureArenas?: readonly string[] | 'all';
  /** The plan as already read for these scopes (historyPlan), to read it only once. */
  plan?: HistoryPlan;
}

/** How many scopes' changes are read at the same time. */
const SCOPE_READS_AT_ONCE = 4;

/** `read` of every item, at most `limit` at a time, in the items' order. */
async function inTurns<T, R>(items: readonly T[], limit: number, read: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await read(items[i]!);
  }));
  return results;
}

/**
 * Every change of the scopes in a time window, newest first. Costs one range read of each scope's
 * feed (only the window's rows), the scopes' plans (unless given) and the measure values' partition:
 * never every arena's partition for one arena's window.
 */
export async function eventsBetween(deps: HistoryEventDeps, query: EventsQuery): Promise<HistoryEvent[]> {
  const { scopes, from, to } = query;
  const measureArenas = query.measureArenas ?? scopes;
  const [view, entries] = await Promise.all([
    query.plan ?? historyPlan(deps.plan, scopes),
    // A few at a time: every request has a deadline (bot/storage/deadline.ts), and 300 arenas'
    // reads sent at once would wait in the store's queue past it (the year's report at scale).
    inTurns(scopes, SCOPE_READS_AT_ONCE, (s) => deps.activities.changesBetween(s, from, to)).then((x) => x.flat()),
  ]);
  const inWindow = (at: string) => at > from.toISOString() && at <= to.toISOString();
  const located = locate(view);
  const events = [
    ...entries.map((e) => changeEvent(e, located)),
    ...activityEvents(view, (arenaId, a) => scopes.includes(arenaId) && inWindow(a.createdAt!)),
    ...(await measureEvents(deps.measures, view, (arenaId) => measureArenas === 'all' || measureArenas.includes(arenaId))).filter((e) => inWindow(e.at)),
    ...(await localRevisionEvents(deps.revisions, view, (arenaId) => scopes.includes(arenaId))).filter((e) => inWindow(e.at)),
  ];
  return events.sort(newestFirst);
}

function strategyTitles(view: HistoryPlan): Map<string, string> {
  return new Map(view.strategies.map((s) => [s.id, `Strategi ${s.number}: ${s.title}`]));
}
