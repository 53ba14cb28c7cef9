// The fixed status set of an activity, and the mapping of Bilaga 1's written statuses to it.
// The appendix writes statuses as prose ("Ej påbörjat, uppdrag behövs", "Arbete pågår",
// "Ingår i rev. Samverkansavtal"); the app keeps that prose as the status note.
//
// Two kinds of status: the ones people choose in forms (STATUSES), and the one only a revision
// of the plan sets (RETIRED_STATUS, 1.6: "Revidering av planen sker var tredje år"): an item the
// revised plan no longer has is closed with it, stays readable with its history, and is never
// counted as open or overdue again.

/** The statuses a person can choose (cards, tab, the plan file's starting statuses). */
export const STATUSES = [
  { id: 'ej_paborjat', label: 'Ej påbörjat' },
  { id: 'uppdrag_behovs', label: 'Uppdrag behövs' },
  { id: 'pagar', label: 'Pågår' },
  { id: 'klar', label: 'Klar' },
  { id: 'avbruten', label: 'Avbruten' },
] as const;

/** Set only by `npm run plan -- apply` for an item the new plan version retires; never offered in a form. */
export const RETIRED_STATUS = { id: 'avslutad_i_revidering', label: 'Avslutad i revidering' } as const;

export type SelectableStatusId = (typeof STATUSES)[number]['id'];
export type StatusId = SelectableStatusId | typeof RETIRED_STATUS.id;

/** The ids a person may choose (forms, the plan file): not the revision's own status. */
export const STATUS_IDS: readonly SelectableStatusId[] = STATUSES.map((s) => s.id);

/** Every status a stored item can have, in display order. */
export const ALL_STATUSES: ReadonlyArray<{ id: StatusId; label: string }> = [...STATUSES, RETIRED_STATUS];

/** Statuses that are no longer open: not overdue, not stale, not counted as work left. */
export const CLOSED_STATUS_IDS: readonly StatusId[] = ['klar', 'avbruten', RETIRED_STATUS.id];

/** Any status a stored item can have (reading rows and history): includes the revision's own. */
export function isStatusId(value: unknown): value is StatusId {
  return typeof value === 'string' && ALL_STATUSES.some((s) => s.id === value);
}

/** A status a person may set. */
export function isSelectableStatusId(value: unknown): value is SelectableStatusId {
  return typeof value === 'string' && (STATUS_IDS as readonly string[]).includes(value);
}

export function isClosedStatus(id: StatusId): boolean {
  return CLOSED_STATUS_IDS.includes(id);
}

export function isRetiredStatus(id: StatusId): boolean {
  return id === RETIRED_STATUS.id;
}

export function statusLabel(id: StatusId): string {
  return ALL_STATUSES.find((s) => s.id === id)!.label;
}

/**
 * Maps a status as written in the appendix to the fixed set. Order matters: "Ej påbörjat,
 * uppdrag behövs" needs an assignment, "Ej påbörjat, avvaktar beslut" has not started,
 * and anything that says work is under way or is part of an agreement being made is Pågår.
 * An empty cell, or one that only points elsewhere ("Se status … ovan"), is Ej påbörjat:
 * the plan names no work in progress for it.
 */
export function mapWrittenStatus(written: string): SelectableStatusId {
  const text = written.toLocaleLowerCase('sv-SE').replace(/\s+/g, ' ').trim();
  if (text === '') return 'ej_paborjat';
  if (text.includes('uppdrag behövs')) return 'uppdrag_behovs';
  if (text.startsWith('ej påbörjat')) return 'ej_paborjat';
  if (text.startsWith('se status')) return 'ej_paborjat';
  if (/\bklar\b|\bgenomförd\b|\bavslutad\b/.test(text)) return 'klar';
  if (text.includes('avbruten')) return 'avbruten';
  if (text.includes('pågår') || text.startsWith('ingår')) return 'pagar';
  return 'ej_paborjat';
}
