// Reads of a scope's partition (an arena's activities, follow-ups, history and feed), kept per
// instance and checked against the partition's stamp on every use.
//
// Every write to a scope partition writes the partition's stamp row in the same entity-group
// transaction (`stampAction`), with a new random token. A cached read is used only after a point
// read of the stamp shows the token it was read under: a change made on any instance is seen by
// the next read on every instance, and an unchanged partition costs one point read instead of a
// query. That point read is what makes a turn's cost independent of the partition's size (and,
// in Azurite, of the table's: Azurite tests a query's filter against every row of the table,
// but finds a row by its keys through its index).
//
// The stamp is read before the rows (a separate read first, or the first row of the same query:
// '!' sorts before every other row key), so cached rows are never older than their token. A
// partition without a stamp (not written since this version) is cached under "no stamp": the
// first stamped write creates the row, and that changes what the next check sees; reads never
// write. `npm run plan -- apply` stamps the county's partition with every batch; the one writer
// that does not stamp (seeding at start-up, which only adds rows that are missing) is taken up
// within MAX_AGE_MS, as the plan's content is. Bounded:
// at most MAX_ROWS rows. Callers get their own array; the rows in it are shared, read-only.
import { randomUUID } from 'node:crypto';
import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import { LRUCache } from 'lru-cache';
import { statusCodeOf, type Row } from './entities';
import { ROW } from './keys';

export interface KeyRange {
  from: string;
  to: string;
}

/** A cached read is queried afresh after this long (real time), stamp or not. */
const MAX_AGE_MS = 60_000;
/** Rows kept in all, over every partition and range (about 1 KB a row). */
const MAX_ROWS = 20_000;

/** The transaction action that marks a scope partition as changed: add it to every write there. */
export function stampAction(partitionKey: string, at: Date): TransactionAction {
  return ['upsert', { partitionKey, rowKey: ROW.stamp, token: randomUUID(), changedAt: at.toISOString() }, 'Replace'];
}

interface Cached {
  token: string;
  readAt: number;
  rows: Row[];
}

const byTable = new WeakMap<TableClient, ScopeReads>();

/** The reads of this table client: shared by every store built on it. */
export function scopeReadsOf(table: TableClient): ScopeReads {
  let reads = byTable.get(table);
  if (!reads) byTable.set(table, (reads = new ScopeReads(table)));
  return reads;
}

export class ScopeReads {
  private readonly cache = new LRUCache<string, Cached>({ maxSize: MAX_ROWS, sizeCalculation: (c) => c.rows.length + 1 });
  /** Stamp reads issued in this turn of the event loop: calls made at the same moment share one. */
  private readonly issued = new Map<string, Promise<string>>();

  constructor(private readonly table: TableClient) {}

  /**
   * The rows of these RowKey ranges of a scope partition, in key order; with `limit`, the first
   * `limit` of them (in pages of that size).
   */
  async rows(partitionKey: string, ranges: KeyRange[], limit?: number): Promise<Row[]> {
    // A key Table Storage would refuse cannot have a stamp either: such a read finds nothing.
    if (FORBIDDEN_IN_KEYS.test(partitionKey)) return this.query(partitionKey, ranges, limit, false);
    const key = `${partitionKey}\n${JSON.stringify(ranges)}\n${limit ?? ''}`;
    const cached = this.cache.get(key);
    const usable = cached !== undefined && cached.token !== FORGOTTEN && performance.now() - cached.readAt < MAX_AGE_MS;
    let token: string;
    let rows: Row[];
    if (usable || limit !== undefined) {
      // The stamp first, then (unless it is unchanged) the rows: a limited read (the feed's
      // newest rows) stays a pure range query.
      token = await this.token(partitionKey);
      if (usable && token === cached.token) return [...cached.rows];
      rows = await this.query(partitionKey, ranges, limit, false);
    } else {
      // Nothing cached: one query that carries the stamp along.
      const read = await this.query(partitionKey, ranges, undefined, true);
      const stamp = read.find((r) => r.rowKey === ROW.stamp);
      token = stamp ? tokenOf(stamp) : NO_STAMP;
      rows = stamp ? read.filter((r) => r !== stamp) : read;
    }
    this.cache.set(key, { token, readAt: performance.now(), rows });
    return [...rows];
  }

  /**
   * A cached read as it was read, without checking the stamp, or undefined if there is none
   * younger than MAX_AGE_MS. Only for a caller that reads afresh by keys every row whose
   * current state matters to it (a save: bot/storage/planStore.ts `forSave`), and takes the
   * rest (titles, order) as they were up to a minute ago.
   */
  peek(partitionKey: string, ranges: KeyRange[]): Row[] | undefined {
    const cached = this.cache.get(`${partitionKey}\n${JSON.stringify(ranges)}\n`);
    return cached !== undefined && performance.now() - cached.readAt < MAX_AGE_MS ? [...cached.rows] : undefined;
  }

  /**
   * After this instance wrote one row with If-Match `before` (a Merge of `fields`, answered with
   * the new ETag `after`): every cached read of the partition that holds the row at `before` now
   * holds it as written. Exact, because an ETag names one version of a row: a Merge over the
   * version at `before` gives that version plus `fields`. So the next save of the same item,
   * carrying the ETag of this one's answer, finds its row here at that ETag and needs no read
   * ({@link known}). A cached row at any other ETag is left as it is.
   */
  written(partitionKey: string, rowKey: string, before: string, fields: Record<string, unknown>, after: string): void {
    for (const [key, cached] of this.cache.entries()) {
      if (!key.startsWith(`${partitionKey}\n`)) continue;
      const at = cached.rows.findIndex((r) => r.rowKey === rowKey);
      const row = cached.rows[at];
      if (row && row.etag === before) cached.rows[at] = { ...row, ...fields, etag: after };
    }
  }

  /**
   * The row as this instance last read or wrote it, if that was at exactly this ETag (from a
   * cached read younger than MAX_AGE_MS): then its content is the row's content at that ETag,
   * wherever it has gone since; a write that carries the ETag is refused if it has moved.
   */
  known(partitionKey: string, rowKey: string, etag: string): Row | undefined {
    for (const [key, cached] of this.cache.entries()) {
      if (!key.startsWith(`${partitionKey}\n`) || performance.now() - cached.readAt >= MAX_AGE_MS) continue;
      const row = cached.rows.find((r) => r.rowKey === rowKey && r.etag === etag);
      if (row) return row;
    }
    return undefined;
  }

  /**
   * Forgets a partition's cached reads: its writer on this instance knows they are old, so the
   * next read queries at once (with the stamp) instead of first checking the stamp. The rows stay
   * for {@link peek}.
   */
  forget(partitionKey: string): void {
    for (const [key, cached] of [...this.cache.entries()]) if (key.startsWith(`${partitionKey}\n`)) cached.token = FORGOTTEN;
  }

  /** Forgets every cached read (tests, and a plan revision applied in this process). */
  clear(): void {
    this.cache.clear();
  }

  /** The partition's stamp token; NO_STAMP if it has none. */
  private token(partitionKey: string): Promise<string> {
    const issued = this.issued.get(partitionKey);
    if (issued) return issued;
    const read = this.readStamp(partitionKey);
    this.issued.set(partitionKey, read);
    // Shared only with calls made before the event loop moves on: those were already waiting
    // for an answer when the read was sent, so it cannot be older than what they ask for.
    setImmediate(() => this.issued.delete(partitionKey));
    return read;
  }

  private async readStamp(partitionKey: string): Promise<string> {
    try {
      return tokenOf((await this.table.getEntity<Record<string, unknown>>(partitionKey, ROW.stamp, { queryOptions: { select: ['token'] } })) as Row);
    } catch (error) {
      if (statusCodeOf(error) === 404) return NO_STAMP;
      throw error;
    }
  }

  private async query(partitionKey: string, ranges: KeyRange[], limit: number | undefined, withStamp: boolean): Promise<Row[]> {
    const parts = ranges.map((r) => `(${odata`PartitionKey eq ${partitionKey} and RowKey ge ${r.from} and RowKey lt ${r.to}`})`);
    if (withStamp) parts.unshift(`(${odata`PartitionKey eq ${partitionKey} and RowKey eq ${ROW.stamp}`})`);
    const filter = parts.join(' or ');
    const rows: Row[] = [];
    const pages = this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter } }).byPage(limit === undefined ? {} : { maxPageSize: Math.min(limit, 1000) });
    for await (const page of pages) {
      for (const row of page) {
        rows.push(row as Row);
        if (limit !== undefined && rows.length >= limit) return rows;
      }
    }
    return rows;
  }
}

/**
 * A partition nobody has written to since stamps exist has none; that, too, is a state a read can
 * be checked against: the first stamped write creates the row and so changes it.
 */
const NO_STAMP = '';
/** The token of a read its own instance has written over since: never a stamp's (those are UUIDs). */
const FORGOTTEN = '\u0000forgotten';

function tokenOf(row: Row): string {
  return typeof row.token === 'string' ? row.token : NO_STAMP;
}

/** Characters Azure Tables forbids in keys (externalKey() keeps ids from Teams clear of them). */
const FORBIDDEN_IN_KEYS = /[/\\#?\u0000-\u001f\u007f-\u009f]/;
