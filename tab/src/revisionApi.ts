// The tab's calls for the plan's revision (bot/api/revisionApi.ts), each with the Teams SSO token.
import type { RevisionApiView } from '../../bot/api/revisionApi';
import { call, downloadFile } from './api';

export type { RevisionApiView };

export async function fetchRevision(): Promise<RevisionApiView> {
  const res = await call('/api/revision');
  const body = (await res.json().catch(() => ({}))) as RevisionApiView & { error?: string };
  if (!res.ok) throw new Error(body.error ?? `Något gick fel (${res.status}).`);
  return body;
}

export type WriteResult = { ok: true } | { ok: false; message: string; details: string[] };

async function write(path: string, method: string, body: unknown, etag?: string): Promise<WriteResult> {
  const res = await call(path, { method, headers: { 'Content-Type': 'application/json', ...(etag !== undefined ? { 'If-Match': etag } : {}) }, body: JSON.stringify(body) });
  if (res.ok) return { ok: true };
  const answer = (await res.json().catch(() => ({}))) as { error?: string; details?: string[] };
  return { ok: false, message: answer.error ?? `Det gick inte att spara (${res.status}).`, details: answer.details ?? [] };
}

export const openRevision = (lastDay: string) => write('/api/revision', 'POST', { lastDay });
/** Moves the last day for proposals, or closes the revision, against the version the person saw. */
export const changeRevision = (etag: string, change: { lastDay: string } | { close: true }) => write('/api/revision', 'PATCH', change, etag);
export const recordStep = (stepId: string, etag: string, step: { done: boolean; date: string; dateTo: string; body: string; minutesUrl: string }) =>
  write(`/api/revision/steps/${encodeURIComponent(stepId)}`, 'PUT', step, etag);

/** An arena records its local plan as revised (or corrects it, against the record it saw). */
export const recordLocalRevision = (arenaId: string, etag: string | undefined, input: { date: string; reference: string; changes: string }) =>
  write(`/api/revision/local/${encodeURIComponent(arenaId)}`, 'PUT', input, etag);

/** Downloads the proposals as an Excel file. */
export function downloadProposals(): Promise<void> {
  return downloadFile('/api/revision/export.xlsx', 'revideringsforslag.xlsx');
}
