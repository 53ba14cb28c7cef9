// GET /api/history against Azurite: every kind of change (sub-activity changes, adopted and own
// local activities, effect-measure reports, channel links), each with its parent, arena, who and
// when; the filters for person, strategy and dates; and JSON answers compressed when accepted.
import assert from 'node:assert/strict';
import http from 'node:http';
import zlib from 'node:zlib';
import type { RunningApp } from '../../bot/app';
import type { HistoryPage } from '../../bot/api/tabHistory';
import { loadPlanContent } from '../../bot/content/loadPlan';
import { countStorageRequests } from '../helpers/storageRequests';
import { startTabApp } from '../helpers/tabApp';

describe('the history of everything (GET /api/history)', function () {
  this.timeout(30_000);
  const content = loadPlanContent();
  const strategy = content.strategies[0]!;
  const other = content.strategies[1]!;
  const karin = { id: 'oid-karin', name: 'Karin Krokom' };
  const cecilia = { id: 'oid-cecilia', name: 'Cecilia Cosmic' };
  let app: RunningApp;

  before(async () => {
    app = await startTabApp({ TAB_DEV_MODE: 'true' });
    await app.localActivities.adopt('krokom', strategy.localRecommendations[0]!, strategy.id, { from: 2026, to: 2027 }, karin);
    await app.localActivities.createOwn('krokom', { strategyId: other.id, title: 'Träffar för anhöriga', period: { from: 2026, to: 2026 }, measure: '', target: '' }, karin);
    await app.measures.report({ measureId: strategy.effectMeasures[0]!.id, periodId: '2025-H2', arenaId: 'lan', etag: '', values: [{ category: 'Barn och unga', value: 14 }, { category: 'Vuxna', value: 25 }], comment: 'Från Cosmic', actor: cecilia });
    const sub = (await app.plan.scope('lan'))[0]!.subActivities[0]!;
    const updated = await app.activities.update({ scopeId: 'lan', subActivityId: sub.id, etag: sub.etag, request: { status: 'klar' }, actor: cecilia });
    assert.equal(updated.kind, 'updated', JSON.stringify(updated).slice(0, 200));
    await app.channels.remember({ channelId: '19:krokom@thread.tacv2', teamId: 'team-1', teamName: 'Gemensam plan', channelName: 'Krokom', tenantId: 't', reference: '{}' });
    await app.channels.link('19:krokom@thread.tacv2', 'krokom', 'Karin Krokom');
    const channel = (await app.channels.get('19:krokom@thread.tacv2'))!;
    const saved = await app.channels.setReminders(channel.channelId, { enabled: true, weekday: 1, hour: 9, rules: ['stale'] }, channel.etag, { by: 'Karin Krokom', summary: 'Påminnelser måndagar kl. 09' });
    assert.ok(saved);
  });
  after(() => app?.close());

  const history = async (query = '') => (await (await fetch(`${app.url}/api/history?${query}`)).json()) as HistoryPage;

  it('names every kind of change with its parent, arena, who and when', async () => {
    const page = await history('size=50');
    const kinds = new Set(page.events.map((e) => e.kind));
    assert.deepEqual([...kinds].sort(), ['activityAdopted', 'activityCreated', 'change', 'channelLinked', 'measureReport', 'reminderSettings']);
    const report = page.events.find((e) => e.kind === 'measureReport')!;
    assert.equal(report.title, strategy.effectMeasures[0]!.title);
    assert.equal(report.parent, `Strategi ${strategy.number}: ${strategy.title}`);
    assert.equal(report.actor, 'Cecilia Cosmic');
    assert.equal(report.scopeId, 'lan');
    assert.deepEqual(report.lines, ['Rapporterade andra halvåret 2025: Barn och unga 14, Vuxna 25']);
    const adopted = page.events.find((e) => e.kind === 'activityAdopted')!;
    assert.equal(adopted.title, strategy.localRecommendations[0]!.title);
    assert.equal(adopted.parent, `Strategi ${strategy.number}: ${strategy.title}`);
    assert.equal(adopted.scopeId, 'krokom');
    const change = page.events.find((e) => e.kind === 'change')!;
    assert.equal(change.parent, strategy.activities[0]!.title);
    assert.equal(change.title, strategy.activities[0]!.subActivities[0]!.title);
    assert.deepEqual(page.entries.map((e) => e.subActivityId), [change.subActivityId]);
    const link = page.events.find((e) => e.kind === 'channelLinked')!;
    assert.equal(link.actor, 'Karin Krokom');
    assert.deepEqual(link.lines, ['Kopplades till Krokom']);
    const reminders = page.events.find((e) => e.kind === 'reminderSettings')!;
    assert.equal(reminders.actor, 'Karin Krokom');
    assert.equal(reminders.scopeId, 'krokom');
    assert.deepEqual(reminders.lines, ['Påminnelserna ändrades: Påminnelser måndagar kl. 09']);
    assert.ok(page.events.every((e, i) => i === 0 || page.events[i - 1]!.at >= e.at), 'newest first');
  });

  it('keeps every link of a channel, not only the latest, newest first', async () => {
    await app.channels.link('19:krokom@thread.tacv2', 'are', 'Bengt Berg');
    const changes = (await app.channels.changes()).filter((c) => c.channelId === '19:krokom@thread.tacv2');
    assert.deepEqual(changes.map((c) => [c.kind, c.arenaId, c.by]), [['link', 'are', 'Bengt Berg'], ['reminders', 'krokom', 'Karin Krokom'], ['link', 'krokom', 'Karin Krokom']]);
    const links = (await history('size=50')).events.filter((e) => e.kind === 'channelLinked');
    assert.deepEqual(links.map((e) => e.lines[0]), ['Kopplades till Åre', 'Kopplades till Krokom']);
  });

  it('filters by person, strategy, arena and date range', async () => {
    assert.deepEqual(new Set((await history('person=karin')).events.map((e) => e.actor)), new Set(['Karin Krokom']));
    const own = await history(`strategy=${other.id}`);
    assert.deepEqual(own.events.map((e) => e.title), ['Träffar för anhöriga']);
    assert.ok((await history('arena=krokom&scope=krokom')).events.every((e) => e.scopeId === 'krokom'));
    assert.equal((await history('from=2000-01-01&to=2000-12-31')).events.length, 0);
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
    assert.ok((await history(`from=${today}&to=${today}`)).events.length >= 5);
    assert.equal((await fetch(`${app.url}/api/history?from=igår`)).status, 400);
  });

  it('compresses /api/plan with brotli or gzip when the client accepts it, and not otherwise', async () => {
    const plain = await fetch(`${app.url}/api/plan`, { headers: { 'accept-encoding': 'identity' } });
    assert.equal(plain.headers.get('content-encoding'), null);
    const text = await plain.text();
    for (const encoding of ['br', 'gzip'] as const) {
      // node:http, not fetch: fetch would undo the encoding before the test could see it.
      const raw = await new Promise<{ encoding: string | undefined; body: Buffer }>((resolve, reject) => {
        http.get(`${app.url}/api/plan`, { headers: { 'accept-encoding': encoding === 'br' ? 'gzip, deflate, br' : 'gzip' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
        }).on('error', reject);
      });
      assert.equal(raw.encoding, encoding);
      const body = encoding === 'br' ? zlib.brotliDecompressSync(raw.body) : zlib.gunzipSync(raw.body);
      assert.equal(body.toString('utf8'), text);
      assert.ok(raw.body.length < text.length / 3, `${encoding}: ${raw.body.length} of ${text.length} bytes`);
    }
  });

  it('shows one activity\'s changes, of all its sub-activities and no other, newest first, in two storage requests', async () => {
    const activities = await app.plan.scope('lan');
    const activity = activities.find((a) => a.subActivities.length >= 2)!;
    const elsewhere = activities.find((a) => a.id !== activity.id)!.subActivities[0]!;
    for (const [sub, note] of [[activity.subActivities[1]!, 'Andra'], [elsewhere, 'Någon annanstans'], [activity.subActivities[0]!, 'Första']] as const) {
      const now = (await app.plan.scope('lan')).flatMap((a) => a.subActivities).find((d) => d.id === sub.id)!;
      assert.equal((await app.activities.update({ scopeId: 'lan', subActivityId: sub.id, etag: now.etag, request: { statusNote: note }, actor: cecilia })).kind, 'updated');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const counter = countStorageRequests(app.tables);
    counter.reset();
    const entries = await app.activities.historyOf('lan', activity.subActivities.map((d) => d.id), 50);
    assert.equal(counter.requests.length, 2, counter.requests.join('\n'));
    const notes = entries.map((e) => e.changes.find((c) => c.field === 'statusNote')?.to).filter((n) => n !== undefined);
    assert.deepEqual(notes, ['Första', 'Andra']);
    const page = await history(`scope=lan&activity=${activity.id}&size=50`);
    const changed = page.events.filter((e) => e.kind === 'change').map((e) => e.subActivityId);
    assert.ok(changed.includes(activity.subActivities[0]!.id) && changed.includes(activity.subActivities[1]!.id), changed.join());
    assert.ok(!changed.includes(elsewhere.id));
    assert.ok(page.events.every((e, i) => i === 0 || page.events[i - 1]!.at >= e.at), 'newest first');
  });
});
