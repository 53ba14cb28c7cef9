// The yearly report the county sends to SVOM (plan 1.6: "följs upp årligen i länsgemensam
// samverkan"), built from a FollowUpState (live, or a closed round's snapshot), the previous
// round's state and the period's changes. One model, read by the tab's print view, Word and Excel:
// Sammanfattning, Effektmått, Förändringar under perioden, Per arena, Analys. Pure: no storage.
import { answerText } from './measureQuestions';
import { formatDateTime, formatLongDate, formatNumber } from './format';
import { isOverdue, NOT_FOLLOWED_UP, statusText, stockholmYear } from './followUp';
import type { FollowUpState, Submission } from './followUpState';
import type { HistoryEvent } from './historyEvents';
import { comparePeriods, periodId, periodLabel, previousComparablePeriod, type PeriodId } from './measurePeriods';
import { COUNTY_FIGURE_TEXT, describeValues, formatAmount, LEVEL_TEXT, targetStatus, targetStatusText, total, valueArenaName, valueArenas, type MeasureValue, type TargetStatus } from './measureValues';
import type { Arena, EffectMeasure, MeasureDirection } from './plan';
import type { ActivityView, StrategyInfo, SubActivityView } from './planView';
import { ALL_STATUSES, isRetiredStatus, mapWrittenStatus, statusLabel, STATUSES, type StatusId } from './status';
import { WORDS } from './glossary';

/** The report's chapters, in the order the steering group reads them: Word, the tab and print alike. */
export const REPORT_SECTIONS = [
  { id: 'sammanfattning', title: 'Sammanfattning' },
  { id: 'bilaga1', title: 'Bilaga 1: handlingsplanen' },
  { id: 'effektmatt', title: 'Effektmått' },
  { id: 'arenorna', title: 'Arenorna' },
  { id: 'analys', title: 'Analys per strategi' },
  { id: 'forandringar', title: 'Bilaga: förändringar under perioden' },
] as const;

/** More arenas than this: the arenas' follow-up is one table per arena, not one column each. */
export const MATRIX_MAX_ARENAS = 20;
/**
 * More arenas than this: Word gives each arena's local activities as a count per status (a report
 * of 300 arenas with a hundred each would run to a thousand pages); every one, with its status and
 * note, is in the Excel file's sheet Lokala aktiviteter, and in the tab.
 */
export const LOCAL_LISTED_MAX_ARENAS = MATRIX_MAX_ARENAS;
/** More changes than this (about a page): a count per arena, and every change in the Excel file. */
export const CHANGES_LISTED_MAX = 40;

/** The counted columns of Sammanfattning, in the order the report shows them. */
export const SUMMARY_COLUMNS = [
  { key: 'klar', label: statusLabel('klar') },
  { key: 'pagar', label: statusLabel('pagar') },
  { key: 'ej_paborjat', label: statusLabel('ej_paborjat') },
  { key: 'uppdrag_behovs', label: statusLabel('uppdrag_behovs') },
  { key: 'avbruten', label: statusLabel('avbruten') },
  { key: 'notFollowedUp', label: 'Ej uppföljda' },
  // Försenad as everywhere: followed up, its priority period ended, neither Klar nor Avbruten.
  { key: 'overdue', label: 'Försenade' },
  // Never followed up and its period has ended: counted beside Försenade, never inside it.
  { key: 'periodEnded', label: 'Ej uppföljda, perioden har gått ut' },
] as const;

export type SummaryKey = (typeof SUMMARY_COLUMNS)[number]['key'];
export type SummaryCounts = Record<SummaryKey, number> & { total: number };

export interface StrategySummary {
  strategyId: string;
  number: number;
  title: string;
  counts: SummaryCounts;
  /** This round's counts minus the baseline's (the previous round, or the plan's 2023 statuses). */
  change?: SummaryCounts;
}

export interface ArenaSubmissionLine {
  arenaId: string;
  name: string;
  submission?: Submission;
}

/** One sub-activity as a report row (Handlingsplan, an arena's local activities or its follow-up of Bilaga 1). */
export interface ReportSubRow {
  strategyNumber: number;
  activityTitle: string;
  priority: string;
  subId: string;
  subTitle: string;
  status: StatusId;
  /** Honest: "Ej uppföljd sedan planen antogs" where nobody has followed it up. */
  statusText: string;
  statusNote: string;
  measure: string;
  target: string;
  measureAnswer: string;
  updatedAt: string | null;
  updatedBy: string | null;
  overdue: boolean;
  /** Never followed up, and its priority period has ended (counted beside Försenad, never in it). */
  periodEnded: boolean;
  followedUp: boolean;
  /** For an arena's follow-up of Bilaga 1: the county's own status beside it. */
  countyStatus?: string;
  /** The arena's reason it does not apply locally ("Ej aktuellt lokalt"), or why it ended its local activity ("Avslutad lokalt"). */
  notApplicable?: string;
  endedLocally?: string;
  /** For the county's Bilaga 1: in how many municipalities it does not apply, "Ej aktuellt i 3 av 8 kommuner". */
  localNotApplicable?: string;
  /** For the county's Bilaga 1: its status when the period began (the previous round's, or the plan's 2023 words). */
  statusAtStart?: string;
}

/** One municipality's answer in the arenas' follow-up of Bilaga 1 (the matrix). */
export interface MatrixCell {
  arenaId: string;
  /** "Pågår", "Klar · ja", "Ej uppföljd", "Ej aktuellt lokalt". */
  text: string;
  followedUp: boolean;
}

export interface MatrixRow {
  subId: string;
  strategyNumber: number;
  activityTitle: string;
  subTitle: string;
  countyStatus: string;
  cells: MatrixCell[];
}

/** One arena's (or the county's) values of a measure over every period since the plan's start. */
export interface MeasureLine {
  arenaId: string;
  arenaName: string;
  /** The county's own figure beside the municipalities'. */
  county: boolean;
  /** In the order of the measure's `allPeriods`; `value` absent where nothing was reported. */
  cells: Array<{ periodId: PeriodId; value?: string; total: number | null }>;
  /** The latest value judged against the year before (or the latest earlier value), both years named. */
  judgement: { target: TargetStatus; text: string; compared: string };
}

/** The county's own text of the round (Slutsatser, Förslag inför nästa år). */
export interface RoundText {
  title: string;
  text: string;
  updatedAt?: string;
  updatedBy?: string;
}

export interface MeasureRow {
  arenaId: string;
  arenaName: string;
  periodId: PeriodId;
  periodLabel: string;
  previousPeriodLabel: string;
  /** The value as written ("Barn och unga: 12 · Vuxna: 30"); absent when not reported. */
  value?: string;
  /** The sum of a numeric value (what the target compares); null for ja/nej or nothing. */
  total: number | null;
  previous?: string;
  previousTotal: number | null;
  target: TargetStatus;
  targetText: string;
}

export interface MeasureReport {
  id: string;
  strategyNumber: number;
  title: string;
  /** Målvärde as written in the plan. */
  target: string;
  direction: MeasureDirection;
  directionText: string;
  levelText: string;
  source?: string;
  /** The periods of the report's year (a year, or its two half-years). */
  periods: PeriodId[];
  rows: MeasureRow[];
  /** How many of the arenas that report it did so for the year. */
  reported: number;
  reporters: number;
  met: number;
  /** Every period since the plan's start with a value, oldest first (the report's tables and charts). */
  allPeriods: PeriodId[];
  allPeriodLabels: string[];
  lines: MeasureLine[];
}

export interface ChangeGroup {
  id: string;
  title: string;
  events: HistoryEvent[];
}

/** How many changes a group (an arena) had. */
export interface ChangeCount {
  id: string;
  title: string;
  count: number;
}

export interface ArenaReport {
  arenaId: string;
  name: string;
  submission?: Submission;
  local: ReportSubRow[];
  bilaga1: ReportSubRow[];
  /** How many of Bilaga 1's open items that apply locally the arena has followed up. */
  followedUp: number;
  followUpTotal: number;
  /** Bilaga 1 items the arena says do not apply locally, and its local activities it ended (each row says why). */
  notApplicable: ReportSubRow[];
  ended: ReportSubRow[];
  /** Every submission of the round, oldest first (each with its comment). */
  submissions: Submission[];
}

export interface AnalysisSection {
  strategyId: string;
  number: number;
  title: string;
  text: string;
  updatedAt?: string;
  updatedBy?: string;
}

/** Where the report's figures come from: a closed round's snapshot, or the state now. */
export type ReportSource =
  | { kind: 'round'; roundId: string; name: string; closedAt: string }
  | { kind: 'openRound'; roundId: string; name: string; takenAt: string }
  | { kind: 'live'; takenAt: string };

export interface Report {
  year: number;
  title: string;
  planName: string;
  /** Every arena's name by id (the county's too), for the changes' arena column. */
  arenaNames: Record<string, string>;
  source: ReportSource;
  period: { from: string; to: string };
  /** The round compared with, if there is one before this. */
  previous?: { name: string; takenAt: string };
  /** Who sends it: the county level's name in the plan file. */
  sender: string;
  /** When the report was made (ISO). */
  madeAt: string;
  /** What "change" in Sammanfattning compares with. */
  baseline: string;
  conclusions: RoundText;
  proposals: RoundText;
  /** The arenas' follow-up of Bilaga 1: a row per county sub-activity, a cell per municipality. */
  matrix: { arenas: Array<{ arenaId: string; name: string }>; rows: MatrixRow[] };
  summary: { strategies: StrategySummary[]; total: StrategySummary; arenas: ArenaSubmissionLine[]; submitted: number };
  actionPlan: ReportSubRow[];
  measures: MeasureReport[];
  /**
   * The period's changes for the appendix: how many, how many per arena, and each once per
   * strategy when they fit on about a page (at most CHANGES_LISTED_MAX; above, `listed` and
   * `byStrategy` are empty and the Excel file's Historik lists every one).
   */
  changes: { count: number; listed: HistoryEvent[]; byStrategy: ChangeGroup[]; byArena: ChangeCount[] };
  arenas: ArenaReport[];
  analysis: AnalysisSection[];
}

export interface ReportInput {
  year: number;
  planName: string;
  strategies: StrategyInfo[];
  /** Every arena of the plan (municipalities and the county), to name them. */
  arenaList: Arena[];
  state: FollowUpState;
  source: ReportSource;
  previous?: { name: string; state: FollowUpState };
  /** The changes of the period, any order. */
  events: HistoryEvent[];
  /** The county level's name (the plan file's county arena); defaults to the county in arenaList. */
  sender?: string;
  /** When the report is made (ISO); defaults to the state's time. */
  madeAt?: string;
  /** Every submission of the round (each version); defaults to each arena's latest. */
  submissions?: Submission[];
}

/** The plan's first year of effect-measure values: the plan came into force 2023-12-01, and 2023 is its baseline. */
export const FIRST_MEASURE_YEAR = 2023;

/** "Uppföljning 2026 – Gemensam plan": the report's title and its files' names. */
export function reportTitle(year: number): string {
  return `Uppföljning ${year} – Gemensam plan`;
}

export const DIRECTION_TEXT: Record<MeasureDirection, string> = { increase: 'Ska öka', decrease: 'Ska minska', yes: 'Ska vara ja' };

export const TARGET_LABEL: Record<TargetStatus, string> = { met: 'Nås', notMet: 'Nås inte', noComparison: 'Inget att jämföra med', notReported: 'Inte rapporterat' };

export function buildReport(input: ReportInput): Report {
  const { state, strategies, year } = input;
  const at = new Date(state.takenAt);
  const strategySummaries = summarize(strategies, state.county, at);
  // The change since the previous closed round; with none, since the plan's 2023 statuses.
  const before = input.previous ? summarize(strategies, input.previous.state.county, new Date(input.previous.state.takenAt)) : planBaseline(strategies, state.county);
  for (const s of strategySummaries) {
    const b = before.find((x) => x.strategyId === s.strategyId);
    s.change = difference(s.counts, b?.counts ?? emptyCounts());
  }
  const totalCounts = sumCounts(strategySummaries.map((s) => s.counts));
  const totalSummary: StrategySummary = { strategyId: 'total', number: 0, title: 'Totalt', counts: totalCounts, change: sumCounts(strategySummaries.map((s) => s.change!)) };

  const number = new Map(strategies.map((s) => [s.id, s.number]));
  const submissions: ArenaSubmissionLine[] = state.arenas.map((a) => ({ arenaId: a.arena.id, name: a.arena.name, ...(a.submission ? { submission: a.submission } : {}) }));
  const everySubmission = input.submissions ?? state.arenas.flatMap((a) => (a.submission ? [a.submission] : []));
  const startOf = statusesAtStart(input.previous?.state.county);
  const text = (id: string, title: string): RoundText => {
    const a = state.analysis.find((x) => x.strategyId === id);
    return { title, text: a?.text ?? '', ...(a ? { updatedAt: a.updatedAt, updatedBy: a.updatedBy } : {}) };
  };

  return {
    year,
    title: reportTitle(year),
    planName: input.planName,
    arenaNames: Object.fromEntries(input.arenaList.map((a) => [a.id, a.name])),
    source: input.source,
    period: state.period,
    ...(input.previous ? { previous: { name: input.previous.name, takenAt: input.previous.state.takenAt } } : {}),
    sender: input.sender ?? input.arenaList.find((a) => a.kind === 'county')?.name ?? '',
    madeAt: input.madeAt ?? state.takenAt,
    baseline: input.previous ? `förändringen sedan ${input.previous.name}` : 'förändringen sedan planens status 2023 (ingen tidigare stängd omgång)',
    conclusions: text('slutsatser', 'Slutsatser'),
    proposals: text('forslag-infor-nasta-ar', 'Förslag inför nästa år'),
    matrix: matrixOf(state, number),
    summary: { strategies: strategySummaries, total: totalSummary, arenas: submissions, submitted: submissions.filter((s) => s.submission).length },
    actionPlan: subRows(state.county, number, at).map((r) => ({ ...withLocalNotApplicable(r, state.arenas), statusAtStart: startOf(r.subId, state.county) })),
    measures: strategies.flatMap((s) => s.effectMeasures.filter((m) => !m.retired).map((m) => measureReport(m, s.number, year, state.measureValues, input.arenaList))),
    changes: changesOf(input.events, strategies, input.arenaList),
    arenas: state.arenas.map((a) => {
      const bilaga1 = subRows(a.bilaga1, number, at);
      const local = subRows(a.local, number, at);
      const open = bilaga1.filter((r) => !isRetiredStatus(r.status) && !r.notApplicable);
      return {
        arenaId: a.arena.id,
        name: a.arena.name,
        ...(a.submission ? { submission: a.submission } : {}),
        local,
        bilaga1,
        followedUp: open.filter((r) => r.followedUp).length,
        followUpTotal: open.length,
        notApplicable: bilaga1.filter((r) => r.notApplicable && !isRetiredStatus(r.status)),
        ended: local.filter((r) => r.endedLocally),
        submissions: everySubmission.filter((x) => x.arenaId === a.arena.id).sort((x, y) => x.submittedAt.localeCompare(y.submittedAt) || x.version - y.version),
      };
    }),
    analysis: strategies.map((s) => {
      const a = state.analysis.find((x) => x.strategyId === s.id);
      return { strategyId: s.id, number: s.number, title: s.title, text: a?.text ?? '', ...(a ? { updatedAt: a.updatedAt, updatedBy: a.updatedBy } : {}) };
    }),
  };
}

/** Newest first; ties by key, so that the order is the same every time. */
const newestFirst = (a: HistoryEvent, b: HistoryEvent) => (a.at !== b.at ? (a.at < b.at ? 1 : -1) : a.key < b.key ? 1 : a.key > b.key ? -1 : 0);

/**
 * The appendix's changes: counted per arena in one pass (a county of 300 arenas has hundreds of
 * thousands), and listed per strategy only when they fit on about a page.
 */
function changesOf(events: HistoryEvent[], strategies: StrategyInfo[], arenas: Arena[]): Report['changes'] {
  const perArena = new Map<string, number>();
  for (const e of events) perArena.set(e.scopeId, (perArena.get(e.scopeId) ?? 0) + 1);
  const byArena = arenas.filter((a) => perArena.has(a.id)).map((a) => ({ id: a.id, title: a.name, count: perArena.get(a.id)! }));
  if (events.length > CHANGES_LISTED_MAX) return { count: events.length, listed: [], byStrategy: [], byArena };
  const listed = [...events].sort(newestFirst);
  const known = new Set(strategies.map((s) => s.id));
  const byStrategy = [
    ...strategies.map((s) => ({ id: s.id, title: `Strategi ${s.number}: ${s.title}`, events: listed.filter((e) => e.strategyId === s.id) })),
    { id: 'ovrigt', title: 'Övrigt (kanaler, påminnelser och lokala revideringar)', events: listed.filter((e) => !e.strategyId || !known.has(e.strategyId)) },
  ].filter((g) => g.events.length > 0);
  return { count: events.length, listed, byStrategy, byArena };
}

function emptyCounts(): SummaryCounts {
  return { klar: 0, pagar: 0, ej_paborjat: 0, uppdrag_behovs: 0, avbruten: 0, notFollowedUp: 0, overdue: 0, periodEnded: 0, total: 0 };
}

const liveSubs = (a: ActivityView) => a.subActivities.filter((d) => !isRetiredStatus(d.status) && !d.retired);

/**
 * Per strategy, the county's Bilaga 1 (the joint plan) counted honestly: by status what has been
 * followed up; Ej uppföljda apart; Försenade only among the followed up (priority period ended,
 * neither Klar nor Avbruten); never followed up with its period ended beside it.
 */
function summarize(strategies: StrategyInfo[], county: ActivityView[], at: Date): StrategySummary[] {
  const year = stockholmYear(at);
  return strategies.map((s) => {
    const counts = emptyCounts();
    for (const a of county.filter((x) => x.strategyId === s.id && !x.retired)) {
      for (const d of liveSubs(a)) {
        counts.total++;
        if (!d.followedUp) {
          counts.notFollowedUp++;
          if (year > a.period.to) counts.periodEnded++;
          continue;
        }
        counts[d.status as (typeof STATUSES)[number]['id']]++;
        if (isOverdue(a, d, at)) counts.overdue++;
      }
    }
    return { strategyId: s.id, number: s.number, title: s.title, counts };
  });
}

/** The plan's own 2023 statuses (its words, mapped) as the baseline when no round was closed before. */
function planBaseline(strategies: StrategyInfo[], county: ActivityView[]): StrategySummary[] {
  return strategies.map((s) => {
    const counts = emptyCounts();
    for (const a of county.filter((x) => x.strategyId === s.id && !x.retired)) {
      for (const d of liveSubs(a)) {
        counts.total++;
        counts[mapWrittenStatus(d.statusAsWritten)]++;
      }
    }
    return { strategyId: s.id, number: s.number, title: s.title, counts };
  });
}

/** Where a county item stood when the period began: in the previous round, or in the plan's words of 2023. */
function statusesAtStart(previous: ActivityView[] | undefined): (subId: string, now: ActivityView[]) => string {
  const before = new Map((previous ?? []).flatMap((a) => a.subActivities.map((d) => [d.id, d] as const)));
  return (subId, now) => {
    const then = before.get(subId);
    if (then) return then.followedUp ? then.statusLabel : NOT_FOLLOWED_UP;
    const sub = now.flatMap((a) => a.subActivities).find((d) => d.id === subId);
    if (!sub) return '';
    return previous ? 'Fanns inte' : `planen 2023: ${statusLabel(mapWrittenStatus(sub.statusAsWritten))}`;
  };
}

/** A municipality's answer to a Bilaga 1 item in a few words: its status, and its answer where it gives one. */
function cellText(d: SubActivityView): string {
  if (d.notApplicable) return 'Ej aktuellt lokalt';
  if (!d.followedUp) return 'Ej uppföljd';
  const answer = answerText(d);
  return answer ? `${d.statusLabel} · ${answer}` : d.statusLabel;
}

function matrixOf(state: FollowUpState, number: Map<string, number>): Report['matrix'] {
  const arenas = state.arenas.map((a) => ({ arenaId: a.arena.id, name: a.arena.name }));
  const byArena = new Map(state.arenas.map((a) => [a.arena.id, new Map(a.bilaga1.flatMap((x) => x.subActivities.map((d) => [d.id, d] as const)))]));
  // The region's own work is not asked of the arenas (plan file, regionOwn): no row of "Ej uppföljd" for it.
  const rows = state.county.filter((a) => !a.retired).flatMap((a) =>
    liveSubs(a).filter((d) => !d.regionOwn).map((d) => ({
      subId: d.id,
      strategyNumber: number.get(a.strategyId) ?? 0,
      activityTitle: a.title,
      subTitle: d.title,
      countyStatus: d.followedUp ? d.statusLabel : NOT_FOLLOWED_UP,
      cells: arenas.map(({ arenaId }) => {
        const own = byArena.get(arenaId)?.get(d.id);
        return { arenaId, text: own ? cellText(own) : 'Ej uppföljd', followedUp: Boolean(own?.followedUp) };
      }),
    })),
  );
  return { arenas, rows };
}

function difference(now: SummaryCounts, before: SummaryCounts): SummaryCounts {
  const d = emptyCounts();
  for (const k of Object.keys(d) as Array<keyof SummaryCounts>) d[k] = now[k] - before[k];
  return d;
}

function sumCounts(list: SummaryCounts[]): SummaryCounts {
  const d = emptyCounts();
  for (const c of list) for (const k of Object.keys(d) as Array<keyof SummaryCounts>) d[k] += c[k];
  return d;
}

/** A county item's status over the period: "planen 2023: Pågår → Klar", or why there is no "to" yet. */
export function statusFromTo(r: Pick<ReportSubRow, 'followedUp' | 'statusAtStart' | 'statusText' | 'overdue' | 'periodEnded'>): string {
  if (!r.followedUp) return `${NOT_FOLLOWED_UP}${r.statusAtStart ? ` (${r.statusAtStart})` : ''}${r.periodEnded ? ' · perioden har gått ut' : ''}`;
  return `${r.statusAtStart ? `${r.statusAtStart} → ` : ''}${r.statusText}${r.overdue ? ' · Försenad' : ''}`;
}

/** "+2", "−1", "±0": a change in a table cell. */
export function formatChange(n: number): string {
  return n > 0 ? `+${formatNumber(n)}` : n < 0 ? `−${formatNumber(-n)}` : '±0';
}

function subRows(activities: ActivityView[], number: Map<string, number>, at: Date): ReportSubRow[] {
  return activities.flatMap((a) =>
    a.subActivities.map((d) => ({
      strategyNumber: number.get(a.strategyId) ?? 0,
      activityTitle: a.title,
      priority: a.period.label,
      subId: d.id,
      subTitle: d.title,
      status: d.status,
      statusText: statusText(d),
      statusNote: d.statusNote,
      measure: d.measure,
      target: d.target,
      // A split measure's answer per question, named.
      measureAnswer: answerText(d),
      updatedAt: d.followedUp ? d.updatedAt : null,
      updatedBy: d.followedUp ? d.updatedBy : null,
      // Försenad only where someone has followed it up; never followed up, its period ended is said apart.
      overdue: d.followedUp && isOverdue(a, d, at),
      periodEnded: !d.followedUp && !isRetiredStatus(d.status) && stockholmYear(at) > a.period.to,
      followedUp: d.followedUp,
      ...(d.county ? { countyStatus: d.county.followedUp ? d.county.statusLabel : NOT_FOLLOWED_UP } : {}),
      ...(d.notApplicable ? { notApplicable: d.notApplicable } : {}),
      ...(d.endedLocally ? { endedLocally: d.endedLocally } : {}),
    })),
  );
}

/** A county row with "Ej aktuellt i 3 av 8 kommuner" where some arena says it does not apply locally. */
function withLocalNotApplicable(row: ReportSubRow, arenas: FollowUpState['arenas']): ReportSubRow {
  const count = arenas.filter((a) => a.bilaga1.some((x) => x.subActivities.some((d) => d.id === row.subId && d.notApplicable))).length;
  return count > 0 ? { ...row, localNotApplicable: `Ej aktuellt i ${count} av ${arenas.length} kommuner` } : row;
}

/** The periods of a year for a measure: the year itself, or its two half-years. */
export function periodsOfYear(measure: Pick<EffectMeasure, 'frequency'>, year: number): PeriodId[] {
  return measure.frequency === 'halfYearly' ? [periodId(year, 1), periodId(year, 2)] : [periodId(year)];
}

function measureReport(measure: EffectMeasure, strategyNumber: number, year: number, values: MeasureValue[], arenas: Arena[]): MeasureReport {
  const own = values.filter((v) => v.measureId === measure.id);
  const reporters = valueArenas(measure, arenas);
  const periods = periodsOfYear(measure, year);
  const rows: MeasureRow[] = [];
  for (const arena of reporters) {
    for (const p of periods) {
      const current = own.find((v) => v.arenaId === arena.id && v.periodId === p);
      const before = own.find((v) => v.arenaId === arena.id && v.periodId === previousComparablePeriod(p));
      const status = targetStatus(measure, current, before);
      const sum = (v?: MeasureValue) => (v && Number.isFinite(total(v)) ? total(v) : null);
      rows.push({
        arenaId: arena.id,
        arenaName: arena.name,
        periodId: p,
        periodLabel: periodLabel(p),
        previousPeriodLabel: periodLabel(previousComparablePeriod(p)),
        ...(current ? { value: describeValues(current.values) } : {}),
        total: sum(current),
        ...(before ? { previous: describeValues(before.values) } : {}),
        previousTotal: sum(before),
        target: status,
        targetText: targetStatusText(status, measure, p, current, before),
      });
    }
  }
  const reported = reporters.filter((a) => own.some((v) => v.arenaId === a.id && periods.includes(v.periodId))).length;
  // Every period since the plan's start that has a value, up to the report's year, oldest first.
  const inRange = own.filter((v) => {
    const y = Number(v.periodId.slice(0, 4));
    return y >= FIRST_MEASURE_YEAR && y <= year;
  });
  const allPeriods = [...new Set(inRange.map((v) => v.periodId))].sort(comparePeriods);
  // The county's own figure beside the municipalities' ("Hela länet", the register's figure the
  // county reports, never computed), where the county reports one.
  const county = arenas.find((a) => a.kind === 'county');
  const lineArenas = county && !reporters.some((a) => a.id === county.id) && inRange.some((v) => v.arenaId === county.id) ? [...reporters, county] : reporters;
  // Values reported at a level the measure no longer has (a municipality's, of a measure since
  // decided at region or county level) are kept and shown, named as such.
  const earlier = arenas.filter((a) => !lineArenas.includes(a) && inRange.some((v) => v.arenaId === a.id));
  const lines = [
    ...lineArenas.map((arena) => measureLine(measure, { ...arena, name: valueArenaName(measure, arena) }, county?.id === arena.id, allPeriods, inRange.filter((v) => v.arenaId === arena.id))),
    ...earlier.map((arena) => measureLine(measure, { ...arena, name: `${arena.name} (${EARLIER_LEVEL_TEXT})` }, false, allPeriods, inRange.filter((v) => v.arenaId === arena.id))),
  ];
  return {
    id: measure.id,
    strategyNumber,
    title: measure.title,
    target: measure.target,
    direction: measure.direction,
    directionText: DIRECTION_TEXT[measure.direction],
    levelText: LEVEL_TEXT[measure.level],
    ...(measure.source ? { source: measure.source } : {}),
    periods: [...periods].sort(comparePeriods),
    rows,
    reported,
    reporters: reporters.length,
    met: rows.filter((r) => r.target === 'met').length,
    allPeriods,
    allPeriodLabels: allPeriods.map(periodLabel),
    lines,
  };
}

/** How a value reported at an earlier level is named beside the measure's own lines. */
export const EARLIER_LEVEL_TEXT = 'rapporterat på tidigare nivå';

/** A line's name in a table: the county's own measure line says "(länet)"; Hela länet says it already. */
export function lineName(l: Pick<MeasureLine, 'arenaName' | 'county'>): string {
  return l.county && l.arenaName !== COUNTY_FIGURE_TEXT ? `${l.arenaName} (länet)` : l.arenaName;
}

const sumOf = (v?: MeasureValue) => (v && Number.isFinite(total(v)) ? total(v) : null);

/**
 * One arena's values over the periods, and its latest value judged as the plan says: against the
 * same period the year before ("jämfört med föregående år"); where that has no value, against the
 * latest earlier value, with both years named.
 */
function measureLine(measure: EffectMeasure, arena: Arena, county: boolean, periods: PeriodId[], values: MeasureValue[]): MeasureLine {
  const cells = periods.map((p) => {
    const v = values.find((x) => x.periodId === p);
    return { periodId: p, ...(v ? { value: describeValues(v.values) } : {}), total: sumOf(v) };
  });
  const sorted = [...values].sort((a, b) => comparePeriods(b.periodId, a.periodId));
  const latest = sorted[0];
  if (!latest) return { arenaId: arena.id, arenaName: arena.name, county, cells, judgement: { target: 'notReported', text: 'Inget värde rapporterat', compared: '' } };
  const sameKind = (v: MeasureValue) => v.periodId.length === latest.periodId.length;
  const before = values.find((v) => v.periodId === previousComparablePeriod(latest.periodId)) ?? sorted.slice(1).find(sameKind);
  const target = targetStatus(measure, latest, before);
  const compared = measure.direction === 'yes' || !before ? periodLabel(latest.periodId) : `${periodLabel(latest.periodId)} jämfört med ${periodLabel(before.periodId)}`;
  const figures = measure.direction !== 'yes' && before ? `: ${formatAmount(total(latest))} mot ${formatAmount(total(before))}` : '';
  const text = target === 'met' ? `Nås${figures}` : target === 'notMet' ? `Nås inte${figures}` : `Inget tidigare värde att jämföra med`;
  return { arenaId: arena.id, arenaName: arena.name, county, cells, judgement: { target, text, compared } };
}

/**
 * What an arena has set aside, one sentence each: "Ej aktuellt lokalt (2): Titel (skäl); …" and
 * "Avslutade lokalt (1): …". Empty when there is nothing.
 */
export function setAsideLines(a: Pick<ArenaReport, 'notApplicable' | 'ended'>): string[] {
  const line = (label: string, rows: ReportSubRow[], reason: (r: ReportSubRow) => string) =>
    rows.length ? [`${label} (${rows.length}): ${rows.map((r) => `${r.subTitle} (${reason(r)})`).join('; ')}.`] : [];
  return [...line('Ej aktuellt lokalt', a.notApplicable ?? [], (r) => r.notApplicable ?? ''), ...line('Avslutade lokalt', a.ended ?? [], (r) => r.endedLocally ?? '')];
}

/**
 * An arena's local activities counted per status, in the statuses' order (not followed up last),
 * and how many of them are overdue: what Word shows of them above LOCAL_LISTED_MAX_ARENAS arenas.
 */
export function localStatusCounts(rows: readonly ReportSubRow[]): { lines: Array<{ text: string; count: number }>; overdue: number } {
  const order = (r: ReportSubRow) => (r.followedUp ? ALL_STATUSES.findIndex((st) => st.id === r.status) : ALL_STATUSES.length);
  const counts = new Map<string, { text: string; count: number; order: number }>();
  for (const r of rows) {
    const line = counts.get(r.statusText) ?? { text: r.statusText, count: 0, order: order(r) };
    line.count++;
    counts.set(r.statusText, line);
  }
  const lines = [...counts.values()].sort((a, b) => a.order - b.order).map(({ text, count }) => ({ text, count }));
  return { lines, overdue: rows.filter((r) => r.overdue).length };
}

/** "Lämnade in 3 dec. 2026 (Anna Berg)" or "Inte inlämnad". */
export function submissionText(s: Submission | undefined, formatDate: (iso: string) => string): string {
  if (!s) return WORDS.notSubmitted;
  return `Lämnade in ${formatDate(s.submittedAt)} (${s.submittedBy})${s.version > 1 ? `, ${s.version}:e gången` : ''}`;
}

/** The report's sources in a sentence: which round (or the state on which day), which period. */
export function sourceText(report: Report): string {
  const period = `Perioden ${formatLongDate(report.period.from)} – ${formatLongDate(report.period.to)}.`;
  const source = report.source;
  const basis = source.kind === 'round'
    ? `Underlaget är ${source.name}, stängd ${formatLongDate(source.closedAt)}.`
    : source.kind === 'openRound'
      ? `${source.name} är ännu öppen: underlaget är läget ${formatDateTime(source.takenAt)}.`
      : `Ingen uppföljningsomgång för ${report.year}: underlaget är läget ${formatDateTime(source.takenAt)}.`;
  const compared = report.previous ? ` Jämförs med ${report.previous.name}.` : ' Det finns ingen tidigare stängd omgång att jämföra med.';
  return `${period} ${basis}${compared}`;
}

/**
 * The rows worth a table line (a value this year or the year before), and one sentence for the
 * rest: "Inget värde 2026 eller året före: Berg, Bräcke, …" (eight empty lines say less).
 */
export function measureRowsShown(m: Pick<MeasureReport, 'rows'>): { shown: MeasureRow[]; missing: string } {
  const shown = m.rows.filter((r) => r.value !== undefined || r.previous !== undefined);
  const empty = m.rows.filter((r) => r.value === undefined && r.previous === undefined);
  if (empty.length === 0) return { shown, missing: '' };
  const byPeriod = new Map<string, string[]>();
  for (const r of empty) byPeriod.set(r.periodLabel, [...(byPeriod.get(r.periodLabel) ?? []), r.arenaName]);
  const missing = [...byPeriod.entries()].map(([period, names]) => `Inget värde för ${period} eller året före: ${names.join(', ')}.`).join(' ');
  return { shown, missing };
}
