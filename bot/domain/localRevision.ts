// An arena's local revision (plan 1.6: "I de lokala samverkansarenorna revideras … de lokala
// samverkansplanerna"): while the county's revision is open, each arena revises its own local plan
// and records that it has: the day, by whom, its own decision reference (the arena's minutes) and
// what changed. No principal decides a local plan, so nothing more is asked. Plain TypeScript.
import { z } from 'zod';
import type { Validated } from './validation';
import { formatNumber } from './format';

export interface LocalRevision {
  revisionId: string;
  arenaId: string;
  /** The day the arena revised its local plan, YYYY-MM-DD. */
  date: string;
  /** The arena's own decision reference, e.g. "Protokoll lokal samverkansarena 2026-12-10 § 4". */
  reference: string;
  /** What changed in the local plan, in the arena's words. */
  changes: string;
  byId: string;
  by: string;
  at: string;
  version: number;
  etag: string;
}

export type LocalRevisionInput = Pick<LocalRevision, 'date' | 'reference' | 'changes'>;

export const LOCAL_REVISION_LIMITS = { reference: 300, changes: 2000 } as const;

const day = z
  .string({ error: 'Datumet måste vara text.' })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Datum: skriv datumet som ÅÅÅÅ-MM-DD (till exempel 2026-12-10).')
  .refine((d) => {
    const parsed = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === d;
  }, 'Datum: det datumet finns inte.');

const text = (label: string, max: number) =>
  z
    .string({ error: `${label} måste vara text.` })
    .transform((v) => v.replace(/\r\n?/g, '\n').trim())
    .refine((v) => v.length > 0, `${label} saknas.`)
    .refine((v) => v.length <= max, `${label} får vara högst ${formatNumber(max)} tecken.`);

const schema = z.object({
  date: day,
  reference: text('Beslutsreferensen', LOCAL_REVISION_LIMITS.reference),
  changes: text('Vad som ändrades', LOCAL_REVISION_LIMITS.changes),
});

/** What the arena typed: the day (not after today), its decision reference and what changed. */
export function parseLocalRevision(input: Record<string, unknown>, today: string): Validated<LocalRevisionInput> {
  const parsed = schema.safeParse({ date: input.date ?? '', reference: input.reference ?? '', changes: input.changes ?? '' });
  if (!parsed.success) return { ok: false, errors: [...new Set(parsed.error.issues.map((i) => i.message))] };
  if (parsed.data.date > today) return { ok: false, errors: [`Datum: ${parsed.data.date} har inte varit än; ange dagen då arenan reviderade sin lokala plan.`] };
  return { ok: true, value: parsed.data };
}

/** "Reviderad 2026-12-10 av Anna Andersson · Protokoll … § 4" */
export function describeLocalRevision(r: Pick<LocalRevision, 'date' | 'by' | 'reference'>): string {
  return `Reviderad ${r.date} av ${r.by} · ${r.reference}`;
}
