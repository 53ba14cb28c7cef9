// Follow-up reminders in Table Storage: one row per reminder (channel, rule, subject, due period),
// claimed with a conditional insert before the card is sent, so that two sweeps, two instances or
// a restart mid-sweep never send it twice. A claim carries a lease: if its sender crashed before
// it posted anything, the claim can be taken again once the lease has run out. Right before the
// card is posted, the claim is marked "sending"; from then on the card may have arrived, so a
// sending row whose sender never recorded an outcome is "possibly sent": it is never sent again
// automatically, and the operator command lists it (and can release it for one more send). The
// row records what happened: sent, failed-transient (tried again later, counted),
// failed-permanent (visible to an operator) or unconfirmed (no answer in time: possibly sent).
import { odata, type TableClient } from '@azure/data-tables';
import { num, statusCodeOf, str, type Row } from './entities';
import { externalKey } from './keys';

export type ReminderState = 'claimed' | 'sending' | 'sent' | 'unconfirmed' | 'failed-transient' | 'failed-permanent';

const STATES: readonly ReminderState[] = ['claimed', 'sending', 'sent', 'unconfirmed', 'failed-transient', 'failed-permanent'];

export interface ReminderRowKey {
  channelId: string;
  rule: string;
  subject: string;
  duePeriod: string;
}

export interface ReminderRecord extends ReminderRowKey {
  arenaId: string;
  state: ReminderState;
  /** Claims made so far (1 for the first send). */
  attempts: number;
  /** Who holds (or last held) the claim: a sweep's id. */
  claimedBy: string;
  claimedAt: string;
  /** Until when the current claim is held. */
  leaseUntil: string;
  /** For failed-transient: not before this time. */
  nextAttemptAt?: string;
  sentAt?: string;
  /** The id of the sent message, as the Bot Connector gave it. */
  activityId?: string;
  /** A short code of the last failure: "throttled", "http-502", "gone", "attempts-exhausted", … */
  lastError?: string;
  /** The reason in Swedish, as the card said it. */
  reason: string;
  etag: string;
}

/** A claim that this sweep now holds. */
export interface Claim {
  record: ReminderRecord;
}

export type ClaimOutcome =
  | { kind: 'claimed'; claim: Claim }
  /** Sent already, failed for good, held by another sweep, or waiting for its next attempt. */
  | { kind: 'taken'; record?: ReminderRecord };

export interface ClaimRequest extends ReminderRowKey {
  arenaId: string;
  reason: string;
  /** The claiming sweep's id. */
  owner: string;
}

export interface ReminderStoreOptions {
  /** How long a claim is held before another sweep may take it over (a crashed sender). */
  leaseMs?: number;
  /** After this many failed attempts a reminder is given up (failed-permanent). */
  maxAttempts?: number;
}

export const DEFAULT_LEASE_MS = 10 * 60_000;
export const DEFAULT_MAX_ATTEMPTS = 5;

/** Key parts are ids made by the app (rule ids, plan ids, period ids, dates): never user text. */
const KEY_PART = /^[A-Za-z0-9._:-]{1,200}$/;

export function reminderPartition(channelId: string): string {
  return externalKey(channelId);
}

export function reminderRowKey(key: Pick<ReminderRowKey, 'rule' | 'subject' | 'duePeriod'>): string {
  for (const part of [key.rule, key.subject, key.duePeriod]) {
    if (!KEY_PART.test(part)) throw new RangeError(`Not a reminder key part: ${JSON.stringify(part)}`);
  }
  return `${key.rule}|${key.subject}|${key.duePeriod}`;
}

export class ReminderStore {
  readonly leaseMs: number;
  readonly maxAttempts: number;

  constructor(
    private readonly table: TableClient,
    options: ReminderStoreOptions = {},
  ) {
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  }

  /** Every reminder row of a channel: one partition query. */
  async forChannel(channelId: string): Promise<ReminderRecord[]> {
    return this.list(odata`PartitionKey eq ${reminderPartition(channelId)}`);
  }

  async get(key: ReminderRowKey): Promise<ReminderRecord | undefined> {
    try {
      return toRecord((await this.table.getEntity<Record<string, unknown>>(reminderPartition(key.channelId), reminderRowKey(key))) as Row);
    } catch (error) {
      if (statusCodeOf(error) === 404) return undefined;
      throw error;
    }
  }

  /** Whether a stored reminder may be claimed (again) now. */
  claimable(record: ReminderRecord, now: Date): boolean {
    switch (record.state) {
      case 'sent':
      // Possibly sent: the card may be in the channel. Only an operator releases it (release()).
      case 'sending':
      case 'unconfirmed':
        return false;
      case 'failed-permanent':
        // The channel was unreachable; the sweep only comes here once it is active again.
        return record.lastError === 'gone';
      case 'claimed':
        return Date.parse(record.leaseUntil) <= now.getTime();
      case 'failed-transient':
        return !record.nextAttemptAt || Date.parse(record.nextAttemptAt) <= now.getTime();
    }
  }

  /**
   * Claims a reminder: a conditional insert of a new row, or (for a failed attempt whose time has
   * come, or a claim whose lease ran out) a conditional update with the row's ETag. Whoever loses
   * the race gets 'taken'; at most one sweep holds a claim at a time.
   */
  async claim(request: ClaimRequest, now: Date): Promise<ClaimOutcome> {
    const partitionKey = reminderPartition(request.channelId);
    const rowKey = reminderRowKey(request);
    const fields = {
      channelId: request.channelId,
      arenaId: request.arenaId,
      rule: request.rule,
      subject: request.subject,
      duePeriod: request.duePeriod,
      reason: request.reason,
      state: 'claimed' as ReminderState,
      claimedBy: request.owner,
      claimedAt: now.toISOString(),
      leaseUntil: new Date(now.getTime() + this.leaseMs).toISOString(),
    };
    try {
      const created = await this.table.createEntity({ partitionKey, rowKey, ...fields, attempts: 1 });
      return { kind: 'claimed', claim: { record: { ...fields, attempts: 1, etag: created.etag ?? '' } } };
    } catch (error) {
      if (statusCodeOf(error) !== 409) throw error;
    }
    const existing = await this.get(request);
    if (!existing || !this.claimable(existing, now)) return { kind: 'taken', ...(existing ? { record: existing } : {}) };
    const attempts = existing.attempts + 1;
    try {
      const updated = await this.table.updateEntity({ partitionKey, rowKey, ...fields, attempts }, 'Merge', { etag: existing.etag });
      return { kind: 'claimed', claim: { record: { ...existing, ...fields, attempts, etag: updated.etag ?? '' } } };
    } catch (error) {
      if (statusCodeOf(error) === 412 || statusCodeOf(error) === 404) return { kind: 'taken' };
      throw error;
    }
  }

  /**
   * Marks the claim "sending", right before the card is posted. False if the claim was lost
   * meanwhile: then nothing may be posted.
   */
  async markSending(claim: Claim, at: Date): Promise<boolean> {
    return this.finish(claim, { state: 'sending', sendingAt: at.toISOString() });
  }

  /** Records a sent reminder. Returns false if the claim was lost meanwhile (its lease ran out and another sweep took it). */
  async markSent(claim: Claim, at: Date, activityId?: string): Promise<boolean> {
    return this.finish(claim, { state: 'sent', sentAt: at.toISOString(), activityId: activityId ?? '', lastError: '', nextAttemptAt: '' });
  }

  /** The Connector gave no answer: the card may have arrived. Kept for an operator, never re-sent by itself. */
  async markUnconfirmed(claim: Claim, error: string): Promise<void> {
    await this.finish(claim, { state: 'unconfirmed', lastError: error, leaseUntil: '' });
  }

  /**
   * For an operator who has checked that a possibly sent reminder did not arrive: the next sweep
   * (in the channel's hour) sends it once more. False if it was not possibly sent.
   */
  async release(key: ReminderRowKey, now: Date): Promise<boolean> {
    const record = await this.get(key);
    if (!record || !isPossiblySent(record, now)) return false;
    return this.finish({ record }, { state: 'failed-transient', nextAttemptAt: '', leaseUntil: '', lastError: `released (${record.lastError || record.state})` });
  }

  /**
   * Records a failed attempt. A transient failure is tried again at `retryAt`, until
   * maxAttempts have been made; then, like a permanent one, it stays for an operator to see.
   */
  async markFailed(claim: Claim, failure: { permanent: boolean; error: string; retryAt?: Date }): Promise<ReminderState> {
    const exhausted = !failure.permanent && claim.record.attempts >= this.maxAttempts;
    const state: ReminderState = failure.permanent || exhausted ? 'failed-permanent' : 'failed-transient';
    await this.finish(claim, {
      state,
      lastError: exhausted ? `attempts-exhausted (${failure.error})` : failure.error,
      nextAttemptAt: state === 'failed-transient' && failure.retryAt ? failure.retryAt.toISOString() : '',
      leaseUntil: '',
    });
    return state;
  }

  /**
   * For an operator: reminders that failed (for good, or waiting for another attempt), and
   * claims whose lease ran out without an outcome. Scans the table: an operator's question, not
   * something the bot asks on a message.
   */
  async problems(now: Date): Promise<ReminderRecord[]> {
    const rows = await this.list(odata`state ne ${'sent'}`);
    return rows.filter((r) => (r.state !== 'claimed' && r.state !== 'sending') || Date.parse(r.leaseUntil) <= now.getTime());
  }

  /**
   * Reminders marked "sending" whose lease has not run out: a sweep is posting them now, or it
   * stopped while posting (killed, crashed), and then they are possibly sent already.
   */
  async sendingNow(now: Date): Promise<ReminderRecord[]> {
    return (await this.list(odata`state eq ${'sending'}`)).filter((r) => Date.parse(r.leaseUntil) > now.getTime());
  }

  /** Updates the claimed row with its ETag, and keeps the new ETag in the claim. */
  private async finish(claim: Claim, fields: Record<string, string>): Promise<boolean> {
    const r = claim.record;
    try {
      const updated = await this.table.updateEntity({ partitionKey: reminderPartition(r.channelId), rowKey: reminderRowKey(r), ...fields }, 'Merge', { etag: r.etag });
      claim.record = { ...r, ...(fields as Partial<ReminderRecord>), etag: updated.etag ?? r.etag };
      return true;
    } catch (error) {
      if (statusCodeOf(error) === 412 || statusCodeOf(error) === 404) return false;
      throw error;
    }
  }

  private async list(filter: string): Promise<ReminderRecord[]> {
    const out: ReminderRecord[] = [];
    for await (const row of this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) out.push(toRecord(row as Row));
    return out;
  }
}

/**
 * A reminder whose card may have reached the channel without the app knowing: no answer came in
 * time, or its sender stopped after marking it sending (its lease ran out without an outcome).
 */
export function isPossiblySent(record: ReminderRecord, now: Date): boolean {
  return record.state === 'unconfirmed' || (record.state === 'sending' && Date.parse(record.leaseUntil) <= now.getTime());
}

function toRecord(row: Row): ReminderRecord {
  const state = str(row, 'state') as ReminderState;
  const optional = (key: 'nextAttemptAt' | 'sentAt' | 'activityId' | 'lastError') => (str(row, key) ? { [key]: str(row, key) } : {});
  return {
    channelId: str(row, 'channelId'),
    rule: str(row, 'rule'),
    subject: str(row, 'subject'),
    duePeriod: str(row, 'duePeriod'),
    arenaId: str(row, 'arenaId'),
    state: STATES.includes(state) ? state : 'claimed',
    attempts: num(row, 'attempts'),
    claimedBy: str(row, 'claimedBy'),
    claimedAt: str(row, 'claimedAt'),
    leaseUntil: str(row, 'leaseUntil'),
    ...optional('nextAttemptAt'),
    ...optional('sentAt'),
    ...optional('activityId'),
    ...optional('lastError'),
    reason: str(row, 'reason'),
    etag: row.etag,
  };
}
