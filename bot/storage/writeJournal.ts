// The writes the store has confirmed, with when: what the app has answered "Sparat" for. When
// the embedded Azurite dies, the writes confirmed since it last saved its data may be lost, and
// the log names them (bot/storage/azurite.ts). Kept in memory, bounded.
import type { TableServiceClientOptions } from '@azure/data-tables';

type PipelinePolicy = NonNullable<TableServiceClientOptions['additionalPolicies']>[number]['policy'];

export interface JournalEntry {
  at: Date;
  /** e.g. "PUT measures(PartitionKey='…',RowKey='…')" or "POST $batch". */
  write: string;
}

export class WriteJournal {
  private readonly entries: JournalEntry[] = [];
  constructor(private readonly capacity = 10_000) {}

  record(write: string, at = new Date()): void {
    this.entries.push({ at, write });
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
  }

  /** The confirmed writes at or after `from`, oldest first. */
  since(from: Date): JournalEntry[] {
    return this.entries.filter((e) => e.at.getTime() >= from.getTime());
  }

  /** A pipeline policy for the Table clients that records every successful write. */
  policy(): PipelinePolicy {
    return {
      name: 'gemensamPlanWriteJournal',
      sendRequest: async (request, next) => {
        const response = await next(request);
        if (request.method !== 'GET' && request.method !== 'HEAD' && response.status < 300) {
          const url = new URL(request.url);
          this.record(`${request.method} ${decodeURIComponent(url.pathname.split('/').pop() ?? '')}`);
        }
        return response;
      },
    };
  }
}
