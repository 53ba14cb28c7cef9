// Sub-activity state and its history. State and history rows share the scope's partition, so a
// change and its history rows are one entity-group transaction: both are written or neither.
// Every update carries the ETag the person saw; a stale one is refused with the current state.
import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import { applyChanges, diffChange, type Actor, type ChangeRequest, type HistoryEntry } from '../domain/activityState';
import type { SubActivityRecord } from '../domain/planView';
import { historyFields, stateFields, statusCodeOf, toHistoryEntry, toSubActivityRecord, type Row } from './entities';
import { prefixRange, ROW, scopePartition } from './keys';

export type UpdateOutcome =
  | { kind: 'updated'; record: SubActivityRecord; entry: HistoryEntry }
  /** Nothing differs from the current state and there is no comment: nothing was written. */
  | { kind: 'unchanged'; record: SubActivityRecord }
  /** Someone else changed it first: here is what it is now. Nothing was written. */
  | { kind: 'conflict'; current: SubActivityRecord }
  | { kind: 'notFound' };

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

  async update(command: UpdateCommand): Promise<UpdateOutcome> {
    const current = await this.getSubActivity(command.scopeId, command.subActivityId);
    if (!current) return { kind: 'notFound' };
    if (current.etag !== command.etag) return { kind: 'conflict', current };

    const changes = diffChange(current.state, command.request);
    const comment = command.request.comment ?? '';
    if (changes.length === 0 && comment === '') return { kind: 'unchanged', record: current };

    const at = this.now();
    const next = applyChanges(current.state, changes, command.actor, at);
    const entry: HistoryEntry = {
      scopeId: command.scopeId,
      subActivityId: command.subActivityId,
      version: next.version,
      at: at.toISOString(),
      actor: command.actor,
      changes,
      comment,
    };
    const partitionKey = scopePartition(command.scopeId);
    const actions: TransactionAction[] = [
      ['update', { partitionKey, rowKey: ROW.sub(command.subActivityId), ...stateFields(next) }, 'Merge', { etag: current.etag }],
      ['create', { partitionKey, rowKey: ROW.history(command.subActivityId, next.version), ...historyFields(entry) }],
      ['create', { partitionKey, rowKey: ROW.log(at, command.subActivityId, next.version), ...historyFields(entry) }],
    ];
    try {
      await this.table.submitTransaction(actions);
    } catch (error) {
      // 412: the row changed between our read and the write. 409: another writer already
      // recorded this version. Either way someone else was first.
      const status = statusCodeOf(error);
      if (status === 412 || status === 409) {
        const latest = await this.getSubActivity(command.scopeId, command.subActivityId);
        if (latest && latest.etag !== current.etag) return { kind: 'conflict', current: latest };
      }
      throw error;
    }
    const record = await this.getSubActivity(command.scopeId, command.subActivityId);
    return { kind: 'updated', record: record!, entry };
  }

  /** One sub-activity's history, newest first: a range read of its history rows. */
  async history(scopeId: string, subActivityId: string, limit = 50): Promise<HistoryEntry[]> {
    return this.readRange(scopeId, ROW.historyPrefix(subActivityId), limit);
  }

  /** The scope's latest changes across all its sub-activities, newest first. */
  async latestChanges(scopeId: string, limit = 20): Promise<HistoryEntry[]> {
    return this.readRange(scopeId, ROW.logPrefix, limit);
  }

  private async readRange(scopeId: string, prefix: string, limit: number): Promise<HistoryEntry[]> {
    const { from, to } = prefixRange(prefix);
    const filter = odata`PartitionKey eq ${scopePartition(scopeId)} and RowKey ge ${from} and RowKey lt ${to}`;
    const entries: HistoryEntry[] = [];
    const pages = this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter } }).byPage({ maxPageSize: Math.min(limit, 1000) });
    for await (const page of pages) {
      for (const row of page) {
        entries.push(toHistoryEntry(row as Row));
        if (entries.length >= limit) return entries;
      }
    }
    return entries;
  }
}
