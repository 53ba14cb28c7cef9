// Reported values of the effect measures (effektmått), with their history. One partition per
// measure: the current value of each period and arena, and one history row per report, written
// in one entity-group transaction. Every report carries the ETag of the value the person saw;
// a stale one is refused with the current value, never silently applied.
import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import type { Actor } from '../domain/activityState';
import type { PeriodId } from '../domain/measurePeriods';
import type { CategoryValue, MeasureReport, MeasureValue, MeasureValueRecord } from '../domain/measureValues';
import { num, statusCodeOf, str, type Row } from './entities';
import { invert, prefixRange } from './keys';

export function measurePartition(measureId: string): string {
  return `measure:${measureId}`;
}

export const MEASURE_ROW = {
  /** The current value of a period and arena. */
  value: (periodId: PeriodId, arenaId: string) => `value|${periodId}|${arenaId}`,
  valuePrefix: 'value|',
  /** Every report of a period and arena, newest first. */
  history: (periodId: PeriodId, arenaId: string, version: number) => `history|${periodId}|${arenaId}|${invert(version, 10)}`,
  historyPrefix: (periodId: PeriodId, arenaId: string) => `history|${periodId}|${arenaId}|`,
  allHistoryPrefix: 'history|',
} as const;

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

  /** The current value of one period and arena, if reported. */
  async get(measureId: string, periodId: PeriodId, arenaId: string): Promise<MeasureValueRecord | undefined> {
    try {
      const row = await this.table.getEntity<Record<string, unknown>>(measurePartition(measureId), MEASURE_ROW.value(periodId, arenaId));
      return toValue(row as Row);
    } catch (error) {
      if (statusCodeOf(error) === 404) return undefined;
      throw error;
    }
  }

  /** Every current value of a measure (all periods, all arenas): one partition range query. */
  async values(measureId: string): Promise<MeasureValueRecord[]> {
    return (await this.range(measureId, [prefixRange(MEASURE_ROW.valuePrefix)])).map(toValue);
  }

  /** Every report of one period and arena, newest first. */
  async history(measureId: string, periodId: PeriodId, arenaId: string, limit = 50): Promise<MeasureValue[]> {
    const rows = await this.range(measureId, [prefixRange(MEASURE_ROW.historyPrefix(periodId, arenaId))], limit);
    return rows.map(toValue).map(withoutEtag);
  }

  /** Values and history of the given measures, for the plan API: one partition query per measure. */
  async allValues(measureIds: string[]): Promise<Map<string, MeasureValueWithHistory[]>> {
    const entries = await Promise.all(
      measureIds.map(async (id) => {
        const rows = await this.range(id, [prefixRange(MEASURE_ROW.valuePrefix), prefixRange(MEASURE_ROW.allHistoryPrefix)]);
        const history = new Map<string, MeasureValue[]>();
        // History keys sort newest first within a period and arena.
        for (const row of rows.filter((r) => r.rowKey.startsWith(MEASURE_ROW.allHistoryPrefix))) {
          const entry = withoutEtag(toValue(row));
          const key = `${entry.periodId}|${entry.arenaId}`;
          history.set(key, [...(history.get(key) ?? []), entry]);
        }
        const values = rows
          .filter((r) => r.rowKey.startsWith(MEASURE_ROW.valuePrefix))
          .map(toValue)
          .map((v) => ({ ...v, history: history.get(`${v.periodId}|${v.arenaId}`) ?? [] }));
        return [id, values] as const;
      }),
    );
    return new Map(entries);
  }

  /**
   * Reports a value: the current value and a history row in one transaction. Refused as a
   * conflict when the value changed since the person saw it (or appeared while they saw none).
   */
  async report(command: ReportCommand): Promise<ReportOutcome> {
    const current = await this.get(command.measureId, command.periodId, command.arenaId);
    if (current && current.etag !== command.etag) return { kind: 'conflict', current };
    // A value the person saw has gone: the only way is a store cleaned by hand; write anew.
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
    const partitionKey = measurePartition(command.measureId);
    const rowKey = MEASURE_ROW.value(command.periodId, command.arenaId);
    const actions: TransactionAction[] = [
      current
        ? ['update', { partitionKey, rowKey, ...fields(next) }, 'Replace', { etag: current.etag }]
        : ['create', { partitionKey, rowKey, ...fields(next) }],
      ['create', { partitionKey, rowKey: MEASURE_ROW.history(command.periodId, command.arenaId, next.version), ...fields(next) }],
    ];
    try {
      await this.table.submitTransaction(actions);
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
    const saved = await this.get(command.measureId, command.periodId, command.arenaId);
    return { kind: 'saved', value: saved!, ...(current ? { previous: current } : {}) };
  }

  private async range(measureId: string, ranges: Array<{ from: string; to: string }>, limit = Number.POSITIVE_INFINITY): Promise<Row[]> {
    const partitionKey = measurePartition(measureId);
    const filter = ranges.map((r) => `(${odata`PartitionKey eq ${partitionKey} and RowKey ge ${r.from} and RowKey lt ${r.to}`})`).join(' or ');
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
    const o = v as { category?: unknown; value?: unknown } | null;
    if (!o || (typeof o.value !== 'number' && o.value !== 'ja' && o.value !== 'nej')) return [];
    return [{ category: typeof o.category === 'string' ? o.category : null, value: o.value }];
  });
}

function withoutEtag(value: MeasureValueRecord): MeasureValue {
  const { etag: _etag, ...rest } = value;
  return rest;
}
