// Validation of the plan content (bot/content/*.json) against the PlanContent type.
// The content is data written by hand; this schema refuses anything the app could not use
// safely: ids that cannot be Azure Table keys, unknown statuses, empty titles, reversed
// periods, duplicate ids, unknown fields.
import { z } from 'zod';
import type { PlanContent } from './plan';
import { STATUS_IDS } from './status';

/** Ids are stable keys (also Azure Table PartitionKey/RowKey parts): no '/', '\', '#', '?', spaces. */
export const ID_PATTERN = /^[a-z0-9-]{1,64}$/;

const MAX_TITLE = 500;
const MAX_TEXT = 2000;

const id = z.string({ error: 'id must be a string' }).regex(ID_PATTERN, {
  error: (iss) =>
    `id ${JSON.stringify(iss.input)} is not allowed: use 1–64 characters a–z, 0–9 and '-' only`,
});

/** Trimmed text with single spaces; `allowEmpty` for cells the appendix leaves empty. */
function text(max: number, allowEmpty = false) {
  return z
    .string({ error: 'must be a string' })
    .min(allowEmpty ? 0 : 1, { error: 'must not be empty' })
    .max(max, { error: `must be at most ${max} characters` })
    .refine((s) => s === s.trim(), { error: 'must not start or end with whitespace' })
    .refine((s) => !/\s{2}|[\t\n\r]/.test(s), {
      error: 'must not contain line breaks, tabs or repeated spaces',
    })
    .refine((s) => !/<\/?[a-z][^>]*>/i.test(s), { error: 'must not contain HTML tags' });
}

const title = text(MAX_TITLE);

const year = z
  .number({ error: 'must be a number' })
  .int({ error: 'must be a whole year' })
  .min(2000, { error: 'must be a year from 2000' })
  .max(2100, { error: 'must be a year up to 2100' });

const periodSchema = z
  .strictObject({ from: year, to: year })
  .refine((p) => p.from <= p.to, {
    error: (iss) => {
      const p = iss.input as { from: number; to: number };
      return `period runs backwards: from ${p.from} is after to ${p.to}`;
    },
    path: ['to'],
  });

// A file sets only statuses people could set; "Avslutad i revidering" comes from `retired`.
const statusSchema = z.enum(STATUS_IDS, {
  error: (iss) => `unknown status ${JSON.stringify(iss.input)}; expected one of ${STATUS_IDS.join(', ')}`,
});

const retirementSchema = z.strictObject({
  version: z.number({ error: 'must be a number' }).int({ error: 'must be a whole number' }).min(2, { error: 'must be a revised version (2 or later)' }).max(999),
  reason: text(MAX_TITLE),
});

const subActivitySchema = z.strictObject({
  id,
  title,
  details: z.array(text(MAX_TITLE)).max(50),
  status: statusSchema.optional(),
  statusAsWritten: text(MAX_TEXT, true),
  measure: text(MAX_TEXT, true),
  target: text(MAX_TEXT, true),
  answeredBy: z.enum(['county', 'municipality']).optional(),
  regionOwn: z.literal(true).optional(),
  questions: z.array(z.strictObject({ id, text: text(MAX_TITLE), answer: z.enum(['yesNo', 'text']) })).min(2, { error: 'a split measure has at least two questions' }).max(10).optional(),
  retired: retirementSchema.optional(),
});

const activitySchema = z.strictObject({
  id,
  title,
  period: periodSchema,
  subActivities: z.array(subActivitySchema).min(1, { error: 'an activity needs at least one sub-activity' }).max(100),
  retired: retirementSchema.optional(),
});

const effectMeasureSchema = z.strictObject({
  id,
  title,
  target: text(MAX_TEXT),
  direction: z.enum(['increase', 'decrease', 'yes']),
  followUp: text(MAX_TEXT),
  frequency: z.enum(['halfYearly', 'yearly', 'surveyRound']),
  level: z.enum(['county', 'region', 'municipality']),
  reportedBy: z.enum(['county', 'arena']).optional(),
  breakdown: z.array(text(100)).max(20),
  source: text(200).optional(),
  retired: retirementSchema.optional(),
});

const localRecommendationSchema = z.strictObject({ id, title, retired: retirementSchema.optional() });

const strategySchema = z.strictObject({
  id,
  number: z.number().int().min(1).max(99),
  title,
  quotes: z.array(text(MAX_TEXT)).max(20),
  effectMeasures: z.array(effectMeasureSchema).max(50),
  activities: z.array(activitySchema).max(100),
  localRecommendations: z.array(localRecommendationSchema).max(100),
});

const arenaSchema = z.strictObject({
  id,
  name: text(100),
  kind: z.enum(['municipality', 'county']),
  /** Other names people use for the arena ("länet", "regionen"): the bot's "koppla" and "status" read them. */
  aliases: z.array(text(100)).max(30).optional(),
});

const planInfoSchema = z.strictObject({
  id,
  name: title,
  version: z.number({ error: 'must be a number' }).int({ error: 'must be a whole number' }).min(1, { error: 'must be 1 or more' }).max(999),
  inForceFrom: z.iso.date({ error: 'must be an ISO date (YYYY-MM-DD)' }),
  followUpIntervalMonths: z.number().int().min(1).max(120),
  revisionIntervalYears: z.number().int().min(1).max(20),
  validityText: text(MAX_TEXT),
  targetPicture: title,
  purpose: text(MAX_TEXT),
  principles: z.array(text(MAX_TEXT)).min(1).max(20),
});

type Path = (string | number)[];

export const planContentSchema = z
  .strictObject({
    schemaVersion: z.literal(1, { error: 'schemaVersion must be 1' }),
    plan: planInfoSchema,
    strategies: z.array(strategySchema).min(1, { error: 'the plan needs at least one strategy' }).max(20),
    // Sweden has 290 municipalities: room for a plan that names every one of them, and the bench's 300.
    arenas: z.array(arenaSchema).min(1).max(400),
  })
  .superRefine((content, ctx) => {
    // Every id is unique across the whole file: they are the keys everything else refers to.
    const seen = new Map<string, Path>();
    const claim = (value: string, path: Path) => {
      const first = seen.get(value);
      if (first) {
        ctx.addIssue({
          code: 'custom',
          path,
          message: `duplicate id ${JSON.stringify(value)} (already used at ${formatPath(first)})`,
        });
      } else {
        seen.set(value, path);
      }
    };
    claim(content.plan.id, ['plan', 'id']);
    content.strategies.forEach((s, si) => {
      claim(s.id, ['strategies', si, 'id']);
      s.effectMeasures.forEach((e, ei) => claim(e.id, ['strategies', si, 'effectMeasures', ei, 'id']));
      s.activities.forEach((a, ai) => {
        const aPath: Path = ['strategies', si, 'activities', ai];
        claim(a.id, [...aPath, 'id']);
        a.subActivities.forEach((d, di) => {
          const dPath: Path = [...aPath, 'subActivities', di, 'id'];
          claim(d.id, dPath);
          // A status is the plan's, or none: an empty Status cell gives none, a written one gives one.
          if ((d.status === undefined) !== (d.statusAsWritten === '')) {
            ctx.addIssue({
              code: 'custom',
              path: [...aPath, 'subActivities', di, 'status'],
              message: d.status === undefined ? `sub-activity "${d.id}" has a status as written but no status` : `sub-activity "${d.id}" has a status but the plan writes none (statusAsWritten is empty): leave "status" out`,
            });
          }
          if (d.questions) splitProblems(d).forEach((message) => ctx.addIssue({ code: 'custom', path: [...aPath, 'subActivities', di, 'questions'], message }));
          // (An id that is itself malformed is reported once, above, not again here.)
          if (ID_PATTERN.test(a.id) && ID_PATTERN.test(d.id) && !d.id.startsWith(`${a.id}-`)) {
            ctx.addIssue({
              code: 'custom',
              path: dPath,
              message: `sub-activity id ${JSON.stringify(d.id)} must start with its activity's id "${a.id}-"`,
            });
          }
        });
      });
      s.localRecommendations.forEach((l, li) =>
        claim(l.id, ['strategies', si, 'localRecommendations', li, 'id']),
      );
    });
    content.arenas.forEach((a, ai) => claim(a.id, ['arenas', ai, 'id']));

    // Retirements: made by this version or an earlier one, and a kept activity keeps something open.
    const checkRetired = (retired: { version: number } | undefined, path: Path) => {
      if (retired && retired.version > content.plan.version) {
        ctx.addIssue({ code: 'custom', path: [...path, 'retired', 'version'], message: `retired in version ${retired.version}, but this file is version ${content.plan.version}` });
      }
    };
    content.strategies.forEach((s, si) => {
      s.effectMeasures.forEach((m, mi) => checkRetired(m.retired, ['strategies', si, 'effectMeasures', mi]));
      s.localRecommendations.forEach((l, li) => checkRetired(l.retired, ['strategies', si, 'localRecommendations', li]));
      s.activities.forEach((a, ai) => {
        const aPath: Path = ['strategies', si, 'activities', ai];
        checkRetired(a.retired, aPath);
        a.subActivities.forEach((d, di) => checkRetired(d.retired, [...aPath, 'subActivities', di]));
        if (!a.retired && a.subActivities.every((d) => d.retired)) {
          ctx.addIssue({ code: 'custom', path: [...aPath, 'subActivities'], message: `every sub-activity of activity "${a.id}" is retired: retire the activity itself instead` });
        }
      });
    });

    // Local activity ids are built from the arena's and the recommendation's ids
    // (bot/domain/localActivity.ts: "<arena>-<recommendation>-d1", "<arena>-egen-<8 hex>-d1"):
    // they must still fit the 64 characters of an id.
    const longestRecommendation = Math.max(0, ...content.strategies.flatMap((s) => s.localRecommendations.map((l) => l.id.length)));
    content.arenas.forEach((a, ai) => {
      if (a.kind === 'municipality' && (a.id.length + longestRecommendation + 4 > 64 || a.id.length > 50)) {
        ctx.addIssue({ code: 'custom', path: ['arenas', ai, 'id'], message: `arena id ${JSON.stringify(a.id)} is too long to build its local activities' ids; keep arena ids short` });
      }
    });

    const counties = content.arenas.filter((a) => a.kind === 'county').length;
    if (counties !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['arenas'],
        message: `there must be exactly one arena of kind "county" (found ${counties})`,
      });
    }
  });

/**
 * A split measure keeps its cells as written: its ja/nej questions, in order and joined by a
 * space, are exactly the Mått cell, and a text question is words of the Målvärde cell that asks
 * for it beside ja/nej ("ja/nej Goda exempel"). Question ids are unique within the sub-activity.
 */
function splitProblems(d: { id: string; measure: string; target: string; questions?: { id: string; text: string; answer: string }[] }): string[] {
  const questions = d.questions ?? [];
  const problems: string[] = [];
  const ids = questions.map((q) => q.id);
  if (new Set(ids).size !== ids.length) problems.push(`sub-activity "${d.id}" has two questions with the same id`);
  const yesNo = questions.filter((q) => q.answer === 'yesNo').map((q) => q.text);
  if (yesNo.join(' ') !== d.measure) problems.push(`the ja/nej questions of sub-activity "${d.id}" must be its measure as written, split: ${JSON.stringify(yesNo.join(' '))} is not ${JSON.stringify(d.measure)}`);
  if (!/^ja\s*\/\s*nej/i.test(d.target)) problems.push(`sub-activity "${d.id}" splits its measure but its target ${JSON.stringify(d.target)} is not answered ja/nej`);
  for (const q of questions.filter((q) => q.answer === 'text')) {
    if (!d.target.includes(q.text)) problems.push(`the text question ${JSON.stringify(q.text)} of sub-activity "${d.id}" is not in its target ${JSON.stringify(d.target)}`);
  }
  if (questions[0]?.answer !== 'yesNo') problems.push(`the first question of sub-activity "${d.id}" must be a ja/nej question (an answer given before the split is its answer)`);
  return problems;
}

// Compile-time checks, both ways: the schema produces exactly a PlanContent.
const _schemaOutputIsPlanContent = (p: z.infer<typeof planContentSchema>): PlanContent => p;
const _planContentFitsSchema = (p: PlanContent): z.infer<typeof planContentSchema> => p;
void _schemaOutputIsPlanContent;
void _planContentFitsSchema;

/** `strategies[0].activities[2].id`; "(root)" for the whole document. */
function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

/** Validates plan content; throws an Error listing each problem as "path: message", one per line. */
// The plan file's problems are for the operator, in English: zod's own messages, not the Swedish
// ones people get for what they type (inputErrors.ts).
const OPERATOR_ENGLISH = { error: z.locales.en().localeError };

export function parsePlanContent(input: unknown): PlanContent {
  const result = planContentSchema.safeParse(input, OPERATOR_ENGLISH);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${formatPath(issue.path)}: ${issue.message}`);
  const n = lines.length;
  throw new Error(`Invalid plan content (${n} problem${n === 1 ? '' : 's'}):\n${lines.join('\n')}`);
}
