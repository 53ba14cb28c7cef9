// The plan's revision (1.6: "Revidering av planen sker var tredje år"): proposals from every
// arena and the county (behåll, ändra, avsluta, ny aktivitet) until a last day, and the decision
// steps: remiss, SVOM's recommendation and each principal's decision. Plain TypeScript.
import { z } from 'zod';
import type { Arena } from './plan';
import { userText, type Validated } from './validation';
import { decisionOf } from './glossary';
import { formatNumber } from './format';

export type RevisionStatus = 'open' | 'closed';

export interface Revision {
  id: string;
  status: RevisionStatus;
  /** The last day for proposals, YYYY-MM-DD (Europe/Stockholm): proposals are accepted through it. */
  lastDay: string;
  openedAt: string;
  openedBy: string;
  updatedAt: string;
  updatedBy: string;
  version: number;
  etag: string;
}

/** behåll, ändra, avsluta, or a new activity under a strategy. */
export type ProposalKind = 'keep' | 'change' | 'close' | 'new';
export const PROPOSAL_KINDS: readonly ProposalKind[] = ['keep', 'change', 'close', 'new'];
export const PROPOSAL_LABELS: Record<ProposalKind, string> = { keep: 'Behåll', change: 'Ändra', close: 'Avsluta', new: 'Ny aktivitet' };

/** The proposed values of an "ändra" or a new activity (empty: unchanged / not given). */
export interface ProposedValues {
  title: string;
  periodFrom: number | null;
  periodTo: number | null;
  measure: string;
  target: string;
}

export interface ProposalInput {
  kind: ProposalKind;
  values: ProposedValues;
  /** Why an activity should be closed (avsluta). */
  reason: string;
  motivation: string;
}

export interface Proposal extends ProposalInput {
  revisionId: string;
  /** The item proposed about (an activity or sub-activity id), or the new activity's own id. */
  itemId: string;
  /** The arena (or the county, "lan") that proposes. */
  arenaId: string;
  strategyId: string;
  /** Which plan the item is in: the county's Bilaga 1 ("lan") or an arena's local plan. */
  scopeId: string;
  byId: string;
  by: string;
  at: string;
  version: number;
  etag: string;
}

/** One kept change of a proposal (a history row). */
export type ProposalEntry = Omit<Proposal, 'etag'>;

/** The steps of the decision process, in order; each principal is one of the plan's arenas. */
export type StepKind = 'remiss' | 'svom' | 'principal';

export interface Step {
  /** "remiss", "svom", or "principal.<arena id>". */
  id: string;
  kind: StepKind;
  /** For a principal: the arena it stands for (the county arena stands for the region). */
  arenaId?: string;
  done: boolean;
  /** The date of the step (sent on remiss, SVOM's recommendation, the principal's decision). */
  date: string;
  /** The end of the remiss period. */
  dateTo: string;
  /** The body and paragraph, e.g. "Kommunstyrelsen § 34". */
  body: string;
  /** The minutes (https only). */
  minutesUrl: string;
  updatedAt: string;
  updatedBy: string;
  version: number;
  etag: string;
}

export const LIMITS = { title: 200, measure: 300, target: 200, reason: 1000, motivation: 2000, body: 200, url: 500 } as const;
export const PERIOD_RANGE = { first: 2023, last: 2040 } as const;

export function stepIds(arenas: Arena[]): string[] {
  const county = arenas.filter((a) => a.kind === 'county');
  const municipalities = arenas.filter((a) => a.kind !== 'county');
  return ['remiss', 'svom', ...[...county, ...municipalities].map((a) => `principal.${a.id}`)];
}

export function stepLabel(stepId: string, arenas: Arena[]): string {
  if (stepId === 'remiss') return 'Förslaget på remiss';
  if (stepId === 'svom') return 'SVOM:s rekommendation';
  const arena = arenas.find((a) => `principal.${a.id}` === stepId);
  if (!arena) return stepId;
  return decisionOf(arena);
}

export function emptyStep(stepId: string): Step {
  const kind: StepKind = stepId === 'remiss' ? 'remiss' : stepId === 'svom' ? 'svom' : 'principal';
  return { id: stepId, kind, ...(kind === 'principal' ? { arenaId: stepId.slice('principal.'.length) } : {}), done: false, date: '', dateTo: '', body: '', minutesUrl: '', updatedAt: '', updatedBy: '', version: 0, etag: '' };
}

/** Whether proposals are still accepted on this day (YYYY-MM-DD, the plan's time zone). */
export function acceptsProposals(revision: Pick<Revision, 'status' | 'lastDay'>, today: string): boolean {
  return revision.status === 'open' && today <= revision.lastDay;
}

/** Today's date in the plan's time zone. */
export function planDay(at: Date): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

const isoDay = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, 'datum ska skrivas ÅÅÅÅ-MM-DD').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'datumet finns inte');
const optionalDay = z.union([z.literal(''), isoDay]);
/** The one check of free text (validation.ts), line breaks kept. */
const text = (max: number, label: string) => userText(max, label);
const year = z.union([z.literal(''), z.coerce.number().int().min(PERIOD_RANGE.first, `året ska vara ${PERIOD_RANGE.first}–${PERIOD_RANGE.last}`).max(PERIOD_RANGE.last, `året ska vara ${PERIOD_RANGE.first}–${PERIOD_RANGE.last}`)]).optional();

function fail(error: z.ZodError): { ok: false; errors: string[] } {
  return { ok: false, errors: error.issues.map((i) => i.message) };
}

export function parseLastDay(input: unknown, today: string): Validated<string> {
  const parsed = isoDay.safeParse(typeof input === 'string' ? input : '');
  if (!parsed.success) return { ok: false, errors: ['Sista dag för förslag: ' + (parsed.error.issues[0]?.message ?? 'ogiltigt datum')] };
  if (parsed.data < today) return { ok: false, errors: ['Sista dag för förslag kan inte ha passerat.'] };
  return { ok: true, value: parsed.data };
}

const proposalSchema = z.object({
  kind: z.enum(PROPOSAL_KINDS as [ProposalKind, ...ProposalKind[]], { error: 'välj behåll, ändra, avsluta eller ny aktivitet' }),
  title: text(LIMITS.title, 'Titeln').optional().default(''),
  periodFrom: year,
  periodTo: year,
  measure: text(LIMITS.measure, 'Måttet').optional().default(''),
  target: text(LIMITS.target, 'Målvärdet').optional().default(''),
  reason: text(LIMITS.reason, 'Skälet').optional().default(''),
  motivation: text(LIMITS.motivation, 'Motiveringen').optional().default(''),
});

/** A proposal as typed on the card or in the tab; the rules of each kind are checked here. */
export function parseProposal(input: Record<string, unknown>): Validated<ProposalInput> {
  const parsed = proposalSchema.safeParse(input);
  if (!parsed.success) return fail(parsed.error);
  const p = parsed.data;
  const from = p.periodFrom === '' || p.periodFrom === undefined ? null : p.periodFrom;
  const to = p.periodTo === '' || p.periodTo === undefined ? null : p.periodTo;
  const errors: string[] = [];
  const keepsValues = p.kind === 'change' || p.kind === 'new';
  const values: ProposedValues = keepsValues ? { title: p.title, periodFrom: from, periodTo: to, measure: p.measure, target: p.target } : { title: '', periodFrom: null, periodTo: null, measure: '', target: '' };
  if (keepsValues && (from === null) !== (to === null)) errors.push('Ange både första och sista år för prioriteringen, eller inget av dem.');
  if (keepsValues && from !== null && to !== null && from > to) errors.push('Prioriteringens första år kan inte vara efter det sista.');
  if (p.kind === 'change' && !values.title && from === null && !values.measure && !values.target) errors.push('Ange vad som ska ändras: titel, prioritering, mått eller målvärde.');
  if (p.kind === 'new' && values.title.length < 3) errors.push('En ny aktivitet behöver en titel (minst 3 tecken).');
  if (p.kind === 'close' && !p.reason) errors.push('Ange skälet till att aktiviteten ska avslutas.');
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { kind: p.kind, values, reason: p.kind === 'close' ? p.reason : '', motivation: p.motivation } };
}

const stepSchema = z.object({
  done: z.union([z.boolean(), z.enum(['true', 'false', ''])]).optional(),
  date: optionalDay.optional().default(''),
  dateTo: optionalDay.optional().default(''),
  body: text(LIMITS.body, 'Organ och §').optional().default(''),
  minutesUrl: z.union([z.literal(''), z.string().trim().max(LIMITS.url, `Länken får vara högst ${formatNumber(LIMITS.url)} tecken`).regex(/^https:\/\/[^\s<>"]+$/, 'Länken till protokollet ska börja med https://')]).optional().default(''),
});

export type StepInput = Pick<Step, 'done' | 'date' | 'dateTo' | 'body' | 'minutesUrl'>;

export function parseStep(input: Record<string, unknown>): Validated<StepInput> {
  const parsed = stepSchema.safeParse(input);
  if (!parsed.success) return fail(parsed.error);
  const s = parsed.data;
  const done = s.done === true || s.done === 'true';
  const errors: string[] = [];
  if (done && !s.date) errors.push('Ange datum för beslutet.');
  if (s.dateTo && s.date && s.dateTo < s.date) errors.push('Remisstiden kan inte sluta före den börjar.');
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { done, date: s.date, dateTo: s.dateTo, body: s.body, minutesUrl: s.minutesUrl } };
}

/** Whether two proposals say the same (nothing to write). */
export function sameProposal(a: ProposalInput, b: ProposalInput): boolean {
  return JSON.stringify([a.kind, a.values, a.reason, a.motivation]) === JSON.stringify([b.kind, b.values, b.reason, b.motivation]);
}

export function sameStep(a: StepInput, b: StepInput): boolean {
  return a.done === b.done && a.date === b.date && a.dateTo === b.dateTo && a.body === b.body && a.minutesUrl === b.minutesUrl;
}

/** A step as one line: "2026-05-26 · SVOM § 12", "2026-05-29 – 2026-08-31", "Ej registrerat". */
export function describeStep(step: Step): string {
  if (step.version === 0) return 'Ej registrerat';
  const when = step.dateTo ? `${step.date} – ${step.dateTo}` : step.date;
  const parts = [step.kind === 'principal' ? (step.done ? 'Beslutat' : 'Ej beslutat') : step.done ? 'Klart' : 'Ej klart', when, step.body].filter((p) => p !== '');
  return parts.join(' · ');
}

/** A proposal in a few words: "Ändra: prioritet 2027–2028, titel …", "Avsluta: <skäl>". */
export function describeProposal(p: Pick<Proposal, 'kind' | 'values' | 'reason'>): string {
  const v = p.values;
  const values = [v.title ? `titel "${v.title}"` : '', v.periodFrom !== null ? `prioritet ${v.periodFrom}–${v.periodTo ?? v.periodFrom}` : '', v.measure ? `mått "${v.measure}"` : '', v.target ? `målvärde "${v.target}"` : ''].filter((x) => x !== '');
  switch (p.kind) {
    case 'keep':
      return PROPOSAL_LABELS.keep;
    case 'close':
      return `${PROPOSAL_LABELS.close}: ${p.reason}`;
    default:
      return `${PROPOSAL_LABELS[p.kind]}: ${values.join(', ')}`;
  }
}
