// Two follow-up rounds side by side (issue #12: "Uppföljning 2025" against "Uppföljning 2026"):
// per sub-activity (the county's Bilaga 1, each arena's follow-up of it and its local activities)
// what moved and what did not, per strategy how the counts changed, the effect-measure values of
// each round's year, and which arenas submitted. Pure: it reads two FollowUpStates.
import { answerText } from './measureQuestions';
import { PLAN_TIME_ZONE } from './followUp';
import type { FollowUpState, Submission } from './followUpState';
import { parsePeriodId, comparePeriods, type PeriodId } from './measurePeriods';
import { total, type CategoryValue, type MeasureValue } from './measureValues';
import type { EffectMeasure } from './plan';
import type { ActivityView, SubActivityView } from './planView';
import { ALL_STATUSES, isRetiredStatus, statusLabel, type StatusId } from './status';

/** A status as a round shows it: one of the plan's, or not yet followed up by anyone. */
export type RoundStatus = StatusId | 'ej_uppfoljd';

export const NOT_FOLLOWED_UP_STATUS = { id: 'ej_uppfoljd', label: 'Ej uppföljd' } as const;

export function roundStatusLabel(status: RoundStatus): string {
  return status === NOT_FOLLOWED_UP_STATUS.id ? NOT_FOLLOWED_UP_STATUS.label : statusLabel(status);
}

/** Every status a comparison counts, in display order (not followed up first: it is work left). */
export const ROUND_STATUSES: readonly RoundStatus[] = [NOT_FOLLOWED_UP_STATUS.id, ...ALL_STATUSES.map((s) => s.id)];

/** One sub-activity in one round. */
export interface ItemState {
  status: RoundStatus;
  statusNote: string;
  measureAnswer: string;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** Where an item belongs: the county's own Bilaga 1, an arena's follow-up of it, or an arena's local plan. */
export type ItemPart = 'county' | 'followUp' | 'local';

/**
 * - moved: its status changed between the rounds
 * - noteChanged: same status, but the note or the measure's answer changed
 * - followedUpOnly: same status and words, but someone confirmed it during the later period
 * - notMoved: same status, and nobody followed it up during the later round's period
 * - added / removed: only in the later (earlier) round
 */
export type ItemChange = 'moved' | 'noteChanged' | 'followedUpOnly' | 'notMoved' | 'added' | 'removed';

export interface ItemComparison {
  scopeId: string;
  part: ItemPart;
  strategyId: string;
  activityId: string;
  activityTitle: string;
  id: string;
  title: string;
  before?: ItemState;
  after?: ItemState;
  change: ItemChange;
  /** Whether anyone followed it up during the later round's period (Stockholm days, both included). */
  followedUpInPeriod: boolean;
}

export interface StatusCounts {
  before: Record<RoundStatus, number>;
  after: Record<RoundStatus, number>;
}

export interface StrategyComparison {
  strategyId: string;
  /** The county's Bilaga 1 (what the report's Sammanfattning counts). */
  county: StatusCounts;
  /** Every arena's follow-up of Bilaga 1 and local activities together. */
  arenas: StatusCounts;
  moved: number;
  notMoved: number;
}

export interface MeasureComparison {
  measureId: string;
  arenaId: string;
  /** The latest value reported for the earlier round's year or before, as that round saw it. */
  before?: { periodId: PeriodId; values: CategoryValue[]; total: number };
  after?: { periodId: PeriodId; values: CategoryValue[]; total: number };
  /** 'up' / 'down' / 'same' between the two totals; undefined when either is missing or not a number. */
  trend?: 'up' | 'down' | 'same';
  /** For a measure whose direction is known: whether the later value moved the way the target asks. */
  towardsTarget?: boolean;
}

export interface SubmissionComparison {
  arenaId: string;
  arenaName: string;
  before?: Submission;
  after?: Submission;
}

export interface RoundComparison {
  from: { period: FollowUpState['period']; takenAt: string };
  to: { period: FollowUpState['period']; takenAt: string };
  items: ItemComparison[];
  strategies: StrategyComparison[];
  measures: MeasureComparison[];
  submissions: SubmissionComparison[];
  /** Totals over every item, for a one-line summary. */
  totals: Record<ItemChange, number>;
}

const stockholmDay = new Intl.DateTimeFormat('en-CA', { timeZone: PLAN_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Stockholm day (YYYY-MM-DD) of an ISO time. */
export function dayOf(iso: string): string {
  return stockholmDay.format(new Date(iso));
}

function itemState(sub: SubActivityView): ItemState {
  return {
    status: sub.followedUp || isRetiredStatus(sub.status) ? sub.status : NOT_FOLLOWED_UP_STATUS.id,
    statusNote: sub.statusNote,
    measureAnswer: answerText(sub),
    updatedAt: sub.updatedAt,
    updatedBy: sub.updatedBy,
  };
}

interface Located {
  scopeId: string;
  part: ItemPart;
  activity: ActivityView;
  sub: SubActivityView;
}

function located(state: FollowUpState): Located[] {
  const countyId = state.county[0]?.scopeId ?? 'lan';
  const of = (scopeId: string, part: ItemPart, activities: ActivityView[]) => activities.flatMap((activity) => activity.subActivities.map((sub) => ({ scopeId, part, activity, sub })));
  return [
    ...of(countyId, 'county', state.county),
    ...state.arenas.flatMap((a) => [...of(a.arena.id, 'followUp', a.bilaga1), ...of(a.arena.id, 'local', a.local)]),
  ];
}

const keyOf = (l: Pick<Located, 'scopeId' | 'part'> & { id: string }) => `${l.part}|${l.scopeId}|${l.id}`;

function changeOf(before: ItemState | undefined, after: ItemState | undefined, followedUpInPeriod: boolean): ItemChange {
  if (!before) return 'added';
  if (!after) return 'removed';
  if (before.status !== after.status) return 'moved';
  if (before.statusNote !== after.statusNote || before.measureAnswer !== after.measureAnswer) return 'noteChanged';
  return followedUpInPeriod ? 'followedUpOnly' : 'notMoved';
}

const emptyCounts = () => Object.fromEntries(ROUND_STATUSES.map((s) => [s, 0])) as Record<RoundStatus, number>;

/** The latest value of a measure for an arena reported for `year` or earlier. */
function latestUpTo(values: MeasureValue[], year: number): MeasureValue | undefined {
  return values.filter((v) => (parsePeriodId(v.periodId)?.year ?? Infinity) <= year).sort((a, b) => comparePeriods(b.periodId, a.periodId))[0];
}

/** The year a round is about: the year its period ends in. */
const yearOf = (state: FollowUpState) => Number(state.period.to.slice(0, 4));

export function compareRounds(from: FollowUpState, to: FollowUpState, measures: Array<Pick<EffectMeasure, 'id' | 'direction'>> = []): RoundComparison {
  const before = new Map(located(from).map((l) => [keyOf({ ...l, id: l.sub.id }), l]));
  const afterList = located(to);
  const afterKeys = new Set(afterList.map((l) => keyOf({ ...l, id: l.sub.id })));
  const inPeriod = (iso: string | null) => iso !== null && dayOf(iso) >= to.period.from && dayOf(iso) <= to.period.to;

  const items: ItemComparison[] = [];
  const push = (l: Located, b: ItemState | undefined, a: ItemState | undefined) => {
    const followedUpInPeriod = a !== undefined && inPeriod(a.updatedAt);
    items.push({
      scopeId: l.scopeId,
      part: l.part,
      strategyId: l.activity.strategyId,
      activityId: l.activity.id,
      activityTitle: l.activity.title,
      id: l.sub.id,
      title: l.sub.title,
      ...(b ? { before: b } : {}),
      ...(a ? { after: a } : {}),
      change: changeOf(b, a, followedUpInPeriod),
      followedUpInPeriod,
    });
  };
  for (const l of afterList) {
    const earlier = before.get(keyOf({ ...l, id: l.sub.id }));
    push(l, earlier ? itemState(earlier.sub) : undefined, itemState(l.sub));
  }
  for (const [key, l] of before) if (!afterKeys.has(key)) push(l, itemState(l.sub), undefined);

  const strategyIds = [...new Set(items.map((i) => i.strategyId))].sort((a, b) => a.localeCompare(b, 'sv', { numeric: true }));
  const strategies = strategyIds.map((strategyId) => {
    const county: StatusCounts = { before: emptyCounts(), after: emptyCounts() };
    const arenas: StatusCounts = { before: emptyCounts(), after: emptyCounts() };
    let moved = 0;
    let notMoved = 0;
    for (const item of items.filter((i) => i.strategyId === strategyId)) {
      const counts = item.part === 'county' ? county : arenas;
      if (item.before) counts.before[item.before.status]++;
      if (item.after) counts.after[item.after.status]++;
      if (item.change === 'moved') moved++;
      if (item.change === 'notMoved') notMoved++;
    }
    return { strategyId, county, arenas, moved, notMoved };
  });

  const direction = new Map(measures.map((m) => [m.id, m.direction]));
  const pairs = new Map<string, { measureId: string; arenaId: string }>();
  for (const v of [...to.measureValues, ...from.measureValues]) pairs.set(`${v.measureId}|${v.arenaId}`, { measureId: v.measureId, arenaId: v.arenaId });
  const measureRows = [...pairs.values()].map(({ measureId, arenaId }) => {
    const pick = (state: FollowUpState) => {
      const v = latestUpTo(state.measureValues.filter((x) => x.measureId === measureId && x.arenaId === arenaId), yearOf(state));
      return v ? { periodId: v.periodId, values: v.values, total: total(v) } : undefined;
    };
    const b = pick(from);
    const a = pick(to);
    const row: MeasureComparison = { measureId, arenaId, ...(b ? { before: b } : {}), ...(a ? { after: a } : {}) };
    if (a && b && Number.isFinite(a.total) && Number.isFinite(b.total)) {
      row.trend = a.total > b.total ? 'up' : a.total < b.total ? 'down' : 'same';
      const dir = direction.get(measureId);
      if (dir === 'increase') row.towardsTarget = row.trend === 'up';
      if (dir === 'decrease') row.towardsTarget = row.trend === 'down';
    } else if (a && b && direction.get(measureId) === 'yes') {
      row.towardsTarget = a.values.every((x) => x.value === 'ja');
    }
    return row;
  }).filter((m) => m.before || m.after);

  const arenaNames = new Map([...from.arenas, ...to.arenas].map((a) => [a.arena.id, a.arena.name]));
  const submissions = [...arenaNames].map(([arenaId, arenaName]) => {
    const b = from.arenas.find((a) => a.arena.id === arenaId)?.submission;
    const a = to.arenas.find((x) => x.arena.id === arenaId)?.submission;
    return { arenaId, arenaName, ...(b ? { before: b } : {}), ...(a ? { after: a } : {}) };
  });

  const totals = { moved: 0, noteChanged: 0, followedUpOnly: 0, notMoved: 0, added: 0, removed: 0 } satisfies Record<ItemChange, number>;
  for (const i of items) totals[i.change]++;

  return {
    from: { period: from.period, takenAt: from.takenAt },
    to: { period: to.period, takenAt: to.takenAt },
    items,
    strategies,
    measures: measureRows,
    submissions,
    totals,
  };
}

/** "Ej påbörjat → Pågår", or the one status when it did not move. */
export function statusChangeText(item: Pick<ItemComparison, 'before' | 'after'>): string {
  const b = item.before ? roundStatusLabel(item.before.status) : 'Fanns inte';
  const a = item.after ? roundStatusLabel(item.after.status) : 'Finns inte längre';
  return b === a ? a : `${b} → ${a}`;
}

export interface ScopeSummary {
  scopeId: string;
  part: ItemPart;
  total: number;
  counts: Record<RoundStatus, number>;
}

/** One round on its own: status counts per strategy (county and arenas apart) and per arena. */
export function roundSummary(state: FollowUpState): { strategies: StrategyComparison[]; scopes: ScopeSummary[] } {
  const c = compareRounds(state, state);
  const scopes = new Map<string, ScopeSummary>();
  for (const i of c.items) {
    const key = `${i.part === 'county' ? 'county' : 'arena'}|${i.scopeId}`;
    const s = scopes.get(key) ?? { scopeId: i.scopeId, part: i.part, total: 0, counts: emptyCounts() };
    s.total++;
    if (i.after) s.counts[i.after.status]++;
    scopes.set(key, s);
  }
  return { strategies: c.strategies, scopes: [...scopes.values()] };
}
