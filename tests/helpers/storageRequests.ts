// Counts the requests the app sends to Table Storage, at the @azure/data-tables pipeline: a
// transaction is one request, a query one per page. Used by the storage-cost test and the bench.
import type { Tables } from '../../bot/storage/tables';

export interface StorageRequestCounter {
  /** Requests since the last reset, as "METHOD path" lines (a transaction is "POST /$batch"). */
  readonly requests: string[];
  reset(): void;
}

const counters = new WeakMap<Tables, StorageRequestCounter>();

/** The counter of these clients (one per app: asking again returns the same counter). */
export function countStorageRequests(tables: Tables): StorageRequestCounter {
  const existing = counters.get(tables);
  if (existing) return existing;
  const requests: string[] = [];
  for (const client of Object.values(tables)) {
    client.pipeline.addPolicy({
      name: 'countStorageRequests',
      sendRequest: (request, next) => {
        const url = new URL(request.url);
        const filter = url.searchParams.get('$filter');
        requests.push(`${request.method} ${decodeURIComponent(url.pathname)}${filter ? ` ${filter}` : ''}`);
        return next(request);
      },
    });
  }
  const counter = {
    requests,
    reset: () => {
      requests.length = 0;
    },
  };
  counters.set(tables, counter);
  return counter;
}
