// A sub-activity's follow-up state, its changes and its history, in plain TypeScript.
import type { MeasureQuestion } from './plan';
import type { StatusId } from './status';

/** Who made a change: Teams/Entra ids and the display name shown in the history. */
export interface Actor {
  id: string;
  name: string;
}

/** The fields a person can change on a sub-activity. */
export interface SubActivityState {
  status: StatusId;
  statusNote: string;
  /** Answer to the measure (mått), e.g. "ja", "nej" or a short text; "" until answered. */
  measureAnswer: string;
  /**
   * A split measure's answers, by question id (plan file: `questions`); a question left out has
   * none, except the first, which keeps `measureAnswer` given before the split (measureQuestions.ts).
   */
  answers?: Record<string, string>;
  /** An arena's follow-up of a Bilaga 1 item: why it does not apply locally ("Ej aktuellt lokalt"); absent or "" when it applies. */
  notApplicable?: string;
  /** An arena's local activity: why the arena ended it ("Avslutad lokalt"); absent or "" while it goes on. */
  endedLocally?: string;
  /** ISO time and display name of the last change; undefined while the plan's seed text stands. */
  updatedAt?: string;
  updatedBy?: string;
  /** Increases by one with every change. */
  version: number;
}

export type ChangeableField = 'status' | 'statusNote' | 'measureAnswer' | 'notApplicable' | 'endedLocally';
export const CHANGEABLE_FIELDS: readonly ChangeableField[] = ['status', 'statusNote', 'measureAnswer', 'notApplicable', 'endedLocally'];

/** What a person asks to change; fields left out stay as they are. */
export interface ChangeRequest {
  status?: StatusId;
  statusNote?: string;
  measureAnswer?: string;
  /** A split measure's answers by question id (ja/nej, or text for a text question); questions left out stay. */
  answers?: Record<string, string>;
  /** A reason marks a Bilaga 1 item "Ej aktuellt lokalt" for the arena; "" makes it apply again. */
  notApplicable?: string;
  /** A reason ends an arena's local activity ("Avslutad lokalt"); "" takes it up again. */
  endedLocally?: string;
  comment?: string;
}

/**
 * The plan's own text of a sub-activity (and of its activity), which only a revision of the plan
 * changes (`npm run plan -- apply`): written to the same history as people's changes. An arena's
 * local activity is the arena's own: its members change these (and `description`, `strategy`).
 */
export type ContentField = 'title' | 'measure' | 'target' | 'activityTitle' | 'period' | 'description' | 'strategy';

export interface FieldChange {
  field: ChangeableField | ContentField;
  from: string;
  to: string;
  /** For the answer to one question of a split measure: which (its text in the plan's words is what is shown). */
  question?: { id: string; text: string };
}

/** One row of the change history: the follow-up's evidence, kept forever. */
export interface HistoryEntry {
  scopeId: string;
  subActivityId: string;
  version: number;
  at: string;
  actor: Actor;
  changes: FieldChange[];
  comment: string;
}

/**
 * The fields that differ between the current state and the request, in a fixed order; a split
 * measure's answers one change per question, in the plan's order, each naming its question.
 */
export function diffChange(current: SubActivityState, request: ChangeRequest, questions: readonly MeasureQuestion[] = []): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of CHANGEABLE_FIELDS) {
    const wanted = request[field];
    const have = current[field] ?? '';
    if (wanted !== undefined && wanted !== have) {
      changes.push({ field, from: have, to: wanted });
    }
    if (field === 'measureAnswer' && request.answers) changes.push(...answerChanges(current, request.answers, questions));
  }
  return changes;
}

function answerChanges(current: SubActivityState, wanted: Record<string, string>, questions: readonly MeasureQuestion[]): FieldChange[] {
  return questions.flatMap((q, i) => {
    const to = wanted[q.id];
    // The first question's answer is the one given before the split until it has its own.
    const have = current.answers?.[q.id] ?? (i === 0 ? current.measureAnswer : '');
    return to === undefined || to === have ? [] : [{ field: 'measureAnswer' as const, from: have, to, question: { id: q.id, text: q.text } }];
  });
}

/** The state after applying the changes, stamped with who and when. */
export function applyChanges(current: SubActivityState, changes: FieldChange[], actor: Actor, at: Date): SubActivityState {
  const next: SubActivityState = { ...current, version: current.version + 1, updatedAt: at.toISOString(), updatedBy: actor.name };
  for (const c of changes) {
    if (c.field === 'status') next.status = c.to as StatusId;
    else if (c.field === 'measureAnswer' && c.question !== undefined) next.answers = { ...next.answers, [c.question.id]: c.to };
    else if (c.field === 'statusNote' || c.field === 'measureAnswer' || c.field === 'notApplicable' || c.field === 'endedLocally') next[c.field] = c.to;
  }
  return next;
}

/** How a sub-activity's measure is answered: ja/nej where the target value says so, else free text. */
export function answerKind(target: string): 'yesNo' | 'text' {
  return /^ja\s*\/\s*nej/i.test(target.trim()) ? 'yesNo' : 'text';
}

/** A card's choice for "not answered" (choice values cannot be empty); stored as "". */
export const NO_ANSWER = 'obesvarat';
export const YES_NO_ANSWERS = ['', NO_ANSWER, 'ja', 'nej'] as const;

/** A ja/nej answer as stored: lower case, "" for not answered. */
export function normaliseYesNo(answer: string): string {
  const lower = answer.trim().toLowerCase();
  return lower === NO_ANSWER ? '' : lower;
}
