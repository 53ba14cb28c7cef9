// GET /api/history: every kind of change, newest first, a page at a time. Besides the status,
// note and answer changes of sub-activities (history rows), it reads what is kept elsewhere:
// new and adopted local activities (their createdAt/createdBy), effect-measure reports (each
// report of a period is kept), channel links and reminder settings (ChannelStore's change rows). Every
// event names its item and the parent (activity or strategy), the arena, who and when.
// Filters: arena (scope), activity, sub-activity, person, strategy and a date range.
import { z } from 'zod';
import type { HistoryEntry } from '../domain/activityState';
import type { HistoryEvent, HistoryPage } from '../domain/historyEvents';
import { idSchema } from '../domain/validation';
import type { ActivityStore } from '../storage/activityStore';
import type { ChannelStore } from '../storage/channelStore';
import type { MeasureStore } from '../storage/measureStore';
import type { PlanStore } from '../storage/planStore';
import { activityEvents, changeEvent, changeKey, historyPlan, localRevisionEvents, locate, measureEvents, newestFirst, type HistoryPlan } from '../useCases/historyEvents';
import type { RevisionStore } from '../storage/revisionStore';

export type { HistoryEvent, HistoryPage };

export const HISTORY_PAGE_MAX = 100;
/** Rows read per arena when a filter (person, strategy, dates) is applied after reading. */
const FILTER_WINDOW = 500;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'datum skrivs ÅÅÅÅ-MM-DD');
const querySchema = z
  .object({
    scope: idSchema.optional(),
    activity: idSchema.optional(),
    sub: idSchema.optional(),
    person: z.string().trim().max(100).optional(),
    strategy: idSchema.optional(),
    from: day.optional(),
    to: day.optional(),
    page: z.coerce.number().int().min(0).max(1000).default(0),
    size: z.coerce.number().int().min(1).max(HISTORY_PAGE_MAX).default(20),
  })
  .refine((q) => q.scope || (!q.activity && !q.sub), 'Välj en arena för att filtrera på aktivitet.');

export type HistoryResult = { ok: true; page: HistoryPage } | { ok: false; errors: string[] };

interface Deps {
  plan: PlanStore;
  activities: ActivityStore;
  measures?: MeasureStore;
  channels?: ChannelStore;
  revisions?: Pick<RevisionStore, 'currentId' | 'localRevisionHistory'>;
}

type Query = z.infer<typeof querySchema>;

export async function historyPage(deps: Deps, query: unknown): Promise<HistoryResult> {
  const parsed = querySchema.safeParse(query ?? {});
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => i.message) };
  const q = parsed.data;
  const filtered = Boolean(q.person || q.strategy || q.from || q.to);
  const need = filtered ? FILTER_WINDOW : (q.page + 1) * q.size + 1;
  const view = await historyPlan(deps.plan);
  const located = locate(view);

  const entries = await changeEntries(deps, view, q, need);
  const events: HistoryEvent[] = entries.map((e) => changeEvent(e, located));

  // Without a sub-activity filter, the other kinds of change are part of the history too.
  if (!q.sub) {
    events.push(...activityEvents(view, (arenaId, a) => (!q.scope || arenaId === q.scope) && (!q.activity || a.id === q.activity)));
    if (!q.activity) {
      events.push(
        ...(await measureEvents(deps.measures, view, (arenaId) => !q.scope || arenaId === q.scope)),
        ...(await channelEvents(deps, view, q)),
        ...(await localRevisionEvents(deps.revisions, view, (arenaId) => !q.scope || arenaId === q.scope)),
      );
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
  const start = q.page * q.size;
  const pageEvents = kept.slice(start, start + q.size);
  const keys = new Set(pageEvents.filter((e) => e.kind === 'change').map((e) => e.key));
  return {
    ok: true,
    page: {
      events: pageEvents,
      entries: entries.filter((e) => keys.has(changeKey(e))).sort((a, b) => b.at.localeCompare(a.at) || b.version - a.version),
      page: q.page,
      size: q.size,
      hasMore: kept.length > start + q.size,
    },
  };
}

async function changeEntries(deps: Deps, view: HistoryPlan, q: Query, need: number): Promise<HistoryEntry[]> {
  if (q.scope && q.sub) return deps.activities.history(q.scope, q.sub, need);
  if (q.scope && q.activity) {
    const activity = (await deps.plan.scope(q.scope)).find((a) => a.id === q.activity);
    return deps.activities.historyOf(q.scope, (activity?.subActivities ?? []).map((d) => d.id), need);
  }
  const scopes = q.scope ? view.arenas.filter((a) => a.id === q.scope) : view.arenas;
  return (await Promise.all(scopes.map((a) => deps.activities.latestChanges(a.id, need)))).flat();
}

async function channelEvents(deps: Deps, view: HistoryPlan, q: Query): Promise<HistoryEvent[]> {
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
