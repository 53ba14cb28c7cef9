// Every kind of change as one list of events: the status, note and answer changes of
// sub-activities (history rows), new and adopted local activities (their createdAt/createdBy),
// effect-measure reports (each report of a period is kept), channel links and reminder settings
// (ChannelStore's change rows). Every event names its item and the parent (activity or strategy),
// the arena, who and when. Read by Historik (bot/api/tabHistory.ts, a page at a time) and by the
// yearly report (bot/useCases/yearReport.ts, the changes of its period).
import type { HistoryEntry } from '../domain/activityState';
import type { HistoryEvent } from '../domain/historyEvents';
import { describeChange } from '../domain/format';
import { periodTitle } from '../domain/measurePeriods';
import type { ActivityView, PlanView } from '../domain/planView';
import type { ActivityStore } from '../storage/activityStore';
import type { ChannelStore } from '../storage/channelStore';
import type { MeasureStore } from '../storage/measureStore';
import type { PlanStore } from '../storage/planStore';

export interface HistoryEventsDeps {
  plan: PlanStore;
  activities: ActivityStore;
  measures?: MeasureStore;
  channels?: ChannelStore;
}

/** Which events: all filters optional; days are YYYY-MM-DD, compared as Swedish calendar days. */
export interface HistoryQuery {
  scope?: string | undefined;
  activity?: string | undefined;
  sub?: string | undefined;
  person?: string | undefined;
  strategy?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** Rows read per arena when a filter (person, strategy, dates) is applied after reading. */
export const FILTER_WINDOW = 500;

/** What the history needs of the plan: its activities, to name parents. */
type HistoryPlan = Pick<PlanView, 'strategies' | 'arenas'>;
type Located = { activity: ActivityView; scopeId: string };

const newestFirst = (a: HistoryEvent, b: HistoryEvent) => b.at.localeCompare(a.at) || b.key.localeCompare(a.key);

/**
 * The events that match the query, newest first, with the sub-activity changes they came from.
 * `need` is how many change rows are read per arena (the newest ones).
 */
export async function historyEvents(deps: HistoryEventsDeps, q: HistoryQuery, need: number): Promise<{ events: HistoryEvent[]; entries: HistoryEntry[] }> {
  const view = await planWithoutHistory(deps.plan);
  const strategyTitle = new Map(view.strategies.map((s) => [s.id, `Strategi ${s.number}: ${s.title}`]));
  const located = locate(view);

  const entries = await changeEntries(deps, view, q, need);
  const events: HistoryEvent[] = entries.map((e) => {
    const where = located.get(`${e.scopeId}/${e.subActivityId}`);
    const sub = where?.activity.subActivities.find((d) => d.id === e.subActivityId);
    return {
      kind: 'change',
      key: `c/${e.scopeId}/${e.subActivityId}/${e.version}`,
      at: e.at,
      actor: e.actor.name,
      scopeId: e.scopeId,
      ...(where ? { strategyId: where.activity.strategyId, parent: where.activity.title, activityId: where.activity.id } : {}),
      subActivityId: e.subActivityId,
      title: sub?.title ?? e.subActivityId,
      lines: e.changes.length ? e.changes.map(describeChange) : ['Kommentar'],
      ...(e.comment ? { comment: e.comment } : {}),
    };
  });

  // Without a sub-activity filter, the other kinds of change are part of the history too.
  if (!q.sub) {
    for (const arena of view.arenas) {
      if (q.scope && arena.id !== q.scope) continue;
      for (const a of arena.activities) {
        if (!a.createdAt || (q.activity && a.id !== q.activity)) continue;
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
    if (!q.activity) {
      events.push(...(await measureEvents(deps, view, q, strategyTitle)), ...(await channelEvents(deps, view, q)));
    }
  }

  const from = q.from ? `${q.from}T00:00:00` : undefined;
  const to = q.to ? `${q.to}T23:59:59.999` : undefined;
  const person = q.person?.toLocaleLowerCase('sv-SE');
  const kept = events
    .filter((e) => (!q.strategy || e.strategyId === q.strategy) && (!person || e.actor.toLocaleLowerCase('sv-SE').includes(person)))
    // Dates are compared as Swedish calendar days.
    .filter((e) => (!from || stockholmIso(e.at) >= from) && (!to || stockholmIso(e.at) <= to))
    .sort(newestFirst);
  return { events: kept, entries };
}

/** The plan's activities with their state but without history rows (the history is read below). */
async function planWithoutHistory(plan: PlanStore): Promise<HistoryPlan> {
  const content = await plan.content();
  const plans = new Map(await Promise.all(content.arenas.map(async (a) => [a.id, await plan.arenaPlan(a)] as const)));
  const county = content.arenas.find((a) => a.kind === 'county');
  const countyActivities = county ? (plans.get(county.id)?.bilaga1 ?? []) : [];
  return {
    strategies: content.strategies.map((s) => ({ ...s, activities: countyActivities.filter((a) => a.strategyId === s.id) })),
    arenas: content.arenas.map((a) => ({ ...a, activities: plans.get(a.id)?.local ?? [], bilaga1: a.kind === 'county' ? [] : (plans.get(a.id)?.bilaga1 ?? []) })),
  };
}

async function changeEntries(deps: HistoryEventsDeps, view: HistoryPlan, q: HistoryQuery, need: number): Promise<HistoryEntry[]> {
  if (q.scope && q.sub) return deps.activities.history(q.scope, q.sub, need);
  if (q.scope && q.activity) {
    const activity = (await deps.plan.scope(q.scope)).find((a) => a.id === q.activity);
    return (await Promise.all((activity?.subActivities ?? []).map((d) => deps.activities.history(q.scope!, d.id, need)))).flat();
  }
  const scopes = q.scope ? view.arenas.filter((a) => a.id === q.scope) : view.arenas;
  return (await Promise.all(scopes.map((a) => deps.activities.latestChanges(a.id, need)))).flat();
}

function locate(view: HistoryPlan): Map<string, Located> {
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

async function measureEvents(deps: HistoryEventsDeps, view: HistoryPlan, q: HistoryQuery, strategyTitle: Map<string, string>): Promise<HistoryEvent[]> {
  if (!deps.measures) return [];
  const measures = view.strategies.flatMap((s) => s.effectMeasures.map((m) => ({ m, strategyId: s.id })));
  const values = await deps.measures.allValues(measures.map((x) => x.m.id));
  const events: HistoryEvent[] = [];
  for (const { m, strategyId } of measures) {
    for (const v of values.get(m.id) ?? []) {
      if (q.scope && v.arenaId !== q.scope) continue;
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
          lines: [`${h.version > 1 ? 'Rättade' : 'Rapporterade'} ${periodTitle(v.periodId).toLocaleLowerCase('sv-SE')}: ${h.values.map((c) => (c.category ? `${c.category} ${c.value}` : String(c.value))).join(', ')}`],
          ...(h.comment ? { comment: h.comment } : {}),
        });
      }
    }
  }
  return events;
}

async function channelEvents(deps: HistoryEventsDeps, view: HistoryPlan, q: HistoryQuery): Promise<HistoryEvent[]> {
  if (!deps.channels || q.strategy) return [];
  const arenas = new Map(view.arenas.map((a) => [a.id, a.name]));
  const channelTitle = (c: { channelName: string; teamName: string }) => `Kanalen ${c.channelName || '(namn okänt)'}${c.teamName ? ` i ${c.teamName}` : ''}`;
  const logged = (await deps.channels.changes(FILTER_WINDOW)).filter((c) => c.arenaId && (!q.scope || c.arenaId === q.scope));
  const events: HistoryEvent[] = logged.map((c) => ({
    kind: c.kind === 'link' ? ('channelLinked' as const) : ('reminderSettings' as const),
    key: `l/${c.channelId}/${c.at}/${c.kind}`,
    at: c.at,
    actor: c.by,
    scopeId: c.arenaId,
    title: channelTitle(c),
    parent: c.kind === 'link' ? 'Kanalkoppling' : 'Påminnelser',
    lines: [c.kind === 'link' ? `Kopplades till ${arenas.get(c.arenaId) ?? c.arenaId}` : `Påminnelserna ändrades: ${c.summary}`],
  }));
  // Links made before the change log existed: the channel row keeps the latest one.
  const seen = new Set(logged.filter((c) => c.kind === 'link').map((c) => `${c.channelId}/${c.at}`));
  for (const c of await deps.channels.all()) {
    if (!c.arenaId || !c.linkedAt || (q.scope && c.arenaId !== q.scope) || seen.has(`${c.channelId}/${c.linkedAt}`)) continue;
    if (logged.some((l) => l.kind === 'link' && l.channelId === c.channelId)) continue;
    events.push({ kind: 'channelLinked', key: `l/${c.channelId}/${c.linkedAt}/link`, at: c.linkedAt, actor: c.linkedBy ?? '', scopeId: c.arenaId, title: channelTitle(c), parent: 'Kanalkoppling', lines: [`Kopplades till ${arenas.get(c.arenaId) ?? c.arenaId}`] });
  }
  return events;
}

const stockholm = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/** "2026-11-25T17:05:00" in Swedish time, for comparing with a day range. */
function stockholmIso(iso: string): string {
  const p = Object.fromEntries(stockholm.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
}
