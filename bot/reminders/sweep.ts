// One reminder sweep as of a moment: for every active channel linked to an arena, in its delivery
// hour, work out which reminders are due, claim each in Table Storage before sending (so two
// sweeps, two instances or a restart mid-sweep never send one twice), mark it "sending" right
// before the card is posted, send it, and record what happened. A card that may have arrived
// without an answer (a timeout, a sweep stopped mid-send) is "possibly sent": never sent again
// by a sweep, listed for the operator. A dry run does the same reading and claims and sends nothing.
import { randomUUID } from 'node:crypto';
import type { ChannelRecord, ReminderSettings } from '../domain/channels';
import type { TabLinks } from '../domain/deepLinks';
import { effectiveSettings } from '../domain/reminderRules';
import type { Arena } from '../domain/plan';
import type { ActivityView, PlanContentView } from '../domain/planView';
import type { Logger } from '../log';
import type { ChannelStore } from '../storage/channelStore';
import type { MeasureStore } from '../storage/measureStore';
import type { PlanStore } from '../storage/planStore';
import type { RoundStore } from '../storage/roundStore';
import { reminderRowKey, type Claim, type ReminderRecord, type ReminderState, type ReminderStore } from '../storage/reminderStore';
import type { ProactiveSender, SendOutcome } from '../useCases/proactiveSender';
import { reminderCard, reminderDigestCard } from './cards';
import { DEFAULT_TIMINGS, dueReminders, measureReportingWindow, measuresReportedBy, reportedSet, type DueReminder, type ReminderKey, type RuleFacts, type RuleTimings } from './rules';
import { inDeliveryWindow, nextDeliveryWindow, type WindowOptions } from './schedule';

export interface SweepDeps {
  plan: Pick<PlanStore, 'content' | 'scope'>;
  channels: Pick<ChannelStore, 'all' | 'setState'>;
  measures: Pick<MeasureStore, 'allCurrent'>;
  reminders: ReminderStore;
  /** The follow-up rounds: arenas that have not submitted are reminded before the last day. */
  rounds?: Pick<RoundStore, 'current' | 'submissions'>;
  sender: ProactiveSender;
  links: TabLinks;
  log: Logger;
  /** The real clock: leases, attempts and sent times (the sweep's `at` may be another moment). */
  now: () => Date;
  /** A channel's settings with the defaults filled in (default: the påminnelser rules' effectiveSettings). */
  settingsFor?: (stored: ReminderSettings | undefined, arena: Arena) => ReminderSettings;
  timings?: RuleTimings;
  window?: WindowOptions;
}

export interface SweepOptions {
  /** The moment the sweep runs as of (rules and delivery hours); defaults to now. */
  at?: Date;
  /** List what would be sent, to whom and why, without claiming or sending anything. */
  dryRun?: boolean;
  /** Aborted: the sweep claims and sends nothing more (shutdown). */
  signal?: AbortSignal;
}

export type ItemOutcome =
  /** Sent now. */
  | 'sent'
  /** Dry run: would be sent now. */
  | 'wouldSend'
  /** Due, but the channel's delivery hour is another time (sendsAt). */
  | 'waitingForHour'
  /** Sent before, or given up (see state). */
  | 'done'
  /** Another sweep holds it, or its next attempt is later. */
  | 'held'
  | 'throttled'
  | 'failed'
  | 'gone'
  | 'rejected'
  /** Posted, but no answer came: possibly sent, kept for the operator. */
  | 'unconfirmed';

export interface SweepItem {
  key: ReminderKey;
  channelName: string;
  teamName: string;
  arenaName: string;
  reason: string;
  outcome: ItemOutcome;
  /** For waitingForHour: when the channel's next delivery hour starts. */
  sendsAt?: string;
  /** The stored state, for done and held. */
  state?: ReminderRecord['state'];
  error?: string;
}

export type ChannelSkip = 'disabled' | 'outsideHour' | 'backingOff';

export interface SweepReport {
  at: string;
  dryRun: boolean;
  items: SweepItem[];
  /** Active linked channels the sweep passed by, and why. */
  skipped: Array<{ channelId: string; channelName: string; arenaName: string; why: ChannelSkip; sendsAt?: string }>;
  /** Channels whose evaluation failed unexpectedly (logged); the others went on. */
  errors: Array<{ channelId: string; channelName: string }>;
}

/** When a reminder that failed for a passing reason is tried again: 15 min, 30 min, 1 h, … up to a day. */
export function retryDelayMs(attempts: number): number {
  return Math.min(24 * 3_600_000, 15 * 60_000 * 2 ** Math.max(0, attempts - 1));
}

export class ReminderSweep {
  private readonly timings: RuleTimings;

  constructor(private readonly deps: SweepDeps) {
    this.timings = deps.timings ?? DEFAULT_TIMINGS;
  }

  async run(options: SweepOptions = {}): Promise<SweepReport> {
    const at = options.at ?? this.deps.now();
    const dryRun = options.dryRun === true;
    const sweepId = `sweep-${randomUUID()}`;
    const report: SweepReport = { at: at.toISOString(), dryRun, items: [], skipped: [], errors: [] };
    const content = await this.deps.plan.content();
    const scopes = new Map<string, Promise<ActivityView[]>>();
    const activitiesOf = (arenaId: string) => {
      if (!scopes.has(arenaId)) scopes.set(arenaId, this.deps.plan.scope(arenaId));
      return scopes.get(arenaId)!;
    };

    // The open round and who has submitted: read once per sweep, only if a round is open.
    const round = await this.deps.rounds?.current();
    const submitted = new Set(round ? (await this.deps.rounds!.submissions(round.id)).map((s) => s.arenaId) : []);
    const channels = (await this.deps.channels.all()).filter((c) => c.state === 'active' && c.arenaId);
    this.deps.log.info({ sweepId, at: report.at, dryRun, channels: channels.length }, 'Reminder sweep started');
    for (const channel of channels) {
      if (options.signal?.aborted) break;
      const arena = content.arenas.find((a) => a.id === channel.arenaId);
      if (!arena) continue;
      try {
        await this.sweepChannel({ channel, arena, content, at, dryRun, sweepId, report, activitiesOf, ...(round ? { round: { round, submitted: submitted.has(arena.id) } } : {}), ...(options.signal ? { signal: options.signal } : {}) });
      } catch (error) {
        this.deps.log.error({ err: error, sweepId, channelId: channel.channelId }, 'Reminder sweep failed for a channel');
        report.errors.push({ channelId: channel.channelId, channelName: channel.channelName });
      }
    }
    const count = (o: ItemOutcome) => report.items.filter((i) => i.outcome === o).length;
    this.deps.log.info({ sweepId, sent: count('sent'), failed: count('failed') + count('throttled') + count('rejected'), gone: count('gone'), wouldSend: count('wouldSend') }, 'Reminder sweep ended');
    return report;
  }

  private async sweepChannel(c: {
    channel: ChannelRecord;
    arena: Arena;
    content: PlanContentView;
    at: Date;
    dryRun: boolean;
    sweepId: string;
    report: SweepReport;
    activitiesOf: (arenaId: string) => Promise<ActivityView[]>;
    round?: RuleFacts['round'];
    signal?: AbortSignal;
  }): Promise<void> {
    const { channel, arena, content, at, dryRun, report } = c;
    const settings = this.deps.settingsFor ? this.deps.settingsFor(channel.reminders, arena) : effectiveSettings(channel.reminders, arena.kind);
    const names = { channelName: channel.channelName, teamName: channel.teamName, arenaName: arena.name };
    if (!settings.enabled) {
      report.skipped.push({ channelId: channel.channelId, channelName: channel.channelName, arenaName: arena.name, why: 'disabled' });
      return;
    }
    const inHour = inDeliveryWindow(at, settings, this.deps.window);
    const sendsAt = inHour ? undefined : nextDeliveryWindow(at, settings, this.deps.window)?.toISOString();
    if (!inHour && !dryRun) {
      report.skipped.push({ channelId: channel.channelId, channelName: channel.channelName, arenaName: arena.name, why: 'outsideHour', ...(sendsAt ? { sendsAt } : {}) });
      return;
    }

    const records = new Map((await this.deps.reminders.forChannel(channel.channelId)).map((r) => [reminderRowKey(r), r]));
    // After a throttle or a failure, the whole conversation waits until the next attempt is due.
    const backoffUntil = Math.max(0, ...[...records.values()].filter((r) => r.state === 'failed-transient' && r.nextAttemptAt).map((r) => Date.parse(r.nextAttemptAt!)));
    const backingOff = backoffUntil > this.deps.now().getTime();
    if (!dryRun && backingOff) {
      report.skipped.push({ channelId: channel.channelId, channelName: channel.channelName, arenaName: arena.name, why: 'backingOff', sendsAt: new Date(backoffUntil).toISOString() });
      return;
    }
    const due = dueReminders(
      content,
      { channelId: channel.channelId, arena, rules: settings.rules },
      {
        activities: settings.rules.includes('stale') || settings.rules.includes('periodEnding') || settings.rules.includes('yearlyFollowUp') ? await c.activitiesOf(arena.id) : [],
        reported: settings.rules.includes('measureReporting') ? await this.reported(content, arena, at) : new Set(),
        ...lastStaleDigest([...records.values()]),
        ...(c.round ? { round: c.round } : {}),
      },
      at,
      this.timings,
    );

    // Everything due today in the channel goes out as one post (a digest); each part keeps its own claim.
    const claimedParts: Array<{ reminder: DueReminder; claim: Claim; item: SweepItem }> = [];
    for (const reminder of due) {
      if (c.signal?.aborted) return;
      const item: SweepItem = { key: reminder.key, ...names, reason: reminder.reason, outcome: 'wouldSend' };
      report.items.push(item);
      const stored = records.get(reminderRowKey(reminder.key));
      const now = this.deps.now();
      if (stored && !this.deps.reminders.claimable(stored, now)) {
        item.outcome = FINISHED.has(stored.state) ? 'done' : 'held';
        item.state = stored.state;
        continue;
      }
      if (dryRun) {
        if (backingOff) {
          item.outcome = 'held';
          item.state = 'failed-transient';
        } else if (!inHour) {
          item.outcome = 'waitingForHour';
          if (sendsAt) item.sendsAt = sendsAt;
        }
        continue;
      }
      // Made before the claim: a card that cannot be built must not leave a claim behind.
      reminderCard(reminder, this.deps.links);
      const claimed = await this.deps.reminders.claim({ ...reminder.key, arenaId: reminder.arenaId, reason: reminder.reason, owner: c.sweepId }, now);
      if (claimed.kind === 'taken') {
        item.outcome = claimed.record && FINISHED.has(claimed.record.state) ? 'done' : 'held';
        if (claimed.record) item.state = claimed.record.state;
        continue;
      }
      claimedParts.push({ reminder, claim: claimed.claim, item });
    }
    if (claimedParts.length === 0) return;
    const digest = reminderDigestCard(claimedParts.map((p) => p.reminder), this.deps.links);
    // From the "sending" marks on, the post may be on its way: whatever happens next, no part of it
    // is claimed again by a sweep (it is sent, failed, or possibly sent). All parts or none: if one
    // claim was lost meanwhile, nothing is posted and the marked parts wait for another attempt.
    const marked = new Set<Claim>();
    const beforePost = async () => {
      for (const { claim } of claimedParts) if (await this.deps.reminders.markSending(claim, this.deps.now())) marked.add(claim);
      return marked.size === claimedParts.length;
    };
    const outcome = await this.deps.sender.send(channel.reference, digest, { beforePost }).catch((error: unknown): SendOutcome => {
      this.deps.log.error({ err: error, sweepId: c.sweepId, channelId: channel.channelId, rules: claimedParts.map((p) => p.reminder.key.rule) }, 'Sending a reminder failed unexpectedly');
      return marked.size > 0 ? { kind: 'unconfirmed', error: 'unexpected' } : { kind: 'transientFailure', error: 'unexpected' };
    });
    for (const { reminder, claim, item } of claimedParts) {
      const own: SendOutcome = outcome.kind === 'cancelled' && marked.has(claim) ? { kind: 'transientFailure', error: 'cancelled' } : outcome;
      await this.record(claim, own, item, channel);
      this.deps.log.info({ sweepId: c.sweepId, channelId: channel.channelId, rule: reminder.key.rule, subject: reminder.key.subject, duePeriod: reminder.key.duePeriod, outcome: item.outcome }, 'Reminder');
    }
  }

  /** Records the outcome; true when the channel should get nothing more in this sweep. */
  private async record(claim: Claim, outcome: SendOutcome, item: SweepItem, channel: ChannelRecord): Promise<boolean> {
    const now = this.deps.now();
    const reminders = this.deps.reminders;
    switch (outcome.kind) {
      case 'sent': {
        const kept = await reminders.markSent(claim, now, outcome.activityId);
        if (!kept) this.deps.log.warn({ channelId: channel.channelId, rule: claim.record.rule }, 'A reminder was sent after its claim had run out; another sweep may send it again');
        item.outcome = 'sent';
        item.state = 'sent';
        return false;
      }
      case 'gone':
        // The bot was removed from the team (or the channel deleted): tell an operator, stop trying.
        item.state = await reminders.markFailed(claim, { permanent: true, error: 'gone' });
        await this.deps.channels.setState(channel.channelId, 'unreachable');
        item.outcome = 'gone';
        item.error = `http-${outcome.status}`;
        return true;
      case 'throttled': {
        const retryAt = new Date(now.getTime() + Math.max(outcome.retryAfterMs, retryDelayMs(claim.record.attempts)));
        item.state = await reminders.markFailed(claim, { permanent: false, error: 'throttled', retryAt });
        item.outcome = 'throttled';
        item.error = 'throttled';
        return true;
      }
      case 'transientFailure': {
        const retryAt = new Date(now.getTime() + retryDelayMs(claim.record.attempts));
        item.state = await reminders.markFailed(claim, { permanent: false, error: outcome.error, retryAt });
        item.outcome = 'failed';
        item.error = outcome.error;
        return true;
      }
      case 'rejected':
        item.state = await reminders.markFailed(claim, { permanent: true, error: `rejected-${outcome.status}` });
        item.outcome = 'rejected';
        item.error = `rejected-${outcome.status}`;
        return false;
      case 'unconfirmed':
        // Possibly sent: an operator checks the channel (npm run reminders -- --problems).
        await reminders.markUnconfirmed(claim, outcome.error);
        this.deps.log.warn({ channelId: channel.channelId, rule: claim.record.rule, error: outcome.error }, 'A reminder may have been sent without an answer from the Bot Connector; it is not sent again by itself');
        item.outcome = 'unconfirmed';
        item.state = 'unconfirmed';
        item.error = outcome.error;
        return true;
      case 'cancelled':
        // The claim was lost before anything was posted: another sweep holds it.
        item.outcome = 'held';
        return false;
    }
  }

  /** Which values are reported, when the arena's channel has measures asked for: one range read of the current values. */
  private async reported(content: PlanContentView, arena: Arena, at: Date): Promise<Set<string>> {
    if (!measureReportingWindow(at, this.timings) || measuresReportedBy(content, arena, at).length === 0) return new Set();
    return reportedSet(await this.deps.measures.allCurrent());
  }
}

/** Stored states after which a sweep has nothing more to do with a reminder. */
const FINISHED = new Set<ReminderState>(['sent', 'failed-permanent', 'sending', 'unconfirmed']);

/**
 * The channel's latest stale digest (its due period is the day it was due), and whether it is
 * still unsettled: not yet sent, or refused because the bot had left the channel (403/404), so
 * that a channel that comes back gets it.
 */
function lastStaleDigest(records: ReminderRecord[]): { lastStaleDigest?: { date: string; pending: boolean } } {
  const latest = records.filter((r) => r.rule === 'stale').sort((a, b) => b.duePeriod.localeCompare(a.duePeriod))[0];
  if (!latest) return {};
  const pending = latest.state === 'claimed' || latest.state === 'failed-transient' || (latest.state === 'failed-permanent' && latest.lastError === 'gone');
  return { lastStaleDigest: { date: latest.duePeriod, pending } };
}

export type { DueReminder };
