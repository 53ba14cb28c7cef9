// `npm start`: reads .env (if present) and the environment, starts the app, and stops it cleanly.
import 'dotenv/config';
// Before the app's own imports: telemetry must hook http, the Azure SDK and pino first.
import './telemetry/register';
import { stopTelemetry } from './telemetry/start';
import { ConfigError, loadConfig } from './config';
import { PlanContentError } from './content/loadPlan';
import { StorageUnreachableError } from './storage/tables';
import { startApp, type RunningApp } from './app';

/** Longest a stop may take: a reminder sweep (15 s), open requests, Azurite saving its data (15 s). */
const STOP_BOUND_MS = 45_000;

async function main(): Promise<void> {
  let running: RunningApp | undefined;
  const app = await startApp(loadConfig(), {
    // Without its store the app can only answer 503: stop with one line instead of sitting broken.
    onStorageLost: (error) => {
      console.error(`Gemensam plan stopped: ${error.message}`);
      void (running?.close() ?? Promise.resolve()).finally(() => process.exit(1));
    },
  });
  running = app;
  app.reminderSchedule.start();
  app.log.info({ url: app.url }, `Gemensam plan is running: ${app.url}/api/plan, bot at ${app.url}/api/messages`);
  // Ctrl+C in a terminal, SIGTERM or SIGHUP (a closed terminal, a service manager) may come to
  // the whole process group, and again from npm, which forwards them: the first one stops the
  // app (and closes the store once, saving it); later ones are only noted, never a hard exit.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      app.log.info({ signal }, 'Already stopping; saving the store first');
      return;
    }
    stopping = true;
    app.log.info({ signal }, 'Stopping');
    setTimeout(() => {
      console.error(`Gemensam plan did not stop within ${STOP_BOUND_MS / 1000} s; exiting anyway.`);
      process.exit(1);
    }, STOP_BOUND_MS).unref();
    await app.close();
    await stopTelemetry();
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(signal));
  // A closed terminal leaves stdout/stderr broken: a log line must not end the stop half-way.
  process.stdout.on('error', () => undefined);
  process.stderr.on('error', () => undefined);
}

main().catch((error: unknown) => {
  // Expected start-up failures get one line that says what to set; anything else is a bug.
  if (error instanceof ConfigError || error instanceof StorageUnreachableError || error instanceof PlanContentError) {
    console.error(`Gemensam plan could not start: ${error.message}`);
  } else {
    console.error('Gemensam plan could not start:', error);
  }
  process.exit(1);
});
