// Reporting periods of the effect measures (effektmått): a half-year ("2026-H1", "2026-H2") for
// measures followed up half-yearly, a year ("2026") for the others; a survey made every other
// year (Hälsa på lika villkor) is reported per round, the round named by the year it was made
// ("2024"). Periods follow the calendar in Europe/Stockholm, where the plan is followed up. The
// period asked for is the last completed one: register figures come after a period ends.
import { PLAN_TIME_ZONE } from './followUp';
import type { MeasureFrequency } from './plan';

export type PeriodId = string;

export interface MeasurePeriod {
  id: PeriodId;
  year: number;
  /** 1 or 2 for a half-year, undefined for a whole year. */
  half?: 1 | 2;
}

const PERIOD_PATTERN = /^(\d{4})(?:-H([12]))?$/;
const MIN_YEAR = 2000;
const MAX_YEAR = 2100;

const stockholmParts = new Intl.DateTimeFormat('en-GB', { timeZone: PLAN_TIME_ZONE, year: 'numeric', month: 'numeric' });

/** Year and month (1–12) of a moment, in Europe/Stockholm. */
export function stockholmYearMonth(at: Date): { year: number; month: number } {
  const parts = stockholmParts.formatToParts(at);
  const part = (type: 'year' | 'month') => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month') };
}

export function periodId(year: number, half?: 1 | 2): PeriodId {
  return half ? `${year}-H${half}` : String(year);
}

/** Reads a period id; undefined for anything that is not one (so it never reaches a key). */
export function parsePeriodId(id: unknown): MeasurePeriod | undefined {
  if (typeof id !== 'string') return undefined;
  const match = PERIOD_PATTERN.exec(id);
  if (!match) return undefined;
  const year = Number(match[1]);
  if (year < MIN_YEAR || year > MAX_YEAR) return undefined;
  const half = match[2] ? (Number(match[2]) as 1 | 2) : undefined;
  return half ? { id, year, half } : { id, year };
}

/** Whether a period id is the kind of period a measure of this frequency is reported for. */
export function isPeriodOf(frequency: MeasureFrequency, id: unknown): id is PeriodId {
  const period = parsePeriodId(id);
  if (!period) return false;
  return frequency === 'halfYearly' ? period.half !== undefined : period.half === undefined;
}

/** The period a moment falls in, for a measure of this frequency (a survey round: the year). */
export function currentPeriod(frequency: MeasureFrequency, at: Date): PeriodId {
  const { year, month } = stockholmYearMonth(at);
  return frequency === 'halfYearly' ? periodId(year, month <= 6 ? 1 : 2) : periodId(year);
}

/**
 * The period a value is asked for at a moment: the last completed one (the half-year or year
 * that has ended; for a survey round, the last year that has ended). A period's register
 * figures only exist after it ends, so the unfinished one is never asked for.
 */
export function lastCompletedPeriod(frequency: MeasureFrequency, at: Date): PeriodId {
  return previousPeriod(currentPeriod(frequency, at));
}

/** The first day (Stockholm calendar) after a period: "2026-H1" → 2026-07-01, "2026" → 2027-01-01. */
export function periodEndsBefore(id: PeriodId): { year: number; month: number } {
  const p = mustParse(id);
  return p.half === 1 ? { year: p.year, month: 7 } : { year: p.year + 1, month: 1 };
}

/** The period just before this one ("2026-H1" → "2025-H2", "2026" → "2025"). */
export function previousPeriod(id: PeriodId): PeriodId {
  const p = mustParse(id);
  if (p.half === 2) return periodId(p.year, 1);
  if (p.half === 1) return periodId(p.year - 1, 2);
  return periodId(p.year - 1);
}

/**
 * The period a value is compared with: the same period the year before ("2026-H2" → "2025-H2",
 * "2026" → "2025"). The plan's targets read "jämfört med föregående år".
 */
export function previousComparablePeriod(id: PeriodId): PeriodId {
  const p = mustParse(id);
  return periodId(p.year - 1, p.half);
}

/**
 * The periods a value may be reported for at a moment, newest first: every period from the
 * plan's baseline year (2023 for Jämtland Härjedalen: the plan came into force 2023-12-01 and
 * its effect measures are compared "jämfört med föregående år", so 2023 is the first year
 * compared with) up to the current one. Reporting an earlier period is an ordinary report.
 */
export function reportablePeriods(frequency: MeasureFrequency, at: Date, baselineYear: number): PeriodId[] {
  const periods: PeriodId[] = [];
  const first = frequency === 'halfYearly' ? periodId(baselineYear, 1) : periodId(baselineYear);
  for (let p = currentPeriod(frequency, at); comparePeriods(p, first) >= 0; p = previousPeriod(p)) periods.push(p);
  return periods;
}

/** The baseline year of a plan's effect measures: the year the plan came into force. */
export function baselineYear(plan: { inForceFrom: string }): number {
  return Number(plan.inForceFrom.slice(0, 4));
}

/** "första halvåret 2026", "andra halvåret 2026", "2026". */
export function periodLabel(id: PeriodId): string {
  const p = mustParse(id);
  if (p.half === 1) return `första halvåret ${p.year}`;
  if (p.half === 2) return `andra halvåret ${p.year}`;
  return String(p.year);
}

/** The same label for the start of a sentence: "Första halvåret 2026". */
export function periodTitle(id: PeriodId): string {
  const label = periodLabel(id);
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/** "halvårsvis", "årligen", "per undersökningsomgång": how often a measure is followed up. */
export function frequencyLabel(frequency: MeasureFrequency): string {
  return frequency === 'halfYearly' ? 'halvårsvis' : frequency === 'surveyRound' ? 'per undersökningsomgång' : 'årligen';
}

/** Orders period ids oldest first ("2025", "2025-H1" < "2025-H2" < "2026-H1"). */
export function comparePeriods(a: PeriodId, b: PeriodId): number {
  const pa = mustParse(a);
  const pb = mustParse(b);
  return pa.year - pb.year || (pa.half ?? 0) - (pb.half ?? 0);
}

function mustParse(id: PeriodId): MeasurePeriod {
  const period = parsePeriodId(id);
  if (!period) throw new RangeError(`Not a period id: ${JSON.stringify(id)}`);
  return period;
}
