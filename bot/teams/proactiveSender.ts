// Proactive cards into a channel (follow-up reminders), through the Bot Connector. The only
// proactive botbuilder code of the reminders: the rest of the app sees ProactiveSender and its
// outcomes as values. Teams' limits (DESIGN.md): per conversation about 7 operations a second,
// 8 in 2 s, 60 in 30 s, 1,800 an hour, about 50 a second per app and tenant. Sends are paced
// below these; a 429 waits as long as Retry-After says (or backs off with jitter) and is tried
// again a bounded number of times; 412, 500, 503 and network errors that never left this machine
// back off exponentially with jitter; a 502 or 504 (a gateway between us and the posting, which
// may have happened) is 'unconfirmed' like a timeout or a connection cut after sending; 403/404 mean the bot is no longer in the team. This loop is the only retry layer: the
// Bot Connector client's own retries are taken out of each send (withoutSdkRetries), and where
// they cannot be, this loop makes one attempt only. Every attempt has a timeout; an attempt that
// may have reached the Connector (no answer in time, a connection cut after the request went
// out) is never retried here: it is 'unconfirmed', and the caller must not send it again blindly.
import { CardFactory, type BotAdapter, type ConversationReference, type TurnContext } from 'botbuilder';
import type { CardJson, ProactiveSender, SendHooks, SendOutcome } from '../useCases/proactiveSender';
import type { Logger } from '../log';
import { serviceUrlAllowed } from './adapter';
import { neverSent } from '../netErrors';

export type { ProactiveSender, SendHooks, SendOutcome };

/** At most `count` sends in any `perMs` window. */
export interface PaceLimit {
  count: number;
  perMs: number;
}

/** Teams' published per-conversation limits, with a margin. */
export const CONVERSATION_LIMITS: readonly PaceLimit[] = [
  { count: 5, perMs: 1_000 },
  { count: 6, perMs: 2_000 },
  { count: 48, perMs: 30_000 },
  { count: 1_500, perMs: 3_600_000 },
];
/** Teams' per-app (per tenant) limit, with a margin. */
export const APP_LIMITS: readonly PaceLimit[] = [{ count: 40, perMs: 1_000 }];

export interface BotSenderOptions {
  /** The bot's app id ('' in local development). */
  botAppId: string;
  log: Logger;
  /** Tries per send for 429, 412, 5xx and network errors (the first one included). */
  maxTries?: number;
  /** First backoff; doubles with every try, with jitter, up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A Retry-After longer than this is not waited out here: the send is reported as throttled. */
  maxRetryAfterMs?: number;
  /** How long one HTTP attempt may take before it counts as unconfirmed (default 30 s). */
  sendTimeoutMs?: number;
  conversationLimits?: readonly PaceLimit[];
  appLimits?: readonly PaceLimit[];
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  clock?: () => number;
}

// What each status says about the post. 429 and 503 are the Connector refusing the request (rate
// limit, "service unavailable": Teams' bot API docs say to back off and retry); 500 and 412 are
// its own answer about the request, given by the service that would post it, and the card is not
// posted. 502 and 504 come from a gateway in front of the posting service when that service did
// not answer it properly or in time: the post may have happened (botframework-sdk#6622 reports
// BadGateway for messages that were delivered), so they are 'unconfirmed', never retried here.
const RETRIED = new Set([412, 429, 500, 503]);
/** A gateway between us and the posting gave up or got no proper answer: the card may be posted all the same. */
const OUTCOME_UNKNOWN = new Set([502, 504]);

export class BotProactiveSender implements ProactiveSender {
  private readonly maxTries: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly sendTimeoutMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly pacer: Pacer;

  constructor(
    private readonly adapter: BotAdapter,
    private readonly options: BotSenderOptions,
  ) {
    this.maxTries = options.maxTries ?? 4;
    this.baseDelayMs = options.baseDelayMs ?? 1_000;
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
    this.sendTimeoutMs = options.sendTimeoutMs ?? 30_000;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
    this.pacer = new Pacer(options.conversationLimits ?? CONVERSATION_LIMITS, options.appLimits ?? APP_LIMITS, this.sleep, options.clock ?? Date.now);
  }

  async send(referenceJson: string, card: CardJson, hooks: SendHooks = {}): Promise<SendOutcome> {
    let reference: Partial<ConversationReference>;
    try {
      reference = JSON.parse(referenceJson) as Partial<ConversationReference>;
    } catch {
      return { kind: 'rejected', status: 0 };
    }
    const conversationId = reference.conversation?.id;
    if (!conversationId || !reference.serviceUrl) return { kind: 'rejected', status: 0 };
    // Only a Bot Connector may be posted to (https; on this machine in local development).
    if (!serviceUrlAllowed(reference.serviceUrl, this.options.botAppId === '')) return { kind: 'rejected', status: 0 };

    let last: SendOutcome = { kind: 'transientFailure', error: 'not-tried' };
    let marked = false;
    for (let attempt = 1; attempt <= this.maxTries; attempt++) {
      await this.pacer.wait(conversationId);
      if (!marked) {
        if (hooks.beforePost && !(await hooks.beforePost())) return { kind: 'cancelled' };
        marked = true;
      }
      const tried = await this.tryOnce(reference, card);
      if (tried.kind === 'done') return tried.outcome;
      last = tried.outcome;
      // The Connector client retried by itself: its retries were this send's retries.
      if (!tried.sdkRetriesRemoved) break;
      if (attempt === this.maxTries) break;
      const backoff = this.backoff(attempt);
      if (tried.retryAfterMs !== undefined) {
        if (tried.retryAfterMs > this.maxRetryAfterMs) break;
        this.options.log.warn({ conversationId, status: tried.status, retryAfterMs: tried.retryAfterMs, attempt }, 'Throttled by the Bot Connector; waiting as told');
        await this.sleep(tried.retryAfterMs);
      } else {
        this.options.log.warn({ conversationId, status: tried.status, error: tried.error, delayMs: backoff, attempt }, 'Proactive send failed; backing off');
        await this.sleep(backoff);
      }
    }
    return last;
  }

  /** Equal jitter: between half and all of base·2^(attempt−1), capped. */
  private backoff(attempt: number): number {
    const ceiling = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
  }

  private async tryOnce(reference: Partial<ConversationReference>, card: CardJson): Promise<
    | { kind: 'done'; outcome: SendOutcome }
    | { kind: 'retry'; outcome: SendOutcome; sdkRetriesRemoved: boolean; status?: number; error?: string; retryAfterMs?: number }
  > {
    const state = { sdkRetriesRemoved: false };
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.sendTimeoutMs);
    });
    const attempt = this.attempt(reference, card, state);
    // A late answer after the timeout is dropped, never an unhandled rejection.
    attempt.catch(() => undefined);
    try {
      const first = await Promise.race([attempt, timedOut]);
      if (first === 'timeout') return { kind: 'done', outcome: { kind: 'unconfirmed', error: 'timeout' } };
      return first;
    } catch (error: unknown) {
      const status = statusOf(error);
      const sdkRetriesRemoved = state.sdkRetriesRemoved;
      if (status === 403 || status === 404) return { kind: 'done', outcome: { kind: 'gone', status } };
      if (status === 429) {
        const retryAfterMs = retryAfterOf(error, this.options.clock?.() ?? Date.now()) ?? this.backoff(1);
        return { kind: 'retry', outcome: { kind: 'throttled', retryAfterMs }, sdkRetriesRemoved, status, retryAfterMs };
      }
      if (status === undefined) {
        const code = codeOf(error);
        // Refused before anything was sent: safe to try again. Anything else may have arrived.
        if (neverSent(error)) return { kind: 'retry', outcome: { kind: 'transientFailure', error: code }, sdkRetriesRemoved, error: code };
        return { kind: 'done', outcome: { kind: 'unconfirmed', error: code } };
      }
      if (OUTCOME_UNKNOWN.has(status)) return { kind: 'done', outcome: { kind: 'unconfirmed', error: `http-${status}` } };
      if (RETRIED.has(status)) return { kind: 'retry', outcome: { kind: 'transientFailure', error: `http-${status}` }, sdkRetriesRemoved, status, error: `http-${status}` };
      // 401: the bot's credentials; it passes when they are fixed, so it is tried again later.
      if (status === 401) return { kind: 'done', outcome: { kind: 'transientFailure', error: 'http-401' } };
      return { kind: 'done', outcome: { kind: 'rejected', status } };
    } finally {
      clearTimeout(timer);
    }
  }

  private async attempt(reference: Partial<ConversationReference>, card: CardJson, state: { sdkRetriesRemoved: boolean }): Promise<{ kind: 'done'; outcome: SendOutcome }> {
    let activityId: string | undefined;
    let failure: { error: unknown } | undefined;
    await this.adapter.continueConversationAsync(this.options.botAppId, reference, async (context) => {
      // Caught here, not in the adapter: its onTurnError would post an apology into the channel
      // and swallow the status this sender decides on.
      try {
        state.sdkRetriesRemoved = withoutSdkRetries(context, this.options.log);
        const response = await context.sendActivity({ type: 'message', attachments: [CardFactory.adaptiveCard(card)] });
        activityId = response?.id;
      } catch (error) {
        failure = { error };
      }
    });
    if (failure) throw failure.error;
    return { kind: 'done', outcome: { kind: 'sent', ...(activityId ? { activityId } : {}) } };
  }
}


/**
 * botbuilder's connector client retries 429 and 5xx by itself (three times, its own timing).
 * Reminders need one retry policy they control, paced for Teams, so the client of this one
 * proactive turn gets its default retry policy removed. If botbuilder changes shape and that
 * fails, this returns false and the send loop makes one attempt only: one layer either way.
 */
let warnedAboutRetries = false;
function withoutSdkRetries(context: TurnContext, log: Logger): boolean {
  const client = context.turnState.get(context.adapter.ConnectorClientKey) as
    | { client?: { pipeline?: { removePolicy(options: { name: string }): unknown[] } } }
    | undefined;
  const pipeline = client?.client?.pipeline;
  if (pipeline && typeof pipeline.removePolicy === 'function') {
    pipeline.removePolicy({ name: 'defaultRetryPolicy' });
    return true;
  }
  if (!warnedAboutRetries) {
    warnedAboutRetries = true;
    log.warn('Could not take over the Bot Connector client\'s retries; its own retry policy is the only one');
  }
  return false;
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z_]{2,40}$/.test(code) ? code : 'no-response';
}

/** Retry-After as seconds or as an HTTP date, in milliseconds from now. */
export function retryAfterOf(error: unknown, now: number): number | undefined {
  const headers = (error as { response?: { headers?: { get?(name: string): string | undefined } } } | null)?.response?.headers;
  const value = typeof headers?.get === 'function' ? headers.get('retry-after') : undefined;
  return parseRetryAfter(value, now);
}

export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Paces sends below sliding-window limits, per conversation and for the whole app. Sends to one
 * conversation queue behind each other, so concurrent sweeps in one process share the budget.
 */
export class Pacer {
  private readonly history = new Map<string, number[]>();
  private readonly appHistory: number[] = [];
  private readonly tails = new Map<string, Promise<void>>();

  constructor(
    private readonly perConversation: readonly PaceLimit[],
    private readonly perApp: readonly PaceLimit[],
    private readonly sleep: (ms: number) => Promise<void>,
    private readonly clock: () => number,
  ) {}

  /** Resolves when one more send to the conversation keeps within every limit; counts it. */
  wait(conversationId: string): Promise<void> {
    const previous = this.tails.get(conversationId) ?? Promise.resolve();
    const turn = previous.then(() => this.take(conversationId));
    const tail = turn.catch(() => undefined);
    this.tails.set(conversationId, tail);
    void tail.then(() => {
      if (this.tails.get(conversationId) === tail) this.tails.delete(conversationId);
    });
    return turn;
  }

  private async take(conversationId: string): Promise<void> {
    const mine = this.history.get(conversationId) ?? [];
    this.history.set(conversationId, mine);
    for (;;) {
      const now = this.clock();
      const delay = Math.max(delayFor(mine, this.perConversation, now), delayFor(this.appHistory, this.perApp, now));
      if (delay <= 0) {
        mine.push(now);
        this.appHistory.push(now);
        prune(mine, this.perConversation, now);
        prune(this.appHistory, this.perApp, now);
        return;
      }
      await this.sleep(delay);
    }
  }
}

function delayFor(times: number[], limits: readonly PaceLimit[], now: number): number {
  let delay = 0;
  for (const limit of limits) {
    const inWindow = times.filter((t) => t > now - limit.perMs);
    if (inWindow.length >= limit.count) delay = Math.max(delay, inWindow[inWindow.length - limit.count]! + limit.perMs - now);
  }
  return delay;
}

function prune(times: number[], limits: readonly PaceLimit[], now: number): void {
  const longest = Math.max(0, ...limits.map((l) => l.perMs));
  while (times.length > 0 && times[0]! <= now - longest) times.shift();
}
