// One running app + connector stand-in + Teams client for a test file.
import type { RunningApp } from '../../bot/app';
import type { AppOptions } from '../../bot/app';
import { startTestApp } from './app';
import { uniquePrefix } from './storage';
import { ConnectorStandIn } from './connector';
import { TeamsClient } from './teamsClient';

export interface BotHarness {
  app: RunningApp;
  connector: ConnectorStandIn;
  teams: TeamsClient;
  /** Stops the app and starts it again on the same tables, as a restart or a deployment would. */
  restart(): Promise<void>;
}

/** Starts a fresh app (own tables) before each test of the calling suite, and stops it after. */
export function useBot(env: Record<string, string> = {}, options: () => AppOptions = () => ({})): BotHarness {
  const harness = {} as BotHarness;
  let prefix = '';
  harness.restart = async () => {
    await harness.app.close();
    harness.app = await startTestApp({ ...env, TABLE_PREFIX: prefix }, options());
    harness.teams = new TeamsClient(harness.app.url, harness.connector, () => harness.app.cardUpdates());
  };
  beforeEach(async () => {
    prefix = uniquePrefix();
    harness.connector = await new ConnectorStandIn().start();
    harness.app = await startTestApp({ ...env, TABLE_PREFIX: prefix }, options());
    harness.teams = new TeamsClient(harness.app.url, harness.connector, () => harness.app.cardUpdates());
  });
  afterEach(async () => {
    await harness.app?.close();
    await harness.connector?.stop();
  });
  return harness;
}
