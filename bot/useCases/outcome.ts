// What every update use case returns (a sub-activity's follow-up, an effect-measure value, a
// local activity, ...): expected outcomes are values, never exceptions. The bot maps an outcome
// to a card, the tab's API to an HTTP status; neither decides anything itself.

/** The change was written (with its history row). */
export interface Saved<T, E> {
  kind: 'saved';
  after: T;
  entry: E;
}

/** Nothing differed from what is stored: nothing was written. */
export interface Unchanged<T> {
  kind: 'unchanged';
  after: T;
}

/** Someone else changed it since the person saw it: nothing was written; here is what it is now and what happened since. */
export interface Conflict<T, E> {
  kind: 'conflict';
  current: T;
  since: E[];
}

/** Not allowed, or the answer is not valid: nothing was written. `errors` lists what to correct. */
export interface Refused {
  kind: 'refused';
  reason: 'notAllowed' | 'invalid';
  message: string;
  errors: string[];
}

export interface NotFound {
  kind: 'notFound';
}

export type UpdateOutcome<T, E> = Saved<T, E> | Unchanged<T> | Conflict<T, E> | Refused | NotFound;

export const refused = (reason: Refused['reason'], message: string, errors: string[] = []): Refused => ({ kind: 'refused', reason, message, errors });
export const notFound: NotFound = { kind: 'notFound' };
