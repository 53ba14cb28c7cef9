// Operator command: one reminder sweep as of a given time, against the configured store (the same
// settings as `npm start`; with no store configured, the embedded Azurite's data folder).
//
//   npm run reminders -- --at 2026-11-25 --dry-run     # what would be sent, to whom and why
//   npm run reminders -- --at 2026-11-30T09:00         # sends what is due (Stockholm time)
//   npm run reminders -- --problems                    # only the failures and unreachable channels
//   npm run reminders -- --resend '<channel>|<rule>|<subject>|<due period>'
//                                                      # a possibly sent reminder that did not arrive: send it once more
//
// A date alone means 00:00 in Stockholm, a time without a zone is Stockholm time, and a full ISO
// time with Z or an offset is taken as it is. A dry run claims and sends nothing; a real sweep
// claims each reminder in Table Storage first, exactly like the running server, so running it
// while the server runs (or twice) never sends anything twice. A reminder whose card may have
// reached the channel without an answer (the Bot Connector did not answer in time, or a sweep was
// stopped mid-send) is "possibly sent": no sweep sends it again; this command lists it, and
// --resend releases it for one more send once someone has checked the channel. Every run ends
// with the reminders that failed, those possibly sent, and the channels the bot can no longer reach.
import 'dotenv/config';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { createReminderSweep, createStores, preparePlan } from '../bot/compose';
import { ConfigError, loadConfig } from '../bot/config';
import { loadPlanContent } from '../bot/content/loadPlan';
import type { ChannelRecord } from '../bot/domain/channels';
import { stockholmTime } from '../bot/reminders/schedule';
import type { SweepItem, SweepReport } from '../bot/reminders/sweep';
import { openOperatorStore } from '../bot/storage/operatorStore';
import { isPossiblySent, type ReminderRecord } from '../bot/storage/reminderStore';
import { createTables, describeConnection, ensureTables, StorageUnreachableError } from '../bot/storage/tables';
import { createBotAdapter } from '../bot/teams/adapter';
import { BotProactiveSender, type ProactiveSender } from '../bot/teams/proactiveSender';

const USAGE = "Usage: npm run reminders -- [--at <ISO time or date>] [--dry-run] [--problems] [--resend '<channel>|<rule>|<subject>|<due period>']";

export class UsageError extends Error {}

/** Reads --at: a date (00:00 Stockholm), a Stockholm wall-clock time, or an ISO time with a zone. */
export function parseAt(value: string | undefined, now: Date = new Date()): Date {
  if (value === undefined) return now;
  const trimmed = value.trim();
  const local = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(trimmed);
  if (local) {
    const [, date, hh = '00', mm = '00', ss = '00'] = local;
    for (const offset of ['+01:00', '+02:00']) {
      const at = new Date(`${date}T${hh}:${mm}:${ss}${offset}`);
      const t = stockholmTime(at);
      if (!Number.isNaN(at.getTime()) && t.date === date && t.hour === Number(hh)) return at;
    }
    throw new UsageError(`--at ${value} is not a time that exists in Stockholm. ${USAGE}`);
  }
  const at = new Date(trimmed);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(trimmed) || Number.isNaN(at.getTime())) throw new UsageError(`--at ${value} is not an ISO time. ${USAGE}`);
  return at;
}

const stockholmFormat = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
/** "måndag 30 november 2026 09:00" */
const stockholm = (iso: string) => stockholmFormat.format(new Date(iso));

const where = (i: { teamName: string; channelName: string; arenaName: string }) => `${i.teamName || '?'} › ${i.channelName || '?'} (arena ${i.arenaName})`;
const keyOf = (i: SweepItem) => `${i.key.rule}|${i.key.subject}|${i.key.duePeriod}`;

/** The sweep's report as text for an operator: what was (or would be) sent, to whom and why. */
export function formatReport(report: SweepReport): string {
  const lines: string[] = [];
  lines.push(`Reminder sweep as of ${report.at} (${stockholm(report.at)}, Stockholm)${report.dryRun ? ': DRY RUN, nothing is claimed or sent' : ''}.`);
  const section = (title: string, items: SweepItem[], extra: (i: SweepItem) => string = () => '') => {
    lines.push('', `${title}: ${items.length === 0 ? 'none' : items.length}`);
    let last = '';
    for (const i of items) {
      const head = where(i);
      if (head !== last) lines.push(`  ${head}`);
      last = head;
      lines.push(`    - ${i.key.rule} [${keyOf(i)}]${extra(i)}`, `      ${i.reason}`);
    }
  };
  const by = (...outcomes: SweepItem['outcome'][]) => report.items.filter((i) => outcomes.includes(i.outcome));
  if (report.dryRun) {
    section('Would be sent now', by('wouldSend'));
    section('Due, waiting for the channel\'s delivery hour', by('waitingForHour'), (i) => (i.sendsAt ? `, to be sent ${stockholm(i.sendsAt)}` : ', never: the channel\'s weekday is a weekend day'));
  } else {
    section('Sent', by('sent'));
    section('Not sent: failed, throttled or gone', by('failed', 'throttled', 'rejected', 'gone'), (i) => `: ${i.outcome}${i.error ? ` (${i.error})` : ''}, now ${i.state ?? '?'}`);
    section('Possibly sent: posted, but the Bot Connector did not answer', by('unconfirmed'), (i) => (i.error ? ` (${i.error})` : ''));
  }
  section('Already sent or given up', by('done'), (i) => `: ${i.state}`);
  section('Held by another sweep, or waiting for its next attempt', by('held'), (i) => `: ${i.state}`);
  const skipped = report.skipped;
  lines.push('', `Channels passed by: ${skipped.length === 0 ? 'none' : skipped.length}`);
  for (const s of skipped) {
    const why =
      s.why === 'disabled'
        ? 'reminders are off (påminnelser)'
        : s.why === 'backingOff'
          ? `backing off after a failed or throttled send, until ${s.sendsAt ? stockholm(s.sendsAt) : '?'}`
          : `outside its delivery hour${s.sendsAt ? `; next ${stockholm(s.sendsAt)}` : ''}`;
    lines.push(`  ${s.channelName} (arena ${s.arenaName}): ${why}`);
  }
  for (const e of report.errors) lines.push(`  ${e.channelName}: the sweep failed for this channel (see the log)`);
  return lines.join('\n');
}

/** Failed and possibly sent reminders, and unreachable channels: what an operator should look at. */
export function formatProblems(problems: ReminderRecord[], channels: ChannelRecord[], now: Date = new Date(), sendingNow: ReminderRecord[] = []): string {
  const names = new Map(channels.map((c) => [c.channelId, c]));
  const place = (p: ReminderRecord) => {
    const c = names.get(p.channelId);
    return c ? `${c.teamName} › ${c.channelName}` : p.channelId;
  };
  const possiblySent = problems.filter((p) => isPossiblySent(p, now));
  const failed = problems.filter((p) => !isPossiblySent(p, now));
  const lines = ['', `Failed reminders: ${failed.length === 0 ? 'none' : failed.length}`];
  for (const p of failed) {
    const when = p.state === 'failed-transient' && p.nextAttemptAt ? `, next attempt ${p.nextAttemptAt}` : '';
    const what = p.state === 'claimed' ? `claim by ${p.claimedBy} ran out at ${p.leaseUntil} before anything was sent (the next sweep sends it)` : `${p.state}: ${p.lastError ?? '?'}`;
    lines.push(`  ${place(p)} [${p.rule}|${p.subject}|${p.duePeriod}] ${what}, ${p.attempts} attempt(s)${when}`);
  }
  lines.push('', `Possibly sent (not sent again by itself): ${possiblySent.length === 0 ? 'none' : possiblySent.length}`);
  for (const p of possiblySent) {
    const why = p.state === 'unconfirmed' ? `no answer from the Bot Connector (${p.lastError ?? '?'})` : `the sweep ${p.claimedBy} stopped while sending`;
    lines.push(`  ${place(p)} [${p.rule}|${p.subject}|${p.duePeriod}] ${why}. Look in the channel; if the card is not there: npm run reminders -- --resend '${p.channelId}|${p.rule}|${p.subject}|${p.duePeriod}'`);
  }
  // A sweep killed mid-send leaves its claims "sending" until their lease runs out: the card may
  // already be in the channel, and no sweep sends it again (after the lease it is listed above).
  lines.push('', `Being posted, or their sweep stopped while posting (possibly sent): ${sendingNow.length === 0 ? 'none' : sendingNow.length}`);
  for (const p of sendingNow) {
    lines.push(`  ${place(p)} [${p.rule}|${p.subject}|${p.duePeriod}] marked sending by ${p.claimedBy}. If no sweep is running, look in the channel; from ${p.leaseUntil} it is listed as possibly sent and can be resent.`);
  }
  const unreachable = channels.filter((c) => c.state === 'unreachable');
  lines.push('', `Unreachable channels: ${unreachable.length === 0 ? 'none' : unreachable.length}`);
  for (const c of unreachable) {
    lines.push(`  ${c.teamName} › ${c.channelName}${c.arenaId ? ` (arena ${c.arenaId})` : ''}: the Bot Connector refused (403/404); add the app to the team again, and the channel becomes active (and gets its due reminders) when the bot next hears from it.`);
  }
  return lines.join('\n');
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env, out: (text: string) => void = (t) => console.log(t)): Promise<void> {
  let values: { at?: string; 'dry-run'?: boolean; problems?: boolean; resend?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ args: argv, options: { at: { type: 'string' }, 'dry-run': { type: 'boolean' }, problems: { type: 'boolean' }, resend: { type: 'string' }, help: { type: 'boolean' } }, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}. ${USAGE}`);
  }
  if (values.help) {
    out(USAGE);
    return;
  }
  const at = parseAt(values.at);
  const dryRun = values['dry-run'] === true;
  const config = loadConfig(env);
  // Logs go to stderr, so that stdout is the report.
  const log = pino({ level: env.LOG_LEVEL ? config.logLevel : 'warn', base: { app: 'gemensam-plan', tool: 'reminders' } }, pino.destination(2));
  const store = await openOperatorStore(config);
  try {
    const tables = createTables(store.connection, config.tablePrefix, { deadlineMs: config.storageDeadlineMs });
    await ensureTables(tables, describeConnection(store.connection));
    const stores = createStores(tables, () => new Date());
    // The same preparation as the server's: the plan's content, and values in an earlier layout moved.
    await preparePlan(stores, loadPlanContent(config.planFile), log);
    const { channels, reminders } = stores;
    if (values.resend !== undefined) {
      const [channelId = '', rule = '', subject = '', duePeriod = ''] = values.resend.split('|');
      let released = false;
      try {
        released = await reminders.release({ channelId, rule, subject, duePeriod }, new Date());
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
      }
      if (!released) throw new UsageError(`--resend ${values.resend} is not a possibly sent reminder (see --problems for the exact key).`);
      out(`Released: the next sweep in the channel's delivery hour sends ${rule} once more.`);
      return;
    }
    if (!values.problems) {
      const sender: ProactiveSender = dryRun
        ? { send: () => Promise.reject(new Error('A dry run sends nothing')) }
        : new BotProactiveSender(createBotAdapter(config.bot, log), { botAppId: config.bot?.appId ?? '', log });
      const sweep = createReminderSweep(stores, sender, config, log, () => new Date());
      out(formatReport(await sweep.run({ at, dryRun })));
    }
    out(formatProblems(await reminders.problems(new Date()), await channels.all(), new Date(), await reminders.sendingNow(new Date())));
  } finally {
    await store.close();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof StorageUnreachableError) {
      console.error(error.message);
    } else if (error instanceof Error && /not been seeded/.test(error.message)) {
      console.error('The plan has not been loaded into this store yet: start the app once (npm start), then run this again.');
    } else {
      console.error('The reminder sweep failed:', error);
    }
    process.exitCode = 1;
  });
}
