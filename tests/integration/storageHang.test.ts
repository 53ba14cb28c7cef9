// A store that hangs (stopped, unreachable, a gateway that never answers): every storage request
// has a deadline (STORAGE_DEADLINE_MS), so the bot and the tab answer while the store still hangs,
// and what they say is true of what the store holds afterwards: "Sparat" only when it is stored,
// "ingenting har sparats" only when nothing is, "oklart om det sparades" when either may be, and
// then the next read shows which. Through the real wire: Teams-shaped activities into
// /api/messages, the tab's API with an SSO token, Azurite behind a proxy that can hang.
import assert from 'node:assert/strict';
import { loadPlanContent } from '../../bot/content/loadPlan';
import { ROW, scopePartition } from '../../bot/storage/keys';
import { useProxiedBot } from '../helpers/proxiedBot';
import { ANNA, buttons, cardText, channel, type Card } from '../helpers/teamsClient';

const content = loadPlanContent();
const county = channel('Länsgemensam samverkan', '19:lan@thread.tacv2');
const sub = content.strategies[0]!.activities[0]!.subActivities[0]!;
const strategy = content.strategies[0]!;

describe('a store that hangs', () => {
  const { bot, proxy, entra } = useProxiedBot(new Date('2026-11-23T09:00:00Z'), { STORAGE_DEADLINE_MS: '1500' });
  afterEach(() => proxy.dropHeld());
  beforeEach(async () => {
    await bot.teams.say(county, 'koppla Länsgemensam samverkan', ANNA);
  });

  const as = async () => `Bearer ${await entra.token({ oid: ANNA.aadObjectId, name: ANNA.name })}`;
  /** What the store holds, read past the app and the proxy's hang. */
  const stored = async () => {
    proxy.pass();
    const row = await bot.app.tables.plan.getEntity<{ status: string; version: number }>(scopePartition('lan'), ROW.sub(sub.id));
    return { status: row.status, version: row.version };
  };
  async function openForm(): Promise<Card> {
    const list = (await bot.teams.say(county, `aktiviteter ${strategy.number}`)).cards[0]!;
    const button = buttons(list).find((b) => b.verb === 'editSubActivity' && b.data.subActivityId === sub.id)!;
    return bot.teams.execute(county, button.verb, button.data);
  }
  /** The card as anyone opens it now: the real state. */
  const shown = async () => cardText(await bot.teams.execute(county, 'showSubActivity', { scopeId: 'lan', subActivityId: sub.id }));

  it('says "oklart om det sparades" when the write reached the store and its answer never came, and the next read shows it saved', async () => {
    const form = await openForm();
    proxy.swallowWriteAnswers();
    const answer = cardText(await bot.teams.click(county, form, 'Spara', { status: 'pagar', statusNote: 'Arbetet har börjat' }));
    // Answered while the store still gives no answer: the deadline, not the store, ended the wait.
    assert.match(answer, /Det är oklart om det sparades[\s\S]*Lagringen svarade inte i tid\. Öppna kortet igen om en stund så ser du vad som gäller\./);
    assert.doesNotMatch(answer, /Sparat|ingenting har sparats|Inget sparades/i);
    assert.match(answer, /Arbetet har börjat/, 'what the person typed is given back');
    assert.deepEqual(await stored(), { status: 'pagar', version: 1 });
    assert.match(await shown(), /Pågår[\s\S]*Arbetet har börjat/);
  });

  it('says "oklart om det sparades" when the store holds the write unanswered, and the next read shows what it holds', async () => {
    const before = await stored();
    const form = await openForm();
    proxy.hang();
    const answer = cardText(await bot.teams.click(county, form, 'Spara', { status: 'klar', statusNote: 'Arbetet har börjat' }));
    assert.ok(proxy.holding > 0, 'answered while the store still holds the request');
    assert.match(answer, /Det är oklart om det sparades/);
    assert.doesNotMatch(answer, /Sparat av|ingenting har sparats/i);
    proxy.dropHeld(); // the store never did it
    assert.deepEqual(await stored(), before);
    const now = await shown();
    assert.doesNotMatch(now, /Arbetet har börjat/);
  });

  it('says "Sparat" only when it is stored, and "ingenting har sparats" only when nothing is', async () => {
    const form = await openForm();
    const saved = cardText(await bot.teams.click(county, form, 'Spara', { status: 'pagar', statusNote: 'Först' }));
    assert.match(saved, /Sparat av Anna Andersson/);
    assert.deepEqual(await stored(), { status: 'pagar', version: 1 });

    // After a restart the save reads the item's row before writing: the store hangs on that read,
    // so no write is ever sent, and the answer says that nothing was saved.
    const second = await openForm();
    await bot.restart();
    await bot.teams.say(county, 'hjälp', ANNA);
    proxy.hang();
    const refused = cardText(await bot.teams.click(county, second, 'Spara', { status: 'klar', statusNote: 'Klart' }));
    assert.ok(proxy.holding > 0, 'answered while the store still holds the request');
    assert.match(refused, /ingenting har sparats/i);
    assert.doesNotMatch(refused, /Sparat av|oklart/i);
    proxy.dropHeld();
    assert.deepEqual(await stored(), { status: 'pagar', version: 1 });
  });

  it('answers a read during the hang with the outage, before the store answers', async () => {
    await bot.teams.say(county, 'status');
    proxy.hang();
    const reply = await bot.teams.say(county, `aktiviteter ${strategy.number}`);
    assert.ok(proxy.holding > 0, 'answered while the store still holds the request');
    const text = cardText(reply.cards[0]);
    assert.match(text, /Planens lagring svarar inte just nu/);
    assert.match(text, /Inget sparades och ingenting har ändrats/);
  });

  it("answers the tab's API during the hang: 504 oklart for a change, 503 for a read, and a later read shows the truth", async () => {
    const authorization = await as();
    const view = (await (await fetch(`${bot.app.url}/api/plan`, { headers: { authorization } })).json()) as { strategies: Array<{ activities: Array<{ subActivities: Array<{ id: string; etag: string; version: number }> }> }> };
    const seen = view.strategies[0]!.activities[0]!.subActivities.find((d) => d.id === sub.id)!;
    proxy.swallowWriteAnswers();
    const change = await fetch(`${bot.app.url}/api/activities/lan/${sub.id}`, {
      method: 'PATCH',
      headers: { authorization, 'content-type': 'application/json', 'if-match': seen.etag },
      body: JSON.stringify({ version: seen.version, status: 'klar', statusNote: 'Från fliken' }),
    });
    const body = (await change.json()) as { error: string; outcome: string };
    assert.equal(change.status, 504);
    assert.equal(body.outcome, 'unknown');
    assert.match(body.error, /Det är oklart om det sparades: lagringen svarade inte i tid\. Ladda om fliken om en stund så ser du vad som gäller\./);

    proxy.hang();
    const read = await fetch(`${bot.app.url}/api/plan`, { headers: { authorization } });
    assert.equal(read.status, 503);
    assert.match(((await read.json()) as { error: string }).error, /Planens lagring svarar inte just nu\. Inget sparades/);
    assert.ok(proxy.holding > 0);

    proxy.dropHeld();
    assert.deepEqual(await stored(), { status: 'klar', version: 1 });
    const after = (await (await fetch(`${bot.app.url}/api/plan`, { headers: { authorization } })).json()) as typeof view;
    assert.equal(after.strategies[0]!.activities[0]!.subActivities.find((d) => d.id === sub.id)!.version, 1);
  });
});
