// Starts the real app (restify server, bot, storage) on a free port, against the run's Azurite.
import { startApp, type AppOptions, type RunningApp } from '../../bot/app';
import { loadConfig } from '../../bot/config';
import { azuriteConnectionString, uniquePrefix } from './storage';

export async function startTestApp(env: Record<string, string> = {}, options: AppOptions = {}): Promise<RunningApp> {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    TABLES_CONNECTION_STRING: azuriteConnectionString(),
    TABLE_PREFIX: uniquePrefix(),
    ...env,
  });
  return startApp(config, options);
}
