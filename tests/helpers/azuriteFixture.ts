// Mocha global fixture: one real Azurite (in memory, free port on 127.0.0.1) for the whole run.
// Each test file gets its own tables through a unique table prefix (see storage.ts).
import { startAzurite, type RunningAzurite } from '../../bot/storage/azurite';

let azurite: RunningAzurite | undefined;

export async function mochaGlobalSetup(): Promise<void> {
  azurite = await startAzurite();
  process.env.TEST_TABLES_CONNECTION_STRING = azurite.connectionString;
}

export async function mochaGlobalTeardown(): Promise<void> {
  await azurite?.stop();
}
