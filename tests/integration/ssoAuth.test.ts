// The tab's API accepts only verified Teams SSO tokens: signed by the issuer's keys, from an
// accepted issuer, for the app's audience and not expired. The key set and the issuer are
// served on 127.0.0.1, so the real validation runs; nothing switches it off.
import assert from 'node:assert/strict';
import type { RunningApp } from '../../bot/app';
import { loadTabConfig, TabConfigError } from '../../bot/api/tabConfig';
import { SSO, SsoIssuer } from '../helpers/ssoIssuer';
import { startTabApp } from '../helpers/tabApp';

describe('signing in to the tab (Teams SSO)', () => {
  const entra = new SsoIssuer();
  let app: RunningApp;

  before(async () => {
    await entra.start();
    app = await startTabApp(entra.env());
  });
  after(async () => {
    await app?.close();
    await entra.stop();
  });

  async function me(authorization?: string) {
    const res = await fetch(`${app.url}/api/me`, { headers: authorization ? { authorization } : {} });
    return { status: res.status, body: (await res.json()) as { error?: string; id?: string; name?: string; devMode?: boolean; mayChange?: string[] } };
  }

  it('accepts a valid token and says who the person is', async () => {
    const { status, body } = await me(`Bearer ${await entra.token()}`);
    assert.equal(status, 200);
    assert.equal(body.id, 'oid-anna');
    assert.equal(body.name, 'Anna Andersson');
    assert.equal(body.devMode, false);
  });

  it('accepts the client id as audience too', async () => {
    assert.equal((await me(`Bearer ${await entra.token({ audience: SSO.clientId })}`)).status, 200);
  });

  it('refuses a request without a token, in Swedish', async () => {
    const { status, body } = await me();
    assert.equal(status, 401);
    assert.match(body.error ?? '', /inte inloggad/);
  });

  it('refuses an expired token', async () => {
    const { status, body } = await me(`Bearer ${await entra.token({ expiresIn: Math.floor(Date.now() / 1000) - 3600 })}`);
    assert.equal(status, 401);
    assert.match(body.error ?? '', /gått ut/);
  });

  it('refuses a token signed with another key', async () => {
    assert.equal((await me(`Bearer ${await entra.token({ key: entra.strangerKey! })}`)).status, 401);
    assert.equal((await me(`Bearer ${await entra.token({ key: entra.strangerKey!, kid: 'unknown' })}`)).status, 401);
  });

  it('refuses a token for another audience', async () => {
    assert.equal((await me(`Bearer ${await entra.token({ audience: 'api://other.example/99999999-0000-0000-0000-000000000000' })}`)).status, 401);
  });

  it('refuses a token from another issuer', async () => {
    assert.equal((await me(`Bearer ${await entra.token({ issuer: 'https://login.microsoftonline.com/other-tenant/v2.0' })}`)).status, 401);
  });

  it("refuses a token without the person's object id", async () => {
    assert.equal((await me(`Bearer ${await entra.token({ oid: null })}`)).status, 401);
  });

  it('refuses a token without an expiry, which would never run out', async () => {
    assert.equal((await me(`Bearer ${await entra.token({ noExpiry: true })}`)).status, 401);
  });

  it('refuses a token from another tenant, or without one', async () => {
    const other = await me(`Bearer ${await entra.token({ tid: 'ffffffff-0000-0000-0000-000000000000' })}`);
    assert.equal(other.status, 401);
    assert.match(other.body.error ?? '', /annan organisation/);
    assert.equal((await me(`Bearer ${await entra.token({ tid: null })}`)).status, 401);
  });

  it('refuses an app-only token: no delegated scope, or idtyp app', async () => {
    assert.equal((await me(`Bearer ${await entra.token({ scp: null })}`)).status, 401);
    assert.equal((await me(`Bearer ${await entra.token({ scp: null, idtyp: 'app' })}`)).status, 401);
    assert.equal((await me(`Bearer ${await entra.token({ idtyp: 'app' })}`)).status, 401);
    assert.equal((await me(`Bearer ${await entra.token({ scp: 'User.Read' })}`)).status, 401);
  });

  it('refuses a tampered token', async () => {
    const [h, p, s] = (await entra.token()).split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, oid: 'oid-someone-else' })).toString('base64url');
    assert.equal((await me(`Bearer ${h}.${forged}.${s}`)).status, 401);
  });

  it('refuses every tab API route without a valid token, and changes nothing', async () => {
    const before = await app.plan.read();
    for (const [method, path] of [['GET', '/api/plan'], ['GET', '/api/history'], ['GET', '/api/export.xlsx'], ['PATCH', '/api/activities/lan/s1-a1-d1']] as const) {
      const res = await fetch(`${app.url}${path}`, { method, headers: { 'content-type': 'application/json', 'if-match': '*' }, ...(method === 'PATCH' ? { body: JSON.stringify({ status: 'klar' }) } : {}) });
      assert.equal(res.status, 401, `${method} ${path}`);
    }
    assert.deepEqual(await app.plan.read(), before);
  });
});

describe("the tab's development mode", () => {
  it('is refused when the app is configured for Azure', () => {
    assert.throws(() => loadTabConfig({ TAB_DEV_MODE: 'true', BOT_ID: 'some-bot' }), TabConfigError);
    assert.throws(() => loadTabConfig({ TAB_DEV_MODE: 'true', TABLES_ACCOUNT_URL: 'https://acct.table.core.windows.net' }), TabConfigError);
  });

  it('serves a request without a token as the development user, and is off unless asked for', async () => {
    assert.equal(loadTabConfig({}).devMode, false);
    const app = await startTabApp({ TAB_DEV_MODE: 'true' });
    try {
      const res = await fetch(`${app.url}/api/me`);
      assert.equal(res.status, 200);
      const body = (await res.json()) as { devMode: boolean; mayChange: string[] };
      assert.equal(body.devMode, true);
      assert.deepEqual(body.mayChange, [], 'the development user may change only arenas whose channel it takes part in');
    } finally {
      await app.close();
    }
  });
});

describe('signing in to the tab when the key service is down', () => {
  for (const mode of ['failing', 'hanging'] as const) {
    it(`answers 503 in Swedish when the key service is ${mode}, and asks it once, not on every request`, async () => {
      const entra = await new SsoIssuer().start();
      entra.keyService = mode;
      const app = await startTabApp(entra.env());
      try {
        const token = await entra.token();
        for (let i = 0; i < 3; i++) {
          const res = await fetch(`${app.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
          assert.equal(res.status, 503);
          assert.match(((await res.json()) as { error: string }).error, /Inloggningen kan inte kontrolleras just nu/);
        }
        assert.equal(entra.keyRequests, 1);
      } finally {
        await app.close();
        await entra.stop();
      }
    });
  }
});
