// The fixed status set of an activity, and the mapping of Bilaga 1's written statuses to it.
// The appendix writes statuses as prose ("Ej påbörjat, uppdrag behövs", "Arbete pågår",
// "Ingår i rev. Samverkansavtal"); the app keeps that prose as the status note.

export const STATUSES = [
  { id: 'ej_paborjat', label: 'Ej påbörjat' },
  { id: 'uppdrag_behovs', label: 'Uppdrag behövs' },
  { id: 'pagar', label: 'Pågår' },
  { id: 'klar', label: 'Klar' },
  { id: 'avbruten', label: 'Avbruten' },
] as const;

export type StatusId = (typeof STATUSES)[number]['id'];

export const STATUS_IDS: readonly StatusId[] = STATUSES.map((s) => s.id);

export function isStatusId(value: unknown): value is StatusId {
  return typeof value === 'string' && (STATUS_IDS as readonly string[]).includes(value);
}

export function statusLabel(id: StatusId): string {
  return STATUSES.find((s) => s.id === id)!.label;
}

/**
 * Maps a status as written in the appendix to the fixed set. Order matters: "Ej påbörjat,
 * uppdrag behövs" needs an assignment, "Ej påbörjat, avvaktar beslut" has not started,
 * and anything that says work is under way or is part of an agreement being made is Pågår.
 * An empty cell, or one that only points elsewhere ("Se status … ovan"), is Ej påbörjat:
 * the plan names no work in progress for it.
 */
export function mapWrittenStatus(written: string): StatusId {
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
