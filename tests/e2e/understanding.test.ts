// What a coordinator writes, through /api/messages: names, numbers and questions are understood
// from anywhere in the sentence; a guess only offers; nothing is written or recorded that was not
// asked for with the exact word or a button; another arena's cards are read-only and their buttons
// show that arena; a group chat says what works there; saving from a list keeps the list.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { useBot } from '../helpers/botHarness';
import { TestClock } from '../helpers/clock';
import { BOT, PLAN_TEAM } from '../helpers/teamsActivity';
import { BENGT, buttons, cardText, channel, inputValues, type Card } from '../helpers/teamsClient';

const county = channel('Länsgemensam samverkan', '19:lan@thread.tacv2');
const berg = channel('Berg');
const ostersund = channel('Östersund');
const HOUR = 3_600_000;

describe('understanding what a coordinator writes', () => {
  const clock = new TestClock();
  const bot = useBot({}, () => ({ now: clock.now }));

  beforeEach(async () => {
    clock.set('2026-11-23T09:00:00Z');
    await bot.teams.say(county, 'koppla Länsgemensam samverkan');
    await bot.teams.say(berg, 'koppla Berg');
    await bot.teams.say(ostersund, 'koppla Östersund');
  });

  const titles = (card: Card) => buttons(card).map((b) => b.title);

  it('shows a municipality named alone, and never runs or records a meeting brief on a name near "agenda"', async () => {
    await bot.teams.say(ostersund, 'mötesunderlag');
    clock.advance(HOUR);
    for (const typed of ['Ragunda', 'Ragunda kommun', 'ragunda?']) {
      const reply = await bot.teams.say(ostersund, typed);
      assert.match(cardText(reply.cards[0]), /Status för Ragunda/, typed);
      assert.ok(!titles(reply.cards[0]!).includes('Uppdatera'), typed);
    }
    clock.advance(HOUR);
    const next = cardText((await bot.teams.say(ostersund, 'mötesunderlag')).cards[0]);
    assert.match(next, /Sedan förra mötesunderlaget 23 nov\. 2026 10:00/, 'the names moved no window');
  });

  it('reads a brief for a question without moving the window; the exact word starts a new one', async () => {
    await bot.teams.say(ostersund, 'mötesunderlag');
    clock.advance(HOUR);
    const question = await bot.teams.say(ostersund, 'vad har hänt sedan förra mötet?');
    assert.match(cardText(question.cards[0]), /Sedan förra mötesunderlaget 23 nov\. 2026 10:00/);
    assert.match(question.text ?? '', /nästa mötesunderlag utgår fortfarande från det förra/);
    clock.advance(HOUR);
    assert.match(cardText((await bot.teams.say(ostersund, 'mötesunderlag')).cards[0]), /Sedan förra mötesunderlaget 23 nov\. 2026 10:00/);
    clock.advance(HOUR);
    assert.match(cardText((await bot.teams.say(ostersund, 'mötesunderlag')).cards[0]), /Sedan förra mötesunderlaget 23 nov\. 2026 12:00/);
  });

  it('never links a channel on a guess: "öppna planen" and a near name only offer', async () => {
    const unlinked = channel('Nykanal');
    for (const typed of ['öppna planen', 'koppla Krokm', 'kopla Krokom']) {
      const reply = await bot.teams.say(unlinked, typed);
      assert.doesNotMatch(cardText(reply.cards[0]), /Kanalen är kopplad/, typed);
      assert.equal((await bot.app.channels.get(unlinked.channelId))?.arenaId, undefined, typed);
    }
    // The offer is a button that does what it says.
    const offer = await bot.teams.say(unlinked, 'kopla Krokom');
    const linked = await bot.teams.click(unlinked, offer.cards[0]!, 'koppla Krokom');
    assert.match(cardText(linked), /Kanalen är kopplad till Krokom/);
  });

  it("answers for the arena named anywhere in the sentence: the county's overdue list from Berg, read-only, paging through the county", async () => {
    for (const typed of ['försenat länet', 'vad är försenat för regionen?', 'Länets försenade aktiviteter']) {
      const reply = await bot.teams.say(berg, typed);
      const card = reply.cards[0]!;
      assert.match(cardText(card), /Försenat: länsövergripande aktiviteter/, typed);
      assert.match(reply.text ?? '', /Ändringar görs i kanalen för länsgemensam samverkan/, typed);
      assert.ok(!titles(card).includes('Uppdatera'), `${typed}: no Uppdatera on another arena's list`);
      assert.equal(buttons(card).find((b) => b.title === 'Status')!.data.command, 'status Länsgemensam samverkan');
      const page2 = await bot.teams.click(berg, card, 'Visa fler');
      assert.match(cardText(page2), /Försenat: länsövergripande aktiviteter[\s\S]*Sida 2 av/);
      assert.ok(!titles(page2).includes('Uppdatera'));
    }
    // A search in another arena's activities stays in that arena, read-only.
    const search = await bot.teams.say(berg, 'aktiviteter fasta kontakter länet');
    assert.match(cardText(search.cards[0]), /Aktiviteter med "fasta kontakter"[\s\S]*de länsövergripande aktiviteterna/);
    assert.ok(!titles(search.cards[0]!).includes('Uppdatera'));
    // Krokom's, with nothing followed up and so nothing known to be late, says so and its button shows Krokom.
    const krokom = (await bot.teams.say(berg, 'vilka är försenade i Krokom?')).cards[0]!;
    assert.match(cardText(krokom), /Försenat: Krokoms aktiviteter\nBolder\nMedium\nheading\nInget av det som har följts upp är försenat\. 33 delaktiviteter har inte följts upp sedan planen antogs/);
    assert.equal(buttons(krokom).find((b) => b.title === 'Status')!.data.command, 'status Krokom');
  });

  it('says so when a command shows only the own arena, and offers what shows the other', async () => {
    const reply = await bot.teams.say(berg, 'mått Krokom');
    assert.match(cardText(reply.cards[0]), /Mått visar jag för Berg/);
    assert.deepEqual(titles(reply.cards[0]!), ['Status Krokom', 'Försenat Krokom', 'Mått för Berg']);
  });

  it("shows no Uppdatera on the county's status from an arena, and its buttons show the county", async () => {
    clock.set('2027-03-01T09:00:00Z');
    const reply = await bot.teams.say(berg, 'status länet');
    const card = reply.cards[0]!;
    assert.match(cardText(card), /Status för Länsgemensam samverkan/);
    assert.ok(!titles(card).includes('Uppdatera'));
    const overdue = await bot.teams.click(berg, card, 'Visa försenade');
    assert.match(cardText(overdue), /Försenat: länsövergripande aktiviteter/);
    assert.ok(!titles(overdue).includes('Uppdatera'));
    // In the county's own channel the same status has them.
    const own = (await bot.teams.say(county, 'status')).cards[0]!;
    assert.match(cardText(own), /delaktiviteter har inte följts upp sedan planen antogs/);
    assert.ok(titles(await bot.teams.click(county, own, 'Visa försenade')).includes('Uppdatera'));
  });

  it('in personal chat, shows Uppdatera only to someone who takes part in the arena\'s channel', async () => {
    clock.set('2027-03-01T09:00:00Z');
    await bot.teams.sayPersonally('koppla Berg', BENGT);
    const outsider = (await bot.teams.sayPersonally('aktiviteter', BENGT)).cards[0]!;
    assert.match(cardText(outsider), /Bergs aktiviteter/);
    assert.ok(!titles(outsider).includes('Uppdatera'));
    await bot.teams.say(berg, 'status', BENGT);
    const member = (await bot.teams.sayPersonally('aktiviteter', BENGT)).cards[0]!;
    assert.ok(titles(member).includes('Uppdatera'));
  });

  it("reads the plan's numbers: the activity's rows, numbered", async () => {
    for (const typed of ['uppdatera 2.3', 'aktiviteter 2.3', 'Hur går det med 2.3?']) {
      const text = cardText((await bot.teams.say(county, typed)).cards[0]);
      assert.match(text, /2\.3 Säkerställa kontinuitet för personer med funktionsnedsättning/, typed);
      assert.match(text, /2\.3\.1 Ansvarsfördelning/, typed);
      assert.match(text, /2\.3\.2 Rutin för läkarmedverkan vid LSS-boenden/, typed);
      assert.doesNotMatch(text, /2\.2\.1|2\.4\.1/, typed);
    }
    const one = (await bot.teams.say(county, '2.3.2')).cards[0]!;
    assert.match(cardText(one), /2\.3\.2 Rutin för läkarmedverkan/);
    assert.doesNotMatch(cardText(one), /2\.3\.1/);
    // Its form carries the number too.
    assert.match(cardText(await bot.teams.click(county, one, 'Uppdatera')), /^2\.3\.2 · Säkerställa kontinuitet för personer med funktionsnedsättning/m);
    const none = cardText((await bot.teams.say(county, '7.9')).cards[0]);
    assert.match(none, /Planen har ingen aktivitet 7\.9/, none);
  });

  it('keeps a list a list: a save from page 2 comes back to page 2 for everyone, with what changed', async () => {
    const first = (await bot.teams.say(county, 'aktiviteter')).cards[0]!;
    const page2 = await bot.teams.click(county, first, 'Visa fler');
    assert.match(cardText(page2), /Sida 2 av (\d+)/);
    const pages = /Sida 2 av (\d+)/.exec(cardText(page2))![1];
    const edit = buttons(page2).find((b) => b.title === 'Uppdatera')!;
    const form = await bot.teams.execute(county, edit.verb, edit.data);
    assert.match(cardText(form), /Spara och Avbryt leder tillbaka till listan, sida 2\./);
    const before = bot.connector.calls.length;
    const saved = await bot.teams.click(county, form, 'Spara', { status: 'klar', comment: 'Klart i oktober' });
    const text = cardText(saved);
    assert.match(text, new RegExp(`Sida 2 av ${pages}\\.`));
    assert.match(text, /Sparat av Anna Andersson: .+: ändrade status från .+ till Klar, 23 nov: "Klart i oktober"\./);
    // The same list replaces the message for everyone, not the one item.
    const shared = bot.connector.calls.slice(before).find((c) => c.method === 'PUT');
    assert.ok(shared, 'the list is updated for everyone');
    const sharedCard = (shared.body.attachments as Array<{ content: Card }>)[0]!.content;
    assert.match(cardText(sharedCard), new RegExp(`Sida 2 av ${pages}\\.`));
    assert.ok(buttons(sharedCard).filter((b) => b.title === 'Uppdatera').length > 1);
  });

  it('offers at most three buttons built from every word, each doing what it says', async () => {
    const reply = await bot.teams.say(berg, 'Kan vi få ett mötesundrlag?');
    const card = reply.cards[0]!;
    assert.match(cardText(card), /Menade du/);
    assert.ok(titles(card).length <= 3);
    const brief = await bot.teams.click(berg, card, 'mötesunderlag');
    assert.match(cardText(brief), /Mötesunderlag: Berg/);
  });

  it('points to the yearly report in the tab', async () => {
    const card = (await bot.teams.say(berg, 'exportera till excel')).cards[0]!;
    assert.match(cardText(card), /Årsrapport/);
    assert.ok(JSON.stringify(card).includes('Action.OpenUrl'));
  });

  it('answers in a group chat with what works there and how to reach the plan', async () => {
    const say = async (text: string) => {
      const before = bot.connector.calls.length;
      const res = await fetch(`${bot.app.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          id: randomUUID(),
          channelId: 'msteams',
          serviceUrl: bot.connector.url,
          from: { id: '29:anna', aadObjectId: 'aad-anna', name: 'Anna Andersson' },
          recipient: BOT,
          conversation: { id: '19:groupchat@thread.v2', conversationType: 'groupChat', isGroup: true, tenantId: PLAN_TEAM.tenantId },
          text,
          channelData: { tenant: { id: PLAN_TEAM.tenantId } },
        }),
      });
      assert.equal(res.status, 200);
      return bot.connector.calls.slice(before).flatMap((c) => ((c.body.attachments as Array<{ content: Card }> | undefined) ?? []).map((a) => a.content));
    };
    const status = (await say('status'))[0]!;
    assert.match(cardText(status), /planens kanaler[\s\S]*personlig chatt/);
    assert.ok(JSON.stringify(status).includes('Action.OpenUrl'), 'a way to the plan');
    const help = (await say('hjälp'))[0]!;
    assert.match(cardText(help), /I en gruppchatt kan jag bara visa hjälpen/);
    assert.deepEqual(titles(help), [], 'no buttons that would not work here');
  });

  it('says the limit of a note in its label, and refuses a longer one with a sentence, giving it back whole', async () => {
    const list = (await bot.teams.say(county, 'aktiviteter 1')).cards[0]!;
    const form = await bot.teams.click(county, list, 'Uppdatera');
    assert.match(cardText(form), /Statusanteckning \(läget just nu, visas på kortet; högst 2\s000 tecken\)/);
    const long = 'Lång anteckning om läget. '.repeat(200).trim();
    assert.ok(long.length > 5000);
    const answer = await bot.teams.click(county, form, 'Spara', { statusNote: long });
    assert.match(cardText(answer), /Statusanteckningen får vara högst 2\u00a0000 tecken/);
    assert.equal(inputValues(answer).statusNote, long, 'nothing typed is cut');
    assert.doesNotMatch(cardText(answer), /Sparat av/);
  });
});
