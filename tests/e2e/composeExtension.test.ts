// The plan from the compose box and pasted links, through /api/messages with the invokes Teams
// sends: composeExtension/query, composeExtension/selectItem, composeExtension/queryLink, and the
// Uppdatera of a card shared into a meeting chat (adaptiveCard/action from a group chat).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as AC from 'adaptivecards';
import { loadPlanContent } from '../../bot/content/loadPlan';
import { useBot } from '../helpers/botHarness';
import { CardCamera, THEMES } from '../helpers/cardScreenshot';
import { assertValidCard } from '../helpers/cardValidation';
import { TestClock } from '../helpers/clock';
import { BOT, PLAN_TEAM } from '../helpers/teamsActivity';
import { ANNA, BENGT, buttons, cardText, channel, inputValues, type Card, type Person } from '../helpers/teamsClient';

const content = loadPlanContent();
const county = channel('Länsgemensam samverkan', '19:lan@thread.tacv2');
const ostersund = channel('Östersund');
const krokom = channel('Krokom');
const MEETING_CHAT = '19:meeting_abc123@thread.v2';

type Attachment = { contentType: string; content: Card; preview?: { contentType: string; content: { title?: string; text?: string; tap?: { type: string; value: unknown } } } };
type ComposeBody = { composeExtension?: { type: string; attachmentLayout?: string; attachments?: Attachment[]; text?: string } };

/** Bilaga 1's activity n.m as the plan numbers it: the strategy's m-th activity. */
function activity(strategy: number, n: number) {
  return content.strategies.find((s) => s.number === strategy)!.activities[n - 1]!;
}

describe('the plan from the compose box and pasted links', () => {
  const clock = new TestClock();
  const bot = useBot({}, () => ({ now: clock.now }));

  beforeEach(async () => {
    clock.set('2026-11-23T09:00:00Z');
    await bot.teams.say(county, 'koppla Länsgemensam samverkan');
    await bot.teams.say(ostersund, 'koppla Östersund');
    await bot.teams.say(krokom, 'koppla Krokom', BENGT);
  });

  /** An invoke from the meeting's chat (a group chat with the meeting in its channelData), as Teams posts it. */
  function meetingInvoke(name: string, value: unknown, as: Person) {
    return {
      type: 'invoke',
      name,
      id: randomUUID(),
      channelId: 'msteams',
      serviceUrl: bot.connector.url,
      from: as,
      recipient: BOT,
      conversation: { id: MEETING_CHAT, conversationType: 'groupChat', isGroup: true, tenantId: PLAN_TEAM.tenantId },
      channelData: { tenant: { id: PLAN_TEAM.tenantId }, meeting: { id: 'MCMxOTptZWV0aW5nX2FiYzEyMw==' } },
      replyToId: 'shared-card-1',
      value,
      locale: 'sv-SE',
    };
  }

  async function invoke(name: string, value: unknown, as: Person = ANNA): Promise<unknown> {
    const res = await fetch(`${bot.app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(meetingInvoke(name, value, as)) });
    assert.equal(res.status, 200, await res.clone().text());
    return res.json();
  }

  async function search(text: string, as: Person = ANNA): Promise<Attachment[]> {
    const body = (await invoke('composeExtension/query', { commandId: 'sokPlanen', parameters: [{ name: 'sok', value: text }], queryOptions: { skip: 0, count: 25 } }, as)) as ComposeBody;
    assert.equal(body.composeExtension?.type, 'result', `a result for "${text}": ${JSON.stringify(body).slice(0, 300)}`);
    assert.equal(body.composeExtension?.attachmentLayout, 'list');
    for (const a of body.composeExtension!.attachments!) {
      assert.equal(a.contentType, 'application/vnd.microsoft.card.adaptive');
      assertValidCard(a.content, `result for ${text}`);
      assert.equal(a.preview?.contentType, 'application/vnd.microsoft.card.thumbnail');
    }
    return body.composeExtension!.attachments!;
  }

  async function select(result: Attachment, as: Person = ANNA): Promise<Card> {
    const body = (await invoke('composeExtension/selectItem', result.preview!.content.tap!.value, as)) as ComposeBody;
    const card = body.composeExtension!.attachments![0]!.content;
    assertValidCard(card, 'selectItem');
    return card;
  }

  async function press(card: Card, title: string, as: Person, inputs: Record<string, unknown> = {}): Promise<Card> {
    const button = buttons(card).find((b) => b.title === title);
    assert.ok(button, `${title} on the card`);
    const body = (await invoke('adaptiveCard/action', { action: { type: 'Action.Execute', verb: button.verb, data: { ...button.data, ...inputValues(card), ...inputs } }, trigger: 'manual' }, as)) as { statusCode: number; value: Card };
    assert.equal(body.statusCode, 200);
    assertValidCard(body.value, `${title} in the meeting chat`);
    await bot.app.cardUpdates();
    return body.value;
  }

  it('"2.3" finds activity 2.3\'s sub-activities, honest about what nobody has followed up', async () => {
    const wanted = activity(2, 3);
    const results = await search('2.3');
    assert.deepEqual(results.map((r) => r.preview!.content.title), wanted.subActivities.map((d, i) => `2.3.${i + 1} ${d.title}`));
    for (const r of results) {
      const text = cardText(r.content);
      assert.match(text, new RegExp(wanted.title.slice(0, 40)));
      assert.match(text, /Länsövergripande \(Bilaga 1\) · 2\.3\.\d/);
      // The plan's 2023 prose is not today's status.
      assert.match(r.preview!.content.text!, /Ej uppföljd sedan planen antogs/);
      assert.match(text, /Status\nEj uppföljd sedan planen antogs/);
      assert.match(text, /Läget 23 nov\. 2026 10:00\. Öppna i planen för dagens läge\./);
    }
    // "2.3.1": that one alone.
    assert.deepEqual((await search('2.3.1')).map((r) => r.preview!.content.title), [`2.3.1 ${wanted.subActivities[0]!.title}`]);
  });

  it('"fasta kontakter" finds the items whose titles hold the words', async () => {
    const results = await search('fasta kontakter');
    assert.ok(results.length > 0);
    const titles = results.map((r) => r.preview!.content.title!);
    assert.ok(titles.includes(`2.1.1 ${activity(2, 1).subActivities[0]!.title}`), titles.join(' | '));
    for (const r of results) assert.match(cardText(r.content).toLowerCase(), /fasta kontakter/);
  });

  it('"Krokom" finds what Krokom follows up, with Krokom\'s own status', async () => {
    // Krokom follows up one item of Bilaga 1: that status, not the county's, is on its result.
    const first = activity(1, 1).subActivities[0]!;
    const list = (await bot.teams.say(krokom, 'aktiviteter 1', BENGT)).cards[0]!;
    const edit = await bot.teams.click(krokom, list, 'Uppdatera', {}, BENGT, { subActivityId: first.id });
    await bot.teams.click(krokom, edit, 'Spara', { status: 'pagar', comment: 'Startat i Krokom' }, BENGT);

    const results = await search('Krokom');
    assert.equal(results.length, 25, 'a full page of Krokom\'s items');
    for (const r of results) assert.match(r.preview!.content.text!, /Krokoms uppföljning av Bilaga 1/);
    const followed = results.find((r) => r.preview!.content.title === `1.1.1 ${first.title}`)!;
    assert.match(followed.preview!.content.text!, /Pågår/);
    assert.match(cardText(followed.content), /Bengt Berg/);
    assert.ok(results.filter((r) => r !== followed).every((r) => /Ej uppföljd sedan planen antogs/.test(r.preview!.content.text!)));
    // Nothing found: a sentence that says how to search, not an empty box.
    const none = (await invoke('composeExtension/query', { commandId: 'sokPlanen', parameters: [{ name: 'sok', value: 'zxqv' }] })) as ComposeBody;
    assert.equal(none.composeExtension?.type, 'message');
    assert.match(none.composeExtension!.text!, /Inget i planen matchar "zxqv"\. Skriv ett nummer ur planen/);
  });

  it('choosing a result inserts its full card, as it is when chosen, with Öppna i planen on the app\'s own domain', async () => {
    const sub = activity(2, 3).subActivities[0]!;
    const [result] = await search('2.3.1');
    // Someone updates it in the county channel between the search and the choice.
    const list = (await bot.teams.say(county, 'aktiviteter 2')).cards[0]!;
    const edit = await bot.teams.click(county, list, 'Uppdatera', {}, ANNA, { subActivityId: sub.id });
    clock.set('2026-11-23T10:30:00Z');
    await bot.teams.click(county, edit, 'Spara', { status: 'pagar', statusNote: 'Ansvarsfördelningen utreds', comment: 'Från Fredagsgruppen' });

    const card = await select(result!);
    const text = cardText(card);
    assert.match(text, new RegExp(sub.title.slice(0, 30)));
    assert.match(text, /Status\nPågår/);
    assert.match(text, /Anteckning\nAnsvarsfördelningen utreds/);
    assert.match(text, /Anna Andersson/);
    assert.match(text, /Läget 23 nov\. 2026 11:30/);
    const open = (card.actions as Array<{ type: string; title: string; url?: string }>).find((a) => a.title === 'Öppna i planen')!;
    assert.equal(open.type, 'Action.OpenUrl');
    // On the app's public address (PUBLIC_URL; in tests the configured 127.0.0.1).
    const short = new URL(open.url!);
    assert.equal(`${short.pathname}${short.search}`, `/l/handlingsplan?item=${sub.id}`);
    // The short address leads on to the tab (in Teams: the Teams deep link).
    const redirect = await fetch(`${bot.app.url}${short.pathname}${short.search}`, { redirect: 'manual' });
    assert.equal(redirect.status, 302);
    assert.match(redirect.headers.get('location')!, new RegExp(`/tab/index\\.html\\?view=handlingsplan&item=${sub.id}$`));
  });

  it('a person not in Östersund\'s channel gets no Uppdatera on Östersund\'s item, and is refused with a sentence when pressing it anyway', async () => {
    const forBengt = await search('2.3 Östersund', BENGT);
    assert.ok(forBengt.length > 0);
    for (const r of forBengt) assert.ok(!buttons(r.content).some((b) => b.title === 'Uppdatera'), 'no Uppdatera for Bengt');
    const forAnna = await search('2.3 Östersund', ANNA);
    for (const r of forAnna) assert.ok(buttons(r.content).some((b) => b.title === 'Uppdatera'), 'Uppdatera for Anna, who takes part in Östersund\'s channel');
    // Krokom's own item: Bengt may.
    assert.ok(buttons((await search('2.3 Krokom', BENGT))[0]!.content).some((b) => b.title === 'Uppdatera'));

    // Anna shares the card in the meeting; Bengt presses Uppdatera on it: refused, nothing changes.
    const shared = await select(forAnna[0]!, ANNA);
    const refused = await press(shared, 'Uppdatera', BENGT);
    assert.match(cardText(refused), /Det här får du inte ändra här/);
    assert.match(cardText(refused), /Aktiviteter för Östersund ändras i Östersunds kanal, eller här av den som är med i den kanalen\..*Ingenting har ändrats\./s);
  });

  it('Uppdatera on a card shared in a meeting goes through the same update, for those who may', async () => {
    const sub = activity(2, 3).subActivities[1]!;
    const [result] = (await search('2.3 Östersund')).filter((r) => r.preview!.content.title!.startsWith('2.3.2'));
    const shared = await select(result!);
    const form = await press(shared, 'Uppdatera', ANNA);
    assert.ok(buttons(form).some((b) => b.title === 'Spara'), cardText(form));
    const saved = await press(form, 'Spara', ANNA, { status: 'klar', comment: 'Beslutat på mötet' });
    assert.match(cardText(saved), /Sparat av Anna Andersson/);
    // In the meeting's chat there is no arena's list to lead to.
    assert.deepEqual(buttons(saved).map((b) => b.title).filter((t) => t !== 'Uppdatera kortet'), ['Uppdatera']);
    // The same store, the same history: what Östersund's channel sees now.
    const state = await bot.app.plan.arenaPlan({ id: 'ostersund', kind: 'municipality' });
    const after = state.bilaga1.flatMap((a) => a.subActivities).find((d) => d.id === sub.id)!;
    assert.equal(after.status, 'klar');
    assert.equal(after.updatedBy, 'Anna Andersson');
    const history = await bot.app.activities.history('ostersund', sub.id);
    assert.equal(history[0]?.comment, 'Beslutat på mötet');
  });

  it('a pasted link to the tab unfurls into a preview that says when it was made', async () => {
    const preview = async (url: string) => (await invoke('composeExtension/queryLink', { url })) as ComposeBody;
    const arenas = await preview(`${bot.app.url}/tab/index.html?view=arenor&arena=krokom`);
    assert.equal(arenas.composeExtension?.type, 'result');
    const card = arenas.composeExtension!.attachments![0]!.content;
    // Link previews render Adaptive Cards up to 1.3.
    assert.equal(card.version, '1.3');
    const parsed = new AC.AdaptiveCard();
    const context = new AC.SerializationContext(AC.Versions.v1_3);
    parsed.parse(card as unknown as object, context);
    assert.equal(context.eventCount, 0);
    const text = cardText(card);
    assert.match(text, /Arenor – Krokom/);
    assert.match(text, /Förhandsvisningen gjordes 23 nov\. 2026 10:00; öppna länken för dagens läge\./);

    // A short link to one item: its status.
    const sub = activity(2, 3).subActivities[0]!;
    const item = await preview(`${bot.app.url}/l/handlingsplan?item=${sub.id}`);
    const itemText = cardText(item.composeExtension!.attachments![0]!.content);
    assert.match(itemText, new RegExp(`2\\.3\\.1 ${sub.title.slice(0, 30)}`));
    assert.match(itemText, /Status\nEj uppföljd sedan planen antogs/);

    // Not a link to the plan: no preview (Teams shows the plain link).
    const other = await preview(`${bot.app.url}/api/healthz`);
    assert.equal(other.composeExtension, undefined);
  });

  it('renders the shared card and the link preview (test-results/cards/shared-item-*, link-preview-*)', async function () {
    this.timeout(60_000);
    const sub = activity(2, 3).subActivities[0]!;
    const shared = await select((await search('2.3.1'))[0]!);
    const preview = ((await invoke('composeExtension/queryLink', { url: `${bot.app.url}/l/handlingsplan?item=${sub.id}` })) as ComposeBody).composeExtension!.attachments![0]!.content;
    const camera = await new CardCamera().start();
    try {
      for (const theme of THEMES) {
        for (const [name, card] of [['shared-item', shared], ['link-preview', preview]] as const) {
          const shot = await camera.shoot(name, card, theme);
          assert.ok(shot.elements > 5, `${name} drew something`);
        }
      }
      assert.deepEqual(camera.takeErrors(), []);
    } finally {
      await camera.stop();
    }
  });
});
