// The plan file cannot be used: missing, unreadable, invalid, or another plan than the store's.
// Its own module (no Node imports), so that storage can raise it and the tab's type-check can
// still follow storage's types.

/** The plan file is missing, unreadable or invalid, or does not fit the store: the app cannot start with it. */
export class PlanContentError extends Error {}
