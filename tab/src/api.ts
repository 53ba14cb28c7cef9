// The tab's calls to the app's API, each with the Teams SSO token (none in development mode).
import type { HistoryEntry } from '../../bot/domain/activityState';
import type { ActivityView, SubActivityView } from '../../bot/domain/planView';
import type { PlanApiView } from '../../bot/api/planApi';
import type { HistoryEvent, HistoryPage } from '../../bot/domain/historyEvents';
import { getToken } from './auth';

export type { HistoryEvent, HistoryPage, PlanApiView };

export interface HistoryFilter {
  scope?: string;
  activity?: string;
  person?: string;
  strategy?: string;
  from?: string;
  to?: string;
  page: number;
  size: number;
}

export interface Me {
  id: string;
  name: string;
  devMode: boolean;
  mayChange: string[];
  /** Who the plan's project leaders are, in a sentence (they re-link channels). */
  projectLeaders?: string;
}

export interface ChangeForm {
  status: string;
  statusNote: string;
  measureAnswer: string;
  /** A split measure's answers by question (the dialog asks each question on its own). */
  answers?: Record<string, string>;
  comment: string;
  /** An arena's follow-up of Bilaga 1: why it is not done locally ("" applies). */
  notApplicable?: string;
  /** An arena's local activity: why it was ended locally ("" goes on). */
  endedLocally?: string;
}

/** A local activity's own text, as the tab's form holds it. */
export interface LocalActivityForm {
  strategyId: string;
  title: string;
  description: string;
  periodFrom: string;
  periodTo: string;
  measure: string;
  target: string;
  comment: string;
}

export type LocalSaveResult =
  | { kind: 'saved'; outcome: 'updated' | 'unchanged'; sub: SubActivityView; activity: ActivityView }
  | { kind: 'conflict'; message: string; current: SubActivityView; activity: ActivityView; since: HistoryEntry[] }
  | { kind: 'refused'; message: string; details: string[] };

/** Changes a local activity's text, against the ETag of its sub-activity. */
export async function saveLocalActivity(sub: SubActivityView, form: LocalActivityForm): Promise<LocalSaveResult> {
  const res = await call(`/api/local-activities/${encodeURIComponent(sub.scopeId)}/${encodeURIComponent(sub.id)}`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json', 'If-Match': sub.etag },
    body: JSON.stringify({ version: sub.version, ...form }),
  });
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (res.status === 200) return { kind: 'saved', outcome: body['outcome'] as 'updated' | 'unchanged', sub: body['sub'] as SubActivityView, activity: body['activity'] as ActivityView };
  if (res.status === 409) {
    return { kind: 'conflict', message: String(body['error']), current: body['current'] as SubActivityView, activity: body['activity'] as ActivityView, since: (body['since'] as HistoryEntry[]) ?? [] };
  }
  return { kind: 'refused', message: String(body['error'] ?? `Det gick inte att spara (${res.status}).`), details: (body['details'] as string[]) ?? [] };
}

export type SaveResult =
  | { kind: 'saved'; outcome: 'updated' | 'unchanged'; sub: SubActivityView }
  | { kind: 'conflict'; message: string; current: SubActivityView; activity: ActivityView; since: HistoryEntry[] }
  | { kind: 'refused'; message: string; details: string[] };

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** A call to the app's API with the Teams SSO token (none in development mode). */
export async function call(path: string, init: RequestInit = {}): Promise<Response> {
  const token = await getToken().catch(() => undefined);
  const headers = new Headers(init.headers);
  if (token) headers.set('Authorization', `Bearer ${token}`);
  return fetch(path, { ...init, headers });
}

async function json<T>(res: Response): Promise<T> {
  const body = (await res.json().catch(() => ({}))) as T & { error?: string };
  if (!res.ok) throw new ApiError(body.error ?? `Något gick fel (${res.status}).`, res.status);
  return body;
}

export async function fetchPlan(): Promise<PlanApiView> {
  return json<PlanApiView>(await call('/api/plan'));
}

/** Which arena a Teams meeting is for: {} until someone in it chooses. */
export interface MeetingArena {
  arenaId?: string;
  chosenBy?: string;
  chosenAt?: string;
}

export async function fetchMeetingArena(meetingId: string): Promise<MeetingArena> {
  return json<MeetingArena>(await call(`/api/meeting?${new URLSearchParams({ id: meetingId }).toString()}`));
}

export async function chooseMeetingArena(meetingId: string, arenaId: string): Promise<MeetingArena> {
  return json<MeetingArena>(await call('/api/meeting', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: meetingId, arenaId }) }));
}

export async function fetchMe(): Promise<Me> {
  return json<Me>(await call('/api/me'));
}

export async function fetchHistory(filter: HistoryFilter): Promise<HistoryPage> {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v !== undefined && v !== '') q.set(k, String(v));
  return json<HistoryPage>(await call(`/api/history?${q.toString()}`));
}

export async function saveSubActivity(sub: SubActivityView, form: ChangeForm): Promise<SaveResult> {
  const res = await call(`/api/activities/${encodeURIComponent(sub.scopeId)}/${encodeURIComponent(sub.id)}`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json', 'If-Match': sub.etag },
    body: JSON.stringify({ version: sub.version, ...form }),
  });
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (res.status === 200) return { kind: 'saved', outcome: body['outcome'] as 'updated' | 'unchanged', sub: body['sub'] as SubActivityView };
  if (res.status === 409) {
    return { kind: 'conflict', message: String(body['error']), current: body['current'] as SubActivityView, activity: body['activity'] as ActivityView, since: (body['since'] as HistoryEntry[]) ?? [] };
  }
  return { kind: 'refused', message: String(body['error'] ?? `Det gick inte att spara (${res.status}).`), details: (body['details'] as string[]) ?? [] };
}

/** Fetches a file with the token and lets the browser save it, under the server's file name. */
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  const res = await call(path);
  if (!res.ok) await json(res);
  const blob = await res.blob();
  const disposition = res.headers.get('content-disposition') ?? '';
  // RFC 6266's filename* carries a Swedish name ("Uppföljning 2026 – …"); filename="…" is ASCII.
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const name = utf8 ? decodeURIComponent(utf8) : (/filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Downloads the action plan as an Excel file. */
export function downloadExport(): Promise<void> {
  return downloadFile('/api/export.xlsx', 'handlingsplan.xlsx');
}
