// Fresh tables on the run's Azurite for one test or file.
import { randomBytes } from 'node:crypto';
import { createTables, ensureTables, type Tables } from '../../bot/storage/tables';

export function azuriteConnectionString(): string {
  const cs = process.env.TEST_TABLES_CONNECTION_STRING;
  if (!cs) throw new Error('Azurite is not running: tests/helpers/azuriteFixture.ts must be loaded (see .mocharc.json)');
  return cs;
}

/** A table prefix no other test uses: letters and digits, starting with a letter. */
export function uniquePrefix(): string {
  return `t${randomBytes(5).toString('hex')}`;
}

export async function freshTables(prefix = uniquePrefix()): Promise<Tables> {
  const tables = createTables({ kind: 'connectionString', connectionString: azuriteConnectionString() }, prefix);
  await ensureTables(tables, 'test Azurite');
  return tables;
}

/** Every row of a table, keyed by partition and row key, with its ETag and properties. */
export async function snapshot(tables: Tables): Promise<Map<string, Record<string, unknown>>> {
  const rows = new Map<string, Record<string, unknown>>();
  for await (const row of tables.plan.listEntities<Record<string, unknown>>()) {
    rows.set(`${row.partitionKey}/${row.rowKey}`, { ...row });
  }
  return rows;
}
