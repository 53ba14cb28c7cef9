// The plan as people see it: content joined with live state. Built by storage, shown by the
// API, the bot and the tab.
import type { HistoryEntry, SubActivityState } from './activityState';
import type { Arena, EffectMeasure, LocalRecommendation, MeasureQuestion, Period, PlanInfo, Retirement } from './plan';
import type { PlanVersion } from './planVersion';
import { RETIRED_STATUS, statusLabel, type StatusId } from './status';

export interface SubActivityRecord {
  scopeId: string;
  id: string;
  activityId: string;
  strategyId: string;
  order: number;
  title: string;
  details: string[];
  /** Mått and målvärde as written in the row ("" where the appendix merges the cell). */
  measure: string;
  target: string;
  statusAsWritten: string;
  /** Who answers the measure: the county alone, or each arena for itself (see plan.ts). */
  answeredBy: MeasureAnswerer;
  /** The region's own work (plan.ts SubActivity.regionOwn): never asked of the arenas. */
  regionOwn?: true;
  /** A compound measure's questions, each answered on its own (plan.ts SubActivity.questions). */
  questions?: MeasureQuestion[];
  state: SubActivityState;
  /** Optimistic-concurrency token of the stored row. */
  etag: string;
  /** Closed by a revision of the plan (status "Avslutad i revidering"). */
  retired?: Retirement;
}

export type MeasureAnswerer = 'county' | 'municipality';

/** An arena's follow-up of one county-wide sub-activity, as stored; absent until the arena first follows it up. */
export interface FollowUpRecord {
  scopeId: string;
  subActivityId: string;
  state: SubActivityState;
  etag: string;
}

/** The ETag of an arena's follow-up that has never been written: a save creates the row. */
export const NOT_YET_WRITTEN = 'not-yet-written';

/** The county's own status of a Bilaga 1 sub-activity, shown read-only beside an arena's follow-up. */
export interface CountyStatus {
  status: StatusId;
  statusLabel: string;
  statusNote: string;
  followedUp: boolean;
  updatedAt: string | null;
}

export interface ActivityRecord {
  scopeId: string;
  id: string;
  strategyId: string;
  order: number;
  title: string;
  period: Period;
  /** For an arena's local activity adopted from the plan: the recommendation it came from. */
  recommendationId?: string;
  /** For a local activity: when and by whom it was added. */
  createdAt?: string;
  createdBy?: string;
  /** Closed by a revision of the plan, with every sub-activity. */
  retired?: Retirement;
}

export interface SubActivityView {
  scopeId: string;
  id: string;
  title: string;
  details: string[];
  status: StatusId;
  statusLabel: string;
  statusNote: string;
  statusAsWritten: string;
  measure: string;
  target: string;
  /** The answer to a single-question measure; for a split one, the answer given before the split (if any). */
  measureAnswer: string;
  /** A split measure's questions and their own answers by question id (measureQuestions.ts reads them). */
  questions?: MeasureQuestion[];
  answers?: Record<string, string>;
  updatedAt: string | null;
  updatedBy: string | null;
  version: number;
  etag: string;
  answeredBy: MeasureAnswerer;
  /** The region's own work: the county follows it up; it is not in an arena's Bilaga 1. */
  regionOwn?: true;
  /** Its place in its activity as the plan numbers it (1-based), where a list leaves out the region's own work. */
  position?: number;
  /**
   * Whether anyone has followed it up since the plan was loaded. Until then its status is the
   * plan's 2023 prose (or, for an arena's follow-up, nothing at all): never today's fact.
   */
  followedUp: boolean;
  /** "own": the scope's own item (the county's Bilaga 1, an arena's local activity); "followUp": an arena's follow-up of a Bilaga 1 item. */
  kind: 'own' | 'followUp';
  /** For an arena's follow-up: the county's own status of the item, read-only. */
  county?: CountyStatus;
  /** Every change, newest first (only where the reader asked for history). */
  history?: HistoryEntry[];
  /** Closed by a revision of the plan: still readable, with its history. */
  retired?: Retirement;
  /** An arena's follow-up of a Bilaga 1 item the arena says does not apply locally: why ("Ej aktuellt lokalt"). */
  notApplicable?: string;
  /** An arena's local activity the arena has ended: why ("Avslutad lokalt"); kept with its history. */
  endedLocally?: string;
}

export interface ActivityView {
  scopeId: string;
  id: string;
  strategyId: string;
  title: string;
  period: Period & { label: string };
  recommendationId?: string;
  createdAt?: string;
  createdBy?: string;
  retired?: Retirement;
  subActivities: SubActivityView[];
}

/** A strategy's content: everything but the activities' live state. */
export interface StrategyInfo {
  id: string;
  number: number;
  title: string;
  quotes: string[];
  effectMeasures: EffectMeasure[];
  localRecommendations: LocalRecommendation[];
}

/** The plan's content without live state: what the bot needs on every turn (cached). */
export interface PlanContentView {
  plan: PlanInfo;
  strategies: StrategyInfo[];
  arenas: Arena[];
  /** Every version of the plan loaded into the store, oldest first (absent: just `plan`'s). */
  versions?: PlanVersion[];
}

export interface StrategyView extends StrategyInfo {
  /** The county-wide activities of Bilaga 1 under this strategy. */
  activities: ActivityView[];
}

export interface ArenaView extends Arena {
  /** The arena's own local activities (adopted recommendations and its own). */
  activities: ActivityView[];
  /** Bilaga 1 as this arena follows it up (plan 7.3); empty for the county, whose own status is in the strategies. */
  bilaga1: ActivityView[];
}

/** What one arena follows up: Bilaga 1 (for the county, its own items) and its local activities. */
export interface ArenaPlan {
  bilaga1: ActivityView[];
  local: ActivityView[];
}

/** The whole plan with live status: GET /api/plan. */
export interface PlanView {
  plan: PlanInfo;
  strategies: StrategyView[];
  arenas: ArenaView[];
  /** Every version of the plan loaded into the store, oldest first. */
  versions: PlanVersion[];
  /** The version in force today (from its date), and a decided one not yet in force. */
  inForce: PlanVersion;
  upcoming?: PlanVersion;
}

export function periodLabel(period: Period): string {
  return period.from === period.to ? String(period.from) : `${period.from}–${period.to}`;
}

/**
 * Bilaga 1 merges table cells vertically: within an activity, an empty Mått or Målvärde cell
 * shares the value written above it (each column on its own). Returns each row's values as read.
 */
export function resolveMergedCells<T extends { measure: string; target: string }>(rows: T[]): Array<{ measure: string; target: string }> {
  let measure = '';
  let target = '';
  return rows.map((row) => {
    measure = row.measure || measure;
    target = row.target || target;
    return { measure, target };
  });
}

export function subActivityView(record: SubActivityRecord, resolved: { measure: string; target: string }): SubActivityView {
  const s = record.state;
  return {
    scopeId: record.scopeId,
    id: record.id,
    title: record.title,
    details: record.details,
    status: s.status,
    statusLabel: statusLabel(s.status),
    statusNote: s.statusNote,
    statusAsWritten: record.statusAsWritten,
    measure: resolved.measure,
    target: resolved.target,
    measureAnswer: s.measureAnswer,
    ...(record.questions ? { questions: record.questions } : {}),
    ...(s.answers ? { answers: s.answers } : {}),
    updatedAt: s.updatedAt ?? null,
    updatedBy: s.updatedBy ?? null,
    version: s.version,
    etag: record.etag,
    answeredBy: record.answeredBy,
    ...(record.regionOwn ? { regionOwn: true as const } : {}),
    followedUp: s.version > 0,
    kind: 'own',
    ...(record.retired ? { retired: record.retired } : {}),
    ...(s.notApplicable ? { notApplicable: s.notApplicable } : {}),
    ...(s.endedLocally ? { endedLocally: s.endedLocally } : {}),
  };
}

/** A sub-activity's view with another state and ETag: after a save, or an arena's follow-up of a county item. */
export function withState(sub: SubActivityView, state: SubActivityState, etag: string): SubActivityView {
  const { notApplicable: _na, endedLocally: _ended, answers: _answers, ...rest } = sub;
  return {
    ...rest,
    ...(state.answers ? { answers: state.answers } : {}),
    ...(state.notApplicable ? { notApplicable: state.notApplicable } : {}),
    ...(state.endedLocally ? { endedLocally: state.endedLocally } : {}),
    status: state.status,
    statusLabel: statusLabel(state.status),
    statusNote: state.statusNote,
    measureAnswer: state.measureAnswer,
    updatedAt: state.updatedAt ?? null,
    updatedBy: state.updatedBy ?? null,
    version: state.version,
    etag,
    followedUp: state.version > 0 || sub.followedUp,
  };
}

/** The county's status of a sub-activity, as an arena's follow-up shows it. */
export function countyStatusOf(sub: SubActivityView): CountyStatus {
  return { status: sub.status, statusLabel: sub.statusLabel, statusNote: sub.statusNote, followedUp: sub.followedUp, updatedAt: sub.updatedAt };
}

/** What an arena has not yet followed up starts from: no status of its own, nothing written. */
const NOT_FOLLOWED_UP: SubActivityState = { status: 'ej_paborjat', statusNote: '', measureAnswer: '', version: 0 };

/**
 * Bilaga 1 as one arena follows it up (plan 7.3): the county's activities and sub-activities,
 * each with the arena's own status, note and answer (from its follow-up rows) and the county's
 * status beside it.
 */
export function followUpViews(arenaId: string, county: ActivityView[], followUps: Map<string, FollowUpRecord>, history?: Map<string, HistoryEntry[]>): ActivityView[] {
  // The region's own work is the county's alone: not asked of an arena at all (nor counted for it).
  return county.filter((activity) => activity.subActivities.some((d) => !d.regionOwn)).map((activity) => ({
    ...activity,
    scopeId: arenaId,
    subActivities: activity.subActivities.flatMap((countySub, i) => (countySub.regionOwn ? [] : [{ countySub, position: i + 1 }])).map(({ countySub, position }) => {
      const own = followUps.get(countySub.id);
      const followed = own?.state ?? NOT_FOLLOWED_UP;
      // Closed by a revision of the plan: closed for every arena too (its own words and history stay).
      const state: SubActivityState = countySub.retired ? { ...followed, status: RETIRED_STATUS.id } : followed;
      const { history: _countyHistory, ...content } = countySub;
      return {
        // The county's own follow-up says nothing about the arena's: only the arena's state counts.
        ...withState({ ...content, scopeId: arenaId, followedUp: false }, state, own?.etag ?? NOT_YET_WRITTEN),
        kind: 'followUp' as const,
        position,
        county: countyStatusOf(countySub),
        ...(history ? { history: history.get(countySub.id) ?? [] } : {}),
      };
    }),
  }));
}

export function activityView(activity: ActivityRecord, subs: SubActivityRecord[], history?: Map<string, HistoryEntry[]>): ActivityView {
  const ordered = [...subs].sort((a, b) => a.order - b.order);
  const resolved = resolveMergedCells(ordered);
  return {
    scopeId: activity.scopeId,
    id: activity.id,
    strategyId: activity.strategyId,
    title: activity.title,
    period: { ...activity.period, label: periodLabel(activity.period) },
    ...(activity.recommendationId ? { recommendationId: activity.recommendationId } : {}),
    ...(activity.createdAt ? { createdAt: activity.createdAt } : {}),
    ...(activity.createdBy ? { createdBy: activity.createdBy } : {}),
    ...(activity.retired ? { retired: activity.retired } : {}),
    subActivities: ordered.map((sub, i) => ({
      ...subActivityView(sub, resolved[i]!),
      // A local activity's status was set by the person who added it: a fact from day one.
      ...(activity.createdAt ? { followedUp: true } : {}),
      ...(history ? { history: history.get(sub.id) ?? [] } : {}),
    })),
  };
}

/** Groups a scope's rows into activities, ordered as the plan (or the arena) lists them. */
/** Strategy ids in Swedish order with numbers as numbers (s2 before s10); one collator, not one per comparison. */
const strategyOrder = new Intl.Collator('sv', { numeric: true });

export function activityViews(activities: ActivityRecord[], subs: SubActivityRecord[], history?: Map<string, HistoryEntry[]>): ActivityView[] {
  // By strategy, then as the plan (or the arena) orders them: the county's order restarts in each strategy.
  const byActivity = new Map<string, SubActivityRecord[]>();
  for (const d of subs) byActivity.set(d.activityId, [...(byActivity.get(d.activityId) ?? []), d]);
  return [...activities]
    .sort((a, b) => strategyOrder.compare(a.strategyId, b.strategyId) || a.order - b.order)
    .map((a) => activityView(a, byActivity.get(a.id) ?? [], history));
}
