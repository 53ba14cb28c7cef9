// The yearly follow-up round (uppföljningsomgång, plan 1.6: "följs upp årligen i länsgemensam
// samverkan"): the county opens a round for a year with the period it covers and a last day, each
// arena goes through its items and submits (lämnar in), the county closes it and the round's
// follow-up state is frozen. Plain TypeScript: validation of what the county types, and the
// progress of a round from a FollowUpState.
import { isClosed } from './followUp';
import type { FollowUpState, Submission } from './followUpState';
import type { Arena } from './plan';
import type { PlanContentView, SubActivityView, ActivityView } from './planView';
import { textRefusal, type Validated } from './validation';
import { formatNumber } from './format';

export type RoundStatus = 'open' | 'closed';

export interface Round {
  /** The year the round follows up, e.g. "2026" (one round per year). */
  id: string;
  /** "Uppföljning 2026" */
  name: string;
  /** The days the round covers, YYYY-MM-DD, both included (Europe/Stockholm). */
  period: { from: string; to: string };
  /** The last day for the arenas to submit, YYYY-MM-DD. */
  lastDay: string;
  status: RoundStatus;
  openedAt: string;
  openedBy: string;
  closedAt?: string;
  closedBy?: string;
  version: number;
  etag: string;
}

/** The longest name a round can have. */
export const ROUND_NAME_MAX = 100;
/** The longest analysis text per strategy (a few paragraphs). */
export const ANALYSIS_MAX = 8000;
/**
 * The county's own texts of a round besides the analysis per strategy, opening the report's
 * Sammanfattning: written in the tab and kept with their history like the analysis (stored
 * beside it, under these ids, which no strategy has).
 */
export const ROUND_TEXTS = [
  { id: 'slutsatser', title: 'Slutsatser' },
  { id: 'forslag-infor-nasta-ar', title: 'Förslag inför nästa år' },
] as const;
export type RoundTextId = (typeof ROUND_TEXTS)[number]['id'];
export const isRoundTextId = (id: string): id is RoundTextId => ROUND_TEXTS.some((t) => t.id === id);

/** The longest comment to a submission. */
export const SUBMISSION_COMMENT_MAX = 1000;

export const defaultRoundName = (year: string) => `Uppföljning ${year}`;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function isDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value.trim() : value === undefined || value === null ? undefined : String(value));

/**
 * The days a round covers: from its first day until it closes (plan 1.6: what an arena records
 * while the round is open counts for the round). An open round's period runs to today, a closed
 * one's to the day it closed; the day stored at opening is only a floor.
 */
export function roundPeriod(round: Pick<Round, 'period' | 'status' | 'closedAt'>, today: string, dayOf: (iso: string) => string): Round['period'] {
  const end = round.status === 'closed' ? (round.closedAt ? dayOf(round.closedAt) : round.period.to) : today;
  return { from: round.period.from, to: end > round.period.to ? end : round.period.to };
}

/** Where a round's period starts by default: the day the previous round closed, or the plan's start. */
export function defaultPeriodFrom(view: Pick<PlanContentView, 'plan' | 'versions'>, previous: Pick<Round, 'closedAt' | 'period'> | undefined, dayOf: (iso: string) => string): string {
  if (previous?.closedAt) return dayOf(previous.closedAt);
  if (previous) return previous.period.to;
  return (view.versions?.[0]?.inForceFrom ?? view.plan.inForceFrom).slice(0, 10);
}

export interface RoundInput {
  name: string;
  period: { from: string; to: string };
  lastDay: string;
}

function checkDay(value: string | undefined, label: string, errors: string[]): string | undefined {
  if (value === undefined || value === '') {
    errors.push(`${label} saknas.`);
    return undefined;
  }
  if (!isDay(value)) {
    errors.push(`${label}: skriv datumet som ÅÅÅÅ-MM-DD (till exempel 2026-12-15).`);
    return undefined;
  }
  return value;
}

function checkName(value: string | undefined, errors: string[]): string | undefined {
  if (value === undefined) return undefined;
  if (value.length > ROUND_NAME_MAX) errors.push(`Namnet får vara högst ${formatNumber(ROUND_NAME_MAX)} tecken.`);
  return value.replace(/\s+/g, ' ');
}

/**
 * What the county typed to open a round, with the defaults filled in: the name "Uppföljning <år>",
 * the period from `defaultFrom` to today. The last day must be given and not have passed.
 */
export function parseOpenRound(input: Record<string, unknown>, defaults: { year: string; today: string; from: string }): Validated<RoundInput> {
  const errors: string[] = [];
  const name = checkName(text(input.name), errors) || defaultRoundName(defaults.year);
  const from = checkDay(text(input.from) || defaults.from, 'Periodens första dag', errors);
  const to = checkDay(text(input.to) || defaults.today, 'Periodens sista dag', errors);
  const lastDay = checkDay(text(input.lastDay), 'Sista dag att lämna in', errors);
  if (from && to && from > to) errors.push(`Perioden kan inte börja (${from}) efter att den slutar (${to}).`);
  if (lastDay && lastDay < defaults.today) errors.push(`Sista dag att lämna in (${lastDay}) har redan passerat: välj i dag eller ett senare datum.`);
  if (errors.length > 0 || !from || !to || !lastDay) return { ok: false, errors };
  return { ok: true, value: { name, period: { from, to }, lastDay } };
}

/** A change of an open round: its name and last day. Absent fields stay as they are. */
export function parseChangeRound(input: Record<string, unknown>, current: Round, today: string): Validated<{ name: string; lastDay: string }> {
  const errors: string[] = [];
  const typedName = text(input.name);
  const name = typedName === undefined || typedName === '' ? current.name : checkName(typedName, errors) ?? current.name;
  const typedDay = text(input.lastDay);
  let lastDay = current.lastDay;
  if (typedDay !== undefined && typedDay !== '' && typedDay !== current.lastDay) {
    const day = checkDay(typedDay, 'Sista dag att lämna in', errors);
    if (day && day < today) errors.push(`Sista dag att lämna in (${day}) har redan passerat: välj i dag eller ett senare datum.`);
    else if (day) lastDay = day;
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: { name, lastDay } };
}

/** The analysis text as written (line breaks kept, surrounding space trimmed). */
export function parseAnalysisText(input: unknown): Validated<string> {
  if (typeof input !== 'string') return { ok: false, errors: ['Analysen måste vara text.'] };
  const refusal = textRefusal('Analysen', input);
  if (refusal) return { ok: false, errors: [refusal] };
  const value = input.replace(/\r\n?/g, '\n').trim();
  if (value.length > ANALYSIS_MAX) return { ok: false, errors: [`Analysen får vara högst ${formatNumber(ANALYSIS_MAX)} tecken (den är ${formatNumber(value.length)}).`] };
  return { ok: true, value };
}

export function parseSubmissionComment(input: unknown): Validated<string> {
  if (input === undefined || input === null) return { ok: true, value: '' };
  if (typeof input !== 'string') return { ok: false, errors: ['Kommentaren måste vara text.'] };
  const refusal = textRefusal('Kommentaren', input);
  if (refusal) return { ok: false, errors: [refusal] };
  const value = input.replace(/\r\n?/g, '\n').trim();
  if (value.length > SUBMISSION_COMMENT_MAX) return { ok: false, errors: [`Kommentaren får vara högst ${formatNumber(SUBMISSION_COMMENT_MAX)} tecken.`] };
  return { ok: true, value };
}

// ---- progress ---------------------------------------------------------------------------------

/** One of an arena's items in a round: a local sub-activity or its follow-up of a Bilaga 1 one. */
export interface RoundItem {
  activity: ActivityView;
  sub: SubActivityView;
  /** Not changed during the round's period (and not closed): to be gone through first. */
  notUpdatedInPeriod: boolean;
}

/** What an arena's round card shows: its items (not updated during the period first) and its submission. */
export interface ArenaRoundView {
  round: Round;
  arena: Arena;
  items: RoundItem[];
  /** What the arena has set aside and the card does not list (ej aktuellt lokalt, avslutad lokalt). */
  setAside?: { notApplicable: number; ended: number };
  submission?: Submission;
}

export interface ArenaProgress {
  arenaId: string;
  arenaName: string;
  submission?: Submission;
  /** Sub-activities the arena follows up (local ones and Bilaga 1), not retired. */
  items: number;
  /** Of those, never followed up since the plan was loaded. */
  notFollowedUp: number;
  /** Of those, not closed and not changed during the round's period. */
  notUpdatedInPeriod: number;
  /** Bilaga 1 items the arena says do not apply locally, and local activities it has ended: not among `items`. */
  notApplicable?: number;
  ended?: number;
}

export interface RoundProgress {
  submitted: number;
  total: number;
  arenas: ArenaProgress[];
  /** The county's own Bilaga 1, counted the same way (the county does not submit). */
  county?: Pick<ArenaProgress, 'items' | 'notFollowedUp' | 'notUpdatedInPeriod'>;
}

/** Whether a sub-activity was changed within the period (its last change's plan day). */
export function updatedInPeriod(sub: Pick<SubActivityView, 'updatedAt'>, period: Round['period'], dayOf: (iso: string) => string): boolean {
  if (!sub.updatedAt) return false;
  const day = dayOf(sub.updatedAt);
  return day >= period.from && day <= period.to;
}

/** What the arena has taken off its own list: Bilaga 1 items "Ej aktuellt lokalt", local activities "Avslutad lokalt". */
export function setAside(sub: Pick<SubActivityView, 'notApplicable' | 'endedLocally'>): boolean {
  return Boolean(sub.notApplicable || sub.endedLocally);
}

/** The municipality's own items (its local plan, and Bilaga 1 measures each municipality answers) come first. */
const ownFirst = (i: RoundItem) => (i.sub.kind === 'own' || i.sub.answeredBy === 'municipality' ? 0 : 1);

/**
 * The arena's items for the round: local activities, then its follow-up of Bilaga 1, with those
 * not updated during the period first, and within that what the municipality answers for itself
 * first (plan order kept within each group). Retired items, and what the arena has set aside
 * (ej aktuellt lokalt, avslutad lokalt), are left out.
 */
export function roundItems(arena: { local: ActivityView[]; bilaga1: ActivityView[] }, period: Round['period'], dayOf: (iso: string) => string): RoundItem[] {
  const items = [...arena.local, ...arena.bilaga1].flatMap((activity) =>
    activity.retired ? [] : activity.subActivities.filter((sub) => !sub.retired && !setAside(sub)).map((sub) => ({ activity, sub, notUpdatedInPeriod: !isClosed(sub.status) && !updatedInPeriod(sub, period, dayOf) })),
  );
  const ordered = (list: RoundItem[]) => [...list.filter((i) => ownFirst(i) === 0), ...list.filter((i) => ownFirst(i) === 1)];
  return [...ordered(items.filter((i) => i.notUpdatedInPeriod)), ...ordered(items.filter((i) => !i.notUpdatedInPeriod))];
}

/** How many of an arena's items it has set aside: Bilaga 1 items not applicable locally, local activities ended. */
export function setAsideCounts(arena: { local: ActivityView[]; bilaga1: ActivityView[] }): { notApplicable: number; ended: number } {
  const subs = (list: ActivityView[]) => list.filter((a) => !a.retired).flatMap((a) => a.subActivities.filter((d) => !d.retired));
  return { notApplicable: subs(arena.bilaga1).filter((d) => d.notApplicable).length, ended: subs(arena.local).filter((d) => d.endedLocally).length };
}

/** Which arenas have submitted, and what of each is still to be followed up. */
export function roundProgressOf(state: FollowUpState, period: Round['period'], dayOf: (iso: string) => string): RoundProgress {
  const arenas = state.arenas.map((a): ArenaProgress => {
    const items = roundItems(a, period, dayOf);
    return {
      arenaId: a.arena.id,
      arenaName: a.arena.name,
      ...(a.submission ? { submission: a.submission } : {}),
      items: items.length,
      notFollowedUp: items.filter((i) => !i.sub.followedUp).length,
      notUpdatedInPeriod: items.filter((i) => i.notUpdatedInPeriod).length,
      ...setAsideCounts(a),
    };
  });
  const county = roundItems({ local: [], bilaga1: state.county }, period, dayOf);
  return {
    submitted: arenas.filter((a) => a.submission).length,
    total: arenas.length,
    arenas,
    county: { items: county.length, notFollowedUp: county.filter((i) => !i.sub.followedUp).length, notUpdatedInPeriod: county.filter((i) => i.notUpdatedInPeriod).length },
  };
}

/** "2 av 8 har lämnat in" */
export function submittedText(progress: Pick<RoundProgress, 'submitted' | 'total'>): string {
  return `${progress.submitted} av ${progress.total} har lämnat in`;
}
