// The tab's calls for the yearly follow-up round (bot/api/roundApi.ts and roundCompareApi.ts),
// each with the Teams SSO token. A write answers saved, refused (with the fields' errors) or
// conflict (with what is stored now), never an exception for an expected outcome.
import type { CompareApiView } from '../../bot/api/roundCompareApi';
import type { ArenaProgress, Round } from '../../bot/domain/followUpRound';
import type { FollowUpState, Submission } from '../../bot/domain/followUpState';
import type { RoundComparison } from '../../bot/domain/roundComparison';
import type { AnalysisEntry } from '../../bot/storage/roundStore';
import type { AnalysisView } from '../../bot/useCases/followUpRound';
import { call } from './api';

export type { AnalysisEntry, FollowUpState, RoundComparison, Submission };

export type { ArenaProgress, Round };

export type Analysis = AnalysisView;

export interface RoundDetail {
  round: Round;
  mayManage: boolean;
  progress: { submitted: number; total: number; arenas: ArenaProgress[] };
  analysis: Analysis[];
}

export type CompareAnswer = CompareApiView<Round>;

export type Write<T> =
  | { ok: true; value: T }
  | { ok: false; kind: 'refused'; message: string; errors: string[] }
  | { ok: false; kind: 'conflict'; message: string; current: unknown };

async function read<T>(path: string): Promise<T> {
  const res = await call(path);
  const body = (await res.json().catch(() => ({}))) as T & { error?: string };
  if (!res.ok) throw new Error(body.error ?? `Något gick fel (${res.status}).`);
  return body;
}

/**
 * The server's errors (Swedish sentences that start with the field's label) placed at the form's
 * fields: `fields` maps a field to the beginnings of its sentences; the rest are returned apart.
 */
export function placeErrors(errors: string[], fields: Record<string, string[]>): { at: Record<string, string>; rest: string[] } {
  const at: Record<string, string> = {};
  const rest: string[] = [];
  for (const e of errors) {
    const field = Object.keys(fields).find((f) => fields[f]!.some((start) => e.startsWith(start)));
    if (field) at[field] = at[field] ? `${at[field]} ${e}` : e;
    else rest.push(e);
  }
  return { at, rest };
}

async function write<T>(path: string, method: string, body: unknown, pick: (answer: Record<string, unknown>) => T): Promise<Write<T>> {
  let res: Response;
  try {
    res = await call(path, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  } catch {
    return { ok: false, kind: 'refused', message: 'Det gick inte att nå servern. Ingenting har sparats; försök igen.', errors: [] };
  }
  const answer = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (res.ok) return { ok: true, value: pick(answer) };
  const message = typeof answer.error === 'string' ? answer.error : `Det gick inte att spara (${res.status}).`;
  if (res.status === 409) return { ok: false, kind: 'conflict', message, current: answer.current };
  return { ok: false, kind: 'refused', message, errors: Array.isArray(answer.errors) ? answer.errors.map(String) : [] };
}

export const fetchRounds = () => read<{ rounds: Round[]; mayManage: boolean }>('/api/rounds');
export const fetchRound = (id: string) => read<RoundDetail>(`/api/rounds/${id}`);
export const fetchRoundState = (id: string) => read<FollowUpState>(`/api/rounds/${id}/state`);
export const fetchAnalysisHistory = (id: string, strategyId: string) => read<{ history: AnalysisEntry[] }>(`/api/rounds/${id}/analysis/${encodeURIComponent(strategyId)}/history`);
export const fetchComparison = (from: string, to: string) => read<CompareAnswer>(`/api/rounds/compare?from=${from}&to=${to}`);

export const openRound = (form: { name?: string; from?: string; to?: string; lastDay: string }) => write('/api/rounds', 'POST', form, (a) => a.round as Round);
export const changeRound = (id: string, change: { etag: string; lastDay?: string; name?: string; close?: true }) => write(`/api/rounds/${id}`, 'PATCH', change, (a) => a.round as Round);
export const saveAnalysis = (id: string, strategyId: string, etag: string, text: string) =>
  write(`/api/rounds/${id}/analysis/${encodeURIComponent(strategyId)}`, 'PUT', { etag, text }, (a) => a.analysis as Analysis);
export const submitRound = (id: string, arenaId: string, comment: string) => write(`/api/rounds/${id}/submission`, 'POST', { arenaId, comment }, (a) => a.submission as Submission);
