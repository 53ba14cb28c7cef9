// The card a save carries: in Teams the person opened the form earlier (Uppdatera, one request
// of its own) and Spara sends the form's ETag with its inputs. The bench reads that state for
// each save before timing it, in a worker thread with its own storage client: the reads are the
// bench's bookkeeping, not the save being measured, and on the app's own thread they would be
// counted against it (the load generator shares the app's process, as it does the echo bot's).
import { Worker } from 'node:worker_threads';
import type { TableClient } from '@azure/data-tables';
import { ROW, scopePartition } from '../../bot/storage/keys';

/** What the form shows of a sub-activity: Spara sends these with the person's answer. */
export interface FormState {
  etag: string;
  version: number;
  statusNote: string;
  measureAnswer: string;
}

export interface FormReader {
  read(scopeId: string, subActivityId: string): Promise<FormState>;
  close(): Promise<void>;
}

// CommonJS run by the worker: one storage client, one point read per message.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { TableClient } = require(workerData.dataTables);
const table = TableClient.fromConnectionString(workerData.connectionString, workerData.tableName, { allowInsecureConnection: true });
parentPort.on('message', async ({ id, partitionKey, rowKey }) => {
  try {
    const row = await table.getEntity(partitionKey, rowKey);
    parentPort.postMessage({ id, state: { etag: row.etag, version: Number(row.version ?? 0), statusNote: row.statusNote ?? '', measureAnswer: row.measureAnswer ?? '' } });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error) });
  }
});
`;

/** Reads forms' state from the app's plan table (its URL and name from the app's own client). */
export function startFormReader(connectionString: string, table: Pick<TableClient, 'tableName'>): FormReader {
  const worker = new Worker(WORKER, { eval: true, workerData: { connectionString, tableName: table.tableName, dataTables: require.resolve('@azure/data-tables') } });
  const waiting = new Map<number, { resolve: (s: FormState) => void; reject: (e: Error) => void }>();
  let next = 0;
  worker.on('message', (m: { id: number; state?: FormState; error?: string }) => {
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.state) w?.resolve(m.state);
    else w?.reject(new Error(m.error));
  });
  worker.unref();
  return {
    read: (scopeId, subActivityId) =>
      new Promise<FormState>((resolve, reject) => {
        const id = next++;
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, partitionKey: scopePartition(scopeId), rowKey: ROW.sub(subActivityId) });
      }),
    close: async () => {
      await worker.terminate();
    },
  };
}
