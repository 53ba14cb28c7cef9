// Reported values of the effect measures (effektmått) and whether they reach the plan's target.
// A value is reported per period, per municipality where the measure is followed up per
// municipality (otherwise once for the county), and split per breakdown category where the
// measure has one (Bilaga 1: "fördelat på barn och unga resp. vuxna").
import { z } from 'zod';
import { isPeriodOf, periodLabel, previousComparablePeriod, type PeriodId } from './measurePeriods';
import type { Arena, EffectMeasure } from './plan';
import { ID_PATTERN } from './planSchema';
import { userText, type Validated } from './validation';
import { formatNumber } from './format';
import { reportedCountPhrase } from './measureReporting';

/** Documented maximums of a reported value (limits.ts is owned by the activities feature). */
export const MEASURE_LIMITS = {
  /** Kommentar to a reported value, kept in the history. */
  comment: 500,
  /** The largest number a value may be: far above any count or index the plan follows. */
  maxValue: 1e9,
} as const;

export type YesNo = 'ja' | 'nej';
/** A number for measures that should increase or decrease, ja/nej for yes-measures. */
export type MeasureAmount = number | YesNo;

/** One reported figure: for a breakdown category, or (category null) the measure's only value. */
export interface CategoryValue {
  category: string | null;
  value: MeasureAmount;
  /** How many decimals the number was typed with, where any ("5,0": 1): it is shown so. */
  decimals?: number;
}

/** A value as reported for one measure, period and arena. */
export interface MeasureValue {
  measureId: string;
  periodId: PeriodId;
  /** The arena the value is for: a municipality, or the county ("lan"). */
  arenaId: string;
  /** In the order of the measure's breakdown; one entry (category null) without a breakdown. */
  values: CategoryValue[];
  comment: string;
  reportedAt: string;
  /** Display name of the person who reported it. */
  reportedBy: string;
  reportedById: string;
  /** 1 for the first report of the period, +1 with every correction. */
  version: number;
}

/** A stored value with its optimistic-concurrency token. */
export interface MeasureValueRecord extends MeasureValue {
  etag: string;
}

export type TargetStatus = 'met' | 'notMet' | 'noComparison' | 'notReported';

// --- Who reports what -------------------------------------------------------------------------

/** Whether values of this measure are reported per municipality (else once for the county). */
export function isPerMunicipality(measure: Pick<EffectMeasure, 'level'>): boolean {
  return measure.level === 'municipality';
}

/** Whether the county level reports every value of the measure (the plan file's `reportedBy`): the arenas are not asked. */
export function reportedByCounty(measure: Pick<EffectMeasure, 'reportedBy'>): boolean {
  return measure.reportedBy === 'county';
}

/**
 * Whether a channel of this arena reports values of the measure: the county channel reports
 * the county's and region's measures, and every value of a measure the county reports
 * (`reportedBy: 'county'`); otherwise a municipal arena reports its own value of a
 * per-municipality measure.
 */
export function reportedHere(measure: Pick<EffectMeasure, 'level' | 'reportedBy'>, arena: Arena): boolean {
  if (reportedByCounty(measure)) return arena.kind === 'county';
  return arena.kind === 'county' ? !isPerMunicipality(measure) : isPerMunicipality(measure);
}

/** Whether a channel of this arena reports any of the plan's effect measures (and so is reminded to). */
export function reportsMeasuresHere(content: { strategies: ReadonlyArray<{ effectMeasures: ReadonlyArray<Pick<EffectMeasure, 'level' | 'reportedBy'>> }> }, arena: Arena): boolean {
  return content.strategies.some((s) => s.effectMeasures.some((m) => reportedHere(m, arena)));
}

/** Who reports a measure's values, for a person who may not: "Länsnivån rapporterar värdet." */
export const REPORTED_BY_COUNTY_TEXT = 'Länsnivån rapporterar värdet';

/** At which level a measure's value is reported (the plan file's `level`), as a phrase. */
export const LEVEL_TEXT = { municipality: 'per kommun', county: 'för länet', region: 'för regionen' } as const satisfies Record<EffectMeasure['level'], string>;

/** The arenas the measure's value is reported for at its level: each municipality, or the county (region) once. */
export function valueArenas(measure: Pick<EffectMeasure, 'level'>, arenas: Arena[]): Arena[] {
  return arenas.filter((a) => (isPerMunicipality(measure) ? a.kind === 'municipality' : a.kind === 'county'));
}

/**
 * The arena whose channel reports a value of the measure for `valueArena`: the county for a
 * measure the county reports and for a county figure, else the value's own arena.
 */
export function reportingArena(measure: Pick<EffectMeasure, 'reportedBy'>, valueArena: Arena, arenas: Arena[]): Arena {
  return reportedByCounty(measure) || valueArena.kind === 'county' ? (arenas.find((a) => a.kind === 'county') ?? valueArena) : valueArena;
}

/** The name of the county figure of a per-municipality measure. */
export const COUNTY_FIGURE_TEXT = 'Hela länet';

/**
 * The arena under which the county figure of a per-municipality measure is kept: the register's
 * own figure for the whole county, reported by the county beside the municipalities' (never
 * summed or averaged by the app: shares and rates do not add up). A ja/nej measure asked "i
 * varje kommun" has no county figure.
 */
export function countyFigureArena(measure: Pick<EffectMeasure, 'level' | 'direction'>, arenas: Arena[]): Arena | undefined {
  return isPerMunicipality(measure) && measure.direction !== 'yes' ? arenas.find((a) => a.kind === 'county') : undefined;
}

/** Every arena a value of the measure can be reported for: its level's arenas and, where there is one, the county figure. */
export function reportableArenas(measure: Pick<EffectMeasure, 'level' | 'direction'>, arenas: Arena[]): Arena[] {
  const county = countyFigureArena(measure, arenas);
  return [...valueArenas(measure, arenas), ...(county ? [county] : [])];
}

/** How a value's arena is named beside the measure: "Hela länet" for a per-municipality measure's county figure, else the arena's name. */
export function valueArenaName(measure: Pick<EffectMeasure, 'level'>, arena: Arena): string {
  return arena.kind === 'county' && isPerMunicipality(measure) ? COUNTY_FIGURE_TEXT : arena.name;
}

/**
 * Whether a stored value was reported at another level than the measure's now (e.g. a
 * municipality's value of a measure since decided at region level): it is kept and shown, as
 * reported at the earlier level, never dropped.
 */
export function atEarlierLevel(measure: Pick<EffectMeasure, 'level' | 'direction'>, arenas: Arena[], value: Pick<MeasureValue, 'arenaId'>): boolean {
  return !reportableArenas(measure, arenas).some((a) => a.id === value.arenaId);
}

/** "6 av 8 kommuner har rapporterat 2025" (measureReporting.ts): the municipalities are the plan's arenas, never a fixed eight. */
export function reportedCountText(measure: Pick<EffectMeasure, 'level' | 'reportedBy'>, values: Array<Pick<MeasureValue, 'arenaId' | 'periodId'>>, arenas: Arena[], periodId: PeriodId): string {
  const municipalities = valueArenas(measure, arenas);
  const reported = municipalities.filter((m) => values.some((v) => v.arenaId === m.id && v.periodId === periodId)).length;
  const text = reportedCountPhrase(measure, reported, municipalities.length, periodLabel(periodId));
  return text.charAt(0).toUpperCase() + text.slice(1);
}


// --- Target ----------------------------------------------------------------------------------

/** The sum of a value's numbers (NaN if it holds an answer instead of a number). */
export function total(value: Pick<MeasureValue, 'values'>): number {
  return value.values.reduce((sum, v) => sum + (typeof v.value === 'number' ? v.value : Number.NaN), 0);
}

/**
 * Whether a period's value reaches the measure's target: 'increase' → higher than the same
 * period the year before, 'decrease' → lower, 'yes' → the answer is "ja" (every category).
 * Breakdown categories are compared by their sum: the targets speak of the whole ("Ökat antal
 * upprättade SIP").
 */
export function targetStatus(
  measure: Pick<EffectMeasure, 'direction'>,
  current: Pick<MeasureValue, 'values'> | undefined,
  previousComparable: Pick<MeasureValue, 'values'> | undefined,
): TargetStatus {
  if (!current || current.values.length === 0) return 'notReported';
  if (measure.direction === 'yes') return current.values.every((v) => v.value === 'ja') ? 'met' : 'notMet';
  if (!previousComparable) return 'noComparison';
  const now = total(current);
  const before = total(previousComparable);
  if (!Number.isFinite(now) || !Number.isFinite(before)) return 'noComparison';
  const met = measure.direction === 'increase' ? now > before : now < before;
  return met ? 'met' : 'notMet';
}

/** The value of the same period the year before, among a measure's values for one arena. */
export function previousComparableValue<T extends Pick<MeasureValue, 'periodId' | 'arenaId'>>(values: T[], current: Pick<MeasureValue, 'periodId' | 'arenaId'>): T | undefined {
  const wanted = previousComparablePeriod(current.periodId);
  return values.find((v) => v.periodId === wanted && v.arenaId === current.arenaId);
}

// --- Text ------------------------------------------------------------------------------------


/** A value as people read it: "7,1", "1 282", "5,0" where it was typed so (`decimals`), or ja/nej. */
export function formatAmount(amount: MeasureAmount, decimals?: number): string {
  return typeof amount === 'number' ? formatNumber(amount, decimals) : amount;
}

/** "Barn och unga: 12 · Vuxna: 30", or "12", or "ja". */
export function describeValues(values: CategoryValue[]): string {
  return values.map((v) => (v.category === null ? formatAmount(v.value, v.decimals) : `${v.category}: ${formatAmount(v.value, v.decimals)}`)).join(' · ');
}

/** The decimals a number was typed with ("5,0" → 1, "12" → 0): kept, so that it reads as entered. */
function typedDecimals(raw: unknown): number {
  return typeof raw === 'string' ? (/[.,](\d{1,6})\s*$/.exec(raw.trim())?.[1]?.length ?? 0) : 0;
}

/** A sentence about the target for a period's value, e.g. "Målvärdet nås: 150 mot 120 andra halvåret 2025." */
export function targetStatusText(
  status: TargetStatus,
  measure: Pick<EffectMeasure, 'direction'>,
  periodId: PeriodId,
  current?: Pick<MeasureValue, 'values'>,
  previous?: Pick<MeasureValue, 'values'>,
): string {
  const before = periodLabel(previousComparablePeriod(periodId));
  const comparison = current && previous && measure.direction !== 'yes' ? `: ${formatAmount(total(current))} mot ${formatAmount(total(previous))} ${before}` : '';
  switch (status) {
    case 'met':
      return measure.direction === 'yes' ? 'Målvärdet nås (ja).' : `Målvärdet nås${comparison}.`;
    case 'notMet':
      return measure.direction === 'yes' ? 'Målvärdet nås inte (nej).' : `Målvärdet nås inte${comparison}.`;
    case 'noComparison':
      return `Inget tidigare värde att jämföra med (${before} saknas).`;
    case 'notReported':
      return `Inget värde rapporterat för ${periodLabel(periodId)} ännu.`;
  }
}

// --- A report from a card -------------------------------------------------------------------

/** What a person reports through the form, validated against the plan. */
export interface MeasureReport {
  measureId: string;
  periodId: PeriodId;
  arenaId: string;
  /** ETag of the value the person saw ("" when there was none yet). */
  etag: string;
  values: CategoryValue[];
  comment: string;
}

/** What a report is checked against: the plan's measures and arenas, and the open periods. */
export interface ReportContext {
  measures: EffectMeasure[];
  arenas: Arena[];
  /** The periods a value of a measure may be reported for now (see reportablePeriods). */
  periodsOpen: (measure: EffectMeasure) => PeriodId[];
}

/** The id of the form input for a breakdown category (or the only value): value_0, value_1, … */
export function valueInputId(index: number): string {
  return `value_${index}`;
}

/** The categories a measure's value is split into; [null] for one value. */
export function categoriesOf(measure: Pick<EffectMeasure, 'breakdown'>): Array<string | null> {
  return measure.breakdown.length ? measure.breakdown : [null];
}

/** The card's fields besides the values; `period` is the form's period choice (Teams sends every input). */
const FIXED_FIELDS = ['measureId', 'periodId', 'arenaId', 'etag', 'comment', 'period'] as const;

const idField = (what: string) => z.string({ error: `${what} saknas` }).regex(ID_PATTERN, `${what} är inte känt`);

const headerSchema = z.object({
  measureId: idField('Effektmåttet'),
  periodId: z.string({ error: 'Perioden saknas' }).max(10, 'Perioden är inte känd'),
  arenaId: idField('Arenan'),
  etag: z.string({ error: 'Kortet är skadat' }).max(200, 'Kortet är skadat').optional(),
  comment: userText(MEASURE_LIMITS.comment, 'Kommentaren').optional(),
});

/** Spaces people and programs put between digit groups: space, no-break, narrow no-break, thin, figure. */
const GROUP_SPACE = /[ \u00a0\u202f\u2009\u2007]/g;

export type ParsedNumber = { ok: true; value: number } | { ok: false; problem: 'empty' | 'negative' | 'notANumber' };

/**
 * Reads a number the Swedish way ("0,42", "1 234", "1 234,5" with ordinary, no-break or thin
 * spaces between groups of three) or the plain way ("0.42", "1234"). A comma or a point is the
 * decimal sign (never a thousands separator: "1,234" is 1,234 as a Swede reads it); groups of
 * digits are separated by spaces only, in threes. Exponents, signs and other text are refused.
 */
export function parseSwedishNumber(raw: string): ParsedNumber {
  const text = raw.trim();
  if (text === '') return { ok: false, problem: 'empty' };
  if (/^[-\u2212]\s*\d/.test(text)) return { ok: false, problem: 'negative' };
  const match = /^(\d{1,3}(?:[ \u00a0\u202f\u2009\u2007]\d{3})+|\d{1,10})(?:[.,](\d{1,6}))?$/.exec(text);
  if (!match) return { ok: false, problem: 'notANumber' };
  const whole = match[1]!.replace(GROUP_SPACE, '');
  if (whole.length > 10) return { ok: false, problem: 'notANumber' };
  return { ok: true, value: Number(match[2] ? `${whole}.${match[2]}` : whole) };
}

/** A number as typed in a card, the tab or an Excel cell: Swedish or plain (see parseSwedishNumber). */
function numberInput(label: string) {
  return z.union([z.string().max(40, `${label}: skriv ett tal`), z.number()], { error: `${label}: skriv ett tal` }).transform((raw, ctx): number => {
    const fail = (message: string) => {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    };
    let n: number;
    if (typeof raw === 'number') {
      n = raw;
    } else {
      const parsed = parseSwedishNumber(raw);
      if (!parsed.ok) {
        if (parsed.problem === 'empty') return fail(`${label}: fyll i ett värde`);
        if (parsed.problem === 'negative') return fail(`${label}: värdet får inte vara negativt`);
        return fail(`${label}: skriv ett tal, till exempel 12, 0,42 eller 1 234`);
      }
      n = parsed.value;
    }
    if (!Number.isFinite(n)) return fail(`${label}: skriv ett tal, till exempel 12, 0,42 eller 1 234`);
    if (n < 0) return fail(`${label}: värdet får inte vara negativt`);
    if (n > MEASURE_LIMITS.maxValue) return fail(`${label}: värdet får vara högst ${formatNumber(MEASURE_LIMITS.maxValue)}`);
    return n;
  });
}

function yesNoInput(label: string) {
  return z
    .string({ error: `${label}: välj ja eller nej` })
    .max(10, `${label}: välj ja eller nej`)
    .transform((v) => v.trim().toLowerCase())
    .refine((v): v is YesNo => v === 'ja' || v === 'nej', `${label}: välj ja eller nej`);
}

/**
 * Validates a report submitted through the form (Action.Execute data + inputs). Everything is
 * checked against the plan: a known measure, an arena that reports it, an open period of the
 * right kind, exactly the measure's categories, numbers (non-negative, finite, at most 1e9,
 * decimal comma accepted) or ja/nej, a comment within its maximum. Anything else is refused as
 * a whole, with Swedish sentences that say what to fix.
 */
export function parseMeasureReport(input: unknown, context: ReportContext): Validated<MeasureReport> {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return { ok: false, errors: ['Kortet innehöll inget värde att spara.'] };
  const fields = input as Record<string, unknown>;
  const header = headerSchema.safeParse(fields);
  if (!header.success) return { ok: false, errors: header.error.issues.map((i) => i.message) };
  const { measureId, periodId, arenaId } = header.data;

  const measure = context.measures.find((m) => m.id === measureId);
  if (!measure) return { ok: false, errors: ['Effektmåttet finns inte i planen.'] };
  const arena = context.arenas.find((a) => a.id === arenaId);
  if (!arena || !reportableArenas(measure, context.arenas).some((a) => a.id === arena.id)) {
    return { ok: false, errors: [isPerMunicipality(measure) ? 'Värdet rapporteras per kommun, men kortet anger ingen känd kommun.' : 'Värdet rapporteras för länet, men kortet anger en annan arena.'] };
  }
  if (!isPeriodOf(measure.frequency, periodId)) return { ok: false, errors: ['Perioden är inte känd för det här effektmåttet.'] };
  if (!context.periodsOpen(measure).includes(periodId)) {
    return { ok: false, errors: [`Perioden ${periodLabel(periodId)} är inte öppen för rapportering. Skriv "mått" för att rapportera för den aktuella perioden.`] };
  }

  const categories = categoriesOf(measure);
  const inputIds = categories.map((_, i) => valueInputId(i));
  const unknown = Object.keys(fields).filter((k) => !(FIXED_FIELDS as readonly string[]).includes(k) && !inputIds.includes(k));
  if (unknown.length) {
    const categoryLike = unknown.some((k) => k.startsWith('value'));
    return { ok: false, errors: [categoryLike ? 'Kortet innehöll en kategori som effektmåttet inte har.' : 'Kortet innehöll fält som jag inte känner igen.'] };
  }

  const errors: string[] = [];
  const values: CategoryValue[] = [];
  categories.forEach((category, i) => {
    const label = category ?? 'Värdet';
    const raw = fields[valueInputId(i)];
    if (raw === undefined) {
      errors.push(measure.direction === 'yes' ? `${label}: välj ja eller nej` : `${label}: fyll i ett värde`);
      return;
    }
    const parsed = (measure.direction === 'yes' ? yesNoInput(label) : numberInput(label)).safeParse(raw);
    if (parsed.success) {
      // Kept only where the number alone would lose them (trailing zeros: "5,0", "7,10").
      const decimals = typeof parsed.data === 'number' && typedDecimals(raw) > (String(parsed.data).split('.')[1] ?? '').length ? typedDecimals(raw) : 0;
      values.push({ category, value: parsed.data, ...(decimals ? { decimals } : {}) });
    }
    else errors.push(...parsed.error.issues.map((issue) => issue.message));
  });
  if (errors.length) return { ok: false, errors };

  return { ok: true, value: { measureId, periodId, arenaId, etag: header.data.etag ?? '', values, comment: header.data.comment ?? '' } };
}
