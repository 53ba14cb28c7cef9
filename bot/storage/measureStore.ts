// Reported values of the effect measures (effektmått), with their history.
//
// Layout (table `measures`), laid out for the questions asked:
//   PartitionKey `values`, RowKey `value|<arenaId>|<measureId>|<periodId>`: the current value
//   PartitionKey `values`, RowKey `history|<arenaId>|<measureId>|<periodId>|<inverted version>`: every report, newest first
//   PartitionKey `meta`,   RowKey `layout`: which layout the table holds (the migration's marker)
// So "every current value" (the mått card, in any channel: its own values, the county's and the
// count of municipalities that have reported) is one range query over `value|`; "this arena's
// values" is one range query over `value|<arenaId>|`; a measure's series for one arena (the
// form: this period and the year before) is one range query; and a value with its history row
// is one entity-group transaction, both or neither. The partition stays small: 8 measures ×
// 9 arenas × at most two periods a year is some 150 current values a year.
//
// Every report carries the ETag of the value the person saw; a stale one is refused with the
// current value, never silently applied.
import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import type { Actor } from '../domain/activityState';
import type { PeriodId } from '../domain/measurePeriods';
import type { CategoryValue, MeasureReport, MeasureValue, MeasureValueRecord } from '../domain/measureValues';
import { num, statusCodeOf, str, type Row } from './entities';
import { invert, prefixRange } from './keys';

/** The one partition that holds every value and its history. */
export const VALUES_PARTITION = 'values';
/** Bookkeeping rows (the layout marker). */
export const META_PARTITION = 'meta';
const LAYOUT_ROW = 'layout';
/** The layout this code reads and writes. */
export const LAYOUT_VERSION = 2;

export const MEASURE_ROW = {
  /** The current value of a measure for an arena and period. */
  value: (arenaId: string, measureId: string, periodId: PeriodId) => `value|${arenaId}|${measureId}|${periodId}`,
  valuePrefix: 'value|',
  arenaValuePrefix: (arenaId: string) => `value|${arenaId}|`,
  seriesPrefix: (arenaId: string, measureId: string) => `value|${arenaId}|${measureId}|`,
  /** Every report of a measure for an arena and period, newest first. */
  history: (arenaId: string, measureId: string, periodId: PeriodId, version: number) => `history|${arenaId}|${measureId}|${periodId}|${invert(version, 10)}`,
  historyPrefix: (arenaId: string, measureId: string, periodId: PeriodId) => `history|${arenaId}|${measureId}|${periodId}|`,
  allHistoryPrefix: 'history|',
} as const;

/** The layout before version 2: one partition per measure (`measure:<id>`), kept only to migrate from. */
export function legacyMeasurePartition(measureId: string): string {
  return `measure:${measureId}`;
}

/** What a person reports (ids already validated against the plan, see parseMeasureReport), and who. */
export type ReportCommand = MeasureReport & { actor: Actor };

export type ReportOutcome =
  | { kind: 'saved'; value: MeasureValueRecord; previous?: MeasureValueRecord }
  /** Someone else reported first: here is the value now. Nothing was written. */
  | { kind: 'conflict'; current: MeasureValueRecord };

/** A measure's values with every report behind them, newest first. */
export interface MeasureValueWithHistory extends MeasureValueRecord {
  history: MeasureValue[];
}

export class MeasureStore {
  constructor(
    readonly table: TableClient,
    readonly now: () => Date = () => new Date(),
  ) {}

  /** The current value of one period and arena, if reported: one point read. */
  async get(measureId: string, periodId: PeriodId, arenaId: string): Promise<MeasureValueRecord | undefined> {
    try {
      const row = await this.table.getEntity<Record<string, unknown>>(VALUES_PARTITION, MEASURE_ROW.value(arenaId, measureId, periodId));
      return toValue(row as Row);
    } catch (error) {
      if (statusCodeOf(error) === 404) return undefined;
      throw error;
    }
  }

  /** Every current value of every measure, arena and period: one partition range query. */
  async allCurrent(): Promise<MeasureValueRecord[]> {
    return (await this.range([prefixRange(MEASURE_ROW.valuePrefix)])).map(toValue);
  }

  /** Every current value of one arena: one partition range query. */
  async arenaValues(arenaId: string): Promise<MeasureValueRecord[]> {
    return (await this.range([prefixRange(MEASURE_ROW.arenaValuePrefix(arenaId))])).map(toValue);
  }

  /** Every period's value of one measure for one arena: one partition range query. */
  async series(measureId: string, arenaId: string): Promise<MeasureValueRecord[]> {
    return (await this.range([prefixRange(MEASURE_ROW.seriesPrefix(arenaId, measureId))])).map(toValue);
  }

  /** Every report of one period and arena, newest first: one partition range query. */
  async history(measureId: string, periodId: PeriodId, arenaId: string, limit = 50): Promise<MeasureValue[]> {
    const rows = await this.range([prefixRange(MEASURE_ROW.historyPrefix(arenaId, measureId, periodId))], limit);
    return rows.map(toValue).map(withoutEtag);
  }

  /** Values and history of the given measures, for the plan API: one partition query in all. */
  async allValues(measureIds: string[]): Promise<Map<string, MeasureValueWithHistory[]>> {
    const rows = await this.range([prefixRange(MEASURE_ROW.valuePrefix), prefixRange(MEASURE_ROW.allHistoryPrefix)]);
    const key = (v: MeasureValue) => `${v.measureId}|${v.periodId}|${v.arenaId}`;
    const history = new Map<string, MeasureValue[]>();
    // History keys sort newest first within an arena, measure and period.
    for (const row of rows.filter((r) => r.rowKey.startsWith(MEASURE_ROW.allHistoryPrefix))) {
      const entry = withoutEtag(toValue(row));
      history.set(key(entry), [...(history.get(key(entry)) ?? []), entry]);
    }
    const result = new Map<string, MeasureValueWithHistory[]>(measureIds.map((id) => [id, []]));
    for (const row of rows.filter((r) => r.rowKey.startsWith(MEASURE_ROW.valuePrefix))) {
      const value = toValue(row);
      result.get(value.measureId)?.push({ ...value, history: history.get(key(value)) ?? [] });
    }
    return result;
  }

  /**
   * Reports a value: the current value and a history row in one transaction. Refused as a
   * conflict when the value changed since the person saw it (or appeared while they saw none).
   * `current` is the value as just read, when the caller has read it (saves a request).
   */
  async report(command: ReportCommand, known?: { current: MeasureValueRecord | undefined }): Promise<ReportOutcome> {
    const current = known ? known.current : await this.get(command.measureId, command.periodId, command.arenaId);
    if (current && current.etag !== command.etag) return { kind: 'conflict', current };
    const at = this.now().toISOString();
    const next: MeasureValue = {
      measureId: command.measureId,
      periodId: command.periodId,
      arenaId: command.arenaId,
      values: command.values,
      comment: command.comment,
      reportedAt: at,
      reportedBy: command.actor.name,
      reportedById: command.actor.id,
      version: (current?.version ?? 0) + 1,
    };
    const partitionKey = VALUES_PARTITION;
    const rowKey = MEASURE_ROW.value(command.arenaId, command.measureId, command.periodId);
    const actions: TransactionAction[] = [
      current
        ? ['update', { partitionKey, rowKey, ...fields(next) }, 'Replace', { etag: current.etag }]
        : ['create', { partitionKey, rowKey, ...fields(next) }],
      ['create', { partitionKey, rowKey: MEASURE_ROW.history(command.arenaId, command.measureId, command.periodId, next.version), ...fields(next) }],
    ];
    let etag: string | undefined;
    try {
      const response = await this.table.submitTransaction(actions);
      // The value row is the first action; its sub-response carries the new ETag (the SDK's
      // getResponseForEntity compares with a URL-encoded RowKey, so it is not used).
      etag = response.subResponses[0]?.etag?.trim() || undefined;
    } catch (error) {
      // 412: the value changed between our read and the write; 409: someone else created the
      // value (or this version's history row) first. Either way, they were first.
      const status = statusCodeOf(error);
      if (status === 412 || status === 409) {
        const latest = await this.get(command.measureId, command.periodId, command.arenaId);
        if (latest && latest.etag !== current?.etag) return { kind: 'conflict', current: latest };
      }
      throw error;
    }
    // The transaction's answer carries the new ETag; read it back only if it does not.
    const saved = etag ? { ...next, etag } : await this.get(command.measureId, command.periodId, command.arenaId);
    return { kind: 'saved', value: saved!, ...(current ? { previous: current } : {}) };
  }

  /**
   * Moves values stored in the layout before version 2 (one partition per measure,
   * `measure:<id>`) into the `values` partition, once: guarded by the `meta`/`layout` marker,
   * reading only the known measures' old partitions (never scanning the table). Rows are
   * upserted, so an interrupted migration simply runs again; the old rows are left in place
   * (nothing reads them) as the evidence they were. Returns the number of rows moved.
   */
  async migrateLayout(measureIds: string[]): Promise<number> {
    try {
      const marker = await this.table.getEntity<Record<string, unknown>>(META_PARTITION, LAYOUT_ROW);
      if (Number(marker.version) >= LAYOUT_VERSION) return 0;
    } catch (error) {
      if (statusCodeOf(error) !== 404) throw error;
    }
    let moved = 0;
    for (const measureId of measureIds) {
      const rows: Row[] = [];
      const filter = odata`PartitionKey eq ${legacyMeasurePartition(measureId)}`;
      for await (const row of this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) rows.push(row as Row);
      const actions: TransactionAction[] = rows.flatMap((row): TransactionAction[] => {
        const value = toValue(row);
        if (!value.measureId || !value.periodId || !value.arenaId) return [];
        const rowKey = row.rowKey.startsWith('history|')
          ? MEASURE_ROW.history(value.arenaId, value.measureId, value.periodId, value.version)
          : row.rowKey.startsWith('value|')
            ? MEASURE_ROW.value(value.arenaId, value.measureId, value.periodId)
            : undefined;
        return rowKey ? [['upsert', { partitionKey: VALUES_PARTITION, rowKey, ...fields(value) }, 'Replace']] : [];
      });
      for (let i = 0; i < actions.length; i += 100) await this.table.submitTransaction(actions.slice(i, i + 100));
      moved += actions.length;
    }
    await this.table.upsertEntity({ partitionKey: META_PARTITION, rowKey: LAYOUT_ROW, version: LAYOUT_VERSION, migratedAt: this.now().toISOString(), moved }, 'Replace');
    return moved;
  }

  private async range(ranges: Array<{ from: string; to: string }>, limit = Number.POSITIVE_INFINITY): Promise<Row[]> {
    const filter = ranges.map((r) => `(${odata`PartitionKey eq ${VALUES_PARTITION} and RowKey ge ${r.from} and RowKey lt ${r.to}`})`).join(' or ');
    const rows: Row[] = [];
    const pages = this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter } }).byPage({ maxPageSize: Number.isFinite(limit) ? Math.min(limit, 1000) : 1000 });
    for await (const page of pages) {
      for (const row of page) {
        rows.push(row as Row);
        if (rows.length >= limit) return rows;
      }
    }
    return rows;
  }
}

function fields(value: MeasureValue): Record<string, string | number> {
  return {
    measureId: value.measureId,
    periodId: value.periodId,
    arenaId: value.arenaId,
    // A short list (one entry per breakdown category): stored as JSON, Azure Tables has no lists.
    values: JSON.stringify(value.values),
    comment: value.comment,
    reportedAt: value.reportedAt,
    reportedBy: value.reportedBy,
    reportedById: value.reportedById,
    version: value.version,
  };
}

function toValue(row: Row): MeasureValueRecord {
  return {
    measureId: str(row, 'measureId'),
    periodId: str(row, 'periodId'),
    arenaId: str(row, 'arenaId'),
    values: parseValues(str(row, 'values')),
    comment: str(row, 'comment'),
    reportedAt: str(row, 'reportedAt'),
    reportedBy: str(row, 'reportedBy'),
    reportedById: str(row, 'reportedById'),
    version: num(row, 'version'),
    etag: row.etag,
  };
}

function parseValues(json: string): CategoryValue[] {
  if (!json) return [];
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((v: unknown) => {
    const o = v as { category?: unknown; value?: unknown; decimals?: unknown } | null;
    if (!o || (typeof o.value !== 'number' && o.value !== 'ja' && o.value !== 'nej')) return [];
    const decimals = typeof o.decimals === 'number' && Number.isInteger(o.decimals) && o.decimals > 0 && o.decimals <= 6 ? o.decimals : 0;
    return [{ category: typeof o.category === 'string' ? o.category : null, value: o.value, ...(decimals ? { decimals } : {}) }];
  });
}

function withoutEtag(value: MeasureValueRecord): MeasureValue {
  const { etag: _etag, ...rest } = value;
  return rest;
}
