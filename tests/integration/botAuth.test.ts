// /api/messages with BOT_ID set: forged Bot Framework tokens are refused with 401 (never a 500
// with the library's error text), a body that is not an activity with 400, and each refusal is
// one structured log line. The Bot Framework's key set is served on 127.0.0.1, so the real
// validation runs against a key the test holds.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { ActivityHandler, type Request, type Response } from 'botbuilder';
import pino from 'pino';
import { createBotAdapter, createMessageEndpoint, type PlanCloudAdapter } from '../../bot/teams/adapter';

type Jose = typeof import('jose', { with: { 'resolution-mode': 'import' } });
type Key = Awaited<ReturnType<Jose['generateKeyPair']>>['privateKey'];

const BOT_ID = '22222222-3333-4444-5555-666666666666';
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
const EMULATOR_ISSUER = 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/';

describe('Bot Framework authentication of /api/messages', () => {
  let jose: Jose;
  let key: Key;
  let stranger: Key;
  let publicPem = '';
  let server: http.Server;
  let adapter: PlanCloudAdapter;
  const logLines: Array<Record<string, unknown>> = [];
  let endpoint: ReturnType<typeof createMessageEndpoint>;
  let turns = 0;

  before(async () => {
    jose = await import('jose');
    const pair = await jose.generateKeyPair('RS256', { extractable: true });
    key = pair.privateKey;
    stranger = (await jose.generateKeyPair('RS256')).privateKey;
    publicPem = await jose.exportSPKI(pair.publicKey);
    const jwk = { ...(await jose.exportJWK(pair.publicKey)), kid: 'bf-1', endorsements: ['msteams'] };
    server = http.createServer((req, res) => {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      res.writeHead(200, { 'content-type': 'application/json' });
      if (req.url?.endsWith('/keys')) res.end(JSON.stringify({ keys: [jwk] }));
      else res.end(JSON.stringify({ issuer: 'x', jwks_uri: `${base}${req.url?.startsWith('/emulator') ? '/emulator' : '/channel'}/keys` }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const sink = new Writable({ write: (chunk: Buffer, _e, done) => (logLines.push(JSON.parse(chunk.toString()) as Record<string, unknown>), done()) });
    adapter = createBotAdapter({ appId: BOT_ID, password: 'not-used', type: 'MultiTenant' }, pino({ level: 'info' }, sink), {
      channelOpenIdMetadataUrl: `${base}/channel/.well-known/openid`,
      emulatorOpenIdMetadataUrl: `${base}/emulator/.well-known/openid`,
    });
    const bot = new ActivityHandler();
    bot.onMessage(async () => void turns++);
    endpoint = createMessageEndpoint(adapter, bot);
  });
  after(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => (logLines.length = 0));

  const activity = (extra: Record<string, unknown> = {}) => ({ type: 'message', id: 'a1', channelId: 'msteams', serviceUrl: SERVICE_URL, text: 'status', from: { id: 'u' }, conversation: { id: 'c' }, recipient: { id: BOT_ID }, ...extra });

  function channelToken(options: { key?: Key; kid?: string; nbf?: number; claims?: Record<string, unknown> } = {}): Promise<string> {
    const jwt = new jose.SignJWT({ serviceurl: SERVICE_URL, ...options.claims })
      .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'bf-1' })
      .setIssuer('https://api.botframework.com')
      .setAudience(BOT_ID)
      .setIssuedAt()
      .setExpirationTime('1h');
    if (options.nbf) jwt.setNotBefore(options.nbf);
    return jwt.sign(options.key ?? key);
  }

  async function post(body: unknown, authorization?: string): Promise<{ status: number; body: unknown }> {
    const out = { status: 0, body: undefined as unknown };
    const res = {
      status: (code: number) => void (out.status = code),
      send: (b: unknown) => void (out.body = b),
      end: () => undefined,
      header: () => undefined,
    } as unknown as Response;
    const req = { method: 'POST', body, headers: authorization ? { authorization } : {} } as unknown as Request;
    await endpoint.handle(req, res);
    return out;
  }

  it('accepts a token signed with the published key (the stand-in works)', async () => {
    const result = await adapter.authenticate(activity() as never, `Bearer ${await channelToken()}`);
    assert.equal(result.claimsIdentity.isAuthenticated, true);
  });

  const forgeries: Array<[string, () => Promise<string>]> = [
    ['a forged signature on a known key id', () => channelToken({ key: stranger })],
    ['HS256 signed with the public key', async () => new jose.SignJWT({ serviceurl: SERVICE_URL }).setProtectedHeader({ alg: 'HS256', kid: 'bf-1' }).setIssuer('https://api.botframework.com').setAudience(BOT_ID).setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode(publicPem))],
    ['a token not valid until tomorrow', () => channelToken({ nbf: Math.floor(Date.now() / 1000) + 86_400 })],
    ['a forged emulator token', () => new jose.SignJWT({ appid: BOT_ID, ver: '1.0' }).setProtectedHeader({ alg: 'RS256', kid: 'bf-1' }).setIssuer(EMULATOR_ISSUER).setAudience(BOT_ID).setIssuedAt().setExpirationTime('1h').sign(stranger)],
    ['no token at all', async () => ''],
  ];
  for (const [name, forge] of forgeries) {
    it(`refuses ${name} with 401, logged once as one structured line`, async () => {
      const token = await forge();
      const printed: string[] = [];
      const write = process.stderr.write.bind(process.stderr);
      process.stderr.write = ((chunk: string | Uint8Array) => (printed.push(String(chunk)), true)) as typeof process.stderr.write;
      let result: { status: number; body: unknown };
      try {
        result = await post(activity(), token ? `Bearer ${token}` : undefined);
      } finally {
        process.stderr.write = write;
      }
      assert.deepEqual(printed, [], 'nothing printed around the log');
      assert.equal(result.status, 401);
      assert.doesNotMatch(JSON.stringify(result.body ?? ''), /invalid|signature|jwt|expired/i, 'no library error text in the answer');
      const refusals = logLines.filter((l) => l['msg'] === 'Bot Framework request refused');
      assert.equal(refusals.length, 1);
      assert.equal(refusals[0]!['reason'], 'not-authenticated');
      assert.equal(refusals[0]!['err'], undefined, 'no stack trace');
      assert.equal(logLines.filter((l) => l['level'] === 50).length, 0, 'no error lines');
      assert.equal(turns, 0);
    });
  }

  it('answers a body without a type with 400', async () => {
    const { type: _t, ...noType } = activity();
    const result = await post(noType, `Bearer ${await channelToken()}`);
    assert.equal(result.status, 400);
    assert.equal(logLines.filter((l) => l['reason'] === 'not-an-activity').length, 1);
  });

  it('logs a flood of refusals at a bounded rate', async () => {
    for (let i = 0; i < 60; i++) await post(activity());
    assert.ok(logLines.filter((l) => l['msg'] === 'Bot Framework request refused').length <= 20);
  });
});
