import assert from 'node:assert/strict';
import path from 'node:path';
import { ConfigError, loadConfig, redactedConfig } from '../../bot/config';

describe('configuration', () => {
  it('uses the embedded Azurite in a git-ignored folder when no store is configured', () => {
    const config = loadConfig({}, '/srv/app');
    assert.deepEqual(config.storage, { kind: 'embeddedAzurite', location: path.resolve('/srv/app/.data/azurite'), port: 10002 });
    assert.equal(config.port, 3978);
    assert.equal(config.bot, undefined);
  });

  it('treats an empty value as unset', () => {
    assert.equal(loadConfig({ TABLES_CONNECTION_STRING: '  ' }).storage.kind, 'embeddedAzurite');
  });

  it('uses a managed identity with an account URL', () => {
    const config = loadConfig({ TABLES_ACCOUNT_URL: 'https://gp.table.core.windows.net', AZURE_CLIENT_ID: 'client-1' });
    assert.deepEqual(config.storage, { kind: 'managedIdentity', accountUrl: 'https://gp.table.core.windows.net', clientId: 'client-1' });
  });

  for (const [name, env, says] of [
    ['both a connection string and an account URL', { TABLES_CONNECTION_STRING: 'UseDevelopmentStorage=true', TABLES_ACCOUNT_URL: 'https://x.table.core.windows.net' }, /either/],
    ['a bot id without its password', { BOT_ID: 'app-1' }, /BOT_PASSWORD/],
    ['a single-tenant bot without its tenant', { BOT_ID: 'app-1', BOT_PASSWORD: 'p', BOT_TYPE: 'SingleTenant' }, /BOT_TENANT_ID/],
    ['a port that is not a number', { PORT: 'abc' }, /PORT/],
    ['a table prefix Azure would refuse', { TABLE_PREFIX: 'my-prefix' }, /TABLE_PREFIX/],
  ] as const) {
    it(`refuses ${name} with a message that names what to set`, () => {
      assert.throws(() => loadConfig(env), (e: unknown) => e instanceof ConfigError && says.test(e.message));
    });
  }

  it('never shows secrets in the summary it logs', () => {
    const config = loadConfig({ TABLES_CONNECTION_STRING: 'AccountName=a;AccountKey=SECRET', BOT_ID: 'app', BOT_PASSWORD: 'SECRET' });
    assert.doesNotMatch(JSON.stringify(redactedConfig(config)), /SECRET/);
  });
});
