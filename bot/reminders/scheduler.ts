// The running server's reminder schedule: a sweep every quarter of an hour (croner), so that
// every channel's delivery hour is swept several times; what was sent is in Table Storage, so
// repeated sweeps, restarts and several instances send nothing twice. Started by bot/index.ts
// only (never by tests), stopped on shutdown.
import { Cron } from 'croner';
import type { Logger } from '../log';
import { PLAN_TIME_ZONE } from './schedule';
import type { SweepReport } from './sweep';

/** Every 15 minutes, Stockholm time. */
export const DEFAULT_SWEEP_PATTERN = '*/15 * * * *';

export interface Sweeper {
  run(options?: { at?: Date; signal?: AbortSignal }): Promise<SweepReport>;
}

export interface SchedulerOptions {
  log: Logger;
  pattern?: string;
  /** How long stop() waits for a sweep under way (default 15 s). */
  stopWaitMs?: number;
}

export class ReminderScheduler {
  private job?: Cron;

  private current?: Promise<unknown>;

  private abort?: AbortController;

  constructor(
    private readonly sweep: Sweeper,
    private readonly options: SchedulerOptions,
  ) {}

  /** Starts sweeping on the schedule; starting twice keeps one schedule. */
  start(): void {
    if (this.job && !this.job.isStopped()) return;
    this.job = new Cron(
      this.options.pattern ?? DEFAULT_SWEEP_PATTERN,
      {
        name: 'reminder-sweep',
        timezone: PLAN_TIME_ZONE,
        // One sweep at a time in this process; other instances are kept apart by the claims.
        protect: (job) => this.options.log.warn({ job: job.name }, 'The previous reminder sweep is still running; skipping this one'),
        catch: (error) => this.options.log.error({ err: error }, 'Reminder sweep failed'),
        // The schedule alone never keeps the process alive.
        unref: true,
      },
      async () => {
        this.abort = new AbortController();
        this.current = this.sweep.run({ signal: this.abort.signal });
        try {
          await this.current;
        } finally {
          this.current = undefined;
        }
      },
    );
    this.options.log.info({ pattern: this.job.getPattern(), next: this.job.nextRun()?.toISOString() }, 'Reminder schedule started');
  }

  /** The next planned sweep, if running. */
  nextRun(): Date | undefined {
    return this.job?.nextRun() ?? undefined;
  }

  get running(): boolean {
    return this.job !== undefined && !this.job.isStopped();
  }

  /** Runs a sweep now, as the schedule would (one at a time); for operators and tests. */
  runNow(): void {
    void this.job?.trigger();
  }

  /**
   * Stops the schedule. A sweep under way is told to start no further send and is waited for at
   * most stopWaitMs: a card being posted then (a hanging Bot Connector) stays "sending", and
   * the operator command reports it as possibly sent. Shutdown is never held up longer.
   */
  async stop(): Promise<void> {
    this.job?.stop();
    this.job = undefined;
    this.abort?.abort();
    const current = this.current;
    if (!current) return;
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.options.stopWaitMs ?? 15_000);
    });
    const ended = await Promise.race([current.then(() => 'done' as const, () => 'done' as const), bound]);
    clearTimeout(timer);
    if (ended === 'timeout') this.options.log.warn({ waitedMs: this.options.stopWaitMs ?? 15_000 }, 'Stopped without waiting longer for the reminder sweep; a card being sent is reported as possibly sent');
  }
}
