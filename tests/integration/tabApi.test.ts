// The tab's API with real Teams SSO tokens: who may change what (the bot's rules), updating with
// ETag conflicts, bad input, paged history, the Excel export and the static files. And the bot
// and the tab share one update path: a change in either shows in the other.
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { loadPlanContent } from '../../bot/content/loadPlan';
import { LIMITS } from '../../bot/domain/limits';
import type { PlanView, SubActivityView } from '../../bot/domain/planView';
import { useBot } from '../helpers/botHarness';
import { SsoIssuer } from '../helpers/ssoIssuer';
import { ANNA, BENGT, cardText, channel } from '../helpers/teamsClient';

const content = loadPlanContent();
const county = channel('Länsgemensam samverkan', '19:lan@thread.tacv2');
const ostersund = channel('Östersund');
const allSubs = content.strategies.flatMap((s) => s.activities.flatMap((a) => a.subActivities));

describe("the tab's API", () => {
  const entra = new SsoIssuer();
  // Filled in once the issuer listens; useBot reads it when it starts the app for each test.
  const env: Record<string, string> = {};
  const bot = useBot(env);

  before(async () => {
    await entra.start();
    Object.assign(env, entra.env());
  });
  after(() => entra.stop());

  beforeEach(async () => {
    await bot.teams.say(county, 'koppla Länsgemensam samverkan', ANNA);
    await bot.teams.say(ostersund, 'koppla Östersund', BENGT);
  });

  const as = async (person: { aadObjectId: string; name: string }) => `Bearer ${await entra.token({ oid: person.aadObjectId, name: person.name })}`;

  async function countySub(id: string): Promise<SubActivityView> {
    const view = (await (await fetch(`${bot.app.url}/api/plan`, { headers: { authorization: await as(ANNA) } })).json()) as PlanView;
    return view.strategies.flatMap((s) => s.activities.flatMap((a) => a.subActivities)).find((d) => d.id === id)!;
  }

  async function patch(id: string, body: Record<string, unknown>, authorization: string, etag?: string) {
    const res = await fetch(`${bot.app.url}/api/activities/lan/${id}`, {
      method: 'PATCH',
      headers: { authorization, 'content-type': 'application/json', ...(etag ? { 'if-match': etag } : {}) },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: string; details?: string[] } };
  }

  it('tells each person which arenas they may change: those whose channel they take part in', async () => {
    const anna = (await (await fetch(`${bot.app.url}/api/me`, { headers: { authorization: await as(ANNA) } })).json()) as { mayChange: string[]; name: string };
    const bengt = (await (await fetch(`${bot.app.url}/api/me`, { headers: { authorization: await as(BENGT) } })).json()) as { mayChange: string[] };
    assert.deepEqual(anna.mayChange, ['lan']);
    assert.equal(anna.name, ANNA.name);
    assert.deepEqual(bengt.mayChange, ['ostersund']);
  });

  it('saves a change from the tab with the person from the token, and the bot shows it', async () => {
    const sub = await countySub(allSubs[0]!.id);
    const res = await patch(sub.id, { status: 'klar', statusNote: 'Begreppen antogs i oktober.', comment: 'Från fliken' }, await as(ANNA), sub.etag);
    assert.equal(res.status, 200);
    assert.equal(res.body['outcome'], 'updated');
    const after = await countySub(sub.id);
    assert.equal(after.status, 'klar');
    assert.equal(after.updatedBy, ANNA.name);
    const history = await bot.app.activities.history('lan', sub.id);
    assert.equal(history[0]!.actor.id, ANNA.aadObjectId);
    assert.equal(history[0]!.comment, 'Från fliken');

    const strategy = content.strategies.find((s) => s.activities.some((a) => a.subActivities.some((d) => d.id === sub.id)))!;
    const list = (await bot.teams.say(county, `aktiviteter ${strategy.number}`)).cards[0]!;
    assert.match(cardText(list), new RegExp(`${allSubs[0]!.title}[\\s\\S]*Klar`));
    const card = await bot.teams.execute(county, 'showSubActivity', { scopeId: 'lan', subActivityId: sub.id });
    assert.match(cardText(card), /Begreppen antogs i oktober\./);
    assert.match(cardText(card), new RegExp(ANNA.name));
  });

  it('shows a change made in the bot through the tab API', async () => {
    const sub = allSubs[3]!;
    const before = await countySub(sub.id);
    const edit = await bot.teams.execute(county, 'editSubActivity', { scopeId: 'lan', subActivityId: sub.id });
    await bot.teams.click(county, edit, 'Spara', { status: 'uppdrag_behovs', statusNote: 'Ändrat i boten' });
    const after = await countySub(sub.id);
    assert.equal(after.statusNote, 'Ändrat i boten');
    assert.notEqual(after.etag, before.etag);
    const page = (await (await fetch(`${bot.app.url}/api/history?scope=lan&sub=${sub.id}`, { headers: { authorization: await as(BENGT) } })).json()) as { entries: Array<{ actor: { name: string } }> };
    assert.equal(page.entries[0]!.actor.name, ANNA.name);
  });

  it("refuses a change of the county's activities by someone who is not in the county channel, and nothing changes", async () => {
    const sub = await countySub(allSubs[1]!.id);
    const res = await patch(sub.id, { status: 'klar' }, await as(BENGT), sub.etag);
    assert.equal(res.status, 403);
    assert.match(res.body.error ?? '', /Länsövergripande aktiviteter ändras/);
    assert.deepEqual(await countySub(sub.id), sub);
  });

  it('answers a stale change with 409 and the current state, and keeps the newer change', async () => {
    const seen = await countySub(allSubs[2]!.id);
    assert.equal((await patch(seen.id, { statusNote: 'Först' }, await as(ANNA), seen.etag)).status, 200);
    const res = await patch(seen.id, { version: seen.version, statusNote: 'Sist men med gammal version' }, await as(ANNA), seen.etag);
    assert.equal(res.status, 409);
    assert.match(res.body.error ?? '', /Någon annan har ändrat/);
    assert.equal((res.body['current'] as SubActivityView).statusNote, 'Först');
    assert.equal((res.body['since'] as unknown[]).length, 1);
    assert.equal((await countySub(seen.id)).statusNote, 'Först');
  });

  it('refuses bad input with a Swedish answer and changes nothing', async () => {
    const sub = await countySub(allSubs[4]!.id);
    const anna = await as(ANNA);
    const cases: Array<[Record<string, unknown>, string | undefined, number, RegExp]> = [
      [{ status: 'färdig' }, sub.etag, 400, /inte en av planens statusar/],
      [{ statusNote: 'x'.repeat(LIMITS.statusNote + 1) }, sub.etag, 400, /högst 2\u00a0000 tecken/],
      [{ owner: 'någon' }, sub.etag, 400, /kunde inte sparas/],
      [{ status: 'klar' }, undefined, 428, /vilken version/],
      [{ measureAnswer: 'kanske' }, sub.etag, 400, /ja eller nej/],
    ];
    for (const [body, etag, status, message] of cases) {
      const res = await patch(sub.id, body, anna, etag);
      assert.equal(res.status, status, JSON.stringify(body));
      assert.match([res.body.error, ...(res.body.details ?? [])].join(' '), message);
    }
    const missing = await fetch(`${bot.app.url}/api/activities/lan/finns-inte`, { method: 'PATCH', headers: { authorization: anna, 'content-type': 'application/json', 'if-match': sub.etag }, body: '{}' });
    assert.equal(missing.status, 404);
    assert.deepEqual(await countySub(sub.id), sub);
  });

  it('pages the history newest first, and filters it by arena and activity', async () => {
    const anna = await as(ANNA);
    for (const [i, note] of ['ett', 'två', 'tre'].entries()) {
      const sub = await countySub(allSubs[5 + i]!.id);
      assert.equal((await patch(sub.id, { statusNote: note }, anna, sub.etag)).status, 200);
    }
    const get = async (q: string) => (await (await fetch(`${bot.app.url}/api/history?${q}`, { headers: { authorization: anna } })).json()) as { entries: Array<{ changes: Array<{ to: string }>; subActivityId: string }>; hasMore: boolean };
    const first = await get('scope=lan&size=2&page=0');
    assert.deepEqual(first.entries.map((e) => e.changes[0]!.to), ['tre', 'två']);
    assert.equal(first.hasMore, true);
    const second = await get('scope=lan&size=2&page=1');
    assert.deepEqual(second.entries.map((e) => e.changes[0]!.to), ['ett']);
    assert.equal(second.hasMore, false);
    assert.deepEqual((await get('scope=ostersund')).entries, []);
    const activity = content.strategies.flatMap((s) => s.activities).find((a) => a.subActivities.some((d) => d.id === allSubs[7]!.id))!;
    const filtered = await get(`scope=lan&activity=${activity.id}`);
    assert.ok(filtered.entries.every((e) => activity.subActivities.some((d) => d.id === e.subActivityId)));
    assert.ok(filtered.entries.some((e) => e.subActivityId === allSubs[7]!.id));
    const bad = await fetch(`${bot.app.url}/api/history?activity=x`, { headers: { authorization: anna } });
    assert.equal(bad.status, 400);
  });

  it('exports every county-wide sub-activity with its live status to Excel', async () => {
    const res = await fetch(`${bot.app.url}/api/export.xlsx`, { headers: { authorization: await as(BENGT) } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = book.getWorksheet('Handlingsplan')!;
    assert.equal(sheet.rowCount, allSubs.length + 1);
    assert.deepEqual(allSubs.map((_d, i) => sheet.getRow(i + 2).getCell(4).value), allSubs.map((d) => d.title));
    // Nobody has followed anything up yet: the export does not pass the plan's statuses off as today's.
    const statusColumn = sheet.getRow(1).values as unknown[];
    const statuses = allSubs.map((_d, i) => String(sheet.getRow(i + 2).getCell(statusColumn.indexOf('Status')).value));
    assert.ok(statuses.every((s) => s.startsWith('Ej uppföljd sedan planen antogs')), statuses.join(' | '));
    assert.ok(book.getWorksheet('Lokala aktiviteter'));
  });

  it("serves the tab's pages and bundle, and nothing outside tab/", async () => {
    const page = await fetch(`${bot.app.url}/tab/index.html`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    assert.match(await page.text(), /dist\/main\.js/);
    assert.match(page.headers.get('content-security-policy') ?? '', /frame-ancestors 'self' https:\/\/teams\.microsoft\.com .*https:\/\/\*\.cloud\.microsoft/);
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'(;|$)/);
    assert.equal((await fetch(`${bot.app.url}/tab/config.html`)).status, 200);
    for (const path of ['/tab/..%2Fpackage.json', '/tab/src/auth.ts', '/tab/dist/..%2F..%2Fpackage.json', '/tab/tsconfig.json']) {
      assert.equal((await fetch(`${bot.app.url}${path}`)).status, 404, path);
    }
  });
});
