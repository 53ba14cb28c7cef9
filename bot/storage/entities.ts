// Mapping between stored rows and domain records. Lists are stored as JSON strings: Azure
// Tables has no list type, and these lists are short (see domain/limits.ts).
import type { TableEntityResult } from '@azure/data-tables';
import type { HistoryEntry, SubActivityState } from '../domain/activityState';
import type { MeasureQuestion, Retirement } from '../domain/plan';
import type { ActivityRecord, FollowUpRecord, SubActivityRecord } from '../domain/planView';
import { isStatusId } from '../domain/status';

/** A stored row: list queries always return the keys and the ETag. */
export type Row = TableEntityResult<Record<string, unknown>> & { partitionKey: string; rowKey: string; etag: string };

export function str(row: Row, key: string): string {
  const v = row[key];
  return typeof v === 'string' ? v : '';
}
export function num(row: Row, key: string): number {
  const v = row[key];
  return typeof v === 'number' ? v : Number(v ?? 0);
}
export function list(row: Row, key: string): string[] {
  const v = row[key];
  if (typeof v !== 'string' || v === '') return [];
  const parsed: unknown = JSON.parse(v);
  return Array.isArray(parsed) ? parsed.map(String) : [];
}

export function stateFields(state: SubActivityState): Record<string, string | number> {
  return {
    status: state.status,
    statusNote: state.statusNote,
    measureAnswer: state.measureAnswer,
    // A split measure's answers by question (an older row has none: its measureAnswer is the first question's).
    measureAnswers: state.answers ? JSON.stringify(state.answers) : '',
    notApplicable: state.notApplicable ?? '',
    endedLocally: state.endedLocally ?? '',
    updatedAt: state.updatedAt ?? '',
    updatedBy: state.updatedBy ?? '',
    version: state.version,
  };
}

export function toSubActivityRecord(scopeId: string, row: Row): SubActivityRecord {
  return {
    scopeId,
    id: str(row, 'id'),
    activityId: str(row, 'activityId'),
    strategyId: str(row, 'strategyId'),
    order: num(row, 'order'),
    title: str(row, 'title'),
    details: list(row, 'details'),
    measure: str(row, 'measure'),
    target: str(row, 'target'),
    statusAsWritten: str(row, 'statusAsWritten'),
    answeredBy: str(row, 'answeredBy') === 'municipality' ? 'municipality' : 'county',
    ...(row.regionOwn === true ? { regionOwn: true as const } : {}),
    ...questionsOf(row),
    state: stateOf(row),
    etag: row.etag,
    ...retirementOf(row),
  };
}

/** A split measure's questions as the row stores them (JSON), where it is split. */
function questionsOf(row: Row): { questions?: MeasureQuestion[] } {
  const raw = str(row, 'questions');
  if (raw === '') return {};
  const questions = JSON.parse(raw) as MeasureQuestion[];
  return questions.length > 0 ? { questions } : {};
}

/** A split measure's stored answers by question id (absent on rows written before the split). */
function answersOf(row: Row): { answers?: Record<string, string> } {
  const raw = str(row, 'measureAnswers');
  if (raw === '') return {};
  const parsed: unknown = JSON.parse(raw);
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
  return { answers: Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string')) };
}

/** A revision's retirement of a row (`retiredInVersion`, `retiredReason`), if any. */
export function retirementOf(row: Row): { retired?: Retirement } {
  const version = num(row, 'retiredInVersion');
  return version > 0 ? { retired: { version, reason: str(row, 'retiredReason') } } : {};
}

/** The follow-up state stored in a row (a sub-activity's or an arena's follow-up of one). */
function stateOf(row: Row): SubActivityState {
  const status = str(row, 'status');
  return {
    status: isStatusId(status) ? status : 'ej_paborjat',
    statusNote: str(row, 'statusNote'),
    measureAnswer: str(row, 'measureAnswer'),
    ...answersOf(row),
    ...(str(row, 'notApplicable') ? { notApplicable: str(row, 'notApplicable') } : {}),
    ...(str(row, 'endedLocally') ? { endedLocally: str(row, 'endedLocally') } : {}),
    ...(str(row, 'updatedAt') ? { updatedAt: str(row, 'updatedAt') } : {}),
    ...(str(row, 'updatedBy') ? { updatedBy: str(row, 'updatedBy') } : {}),
    version: num(row, 'version'),
  };
}

/** An arena's follow-up row of a Bilaga 1 sub-activity. */
export function toFollowUpRecord(scopeId: string, row: Row): FollowUpRecord {
  return { scopeId, subActivityId: row.rowKey.slice(row.rowKey.indexOf('|') + 1), state: stateOf(row), etag: row.etag };
}

export function toActivityRecord(scopeId: string, row: Row): ActivityRecord {
  return {
    scopeId,
    id: str(row, 'id'),
    strategyId: str(row, 'strategyId'),
    order: num(row, 'order'),
    title: str(row, 'title'),
    period: { from: num(row, 'periodFrom'), to: num(row, 'periodTo') },
    ...(str(row, 'recommendationId') ? { recommendationId: str(row, 'recommendationId') } : {}),
    ...(str(row, 'createdAt') ? { createdAt: str(row, 'createdAt') } : {}),
    ...(str(row, 'createdBy') ? { createdBy: str(row, 'createdBy') } : {}),
    ...retirementOf(row),
  };
}

export function historyFields(entry: HistoryEntry): Record<string, string | number> {
  return {
    scopeId: entry.scopeId,
    subActivityId: entry.subActivityId,
    version: entry.version,
    at: entry.at,
    actorId: entry.actor.id,
    actorName: entry.actor.name,
    changes: JSON.stringify(entry.changes),
    comment: entry.comment,
  };
}

/**
 * One entry per change, newest first (by time, then version): a change stored
 * both as a history row and in the feed (stores before 2026-12) counts once.
 */
export function newestVersions(entries: HistoryEntry[]): HistoryEntry[] {
  const byChange = new Map<string, HistoryEntry>();
  for (const e of entries) {
    const key = `${e.subActivityId}\n${e.version}`;
    if (!byChange.has(key)) byChange.set(key, e);
  }
  return [...byChange.values()].sort((a, b) => b.at.localeCompare(a.at) || b.version - a.version);
}

export function toHistoryEntry(row: Row): HistoryEntry {
  return {
    scopeId: str(row, 'scopeId'),
    subActivityId: str(row, 'subActivityId'),
    version: num(row, 'version'),
    at: str(row, 'at'),
    actor: { id: str(row, 'actorId'), name: str(row, 'actorName') },
    changes: JSON.parse(str(row, 'changes') || '[]') as HistoryEntry['changes'],
    comment: str(row, 'comment'),
  };
}

/** The HTTP status of a storage error (RestError, or a transaction's failed sub-request). */
export function statusCodeOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** Whether a storage error means someone else wrote first (412 precondition failed, 409 conflict). */
export function isConflict(error: unknown): boolean {
  const status = statusCodeOf(error);
  return status === 412 || status === 409;
}

/** Whether a storage error means the row or table is not there. */
export function isNotFound(error: unknown): boolean {
  return statusCodeOf(error) === 404;
}
