// Reporting an effect measure's value (effektmått) for a period and an arena: the one code path
// behind the bot's Spara, the tab's PUT and the Excel upload. Find the measure, arena and
// period in the plan; authorize; validate the value; write it with its history row carrying
// the ETag the person saw. The caller maps the outcome to a card or an HTTP status.
import type { Actor } from '../domain/activityState';
import type { Decision } from '../domain/authorization';
import { comparePeriods, currentPeriod, isPeriodOf, periodLabel, previousComparablePeriod, reportablePeriods, type PeriodId } from '../domain/measurePeriods';
import { parseMeasureReport, reportableArenas, reportingArena, type MeasureReport, type MeasureValue, type MeasureValueRecord } from '../domain/measureValues';
import type { Arena, EffectMeasure } from '../domain/plan';
import { ID_PATTERN } from '../domain/planSchema';
import type { MeasureStore } from '../storage/measureStore';
import { notFound, refused, type NotFound, type Refused, type UpdateOutcome } from './outcome';
import { countConflict } from '../telemetry/metrics';

/** A measure's value for one arena and period, and the same period the year before. */
export interface MeasureValueState {
  measure: EffectMeasure;
  arena: Arena;
  periodId: PeriodId;
  current?: MeasureValueRecord;
  previousComparable?: MeasureValueRecord;
  /** The value a save replaced. */
  replaced?: MeasureValueRecord;
}

export type ReportMeasureOutcome = UpdateOutcome<MeasureValueState, MeasureValue>;

/** What a person sends: ids as received (checked here), the ETag they saw ("" for none), and the inputs. */
export interface ReportMeasureRequest {
  measureId: unknown;
  arenaId: unknown;
  periodId: unknown;
  /** ETag of the value the person saw; "" when they saw none. */
  etag: string;
  /** The version the person saw, if known: the conflict lists the reports made since. */
  seenVersion?: number;
  /** value_0 … value_n (one per breakdown category) and comment, as typed. */
  inputs: Record<string, unknown>;
}

export interface ReportMeasureContext {
  store: MeasureStore;
  measures: EffectMeasure[];
  arenas: Arena[];
  /** The year the plan's values start: the baseline (2023). */
  baselineYear: number;
  now: Date;
  actor: Actor;
  /** Whether this person, from where they are, may report values from this arena's channel (the county's for what the county reports). */
  authorize: (arena: Arena, measure: EffectMeasure) => Decision | Promise<Decision>;
}

export type CheckedReport = { kind: 'checked'; measure: EffectMeasure; arena: Arena; report: MeasureReport };

/**
 * Everything short of writing: the measure, arena and period exist in the plan, the person may
 * report, the value is valid. The Excel upload checks every row with this before writing any.
 */
export async function checkMeasureReport(request: ReportMeasureRequest, context: ReportMeasureContext): Promise<CheckedReport | Refused | NotFound> {
  const measure = typeof request.measureId === 'string' && ID_PATTERN.test(request.measureId) ? context.measures.find((m) => m.id === request.measureId) : undefined;
  if (!measure) return notFound;
  const arena = typeof request.arenaId === 'string' ? reportableArenas(measure, context.arenas).find((a) => a.id === request.arenaId) : undefined;
  if (!arena) return refused('invalid', 'Värdet sparades inte.', ['Värdet gäller en arena som inte rapporterar det här effektmåttet.']);
  if (!isPeriodOf(measure.frequency, request.periodId)) return refused('invalid', 'Värdet sparades inte.', ['Perioden finns inte för det här effektmåttet.']);
  const periodId = request.periodId;
  const open = reportablePeriods(measure.frequency, context.now, context.baselineYear);
  if (!open.includes(periodId)) {
    const why = comparePeriods(periodId, currentPeriod(measure.frequency, context.now)) > 0
      ? `Perioden ${periodLabel(periodId)} har inte börjat än.`
      : `Värden rapporteras från och med ${context.baselineYear}, planens basår; ${periodLabel(periodId)} ligger före.`;
    return refused('invalid', 'Värdet sparades inte.', [why]);
  }
  // The channel that reports the value decides: the county's for what the county reports.
  const decision = await context.authorize(reportingArena(measure, arena, context.arenas), measure);
  if (!decision.allowed) return refused('notAllowed', decision.reason);
  const parsed = parseMeasureReport(
    { ...request.inputs, measureId: measure.id, periodId, arenaId: arena.id, etag: request.etag },
    { measures: context.measures, arenas: context.arenas, periodsOpen: () => open },
  );
  if (!parsed.ok) return refused('invalid', 'Värdet sparades inte.', parsed.errors);
  return { kind: 'checked', measure, arena, report: parsed.value };
}

/** Reports the value: Saved, Unchanged, Conflict (someone else reported first), Refused or NotFound. */
export async function reportMeasureValue(request: ReportMeasureRequest, context: ReportMeasureContext): Promise<ReportMeasureOutcome> {
  const checked = await checkMeasureReport(request, context);
  if (checked.kind !== 'checked') return checked;
  const { measure, arena, report } = checked;
  const { store } = context;

  // One range read: every period of this measure and arena (the current and last year's value).
  const series = await store.series(measure.id, arena.id);
  const current = series.find((v) => v.periodId === report.periodId);
  const comparedWith = previousComparablePeriod(report.periodId);
  const previousComparable = series.find((v) => v.periodId === comparedWith);
  const state: MeasureValueState = { measure, arena, periodId: report.periodId, ...(current ? { current } : {}), ...(previousComparable ? { previousComparable } : {}) };

  if (current && sameValue(current, report)) return { kind: 'unchanged', after: state };
  if (current && current.etag !== report.etag) return conflict(context, state, current, request.seenVersion);

  const outcome = await store.report({ ...report, actor: context.actor }, { current });
  if (outcome.kind === 'conflict') return conflict(context, state, outcome.current, request.seenVersion);
  const { etag: _etag, ...entry } = outcome.value;
  return { kind: 'saved', after: { ...state, current: outcome.value, ...(outcome.previous ? { replaced: outcome.previous } : {}) }, entry };
}

async function conflict(context: ReportMeasureContext, state: MeasureValueState, current: MeasureValueRecord, seenVersion: number | undefined): Promise<ReportMeasureOutcome> {
  countConflict('measure');
  const history = await context.store.history(state.measure.id, state.periodId, state.arena.id, 10);
  const since = history.filter((h) => (seenVersion === undefined ? h.version === current.version : h.version > seenVersion));
  return { kind: 'conflict', current: { ...state, current }, since };
}

function sameValue(current: MeasureValue, report: MeasureReport): boolean {
  return current.comment === report.comment && JSON.stringify(current.values) === JSON.stringify(report.values);
}
