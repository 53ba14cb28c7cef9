// Brings a store seeded before a correction of the plan's text (domain/planCorrections.ts) up to
// the corrected text: seeding only adds missing rows, so without this a store that already exists
// would show the plan's slips for ever. Only a stored field that still holds exactly the text as
// written is changed; a sub-activity's starting note (its statusNote, the plan's status text until
// someone writes their own) follows its statusAsWritten only while nobody has changed it. Plan
// text is not follow-up: no history row, no new version of the item's state.
import type { TableClient, TransactionAction } from '@azure/data-tables';
import { correctionsOf, itemsById, type CorrectedItemKind, type PlanCorrection } from '../domain/planCorrections';
import type { PlanContent } from '../domain/plan';
import { isConflict, list, statusCodeOf, str, type Row } from './entities';
import { CONTENT_PARTITION, ROW, scopePartition } from './keys';
import { stampAction } from './scopeReads';

const ROW_OF: Record<CorrectedItemKind, (id: string) => string> = {
  strategy: ROW.strategy,
  effectMeasure: ROW.measure,
  localRecommendation: ROW.recommendation,
  activity: ROW.activity,
  subActivity: ROW.sub,
};

/** The stored value of a field, and the row fields that write a new value of it. */
function storedField(row: Row, field: string): { value: string | undefined; write: (text: string) => Record<string, string> } {
  const [name, index] = field.split('.') as [string, string | undefined];
  if (index === undefined) return { value: typeof row[name] === 'string' ? str(row, name) : undefined, write: (text) => ({ [name]: text }) };
  const items = list(row, name);
  return {
    value: items[Number(index)],
    write: (text) => ({ [name]: JSON.stringify(items.map((item, i) => (i === Number(index) ? text : item))) }),
  };
}

/** The writes one correction needs in one stored row (none if the row holds something else). */
function fieldsToWrite(row: Row, c: PlanCorrection): Record<string, string> | undefined {
  const stored = storedField(row, c.field);
  if (stored.value !== c.asWritten) return undefined;
  const fields = stored.write(c.corrected);
  if (c.field === 'statusAsWritten' && str(row, 'statusNote') === c.asWritten) fields.statusNote = c.corrected;
  return fields;
}

/**
 * Applies the plan's corrections to the rows of a store that holds them as written. Returns how
 * many rows were changed. The county's Bilaga 1 rows are written in one transaction with the
 * partition's stamp, so every running server's cached reads see the corrected text.
 */
export async function syncCorrections(table: TableClient, content: PlanContent, countyId: string, now: Date = new Date()): Promise<number> {
  const items = itemsById(content);
  const byRow = new Map<string, { partitionKey: string; rowKey: string; corrections: PlanCorrection[] }>();
  for (const c of correctionsOf(content.plan.id)) {
    const item = items.get(c.id);
    if (!item) continue;
    const partitionKey = item.kind === 'activity' || item.kind === 'subActivity' ? scopePartition(countyId) : CONTENT_PARTITION;
    const rowKey = ROW_OF[item.kind](c.id);
    const key = `${partitionKey}/${rowKey}`;
    const entry = byRow.get(key) ?? { partitionKey, rowKey, corrections: [] };
    entry.corrections.push(c);
    byRow.set(key, entry);
  }
  const rows = await Promise.all([...byRow.values()].map(async (r) => ({ ...r, row: await readRow(table, r.partitionKey, r.rowKey) })));
  const updates = new Map<string, TransactionAction[]>();
  for (const { partitionKey, rowKey, corrections, row } of rows) {
    if (!row) continue;
    let fields: Record<string, string> = {};
    // Two corrections of one row (a sub-activity's target and details) write the row once.
    for (const c of corrections) fields = { ...fields, ...fieldsToWrite({ ...row, ...fields }, c) };
    if (Object.keys(fields).length === 0) continue;
    const actions = updates.get(partitionKey) ?? [];
    actions.push(['update', { partitionKey, rowKey, ...fields }, 'Merge', { etag: row.etag }]);
    updates.set(partitionKey, actions);
  }
  let changed = 0;
  for (const [partitionKey, actions] of updates) {
    const stamped = partitionKey === CONTENT_PARTITION ? actions : [...actions, stampAction(partitionKey, now)];
    try {
      await table.submitTransaction(stamped);
      changed += actions.length;
    } catch (error) {
      // Someone saved one of these rows at this very moment: the next start corrects it.
      if (!isConflict(error)) throw error;
    }
  }
  return changed;
}

async function readRow(table: TableClient, partitionKey: string, rowKey: string): Promise<Row | undefined> {
  try {
    return (await table.getEntity<Record<string, unknown>>(partitionKey, rowKey)) as Row;
  } catch (error) {
    if (statusCodeOf(error) === 404) return undefined;
    throw error;
  }
}
