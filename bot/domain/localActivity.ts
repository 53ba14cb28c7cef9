// An arena's local activities (lokala aktiviteter): the plan's recommended local activities
// ("Vad behöver göras lokalt och verksamhetsnära") that the arena adopts, and its own.
// Ids, the documented limits of what people type, and validation of the card's form inputs.
import { PLAN_TIME_ZONE } from './followUp';
import { z } from 'zod';
import type { FieldChange } from './activityState';
import type { Period } from './plan';
import { ID_PATTERN } from './planSchema';
import { cleanText, textProblem, textProblemMessage, visibleLength } from './text';
import { formatNumber } from './format';

/** Documented maximum lengths of a local activity's text fields (characters, after trimming). */
export const LOCAL_ACTIVITY_LIMITS = {
  titleMin: 3,
  /** Aktivitet: the activity's title. */
  title: 200,
  /** Mått: how the arena will know it is done, e.g. a yes/no question. */
  measure: 300,
  /** Målvärde, e.g. "Ja" or "Goda exempel". */
  target: 200,
} as const;

/** The years a local activity's priority period may use (the plan's first two revision cycles and more). */
export const PERIOD_YEARS = { first: 2023, last: 2035 } as const;

export function periodYears(): number[] {
  const years: number[] = [];
  for (let y = PERIOD_YEARS.first; y <= PERIOD_YEARS.last; y++) years.push(y);
  return years;
}

const clampYear = (year: number) => Math.min(PERIOD_YEARS.last, Math.max(PERIOD_YEARS.first, year));

/** The current year in Sweden: a card sent on New Year's Eve at 23:30 UTC is already next year there. */
export function swedishYear(now: Date): number {
  return Number(new Intl.DateTimeFormat('sv-SE', { timeZone: PLAN_TIME_ZONE, year: 'numeric' }).format(now));
}

/** The default priority period: this year to next year (kept within PERIOD_YEARS). */
export function defaultPeriod(now: Date): Period {
  const year = swedishYear(now);
  return { from: clampYear(year), to: clampYear(year + 1) };
}

// --- Ids ---------------------------------------------------------------------------------------

function checkedId(id: string): string {
  if (!ID_PATTERN.test(id)) throw new RangeError(`Local activity id ${JSON.stringify(id)} does not match the id pattern`);
  return id;
}

/**
 * An adopted recommendation's id: `<arenaId>-<recommendationId>`. One id per arena and
 * recommendation, so that adopting the same recommendation twice is recognised by the store.
 */
export function adoptedActivityId(arenaId: string, recommendationId: string): string {
  return checkedId(`${arenaId}-${recommendationId}`);
}

/** An arena's own activity: `<arenaId>-egen-<8 random hex digits>`. */
export function ownActivityId(arenaId: string, randomHex: string): string {
  if (!/^[0-9a-f]{8}$/.test(randomHex)) throw new RangeError('An own activity id needs 8 lower-case hex digits');
  return checkedId(`${arenaId}-egen-${randomHex}`);
}

/** A local activity has one sub-activity, which carries its status, measure and target. */
export function localSubActivityId(activityId: string): string {
  return checkedId(`${activityId}-d1`);
}

// --- Form inputs -------------------------------------------------------------------------------

/** What an arena enters for its own activity, validated and normalised. */
export interface OwnActivityInput {
  strategyId: string;
  title: string;
  period: Period;
  measure: string;
  target: string;
}

/** An adoption of one of the plan's recommendations, validated against the plan's content. */
export interface AdoptionInput {
  recommendationId: string;
  strategyId: string;
  title: string;
  period: Period;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/** What the validation needs to know of the plan: its strategies and their recommendations. */
export interface StrategyChoices {
  id: string;
  number: number;
  title: string;
  localRecommendations: Array<{ id: string; title: string }>;
}

/** Single-line text with single spaces: what a one-line input field holds. */
function line(label: string, max: number, min = 0) {
  return z
    .string({ error: `${label} måste vara text.` })
    .superRefine((s, ctx) => {
      const problem = textProblem(s.replace(/[\t\r\n]/g, ' '));
      if (problem) ctx.addIssue({ code: 'custom', message: `${textProblemMessage(label, problem)}`, abort: true });
    })
    .transform((s) => cleanText(s.replace(/\s+/g, ' ')))
    // Minimums count what a reader sees: four zero-width spaces are not a title.
    .refine((s) => min === 0 || visibleLength(s) > 0, { error: `${label} saknas.`, abort: true })
    .refine((s) => visibleLength(s) >= min, { error: `${label} måste vara minst ${min} tecken.`, abort: true })
    .refine((s) => s.length <= max, { error: `${label} får vara högst ${formatNumber(max)} tecken.` });
}

/** A year from a ChoiceSet ("2026") or a number; missing or empty means "use the default". */
function year(label: string) {
  return z.unknown().transform((v, ctx): number | undefined => {
    if (v === undefined || v === null || v === '') return undefined;
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d{4}\s*$/.test(v) ? Number(v) : NaN;
    if (!Number.isInteger(n) || n < PERIOD_YEARS.first || n > PERIOD_YEARS.last) {
      ctx.addIssue({ code: 'custom', message: `${label} måste vara ett år mellan ${PERIOD_YEARS.first} och ${PERIOD_YEARS.last}.` });
      return z.NEVER;
    }
    return n;
  });
}

function period(fromLabel: string, toLabel: string, now: Date) {
  return z
    .object({ from: year(fromLabel), to: year(toLabel) })
    .transform((p): Period => {
      const fallback = defaultPeriod(now);
      return { from: p.from ?? fallback.from, to: p.to ?? fallback.to };
    })
    .refine((p) => p.from <= p.to, { error: 'Perioden går baklänges: välj ett slutår som är samma som eller efter startåret.' });
}

function optionalLine(label: string, max: number) {
  return z.preprocess((v) => (v === undefined || v === null ? '' : v), line(label, max));
}

function messages(error: z.ZodError): string[] {
  return [...new Set(error.issues.map((i) => i.message))];
}

function fieldsOf(input: unknown): Record<string, unknown> | undefined {
  return input && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : undefined;
}

/**
 * The own-activity form: { strategyId, title, periodFrom, periodTo, measure, target }. Other
 * fields (the card's other inputs, which Teams merges into every submission) are ignored.
 */
export function parseOwnActivity(input: unknown, strategies: StrategyChoices[], now: Date): Checked<OwnActivityInput> {
  const fields = fieldsOf(input);
  if (!fields) return { ok: false, errors: ['Formuläret kunde inte läsas.'] };
  const schema = z.object({
    strategyId: z.unknown().refine((v) => typeof v === 'string' && strategies.some((s) => s.id === v), {
      error: (iss) => (iss.input === undefined || iss.input === '' ? 'Välj en strategi.' : 'Strategin finns inte i planen: välj en av de fem.'),
    }),
    title: z.preprocess((v) => v ?? '', line('Aktivitetens namn', LOCAL_ACTIVITY_LIMITS.title, LOCAL_ACTIVITY_LIMITS.titleMin)),
    period: period('Startåret', 'Slutåret', now),
    measure: optionalLine('Måttet', LOCAL_ACTIVITY_LIMITS.measure),
    target: optionalLine('Målvärdet', LOCAL_ACTIVITY_LIMITS.target),
  });
  const result = schema.safeParse({
    strategyId: fields.strategyId,
    title: fields.title,
    period: { from: fields.periodFrom, to: fields.periodTo },
    measure: fields.measure,
    target: fields.target,
  });
  if (!result.success) return { ok: false, errors: messages(result.error) };
  const { strategyId, title, period: p, measure, target } = result.data;
  return { ok: true, value: { strategyId: strategyId as string, title, period: p, measure, target } };
}

/**
 * An Anta button's submission: { recommendationId, adoptFrom, adoptTo }. The recommendation
 * must be one of the plan's; its title and strategy come from the plan, never from the card.
 */
export function parseAdoption(input: unknown, strategies: StrategyChoices[], now: Date): Checked<AdoptionInput> {
  const fields = fieldsOf(input);
  if (!fields) return { ok: false, errors: ['Kortet kunde inte läsas.'] };
  const id = fields.recommendationId;
  const strategy = typeof id === 'string' && ID_PATTERN.test(id) ? strategies.find((s) => s.localRecommendations.some((r) => r.id === id)) : undefined;
  const recommendation = strategy?.localRecommendations.find((r) => r.id === id);
  const errors: string[] = [];
  if (!strategy || !recommendation) errors.push('Rekommendationen finns inte i planen. Skriv "ny aktivitet" för att se planens rekommendationer.');
  const parsedPeriod = period('Startåret', 'Slutåret', now).safeParse({ from: fields.adoptFrom, to: fields.adoptTo });
  if (!parsedPeriod.success) errors.push(...messages(parsedPeriod.error));
  if (errors.length > 0 || !strategy || !recommendation || !parsedPeriod.success) return { ok: false, errors };
  return { ok: true, value: { recommendationId: recommendation.id, strategyId: strategy.id, title: recommendation.title, period: parsedPeriod.data } };
}

// --- Editing a local activity -------------------------------------------------------------------

/** What an arena's member may change of its local activity (the card's and the tab's form). */
export interface LocalActivityEdit extends OwnActivityInput {
  description: string;
}

/** The activity's own text, with a line break or two kept: a description is a few sentences. */
function paragraph(label: string, max: number) {
  return z.preprocess(
    (v) => (v === undefined || v === null ? '' : v),
    z
      .string({ error: `${label} måste vara text.` })
      .superRefine((s, ctx) => {
        const problem = textProblem(s.replace(/[\t\r\n]/g, ' '));
        if (problem) ctx.addIssue({ code: 'custom', message: textProblemMessage(label, problem), abort: true });
      })
      .transform((s) => cleanText(s.replace(/\r\n?/g, '\n').replace(/[ \t]+/g, ' ')).replace(/\n{3,}/g, '\n\n'))
      .refine((s) => s.length <= max, { error: `${label} får vara högst ${formatNumber(max)} tecken.` }),
  );
}

/**
 * The edit form: { strategyId, title, description, periodFrom, periodTo, measure, target }. Every
 * field is given (the form shows the current values); a missing one keeps its current value.
 */
export function parseLocalActivityEdit(input: unknown, current: LocalActivityEdit, strategies: StrategyChoices[], now: Date, descriptionMax: number): Checked<LocalActivityEdit> {
  const fields = fieldsOf(input);
  if (!fields) return { ok: false, errors: ['Formuläret kunde inte läsas.'] };
  const given = (key: string, otherwise: unknown) => (fields[key] === undefined ? otherwise : fields[key]);
  const own = parseOwnActivity(
    {
      strategyId: given('strategyId', current.strategyId),
      title: given('title', current.title),
      periodFrom: given('periodFrom', String(current.period.from)),
      periodTo: given('periodTo', String(current.period.to)),
      measure: given('measure', current.measure),
      target: given('target', current.target),
    },
    strategies,
    now,
  );
  const description = paragraph('Beskrivningen', descriptionMax).safeParse(given('description', current.description));
  const errors = [...(own.ok ? [] : own.errors), ...(description.success ? [] : messages(description.error))];
  if (!own.ok || !description.success) return { ok: false, errors };
  return { ok: true, value: { ...own.value, description: description.data } };
}

/** What differs, as history changes: the activity's title, description, strategy (by name), measure, target and period. */
export function localActivityChanges(before: LocalActivityEdit, after: LocalActivityEdit, strategyName: (id: string) => string): FieldChange[] {
  const changes: FieldChange[] = [];
  const add = (field: FieldChange['field'], from: string, to: string) => {
    if (from !== to) changes.push({ field, from, to });
  };
  add('activityTitle', before.title, after.title);
  add('description', before.description, after.description);
  add('strategy', strategyName(before.strategyId), strategyName(after.strategyId));
  add('measure', before.measure, after.measure);
  add('target', before.target, after.target);
  add('period', periodText(before.period), periodText(after.period));
  return changes;
}

const periodText = (p: Period) => (p.from === p.to ? String(p.from) : `${p.from}–${p.to}`);
