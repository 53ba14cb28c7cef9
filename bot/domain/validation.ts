// Schemas for every input that crosses a boundary (card submissions, the tab's API).
// Bad input is refused as a whole with Swedish messages; nothing is half applied.
import { z } from 'zod';
import type { Actor, ChangeRequest } from './activityState';
import './inputErrors';
import { LIMITS } from './limits';
import { ID_PATTERN } from './planSchema';
import { STATUS_IDS, type StatusId } from './status';
import { cleanText, textProblem, textProblemMessage } from './text';
import { formatNumber } from './format';

export const idSchema = z.string().regex(ID_PATTERN, 'Det finns ingen sådan punkt i planen.');

/** Free text a person types: control characters and bidi overrides refused, invisible characters dropped. */
export const userText = (max: number, label: string) =>
  z
    .string({ error: `${label} måste vara text` })
    .max(max, `${label} får vara högst ${formatNumber(max)} tecken`)
    .superRefine((v, ctx) => {
      const problem = textProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: textProblemMessage(label, problem) });
    })
    .transform(cleanText);

const text = userText;

/**
 * The one check of free text outside a zod schema (round analysis, comments): the same refusal
 * as userText. Returns the Swedish sentence, or undefined when the text may be stored.
 */
export function textRefusal(label: string, value: string): string | undefined {
  const problem = textProblem(value);
  return problem ? textProblemMessage(label, problem) : undefined;
}

export const changeRequestSchema = z
  .object({
    status: z
      .string()
      .refine((v): v is StatusId => (STATUS_IDS as readonly string[]).includes(v), 'Statusen är inte en av planens statusar.')
      .optional(),
    statusNote: text(LIMITS.statusNote, 'Statusanteckningen').optional(),
    measureAnswer: text(LIMITS.measureAnswer, 'Svaret på måttet').optional(),
    // A split measure's answers by question (which questions the item has is checked where it is known).
    answers: z
      .record(z.string().max(64, 'Måttet har ingen sådan fråga.'), text(LIMITS.measureAnswer, 'Svaret på frågan'), { error: 'Svaren på måttets frågor kunde inte läsas.' })
      .refine((r) => Object.keys(r).length <= 10, 'Måttet har inte så många frågor.')
      .optional(),
    notApplicable: text(LIMITS.reason, 'Skälet').optional(),
    endedLocally: text(LIMITS.reason, 'Skälet').optional(),
    comment: text(LIMITS.comment, 'Kommentaren').optional(),
  })
  .strict();

export const actorSchema = z.object({
  id: z.string().min(1).max(200),
  name: z.string().trim().min(1).max(LIMITS.actorName),
});

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: string[] };

function validate<T>(schema: z.ZodType<T>, input: unknown): Validated<T> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    // Each message names its field in words (inputErrors.ts): no field ids.
    errors: [...new Set(result.error.issues.map((i) => i.message))],
  };
}

export function parseChangeRequest(input: unknown): Validated<ChangeRequest> {
  return validate(changeRequestSchema, input) as Validated<ChangeRequest>;
}

export function parseActor(input: unknown): Validated<Actor> {
  return validate(actorSchema, input);
}

export function parseId(input: unknown): Validated<string> {
  return validate(idSchema, input);
}
