// Sub-activity state and its history. State and history rows share the scope's partition, so a
// change and its history rows are one entity-group transaction: both are written or neither.
// Every update carries the ETag the person saw; a stale one is refused with the current state.
import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import { applyChanges, diffChange, type Actor, type ChangeRequest, type HistoryEntry, type SubActivityState } from '../domain/activityState';
import { NOT_YET_WRITTEN, withState, type SubActivityRecord, type SubActivityView } from '../domain/planView';
import { historyFields, isConflict, isNotFound, newestVersions, stateFields, statusCodeOf, toHistoryEntry, toSubActivityRecord, type Row } from './entities';
import { invert, prefixRange, ROW, scopePartition } from './keys';
import { scopeReadsOf, stampAction } from './scopeReads';

export type UpdateOutcome =
  | { kind: 'updated'; record: SubActivityRecord; entry: HistoryEntry }
  /** Nothing differs from the current state and there is no comment: nothing was written. */
  | { kind: 'unchanged'; record: SubActivityRecord }
  /** Someone else changed it first: here is what it is now. Nothing was written. */
  | { kind: 'conflict'; current: SubActivityRecord }
  | { kind: 'notFound' };

/** What {@link ActivityStore.write} needs of the current state: a record or a view of it. */
export type WritableState = SubActivityRecord | SubActivityView;

export interface WriteCommand<V extends WritableState> {
  /** The state as the caller read it, with its ETag. */
  current: V;
  scopeId: string;
  request: ChangeRequest;
  actor: Actor;
}

export type WriteOutcome<V extends WritableState> =
  | { kind: 'written'; state: SubActivityState; entry: HistoryEntry; sub: V }
  | { kind: 'unchanged' }
  | { kind: 'conflict' };

export interface UpdateCommand {
  scopeId: string;
  subActivityId: string;
  /** The ETag of the state the person saw when they made the change. */
  etag: string;
  request: ChangeRequest;
  actor: Actor;
}

export class ActivityStore {
  constructor(
    private readonly table: TableClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async getSubActivity(scopeId: string, subActivityId: string): Promise<SubActivityRecord | undefined> {
    try {
      const row = await this.table.getEntity<Record<string, unknown>>(scopePartition(scopeId), ROW.sub(subActivityId));
      return toSubActivityRecord(scopeId, row as Row);
    } catch (error) {
      if (statusCodeOf(error) === 404) return undefined;
      throw error;
    }
  }

  /** Reads the current state, then writes as {@link write} does: for callers that hold only an ETag. */
  async update(command: UpdateCommand): Promise<UpdateOutcome> {
    const current = await this.getSubActivity(command.scopeId, command.subActivityId);
    if (!current) return { kind: 'notFound' };
    if (current.etag !== command.etag) return { kind: 'conflict', current };
    const written = await this.write({ current, scopeId: command.scopeId, request: command.request, actor: command.actor });
    if (written.kind === 'conflict') return { kind: 'conflict', current: (await this.getSubActivity(command.scopeId, command.subActivityId)) ?? current };
    if (written.kind === 'unchanged') return { kind: 'unchanged', record: current };
    return { kind: 'updated', record: written.sub, entry: written.entry };
  }

  /**
   * Writes a change against the state the caller read (with its ETag): state, history row and
   * feed row in one transaction, and nothing else. The new ETag comes from the transaction's
   * answer, so a save costs this one request. A row changed since it was read is a conflict.
   */
  async write<V extends WritableState>(command: WriteCommand<V>): Promise<WriteOutcome<V>> {
    const { current, scopeId, actor } = command;
    const state = stateOf(current);
    const changes = diffChange(state.state, command.request, current.questions);
    const comment = command.request.comment ?? '';
    if (changes.length === 0 && comment === '') return { kind: 'unchanged' };

    const at = this.now();
    const next = applyChanges(state.state, changes, actor, at);
    const entry: HistoryEntry = { scopeId, subActivityId: current.id, version: next.version, at: at.toISOString(), actor, changes, comment };
    const partitionKey = scopePartition(scopeId);
    // An arena's follow-up of a Bilaga 1 item has its own row in the arena's partition, created by
    // the arena's first save; the county's row is never touched from there.
    const followUp = 'kind' in current && current.kind === 'followUp';
    const rowKey = followUp ? ROW.followUp(current.id) : ROW.sub(current.id);
    const stateAction: TransactionAction =
      current.etag === NOT_YET_WRITTEN
        ? ['create', { partitionKey, rowKey, subActivityId: current.id, ...stateFields(next) }]
        : ['update', { partitionKey, rowKey, ...stateFields(next) }, 'Merge', { etag: current.etag }];
    // The change's one row: the scope's feed and the item's history (see `history`).
    const actions: TransactionAction[] = [stateAction, ['create', { partitionKey, rowKey: ROW.log(at, current.id, next.version), ...historyFields(entry) }], stampAction(partitionKey, at)];
    let etag: string | undefined;
    try {
      // Sub-responses come in the order of the actions: the first is the state row's update.
      etag = (await this.table.submitTransaction(actions)).subResponses[0]?.etag?.trim() || undefined;
    } catch (error) {
      scopeReadsOf(this.table).forget(partitionKey);
      // 412: the row changed since it was read. 409: another writer already recorded this
      // version. Either way someone else was first, and the row's ETag shows it; if it did not
      // move, something else stands in the way and that is not the person's conflict.
      if (isConflict(error) && (await this.etagOf(partitionKey, rowKey)) !== current.etag) return { kind: 'conflict' };
      throw error;
    }
    const reads = scopeReadsOf(this.table);
    reads.forget(partitionKey);
    // The service answers every transaction with the new ETags; read back only if it did not
    // (then someone may have written since, so this instance does not take the row as known).
    if (etag && stateAction[0] === 'update') reads.written(partitionKey, rowKey, current.etag, stateFields(next), etag);
    etag ??= (await this.etagOf(partitionKey, rowKey)) ?? '';
    return { kind: 'written', state: next, entry, sub: withNewState(current, next, etag) };
  }

  /** The ETag of a stored row, or NOT_YET_WRITTEN. */
  private async etagOf(partitionKey: string, rowKey: string): Promise<string> {
    try {
      return (await this.table.getEntity(partitionKey, rowKey, { queryOptions: { select: ['RowKey'] } })).etag;
    } catch (error) {
      if (isNotFound(error)) return NOT_YET_WRITTEN;
      throw error;
    }
  }

  /**
   * One sub-activity's history, newest first: its rows of the scope's feed (one row per change,
   * found by `subActivityId`), with the history rows stores wrote before 2026-12 (the same change
   * was in both, so versions count once).
   */
  async history(scopeId: string, subActivityId: string, limit = 50): Promise<HistoryEntry[]> {
    return this.historyOf(scopeId, [subActivityId], limit);
  }

  /**
   * The history of several sub-activities of a scope (an activity's), newest first by time: two
   * queries whatever their number, the feed's rows of them and their older history rows.
   */
  async historyOf(scopeId: string, subActivityIds: readonly string[], limit = 50): Promise<HistoryEntry[]> {
    if (subActivityIds.length === 0) return [];
    const partitionKey = scopePartition(scopeId);
    const feed = prefixRange(ROW.logPrefix);
    const ofThem = subActivityIds.map((id) => odata`subActivityId eq ${id}`).join(' or ');
    const older = subActivityIds.map((id) => {
      const { from, to } = prefixRange(ROW.historyPrefix(id));
      return `(${odata`PartitionKey eq ${partitionKey} and RowKey ge ${from} and RowKey lt ${to}`})`;
    });
    const [inFeed, before] = await Promise.all([
      this.query(`${odata`PartitionKey eq ${partitionKey} and RowKey ge ${feed.from} and RowKey lt ${feed.to}`} and (${ofThem})`, limit),
      // Older stores' rows sort by item, not by time: all of them (they are few and no longer grow).
      this.query(older.join(' or '), Number.POSITIVE_INFINITY),
    ]);
    return newestVersions([...inFeed, ...before].map(toHistoryEntry)).slice(0, limit);
  }

  /** The scope's latest changes across all its sub-activities, newest first. */
  async latestChanges(scopeId: string, limit = 20): Promise<HistoryEntry[]> {
    return this.readRange(scopeId, ROW.logPrefix, limit);
  }

  /**
   * The scope's changes made after `after` and at or before `until`, newest first: the feed's keys
   * sort by inverted time, so this is one range read of exactly those rows (a meeting brief, the
   * year's report). Every row of the window: a cap would drop changes from the report unsaid.
   */
  async changesBetween(scopeId: string, after: Date, until: Date, limit = Number.POSITIVE_INFINITY): Promise<HistoryEntry[]> {
    if (until.getTime() <= after.getTime()) return [];
    return this.readRange(scopeId, ROW.logPrefix, limit, { from: ROW.logPrefix + invert(until.getTime(), 15), to: ROW.logPrefix + invert(after.getTime(), 15) }, false);
  }

  /** A range of history or feed rows; through the scope's stamped cache unless the range is a one-off (`cached` false). */
  private async readRange(scopeId: string, prefix: string, limit: number, bounds = prefixRange(prefix), cached = true): Promise<HistoryEntry[]> {
    if (cached) return (await scopeReadsOf(this.table).rows(scopePartition(scopeId), [bounds], limit)).map(toHistoryEntry);
    const { from, to } = bounds;
    return (await this.query(odata`PartitionKey eq ${scopePartition(scopeId)} and RowKey ge ${from} and RowKey lt ${to}`, limit)).map(toHistoryEntry);
  }

  /** The first `limit` rows a filter finds, in key order. */
  private async query(filter: string, limit: number): Promise<Row[]> {
    const rows: Row[] = [];
    const pages = this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter } }).byPage({ maxPageSize: Math.min(limit, 1000) });
    for await (const page of pages) {
      for (const row of page) {
        rows.push(row as Row);
        if (rows.length >= limit) return rows;
      }
    }
    return rows;
  }
}

/** The changeable state of a record or a view, in the domain's shape. */
function stateOf(current: WritableState): { state: SubActivityState } {
  if ('state' in current) return { state: current.state };
  return {
    state: {
      status: current.status,
      statusNote: current.statusNote,
      measureAnswer: current.measureAnswer,
      ...(current.answers ? { answers: current.answers } : {}),
      ...(current.notApplicable ? { notApplicable: current.notApplicable } : {}),
      ...(current.endedLocally ? { endedLocally: current.endedLocally } : {}),
      ...(current.updatedAt ? { updatedAt: current.updatedAt } : {}),
      ...(current.updatedBy ? { updatedBy: current.updatedBy } : {}),
      version: current.version,
    },
  };
}

/** The same record or view with the new state and ETag. */
function withNewState<V extends WritableState>(current: V, next: SubActivityState, etag: string): V {
  return ('state' in current ? { ...current, state: next, etag } : withState(current, next, etag)) as V;
}
