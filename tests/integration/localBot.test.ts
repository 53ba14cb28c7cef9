// Local development mode (no BOT_ID): the bot takes unauthenticated requests, so it must only
// ever talk to a Bot Connector on this machine. A serviceUrl anywhere else (or not http at all)
// is refused before the bot runs, and nothing is sent there.
import assert from 'node:assert/strict';
import type { RunningApp } from '../../bot/app';
import { createBotAdapter, serviceUrlAllowed } from '../../bot/teams/adapter';
import { BotProactiveSender } from '../../bot/teams/proactiveSender';
import { ConnectorStandIn } from '../helpers/connector';
import { startTestApp } from '../helpers/app';
import { channelMessage, PLAN_TEAM } from '../helpers/teamsActivity';

const place = { ...PLAN_TEAM, channelId: '19:local@thread.tacv2', channelName: 'Berg' };

describe('the bot without BOT_ID (local development)', () => {
  let app: RunningApp;
  const connector = new ConnectorStandIn();

  before(async () => {
    await connector.start();
    app = await startTestApp();
  });
  after(async () => {
    await app?.close();
    await connector.stop();
  });
  beforeEach(() => connector.reset());

  async function post(serviceUrl: string, where = place): Promise<number> {
    const res = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(channelMessage(serviceUrl, where, 'hjälp')) });
    await res.arrayBuffer();
    return res.status;
  }

  it('answers through a connector on this machine', async () => {
    assert.equal(await post(connector.url), 200);
    assert.ok(connector.replies.length > 0);
  });

  ['file:///etc/passwd', 'http://192.0.2.7:3978/', 'https://smba.trafficmanager.net/emea/', 'http://127.0.0.1.evil.example/', 'http://localhost@evil.example/'].forEach((url, i) => {
    it(`refuses the serviceUrl ${url} and sends nothing`, async () => {
      const elsewhere = { ...place, channelId: `19:elsewhere-${i}@thread.tacv2` };
      assert.equal(await post(url, elsewhere), 401);
      assert.equal(await app.channels.get(elsewhere.channelId), undefined, 'the bot did not run');
      assert.equal(connector.calls.length, 0);
    });
  });

  it('never lets a proactive send go anywhere but a connector it may talk to', () => {
    assert.equal(serviceUrlAllowed('file:///tmp/x', true), false);
    assert.equal(serviceUrlAllowed('file:///tmp/x', false), false);
    assert.equal(serviceUrlAllowed('http://smba.example/', false), false);
    assert.equal(serviceUrlAllowed('https://smba.trafficmanager.net/emea/', false), true);
    assert.equal(serviceUrlAllowed('http://127.0.0.1:1234/', true), true);
  });

  it('sends a stored reminder to no serviceUrl but a connector it may talk to, and makes no request', async () => {
    const sender = new BotProactiveSender(createBotAdapter(undefined, app.log), { botAppId: '', log: app.log, sleep: async () => undefined });
    for (const serviceUrl of ['file:///tmp/card', 'http://192.0.2.7/']) {
      const outcome = await sender.send(JSON.stringify({ serviceUrl, conversation: { id: '19:x@thread.tacv2' }, channelId: 'msteams', bot: { id: 'b' } }), { type: 'AdaptiveCard', version: '1.5', body: [] });
      assert.deepEqual(outcome, { kind: 'rejected', status: 0 });
    }
    assert.equal(connector.calls.length, 0);
  });

  it('makes one retry layer: a failing send is at most its own tries, the Connector client does not retry on top', async () => {
    connector.override = () => ({ status: 503 });
    try {
      const sender = new BotProactiveSender(createBotAdapter(undefined, app.log), { botAppId: '', log: app.log, maxTries: 3, sleep: async () => undefined });
      const outcome = await sender.send(JSON.stringify({ serviceUrl: connector.url, conversation: { id: '19:x@thread.tacv2' }, channelId: 'msteams', bot: { id: 'b' } }), { type: 'AdaptiveCard', version: '1.5', body: [] });
      assert.equal(outcome.kind, 'transientFailure');
      assert.equal(connector.calls.length, 3);
    } finally {
      connector.override = undefined;
    }
  });
});
