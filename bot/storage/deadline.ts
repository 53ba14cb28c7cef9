// Every storage request has a deadline, and a turn knows what its writes may have done.
//
// Teams waits about 15 s for a card's invoke (Action.Execute) and 5 s for a message-extension
// query; a store that hangs (stopped, unreachable) must not keep a person waiting past that, and
// the person must be told the truth about a save whose answer never came. So:
//
// - deadlinePolicy(ms) is a perCall pipeline policy on every Table client (bot/storage/tables.ts):
//   perCall policies run before the SDK's retry policy, so the deadline covers the request with all
//   its retries (the retry policy stops, also during its back-off, when the signal aborts).
// - StorageTurn (withStorageTurn) is an optional budget for everything done in one turn (the Teams
//   edge sets it from what Teams waits), and a record of the turn's writes: whether any write may
//   have reached the store. A turn that fails after such a write says "oklart om det sparades";
//   one that fails before any write reached the store may say that nothing was saved.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { TableServiceClientOptions } from '@azure/data-tables';
import type { StorageTrouble } from '../domain/storageTrouble';
import { neverSent } from '../netErrors';

type PipelinePolicy = NonNullable<TableServiceClientOptions['additionalPolicies']>[number]['policy'];

/** The longest one storage request, with its retries, may take (STORAGE_DEADLINE_MS). */
export const DEFAULT_STORAGE_DEADLINE_MS = 8_000;

/** A storage request that did not finish by its deadline; `sent`: it had been sent (a write's outcome is then unknown). */
export class StorageDeadlineError extends Error {
  constructor(
    readonly method: string,
    readonly ms: number,
    readonly sent: boolean,
  ) {
    super(`Table Storage did not answer ${method} within ${ms} ms${sent ? '' : ' (not sent: the turn had no time left)'}`);
    this.name = 'StorageDeadlineError';
  }
}

class StorageTurn {
  /** A write was answered 2xx, answered 5xx, or sent without an answer: it may have changed the store. */
  mayHaveWritten = false;
  constructor(readonly until: number | undefined) {}
}

const turns = new AsyncLocalStorage<StorageTurn>();

/**
 * Runs `work` as one turn: every storage request in it (also one it starts and does not await)
 * ends by `budgetMs` from now, besides its own deadline. `budgetMs` undefined: no turn budget.
 */
export function withStorageTurn<T>(budgetMs: number | undefined, work: () => Promise<T>): Promise<T> {
  return turns.run(new StorageTurn(budgetMs === undefined ? undefined : Date.now() + budgetMs), work);
}

/**
 * What the current turn's writes may have done: 'maybe' once a write may have reached the store
 * (answered, answered 5xx, or its answer never came), 'none' while no write has. Outside a turn: 'none'.
 */
export function turnWrites(): 'none' | 'maybe' {
  return turns.getStore()?.mayHaveWritten ? 'maybe' : 'none';
}

const isWrite = (method: string) => method !== 'GET' && method !== 'HEAD';

/** A $batch answer whose part is a 4xx: the transaction was refused, nothing of it was written. */
const refusedTransaction = (body: string | null | undefined) => typeof body === 'string' && /^HTTP\/1\.1 4\d\d /m.test(body);


export function deadlinePolicy(requestMs: number): PipelinePolicy {
  return {
    name: 'gemensamPlanDeadline',
    sendRequest: async (request, next) => {
      const turn = turns.getStore();
      const ms = Math.min(requestMs, turn?.until !== undefined ? turn.until - Date.now() : Infinity);
      if (ms <= 0) throw new StorageDeadlineError(request.method, 0, false);
      const deadline = AbortSignal.timeout(ms);
      const caller = request.abortSignal as AbortSignal | undefined;
      request.abortSignal = caller ? AbortSignal.any([caller, deadline]) : deadline;
      const write = isWrite(request.method);
      try {
        const response = await next(request);
        // 4xx: the store refused it (412 conflict, 404, 400): nothing was written. 5xx: from the
        // store or a gateway in front of it, the write may have been done. 2xx: written, except
        // an entity-group transaction, which answers 202 also when it was refused as a whole and
        // then carries the refusal's own status line (and nothing else) in its body.
        if (write && turn && (response.status >= 500 || (response.status < 300 && !refusedTransaction(response.bodyAsText)))) turn.mayHaveWritten = true;
        return response;
      } catch (error) {
        if (write && turn && !neverSent(error)) turn.mayHaveWritten = true;
        if (deadline.aborted && !caller?.aborted) throw new StorageDeadlineError(request.method, ms, true);
        throw error;
      }
    },
  };
}

/**
 * What a failed turn may tell its person: 'unknown' once a write may have reached the store,
 * 'outage' when the store failed before any did, undefined when the failure is not the store's
 * (a bug: nothing was written either).
 */
export function storageTroubleOf(error: unknown): StorageTrouble | undefined {
  if (turnWrites() === 'maybe') return { kind: 'unknown', why: error instanceof StorageDeadlineError ? 'deadline' : isStorageFailure(error) ? 'noAnswer' : 'failedAfter' };
  return isStorageFailure(error) ? { kind: 'outage' } : undefined;
}

/** Whether an error is the store failing (no answer in time, unreachable, 5xx), not a bug or a refusal. */
export function isStorageFailure(error: unknown): boolean {
  if (error instanceof StorageDeadlineError) return true;
  const e = error as { name?: string; statusCode?: number; code?: string } | undefined;
  if (!e || typeof e !== 'object') return false;
  if (e.name === 'RestError') return e.statusCode === undefined || e.statusCode >= 500;
  return e.name === 'AbortError' || ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND'].includes(e.code ?? '');
}
