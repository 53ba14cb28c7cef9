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
    const config = loadConfig({ TABLES_ACCOUNT_URL: 'https://gp.table.core.windows.net', AZURE_CLIENT_ID: 'client-1', BOT_ID: 'app', BOT_TYPE: 'UserAssignedMSI', BOT_TENANT_ID: 't' });
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

  describe('without BOT_ID (unauthenticated bot), only when everything is on this machine', () => {
    const refusedOpen = (e: unknown) => e instanceof ConfigError && /BOT_ID is not set/.test(e.message);

    for (const [name, env] of [
      ['listening on every address', { HOST: '0.0.0.0' }],
      ['listening on a public address', { HOST: '192.0.2.10' }],
      ['reached on a public URL', { PUBLIC_URL: 'https://plan.example.se' }],
      ['storing in Azure with a managed identity', { TABLES_ACCOUNT_URL: 'https://gp.table.core.windows.net' }],
      ['storing in an Azure account by connection string', { TABLES_CONNECTION_STRING: 'DefaultEndpointsProtocol=https;AccountName=gp;AccountKey=a2V5;EndpointSuffix=core.windows.net' }],
      // Two strings that carry a loopback address where a regex would find it, but point elsewhere.
      ['a connection string with a loopback endpoint hidden in another key', { TABLES_CONNECTION_STRING: 'DefaultEndpointsProtocol=https;AccountName=gp;AccountKey=a2V5;EndpointSuffix=core.windows.net;Note=TableEndpoint=http://127.0.0.1:10002/devstoreaccount1' }],
      ['a connection string whose endpoint only starts like localhost', { TABLES_CONNECTION_STRING: 'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;TableEndpoint=http://localhost:10002@evil.example/devstoreaccount1;' }],
    ] as const) {
      it(`refuses to start ${name}`, () => {
        assert.throws(() => loadConfig(env), refusedOpen);
      });
    }

    it('starts with the embedded Azurite, an Azurite on this machine, or the development storage shortcut', () => {
      assert.equal(loadConfig({}).bot, undefined);
      assert.equal(loadConfig({ TABLES_CONNECTION_STRING: 'UseDevelopmentStorage=true' }).tab.devMode, true);
      assert.equal(loadConfig({ TABLES_CONNECTION_STRING: 'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;', HOST: '::1', PUBLIC_URL: 'http://localhost:3978' }).bot, undefined);
    });

    it('starts anywhere with BOT_ID, without the tab development mode', () => {
      const config = loadConfig({ HOST: '0.0.0.0', BOT_ID: 'app', BOT_PASSWORD: 'p', TABLES_CONNECTION_STRING: 'DefaultEndpointsProtocol=https;AccountName=gp;AccountKey=a2V5;EndpointSuffix=core.windows.net' });
      assert.equal(config.bot?.appId, 'app');
      assert.equal(config.tab.devMode, false);
    });
  });
});
