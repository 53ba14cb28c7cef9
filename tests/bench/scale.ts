// A generated deployment for the scale run: any number of arenas, each with local activities and
// a long history, written straight into Table Storage in the app's own row shapes (the same
// builders the app writes with), so that the app reads them exactly as if people had made them.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TableClient, TransactionAction } from '@azure/data-tables';
import type { HistoryEntry } from '../../bot/domain/activityState';
import { localSubActivityId, ownActivityId } from '../../bot/domain/localActivity';
import type { PlanContent } from '../../bot/domain/plan';
import { historyFields } from '../../bot/storage/entities';
import { ROW, scopePartition } from '../../bot/storage/keys';
import { activityEntity, subActivityEntity, type Entity } from '../../bot/storage/planStore';
import { stampAction } from '../../bot/storage/scopeReads';

/** The shipped plan with its arenas replaced by the county and `count - 1` made-up municipalities; returns the file's path. */
export function planWithArenas(content: PlanContent, count: number): string {
  const county = content.arenas.find((a) => a.kind === 'county')!;
  const arenas = [county, ...Array.from({ length: count - 1 }, (_, i) => ({ id: `k${String(i + 1).padStart(3, '0')}`, name: `Kommun ${i + 1}`, kind: 'municipality' as const }))];
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'gemensam-plan-bench-')), 'plan.json');
  writeFileSync(file, JSON.stringify({ ...content, arenas }));
  return file;
}

export interface ArenaFill {
  activities: number;
  /** Changes per activity: each is a history row and a feed row, as a real save writes them. */
  changesPerActivity: number;
}

/** Writes an arena's local activities and their history; returns the sub-activity ids. */
export async function fillArena(table: TableClient, arenaId: string, strategyIds: string[], fill: ArenaFill, now = new Date('2026-11-01T08:00:00Z')): Promise<string[]> {
  const partitionKey = scopePartition(arenaId);
  const rows: Entity[] = [];
  const subs: string[] = [];
  for (let i = 0; i < fill.activities; i++) {
    const id = ownActivityId(arenaId, i.toString(16).padStart(8, '0'));
    const subId = localSubActivityId(id);
    const strategyId = strategyIds[i % strategyIds.length]!;
    const title = `Lokal aktivitet ${i + 1}`;
    subs.push(subId);
    rows.push(activityEntity(partitionKey, { id, strategyId, order: i, title, period: { from: 2025, to: 2026 } }));
    const at = new Date(now.getTime() - i * 60_000);
    rows.push({
      ...subActivityEntity(partitionKey, { id: subId, activityId: id, strategyId, order: 0, title, details: [], measure: '', target: '', statusAsWritten: '', status: 'pagar' }),
      statusNote: `Anteckning ${fill.changesPerActivity}`,
      version: fill.changesPerActivity,
      updatedAt: at.toISOString(),
      updatedBy: 'Generated',
    });
    for (let v = 1; v <= fill.changesPerActivity; v++) {
      const when = new Date(at.getTime() - (fill.changesPerActivity - v) * 86_400_000);
      const entry: HistoryEntry = { scopeId: arenaId, subActivityId: subId, version: v, at: when.toISOString(), actor: { id: 'generated', name: 'Generated' }, changes: [{ field: 'statusNote', from: `Anteckning ${v - 1}`, to: `Anteckning ${v}` }], comment: '' };
      rows.push({ partitionKey, rowKey: ROW.log(when, subId, v), ...historyFields(entry) });
    }
  }
  // As every write to a scope does, each transaction stamps the partition (scopeReads.ts).
  for (let i = 0; i < rows.length; i += 99) {
    await table.submitTransaction([...rows.slice(i, i + 99).map((r): TransactionAction => ['upsert', r, 'Replace']), stampAction(partitionKey, now)]);
  }
  return subs;
}

/** Runs `work` over items with at most `limit` at a time. */
export async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    for (let i = next++; i < items.length; i = next++) await work(items[i]!);
  }));
}
