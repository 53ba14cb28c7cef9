// The meeting brief (mötesunderlag) of one arena: what changed since the place's last brief, or
// since a date, or (the first time, without a date) in the last DEFAULT_BRIEF_DAYS days. The bot
// gives it and remembers when; the tab's printable page shows any window without remembering.
//
// Whose changes: an arena's channel gets what the arena itself follows up (its local activities,
// its follow-up of Bilaga 1, the measure values reported for it). The county's channel is where
// Fredagsgruppen meets: it gets Bilaga 1 as the county follows it up and every effect-measure value
// reported, the municipalities' too (Fredagsgruppen reports the measures to SVOM, and they are one
// partition read), and what each arena changed in its follow-up and local plan, counted per arena
// with the lines beside: "what changed since last month's meeting?" is asked of the whole plan. That
// costs two requests per arena (its cached plan's stamp and its feed's window), read side by side.
//
// An arena also implements Bilaga 1 locally (plan 7.3), so its brief ends with what the county did
// with those items in the same window: one more range read, of the county's feed for the window.
// The county's Bilaga 1 as it is now comes with the arena's plan (each follow-up carries the
// county's status), so what became overdue at county level costs nothing more.
import { buildMeetingBrief, DEFAULT_BRIEF_DAYS, daysBack, parseSince, type BriefBasis, type MeetingBrief } from '../domain/meetingBrief';
import type { Arena } from '../domain/plan';
import type { HistoryEvent } from '../domain/historyEvents';
import type { ActivityView } from '../domain/planView';
import type { MeetingBriefStore } from '../storage/meetingBriefStore';
import { eventsBetween, historyPlan, type HistoryEventDeps, type HistoryPlan } from './historyEvents';

export interface MeetingBriefDeps extends HistoryEventDeps {
  briefs: MeetingBriefStore;
  now: () => Date;
}

export type BriefOutcome =
  | { kind: 'brief'; brief: MeetingBrief }
  /** The typed date is not a date, or has not come yet: nothing was read or remembered. */
  | { kind: 'refused'; reason: 'format' | 'future'; typed: string };

/**
 * "mötesunderlag [sedan <datum>]" in a place (a channel): the brief, and the place remembers it
 * (a brief from an explicit date too: the next plain one starts from this one). `record: false`
 * (a question such as "vad har hänt sedan förra mötet?"): the same brief, read without moving the window.
 */
export async function giveMeetingBrief(deps: MeetingBriefDeps, request: { placeId: string; arena: Arena; since?: string; by: string; record?: boolean }): Promise<BriefOutcome> {
  const now = deps.now();
  let from: Date;
  let basis: BriefBasis;
  if (request.since !== undefined) {
    const parsed = parseSince(request.since, now);
    if (!parsed.ok) return { kind: 'refused', reason: parsed.reason, typed: parsed.typed };
    from = parsed.from;
    basis = 'date';
  } else {
    const last = await deps.briefs.last(request.placeId);
    // A brief of another arena (the channel was linked anew), or a remembered time after now (a
    // clock set back), is no starting point: start from the default.
    if (last && last.arenaId === request.arena.id && last.at <= now.toISOString()) {
      from = new Date(last.at);
      basis = 'lastBrief';
    } else {
      from = daysBack(now, DEFAULT_BRIEF_DAYS);
      basis = 'default';
    }
  }
  const brief = await briefBetween(deps, { arena: request.arena, from, to: now, basis });
  if (request.record !== false) await deps.briefs.remember(request.placeId, { at: now.toISOString(), from: from.toISOString(), arenaId: request.arena.id, by: request.by });
  return { kind: 'brief', brief };
}

/** The brief of one arena between two moments (the tab's printable page; nothing is remembered). */
export async function briefBetween(deps: HistoryEventDeps, window: { arena: Arena; from: Date; to: Date; basis: BriefBasis }): Promise<MeetingBrief> {
  const { arena, from, to, basis } = window;
  const content = await deps.plan.content();
  // The county's brief reads every arena's plan below; an arena's, its own.
  const plan: HistoryPlan = arena.kind === 'county' ? { strategies: [], arenas: [] } : await historyPlan(deps.plan, [arena.id]);
  const countyArena = arena.kind === 'county' ? undefined : content.arenas.find((a) => a.kind === 'county');
  const base = { arena: { id: arena.id, name: arena.name, kind: arena.kind }, activities: followedUp(plan, arena), arenaNames: new Map(content.arenas.map((a) => [a.id, a.name])), from, to, basis };
  if (arena.kind === 'county') {
    // Fredagsgruppen's brief: Bilaga 1 and every measure value, and what each arena changed (counted
    // per arena): each arena's partition and its feed's window, read side by side.
    const all = await historyPlan(deps.plan);
    const scopes = all.arenas.map((a) => a.id);
    const events = await eventsBetween(deps, { scopes, from, to, measureArenas: 'all', plan: all });
    const own = (e: HistoryEvent) => e.scopeId === arena.id || e.kind === 'measureReport';
    return buildMeetingBrief({ ...base, activities: followedUp(all, arena), events: events.filter(own), arenas: events.filter((e) => !own(e)) });
  }
  if (!countyArena) {
    const events = await eventsBetween(deps, { scopes: [arena.id], from, to, measureArenas: [arena.id], plan });
    return buildMeetingBrief({ ...base, events });
  }
  // The arena's window and the county's, read side by side; the plan given to eventsBetween names
  // the county's items from the arena's view of Bilaga 1 (the same activities and titles).
  const countyActivities = countyBilaga1(plan.arenas.find((a) => a.id === arena.id)?.bilaga1 ?? [], countyArena.id);
  const withCounty: HistoryPlan = {
    strategies: plan.strategies.map((s) => ({ ...s, activities: countyActivities.filter((a) => a.strategyId === s.id) })),
    arenas: [...plan.arenas, { ...countyArena, activities: [], bilaga1: [] }],
  };
  const events = await eventsBetween(deps, { scopes: [arena.id, countyArena.id], from, to, measureArenas: [arena.id], plan: withCounty });
  const isCounty = (e: HistoryEvent) => e.scopeId === countyArena.id;
  return buildMeetingBrief({ ...base, events: events.filter((e) => !isCounty(e)), county: { events: events.filter(isCounty), activities: countyActivities } });
}

/**
 * Bilaga 1 as the county follows it up now, from an arena's follow-up of it: the same activities
 * and sub-activities, each with the county's own status (which every follow-up carries), read-only.
 */
export function countyBilaga1(followUp: ActivityView[], countyId: string): ActivityView[] {
  return followUp.map((activity) => ({
    ...activity,
    scopeId: countyId,
    subActivities: activity.subActivities.map(({ county, history: _history, ...sub }) => ({
      ...sub,
      scopeId: countyId,
      kind: 'own' as const,
      ...(county ? { status: county.status, statusLabel: county.statusLabel, statusNote: county.statusNote, followedUp: county.followedUp, updatedAt: county.updatedAt } : {}),
    })),
  }));
}

/** What the arena follows up now: the county its Bilaga 1; an arena its local activities and its follow-up of Bilaga 1. */
function followedUp(plan: HistoryPlan, arena: Arena): ActivityView[] {
  if (arena.kind === 'county') return plan.strategies.flatMap((s) => s.activities);
  const own = plan.arenas.find((a) => a.id === arena.id);
  return own ? [...own.activities, ...own.bilaga1] : [];
}
