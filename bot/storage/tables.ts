// Table clients for every table the app uses, from a connection string (Azure or Azurite) or an
// account URL reached with a managed identity. Tables are created at start-up, not in constructors.
import { TableClient, TableServiceClient, type TableServiceClientOptions } from '@azure/data-tables';
import { DefaultAzureCredential, ManagedIdentityCredential } from '@azure/identity';
import { deadlinePolicy, DEFAULT_STORAGE_DEADLINE_MS } from './deadline';
import { statusCodeOf } from './entities';
import { CONTENT_PARTITION, ROW } from './keys';
import type { WriteJournal } from './writeJournal';

export const TABLE_NAMES = {
  /** The plan's content, every scope's activities with their state and history. */
  plan: 'plan',
  /** Teams channels and people: arena links, conversation references, reminder settings. */
  channels: 'channels',
  /** Reported values of the effect measures (effektmått), with their history. */
  measures: 'measures',
  /** Follow-up reminders: one row per (channel, rule, subject, due period), claimed before sending. */
  reminders: 'reminders',
  /** The plan's revision: proposals with their history and the decision steps, one partition per revision. */
  revisions: 'revisions',
  /** The yearly follow-up rounds: their state, the arenas' submissions, the county's analysis and each closed round's snapshot. */
  rounds: 'rounds',
} as const;

export type TableKey = keyof typeof TABLE_NAMES;
export type Tables = Record<TableKey, TableClient>;

export type TableConnection =
  | { kind: 'connectionString'; connectionString: string }
  | { kind: 'managedIdentity'; accountUrl: string; clientId?: string };

export interface TableOptions {
  /** Records every write the store confirms (the embedded Azurite's possibly-lost window). */
  journal?: WriteJournal;
  /** The longest one request, with its retries, may take (bot/storage/deadline.ts). */
  deadlineMs?: number;
}

export function createTables(connection: TableConnection, prefix = '', options: TableOptions = {}): Tables {
  const clients = {} as Tables;
  for (const key of Object.keys(TABLE_NAMES) as TableKey[]) {
    clients[key] = createClient(connection, prefix + TABLE_NAMES[key], options);
  }
  return clients;
}

function clientOptions(url: string, options: TableOptions): TableServiceClientOptions {
  // Azurite speaks plain http on 127.0.0.1; Azure is always https. The deadline is perCall (before
  // the retry policy), so the retries fit inside it: a hung store costs one deadline, not four.
  return {
    allowInsecureConnection: url.startsWith('http://'),
    retryOptions: { maxRetries: 3 },
    additionalPolicies: [
      { policy: deadlinePolicy(options.deadlineMs ?? DEFAULT_STORAGE_DEADLINE_MS), position: 'perCall' as const },
      ...(options.journal ? [{ policy: options.journal.policy(), position: 'perCall' as const }] : []),
    ],
  };
}

function createClient(connection: TableConnection, table: string, options: TableOptions): TableClient {
  if (connection.kind === 'connectionString') {
    const endpoint = /TableEndpoint=([^;]+)/i.exec(connection.connectionString)?.[1] ?? 'https://';
    return TableClient.fromConnectionString(connection.connectionString, table, clientOptions(endpoint, options));
  }
  const credential = connection.clientId
    ? new ManagedIdentityCredential({ clientId: connection.clientId })
    : new DefaultAzureCredential();
  return new TableClient(connection.accountUrl, table, credential, clientOptions(connection.accountUrl, options));
}

export class StorageUnreachableError extends Error {}

/**
 * Creates the tables if they are missing, and proves on the way that the store answers.
 * Fails with one line that says what to check, within timeoutMs.
 */
export async function ensureTables(tables: Tables, where: string, timeoutMs = 15_000): Promise<void> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    for (const client of Object.values(tables)) {
      await client.createTable({ abortSignal: signal });
    }
  } catch (error) {
    const reason = signal.aborted ? `no answer within ${timeoutMs / 1000} s` : shortReason(error);
    throw new StorageUnreachableError(
      `Cannot reach Table Storage at ${where} (${reason}). Check TABLES_CONNECTION_STRING or ` +
        'TABLES_ACCOUNT_URL (and the managed identity\'s "Storage Table Data Contributor" role), ' +
        'or unset both to use the embedded Azurite.',
    );
  }
}

/**
 * A cheap round trip for health checks: a point read of the plan's info row, the cheapest request
 * there is whatever the table holds (a query, even for one row, is not: Azurite sorts the whole
 * table for an unfiltered one). "Not found" is an answer too: the store is reachable.
 */
export async function pingTables(tables: Tables, timeoutMs = 5_000): Promise<boolean> {
  try {
    await tables.plan.getEntity(CONTENT_PARTITION, ROW.info, { queryOptions: { select: ['RowKey'] }, abortSignal: AbortSignal.timeout(timeoutMs) });
    return true;
  } catch (error) {
    return statusCodeOf(error) === 404;
  }
}

export function describeConnection(connection: TableConnection): string {
  if (connection.kind === 'managedIdentity') return connection.accountUrl;
  return /TableEndpoint=([^;]+)/i.exec(connection.connectionString)?.[1] ?? /AccountName=([^;]+)/i.exec(connection.connectionString)?.[1] ?? 'the configured account';
}

function shortReason(error: unknown): string {
  if (error && typeof error === 'object') {
    const e = error as { code?: string; statusCode?: number; message?: string };
    if (e.statusCode) return `HTTP ${e.statusCode}${e.code ? ` ${e.code}` : ''}`;
    if (e.code) return e.code;
    if (e.message) return e.message.split('\n')[0]!;
  }
  return String(error);
}

// TableServiceClient is re-exported for tests that need to list or drop tables.
export { TableServiceClient };
