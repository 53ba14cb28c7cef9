// The running server over HTTP: GET /api/plan, /healthz and a first bot turn on /api/messages.
import assert from 'node:assert/strict';
import { loadPlanContent } from '../../bot/content/loadPlan';
import type { PlanView } from '../../bot/domain/planView';
import type { RunningApp } from '../../bot/app';
import { countyArena } from '../../bot/storage/planStore';
import { azuriteConnectionString as connectionStringAt, freePort } from '../../bot/storage/azurite';
import { createTables, ensureTables, pingTables } from '../../bot/storage/tables';
import { startTestApp } from '../helpers/app';
import { countStorageRequests } from '../helpers/storageRequests';
import { azuriteConnectionString, uniquePrefix } from '../helpers/storage';
import { ConnectorStandIn } from '../helpers/connector';
import { channelMessage, PLAN_TEAM } from '../helpers/teamsActivity';
import { ANNA, invokeActivity } from '../helpers/teamsClient';

describe('the running server', () => {
  const content = loadPlanContent();
  let app: RunningApp;
  let connector: ConnectorStandIn;

  before(async () => {
    app = await startTestApp();
    connector = await new ConnectorStandIn().start();
  });
  after(async () => {
    await app?.close();
    await connector?.stop();
  });

  async function getPlan(): Promise<PlanView> {
    const res = await fetch(`${app.url}/api/plan`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /application\/json/);
    return (await res.json()) as PlanView;
  }

  describe('GET /api/plan', () => {
    it('shows every strategy, activity, sub-activity, effect measure and local recommendation of the plan', async () => {
      const view = await getPlan();
      assert.equal(view.plan.name, content.plan.name);
      assert.equal(view.plan.targetPicture, 'Tillsammans för god hälsa hela livet');
      assert.deepEqual(view.plan.principles, content.plan.principles);
      assert.deepEqual(view.strategies.map((s) => [s.id, s.title, s.quotes]), content.strategies.map((s) => [s.id, s.title, s.quotes]));
      content.strategies.forEach((s, i) => {
        const shown = view.strategies[i]!;
        // Each effect measure is shown as written, plus the values reported for it.
        assert.deepEqual(shown.effectMeasures.map((m) => {
          const { values: _reported, ...asWritten } = m as typeof m & { values?: unknown };
          return asWritten;
        }), s.effectMeasures);
        assert.deepEqual(shown.localRecommendations, s.localRecommendations);
        assert.deepEqual(
          shown.activities.map((a) => [a.id, a.title, a.period.from, a.period.to, a.subActivities.map((d) => [d.id, d.title, d.details, d.status, d.statusNote])]),
          // An empty Status cell gives no status and no note: nothing is taken from the row above.
          s.activities.map((a) => [a.id, a.title, a.period.from, a.period.to, a.subActivities.map((d) => [d.id, d.title, d.details, d.status ?? 'ej_paborjat', d.statusAsWritten])]),
        );
      });
      assert.deepEqual(view.arenas.map(({ activities: _local, bilaga1: _followUp, ...arena }) => arena), content.arenas);
      assert.ok(view.arenas.every((a) => a.activities.length === 0), 'no arena has local activities before anyone adds one');
    });

    it('gives each sub-activity its measure and target, reading merged appendix cells as the row above', async () => {
      const view = await getPlan();
      // 9.2: the five transitions share one measure, written once in the appendix.
      const transitions = view.strategies[1]!.activities[1]!;
      const written = content.strategies[1]!.activities[1]!.subActivities[0]!;
      for (const sub of transitions.subActivities) {
        assert.equal(sub.measure, written.measure);
        assert.equal(sub.target, written.target);
      }
    });

    it('shows a status change with who made it and when', async () => {
      const county = countyArena(content).id;
      const sub = content.strategies[2]!.activities[0]!.subActivities[0]!;
      const current = (await app.activities.getSubActivity(county, sub.id))!;
      const outcome = await app.activities.update({
        scopeId: county,
        subActivityId: sub.id,
        etag: current.etag,
        request: { status: 'pagar', statusNote: 'Kartläggningen har startat i SVOM:s uppdrag' },
        actor: { id: 'aad-anna', name: 'Anna Andersson' },
      });
      assert.equal(outcome.kind, 'updated');
      const shown = (await getPlan()).strategies[2]!.activities[0]!.subActivities[0]!;
      assert.equal(shown.status, 'pagar');
      assert.equal(shown.statusLabel, 'Pågår');
      assert.equal(shown.statusNote, 'Kartläggningen har startat i SVOM:s uppdrag');
      assert.equal(shown.updatedBy, 'Anna Andersson');
      assert.ok(shown.updatedAt && !Number.isNaN(Date.parse(shown.updatedAt)));
    });
  });

  it('GET /healthz says the process and its storage are up', async () => {
    const res = await fetch(`${app.url}/healthz`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok', storage: 'ok' });
  });

  it('checks storage with one point read: reachable when it answers, also "not found"; unreachable when nothing answers', async () => {
    const counter = countStorageRequests(app.tables);
    counter.reset();
    assert.equal((await fetch(`${app.url}/healthz`)).status, 200);
    assert.deepEqual(counter.requests.map((r) => r.split(' ')[0]), ['GET']);
    assert.doesNotMatch(counter.requests[0]!, /\$filter|\$top/);
    const empty = createTables({ kind: 'connectionString', connectionString: azuriteConnectionString() }, uniquePrefix());
    await ensureTables(empty, 'test');
    assert.equal(await pingTables(empty), true, 'an empty store answers "not found": it is reachable');
    const nobody = createTables({ kind: 'connectionString', connectionString: connectionStringAt(await freePort()) }, 'x');
    assert.equal(await pingTables(nobody, 2_000), false);
  });

  it('answers a message on /api/messages through the Bot Connector', async () => {
    const place = { ...PLAN_TEAM, channelId: '19:ostersund@thread.tacv2', channelName: 'Östersund' };
    const activity = channelMessage(connector.url, place, 'hjälp');
    const res = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    assert.equal(res.status, 200);
    await connector.waitForCalls(1);
    const [reply] = connector.replies;
    const card = JSON.stringify((reply?.attachments as unknown[])[0]);
    assert.match(card, /Gemensam plan för primärvårdsnivå i Jämtland Härjedalen/);
    assert.equal(connector.calls[0]?.conversationId, activity.conversation.id);
  });

  it('answers an invoke the app does not offer with 400, never 501, and keeps answering', async () => {
    const place = { ...PLAN_TEAM, channelId: '19:ostersund@thread.tacv2', channelName: 'Östersund' };
    const base = invokeActivity(connector.url, place, 'status', {}, ANNA) as Record<string, unknown>;
    for (const [name, value] of [['task/fetch', {}], ['composeExtension/fetchTask', {}], ['config/fetch', {}], ['signin/verifyState', {}], ['something/else', {}], ['adaptiveCard/action', {}]] as const) {
      const res = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...base, name, value }) });
      assert.equal(res.status, 400, name);
    }
    assert.equal((await fetch(`${app.url}/healthz`)).status, 200);
  });

  it('refuses a compressed body with 415 before reading it, and keeps running (a broken gzip body ended the process)', async () => {
    for (const encoding of ['gzip', 'br', 'deflate']) {
      const res = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': encoding }, body: 'not compressed at all' });
      assert.equal(res.status, 415, encoding);
      assert.match(((await res.json()) as { error: string }).error, /okomprimerat/);
    }
    assert.equal((await fetch(`${app.url}/healthz`)).status, 200);
  });
});
