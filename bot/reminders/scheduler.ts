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
  run(options?: { at?: Date }): Promise<SweepReport>;
}

export interface SchedulerOptions {
  log: Logger;
  pattern?: string;
}

export class ReminderScheduler {
  private job?: Cron;

  private current?: Promise<unknown>;

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
        this.current = this.sweep.run();
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

  /** Stops the schedule; resolves when a sweep under way has finished (so that shutdown never cuts one short). */
  async stop(): Promise<void> {
    this.job?.stop();
    this.job = undefined;
    await this.current?.catch(() => undefined);
  }
}
