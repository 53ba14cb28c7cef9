// Mötesunderlag: what changed in an arena's follow-up between two moments, for the arena's (or
// Fredagsgruppen's) next meeting. Made from the window's history events and the activities as
// they are now: changed statuses, what became overdue, new activities, reported measure values
// and other updates (notes, answers, comments). An arena's brief ends with what the county did
// in the same window with the Bilaga 1 items the arena follows up locally (plan 7.3): its status
// changes, notes and what became overdue at county level, as a group of its own. Pure: the card
// and the printable page show it.
import { formatDateTime, formatLongDate } from './format';
import { isOverdue, PLAN_TIME_ZONE, periodEnd, statusText, stockholmYear } from './followUp';
import type { HistoryEvent } from './historyEvents';
import type { ActivityView } from './planView';
import { statusLabel } from './status';
import { formatNumber } from './format';

/** A channel's first brief, without a date, covers this many days back. */
export const DEFAULT_BRIEF_DAYS = 30;

export type BriefBasis = 'lastBrief' | 'date' | 'default';
export type BriefGroupId = 'status' | 'overdue' | 'activities' | 'measures' | 'updates' | 'county' | 'arenas';
/** The groups of the arena's (or the county's) own changes. */
type OwnGroupId = Exclude<BriefGroupId, 'county' | 'arenas'>;

export interface BriefItem {
  key: string;
  /** The sub-activity, activity or measure. */
  title: string;
  /** Its parent (activity or strategy), and the arena where it is another's. */
  context: string;
  /** What happened: "Pågår → Klar", "Rapporterade 2026: 12". */
  text: string;
  at?: string;
  actor?: string;
  /** The changes a count stands for (the county's group per arena), one line each, newest first. */
  lines?: string[];
}

export interface BriefGroup {
  id: BriefGroupId;
  title: string;
  /** One sentence under the heading that says whose changes these are (the county's group). */
  intro?: string;
  items: BriefItem[];
}

export interface MeetingBrief {
  arena: { id: string; name: string; kind: string };
  /** Changes strictly after this moment … */
  from: string;
  /** … up to and including this one. */
  to: string;
  basis: BriefBasis;
  groups: BriefGroup[];
  total: number;
}

const GROUP_TITLES: Record<BriefGroupId, string> = {
  status: 'Ändrad status',
  overdue: 'Blev försenade',
  activities: 'Nya aktiviteter',
  measures: 'Rapporterade mätvärden',
  updates: 'Andra uppdateringar',
  county: 'Länets ändringar i Bilaga 1',
  arenas: 'Arenornas ändringar',
};
/** The arena's own groups; an arena's brief has the county's group after them. */
const ORDER: OwnGroupId[] = ['status', 'overdue', 'activities', 'measures', 'updates'];

/** What the arenas' group of the county's brief says of itself. */
export const ARENAS_GROUP_INTRO = 'Det arenorna har ändrat i sin uppföljning av Bilaga 1 och i sina lokala planer, räknat per arena.';

/** What the county's group says of itself. */
export const COUNTY_GROUP_INTRO = 'Det länsgemensam samverkan har ändrat i Bilaga 1, som arenan följer upp lokalt (planens avsnitt 7.3). Arenans egen uppföljning står ovan.';

export interface BriefInput {
  arena: { id: string; name: string; kind: string };
  /** The window's events, any order (eventsBetween). */
  events: HistoryEvent[];
  /** What the arena follows up, as it is now (for what became overdue). */
  activities: ActivityView[];
  /** Arena names by id: a measure value reported for another arena says whose it is. */
  arenaNames: ReadonlyMap<string, string>;
  from: Date;
  to: Date;
  basis: BriefBasis;
  /**
   * For an arena's brief (never the county's own): the county's changes to Bilaga 1 in the window
   * (events of the county's scope) and Bilaga 1 as the county follows it up now (what became
   * overdue at county level).
   */
  county?: { events: HistoryEvent[]; activities: ActivityView[] };
  /** For the county's brief: the arenas' own changes in the window (their scopes' events, no measure values). */
  arenas?: HistoryEvent[];
}

export function buildMeetingBrief(input: BriefInput): MeetingBrief {
  const events = [...input.events].sort((a, b) => b.at.localeCompare(a.at) || b.key.localeCompare(a.key));
  const changes = events.filter((e) => e.kind === 'change');
  const bySub = groupBy(changes, (e) => `${e.scopeId}/${e.subActivityId}`);
  const firstFollowUp = new Set(input.activities.flatMap((a) => a.subActivities.filter((d) => d.kind === 'followUp').map((d) => `${d.scopeId}/${d.id}`)));

  const status: BriefItem[] = [];
  const updates: BriefItem[] = [];
  for (const [key, list] of bySub) {
    const newest = list[0]!;
    const moves = list.filter((e) => e.status).reverse();
    if (moves.length > 0) {
      const comment = list.find((e) => e.comment)?.comment;
      status.push({ key, title: newest.title, context: contextOf(newest, input), text: statusPath(moves, firstFollowUp.has(key)) + (comment ? ` ("${comment}")` : ''), at: newest.at, actor: newest.actor });
    } else {
      const lines = unique(list.slice().reverse().flatMap((e) => e.lines.filter((l) => l !== 'Kommentar')));
      const comment = list.find((e) => e.comment)?.comment;
      updates.push({ key, title: newest.title, context: contextOf(newest, input), text: [...lines, ...(comment ? [`Kommentar: "${comment}"`] : [])].join('; ') || 'Kommentar', at: newest.at, actor: newest.actor });
    }
  }

  // An arena's local revision recorded in the window is an update of its local plan.
  for (const e of events.filter((x) => x.kind === 'localRevision')) updates.push({ key: e.key, title: e.title, context: e.parent ?? '', text: e.lines.join('; '), at: e.at, actor: e.actor });

  const activities: BriefItem[] = events
    .filter((e) => e.kind === 'activityCreated' || e.kind === 'activityAdopted')
    .map((e) => ({ key: e.key, title: e.title, context: contextOf(e, input), text: e.lines.join(', '), at: e.at, actor: e.actor }));

  // A period reported and then corrected within the window is one line: its latest report.
  const measures: BriefItem[] = [...groupBy(events.filter((e) => e.kind === 'measureReport'), (e) => e.key.split('/').slice(0, 4).join('/'))].map(([key, list]) => {
    const e = list[0]!;
    return { key, title: e.title, context: contextOf(e, input), text: e.lines.join(', ') + (e.comment ? ` ("${e.comment}")` : ''), at: e.at, actor: e.actor };
  });

  const overdue: BriefItem[] = becameOverdue(input.activities, input.from, input.to).map(({ activity, sub }) => ({
    key: `o/${sub.scopeId}/${sub.id}`,
    title: sub.title,
    context: `${activity.title} · prioritet ${activity.period.label}, slut ${formatLongDate(periodEnd(activity.period))}`,
    text: statusText(sub),
  }));

  const lists: Record<OwnGroupId, BriefItem[]> = { status, overdue, activities, measures, updates };
  const groups: BriefGroup[] = ORDER.map((id) => ({ id, title: GROUP_TITLES[id], items: lists[id] }));
  if (input.county && input.arena.kind !== 'county') groups.push({ id: 'county', title: GROUP_TITLES.county, intro: COUNTY_GROUP_INTRO, items: countyItems(input.county, input.from, input.to) });
  if (input.arenas && input.arena.kind === 'county') groups.push({ id: 'arenas', title: GROUP_TITLES.arenas, intro: ARENAS_GROUP_INTRO, items: arenaItems(input.arenas, input.arenaNames) });
  return { arena: input.arena, from: input.from.toISOString(), to: input.to.toISOString(), basis: input.basis, groups, total: groups.reduce((n, g) => n + g.items.length, 0) };
}

/**
 * The county's changes to Bilaga 1 in the window, one line per item (newest first): its status
 * from the first to the last step, then its other changes (note, answer) and the comment; then
 * the items that became overdue at county level in the window.
 */
function countyItems(county: NonNullable<BriefInput['county']>, from: Date, to: Date): BriefItem[] {
  const changes = county.events.filter((e) => e.kind === 'change').sort((a, b) => b.at.localeCompare(a.at) || b.key.localeCompare(a.key));
  const items: BriefItem[] = [];
  for (const [key, list] of groupBy(changes, (e) => `${e.scopeId}/${e.subActivityId}`)) {
    const newest = list[0]!;
    const moves = list.filter((e) => e.status).reverse();
    const others = unique(list.slice().reverse().flatMap((e) => e.lines.filter((l) => l !== 'Kommentar' && !(e.status && l.startsWith(STATUS_LINE)))));
    const comment = list.find((e) => e.comment)?.comment;
    const parts = [...(moves.length > 0 ? [`${STATUS_LINE}${statusPath(moves, false)}`] : []), ...others, ...(comment ? [`Kommentar: "${comment}"`] : [])];
    items.push({ key: `l/${key}`, title: newest.title, context: newest.parent ?? '', text: parts.join('; ') || 'Kommentar', at: newest.at, actor: newest.actor });
  }
  for (const { activity, sub } of becameOverdue(county.activities, from, to)) {
    items.push({
      key: `lo/${sub.scopeId}/${sub.id}`,
      title: sub.title,
      context: `${activity.title} · prioritet ${activity.period.label}, slut ${formatLongDate(periodEnd(activity.period))}`,
      text: `Blev försenad – länets status: ${statusText(sub)}`,
    });
  }
  return items;
}

/**
 * The arenas' changes in the county's brief: one item per arena that changed something (in the
 * plan's order of arenas), counted, with each change as a line: "Titel: Status: Pågår → Klar (Anna, 25 nov)".
 */
function arenaItems(events: HistoryEvent[], arenaNames: ReadonlyMap<string, string>): BriefItem[] {
  const byArena = groupBy([...events].sort((a, b) => b.at.localeCompare(a.at) || b.key.localeCompare(a.key)), (e) => e.scopeId);
  return [...arenaNames.keys()]
    .filter((id) => byArena.has(id))
    .map((id) => {
      const list = byArena.get(id)!;
      return {
        key: `a/${id}`,
        title: arenaNames.get(id) ?? id,
        context: '',
        text: list.length === 1 ? '1 ändring' : `${formatNumber(list.length)} ändringar`,
        at: list[0]!.at,
        lines: list.map((e) => `${e.title}: ${[...e.lines, ...(e.comment ? [`Kommentar: "${e.comment}"`] : [])].filter((l) => l !== 'Kommentar').join('; ') || 'Kommentar'} (${e.actor}, ${formatDateTime(e.at)})`),
      };
    });
}

/** The status line of a history event ("Status: Pågår → Klar", format.ts describeChange). */
const STATUS_LINE = 'Status: ';

/**
 * A sub-activity's status moves in the window (oldest first) as one path: "Pågår → Klar", every
 * step when it was changed and changed back. An arena's first follow-up of a Bilaga 1 item
 * (`firstFollowUp`) starts from nothing, not from a status.
 */
function statusPath(moves: HistoryEvent[], firstFollowUp: boolean): string {
  const steps: string[] = [statusLabel(moves[0]!.status!.from), ...moves.map((e) => statusLabel(e.status!.to))];
  if (firstFollowUp && versionOf(moves[0]!) === 1) steps[0] = NOT_FOLLOWED_UP_SHORT;
  // Changed and changed back is still worth a word at the meeting: every step is shown.
  const path = steps.length > 2 && steps[0] === steps[steps.length - 1] ? steps : [steps[0]!, steps[steps.length - 1]!];
  return path.join(' → ');
}

/**
 * Sub-activities whose priority period ended after `from` and by `to`, and that are not closed now
 * (followUp.ts isOverdue): a period ends with its last year, so the year at `from` was still in it.
 */
export function becameOverdue(activities: ActivityView[], from: Date, to: Date): Array<{ activity: ActivityView; sub: ActivityView['subActivities'][number] }> {
  const startYear = stockholmYear(from);
  return activities
    .filter((a) => a.period.to >= startYear)
    .flatMap((activity) => activity.subActivities.filter((sub) => isOverdue(activity, sub, to)).map((sub) => ({ activity, sub })));
}

const NOT_FOLLOWED_UP_SHORT = 'Ej uppföljd';

/** The version of a change event (its key ends with it: c/<scope>/<sub>/<version>). */
function versionOf(e: HistoryEvent): number {
  return Number(e.key.split('/').pop());
}

function contextOf(e: HistoryEvent, input: BriefInput): string {
  const other = e.scopeId !== input.arena.id ? input.arenaNames.get(e.scopeId) : undefined;
  return [e.parent, other].filter(Boolean).join(' · ');
}

/** One sentence that says which window the brief covers. */
export function briefPeriodText(brief: Pick<MeetingBrief, 'from' | 'to' | 'basis'>): string {
  const until = `till ${formatDateTime(brief.to)}`;
  switch (brief.basis) {
    case 'lastBrief':
      return `Sedan förra mötesunderlaget ${formatDateTime(brief.from)}, ${until}.`;
    case 'date':
      return `Sedan ${formatLongDate(brief.from)}, ${until}.`;
    default:
      return `Första mötesunderlaget här: de senaste ${DEFAULT_BRIEF_DAYS} dagarna, sedan ${formatLongDate(brief.from)}. Skriv "mötesunderlag sedan ÅÅÅÅ-MM-DD" för ett annat datum.`;
  }
}

/** The plain answer when nothing changed. */
export function nothingNewText(brief: Pick<MeetingBrief, 'from' | 'basis'>): string {
  return brief.basis === 'lastBrief' ? `Inget nytt sedan förra mötesunderlaget ${formatDateTime(brief.from)}.` : `Inget nytt sedan ${formatLongDate(brief.from)}.`;
}

export type SinceParse = { ok: true; from: Date } | { ok: false; reason: 'format' | 'future'; typed: string };

const MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];

/**
 * The date a brief starts from, as typed: "2026-10-01", or "1 oktober" ("1 okt 2026"), as the start
 * of that day in Swedish time. A date that is not a real day, or that has not come yet, is refused.
 */
export function parseSince(typed: string, now: Date): SinceParse {
  const text = typed.trim().toLocaleLowerCase('sv-SE').replace(/\.$/, '');
  const today = stockholmDay(now);
  let day: { y: number; m: number; d: number } | undefined;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const words = /^(\d{1,2})\s+([a-zåäö]+)\.?(?:\s+(\d{4}))?$/.exec(text);
  if (iso) day = { y: Number(iso[1]), m: Number(iso[2]), d: Number(iso[3]) };
  else if (words) {
    const month = words[2]!.length >= 3 ? MONTHS.findIndex((m) => m.startsWith(words[2]!)) + 1 : 0;
    if (month > 0) {
      const d = Number(words[1]);
      // Without a year: the latest such day that has come.
      const y = words[3] ? Number(words[3]) : key(today.y, month, d) > key(today.y, today.m, today.d) ? today.y - 1 : today.y;
      day = { y, m: month, d };
    }
  }
  if (!day || !isRealDay(day.y, day.m, day.d) || day.y < 2000) return { ok: false, reason: 'format', typed };
  if (key(day.y, day.m, day.d) > key(today.y, today.m, today.d)) return { ok: false, reason: 'future', typed };
  return { ok: true, from: stockholmMidnight(day.y, day.m, day.d) };
}

/** The start of `days` days back (a channel's first brief): midnight in Swedish time. */
export function daysBack(now: Date, days: number): Date {
  const t = stockholmDay(new Date(now.getTime() - days * 86_400_000));
  return stockholmMidnight(t.y, t.m, t.d);
}

/** "2026-10-01" of a moment, in Swedish time. */
export function stockholmDate(at: Date): string {
  const t = stockholmDay(at);
  return `${t.y}-${String(t.m).padStart(2, '0')}-${String(t.d).padStart(2, '0')}`;
}

const dayParts = new Intl.DateTimeFormat('en-CA', { timeZone: PLAN_TIME_ZONE, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' });

function stockholmDay(at: Date): { y: number; m: number; d: number; h: number; min: number } {
  const p = Object.fromEntries(dayParts.formatToParts(at).map((x) => [x.type, x.value]));
  return { y: Number(p.year), m: Number(p.month), d: Number(p.day), h: Number(p.hour), min: Number(p.minute) };
}

/** 00:00 of a Swedish calendar day as an instant (the offset is +1 or +2 hours). */
export function stockholmMidnight(y: number, m: number, d: number): Date {
  const guess = Date.UTC(y, m - 1, d);
  for (const offsetHours of [1, 2]) {
    const at = new Date(guess - offsetHours * 3_600_000);
    const t = stockholmDay(at);
    if (t.d === d && t.h === 0 && t.min === 0) return at;
  }
  return new Date(guess - 3_600_000);
}

const key = (y: number, m: number, d: number) => y * 10_000 + m * 100 + d;

function isRealDay(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return m >= 1 && m <= 12 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) map.set(keyOf(item), [...(map.get(keyOf(item)) ?? []), item]);
  return map;
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
