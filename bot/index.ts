// `npm start`: reads .env (if present) and the environment, starts the app, and stops it cleanly.
import 'dotenv/config';
// Before the app's own imports: telemetry must hook http, the Azure SDK and pino first.
import './telemetry/register';
import { stopTelemetry } from './telemetry/start';
import { ConfigError, loadConfig } from './config';
import { PlanContentError } from './content/loadPlan';
import { StorageUnreachableError } from './storage/tables';
import { startApp } from './app';

async function main(): Promise<void> {
  const app = await startApp(loadConfig());
  app.reminderSchedule.start();
  app.log.info({ url: app.url }, `Gemensam plan is running: ${app.url}/api/plan, bot at ${app.url}/api/messages`);
  const stop = async (signal: string) => {
    app.log.info({ signal }, 'Stopping');
    await app.close();
    await stopTelemetry();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
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
