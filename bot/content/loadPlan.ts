// Loads the plan content (plan.sv.json beside this module) and validates it. The file holds the
// plan's text as written; the app uses it with the corrections of planCorrections.sv.json applied
// (domain/planCorrections.ts), and so does every store (planStore.ts seeds and syncs them).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { PlanContent } from '../domain/plan';
import { applyCorrections } from '../domain/planCorrections';
import { parsePlanContent } from '../domain/planSchema';
import { PlanContentError } from './planContentError';

export { PlanContentError };

export const DEFAULT_PLAN_FILE = path.join(__dirname, 'plan.sv.json');

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The plan as the app uses it: the file's content with the corrections of the plan's text applied. */
export function loadPlanContent(file: string = DEFAULT_PLAN_FILE): PlanContent {
  const corrected = applyCorrections(loadPlanAsWritten(file)).content;
  try {
    return parsePlanContent(corrected);
  } catch (err) {
    throw new PlanContentError(`A correction in planCorrections.sv.json makes ${file} invalid. ${messageOf(err)}`, { cause: err });
  }
}

/** Reads and validates a plan content file, its text as written; throws an Error naming the file and every problem. */
export function loadPlanAsWritten(file: string = DEFAULT_PLAN_FILE): PlanContent {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (err) {
    throw new PlanContentError(`Cannot read plan content file ${file}: ${messageOf(err)}`, { cause: err });
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    throw new PlanContentError(`Plan content file ${file} is not valid JSON: ${messageOf(err)}`, { cause: err });
  }
  try {
    return parsePlanContent(json);
  } catch (err) {
    throw new PlanContentError(`Plan content file ${file} is invalid. ${messageOf(err)}`, { cause: err });
  }
}
