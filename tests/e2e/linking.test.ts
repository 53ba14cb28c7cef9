// Installing the bot, linking channels to arenas, help and anything the bot does not understand.
import assert from 'node:assert/strict';
import { useBot } from '../helpers/botHarness';
import { ANNA, BENGT, buttons, cardText, channel } from '../helpers/teamsClient';
import { PLAN_TEAM } from '../helpers/teamsActivity';

describe('linking a channel to its arena', () => {
  const bot = useBot();
  const ostersund = channel('Östersund');

  it('asks every channel of the team which arena it belongs to when the bot is installed', async () => {
    bot.connector.teamChannels = [{ id: PLAN_TEAM.teamId, name: 'Allmänt' }, { id: ostersund.channelId, name: 'Östersund' }];
    await bot.teams.install();
    const posts = bot.connector.calls.filter((c) => c.method === 'POST');
    assert.deepEqual(posts.map((p) => p.conversationId).sort(), [PLAN_TEAM.teamId, ostersund.channelId].sort());
    for (const post of posts) {
      const card = (post.body.attachments as Array<{ content: unknown }>)[0]!.content;
      assert.match(cardText(card), /Vilken arena hör kanalen till\?/);
      for (const name of ['Berg', 'Bräcke', 'Härjedalen', 'Krokom', 'Ragunda', 'Strömsund', 'Åre', 'Östersund', 'Länsgemensam samverkan']) {
        assert.match(cardText(card), new RegExp(name));
      }
    }
    const stored = await bot.app.channels.get(ostersund.channelId);
    assert.equal(stored?.channelName, 'Östersund');
    assert.equal(stored?.arenaId, undefined);
  });

  it('links the channel from the card and keeps the link across a restart', async () => {
    bot.connector.teamChannels = [{ id: ostersund.channelId, name: 'Östersund' }];
    await bot.teams.install();
    const card = (bot.connector.replies[0]!.attachments as Array<{ content: Record<string, unknown> }>)[0]!.content;
    const linked = await bot.teams.click(ostersund, card, 'Koppla kanalen', { arenaId: 'ostersund' });
    assert.match(cardText(linked), /Kanalen är kopplad till Östersund/);
    assert.equal((await bot.app.channels.get(ostersund.channelId))?.arenaId, 'ostersund');
    assert.equal((await bot.app.channels.get(ostersund.channelId))?.linkedBy, ANNA.name);
    await bot.restart();
    assert.match(cardText((await bot.teams.say(ostersund, 'hjälp')).cards[0]), /Den här kanalen följer upp Östersund\./);
  });

  it('links by text, whatever the case and with or without å, ä, ö', async () => {
    for (const typed of ['koppla Östersund', 'KOPPLA östersund', 'koppla Ostersund']) {
      const reply = await bot.teams.say(ostersund, typed);
      assert.match(cardText(reply.cards[0]), /Kanalen är kopplad till Östersund/, typed);
    }
    const are = channel('Åre');
    assert.match(cardText((await bot.teams.say(are, 'koppla are')).cards[0]), /Kanalen är kopplad till Åre/);
  });

  it('answers an unknown arena name with the valid ones and changes nothing', async () => {
    const reply = await bot.teams.say(ostersund, 'koppla Sundsvall');
    const text = cardText(reply.cards[0]);
    assert.match(text, /ingen arena som heter "Sundsvall"/);
    for (const name of ['Berg', 'Bräcke', 'Härjedalen', 'Krokom', 'Ragunda', 'Strömsund', 'Åre', 'Östersund']) assert.match(text, new RegExp(name));
    assert.equal((await bot.app.channels.get(ostersund.channelId))?.arenaId, undefined);
  });

  it('asks for confirmation before re-linking, and re-links only when confirmed', async () => {
    await bot.teams.say(ostersund, 'koppla Östersund');
    const ask = await bot.teams.say(ostersund, 'koppla Krokom');
    assert.match(cardText(ask.cards[0]), /kopplad till Östersund\. Vill du koppla den till Krokom i stället\?/);
    assert.equal((await bot.app.channels.get(ostersund.channelId))?.arenaId, 'ostersund');

    const kept = await bot.teams.click(ostersund, ask.cards[0]!, /Nej, behåll Östersund/, {});
    assert.match(cardText(kept), /Kanalen är fortfarande kopplad till Östersund\./);
    assert.equal((kept.body as unknown[]).length, 1);
    assert.deepEqual(kept.actions ?? [], []);
    assert.equal((await bot.app.channels.get(ostersund.channelId))?.arenaId, 'ostersund');

    const done = await bot.teams.click(ostersund, ask.cards[0]!, /Ja, koppla till Krokom/, {});
    assert.match(cardText(done), /Kanalen är kopplad till Krokom/);
    assert.equal((await bot.app.channels.get(ostersund.channelId))?.arenaId, 'krokom');
  });

  it('does not apply a confirmation from a card that is out of date', async () => {
    await bot.teams.say(ostersund, 'koppla Östersund');
    const ask = await bot.teams.say(ostersund, 'koppla Krokom');
    await bot.teams.say(ostersund, 'koppla Berg');
    const berg = await bot.teams.say(ostersund, 'koppla Berg');
    assert.match(cardText(berg.cards[0]), /Vill du koppla den till Berg/);
    await bot.teams.click(ostersund, berg.cards[0]!, /Ja, koppla till Berg/);
    const stale = await bot.teams.click(ostersund, ask.cards[0]!, /Ja, koppla till Krokom/);
    assert.match(cardText(stale), /kopplad till Berg\. Vill du koppla den till Krokom/);
    assert.equal((await bot.app.channels.get(ostersund.channelId))?.arenaId, 'berg');
  });

  it('refuses a tampered link card and changes nothing', async () => {
    await bot.teams.say(ostersund, 'koppla Östersund');
    for (const data of [{ arenaId: 'sundsvall' }, { arenaId: "ostersund' or '1'='1" }, { arenaId: 42 }, {}]) {
      const card = await bot.teams.execute(ostersund, 'link', data);
      assert.match(cardText(card), /Välj en arena/);
    }
    assert.equal((await bot.app.channels.get(ostersund.channelId))?.arenaId, 'ostersund');
  });

  it('handles a deleted channel and a removed bot without errors', async () => {
    await bot.teams.say(ostersund, 'koppla Östersund');
    assert.equal(await bot.teams.channelEvent('channelDeleted', ostersund), 200);
    assert.equal((await bot.app.channels.get(ostersund.channelId))?.state, 'removed');
    assert.equal(await bot.teams.botRemoved(), 200);
    assert.equal(await bot.teams.channelEvent('channelDeleted', channel('Okänd')), 200);
  });

  it('asks a new channel which arena it belongs to', async () => {
    const ragunda = channel('Ragunda');
    await bot.teams.channelEvent('channelCreated', ragunda);
    const post = bot.connector.calls.find((c) => c.method === 'POST' && c.conversationId === ragunda.channelId);
    assert.ok(post, 'a card was posted in the new channel');
    assert.match(cardText(post.body), /Vilken arena hör kanalen till\?/);
  });
});

describe('re-linking without PROJECT_LEADER_IDS: the first link makes its person project leader', () => {
  const bot = useBot();
  const ostersund = channel('Östersund');
  const krokom = channel('Krokom');

  it("refuses a member who is no project leader another arena's channel, says who can, and changes nothing", async () => {
    assert.match(cardText((await bot.teams.say(ostersund, 'koppla Östersund')).cards[0]), /Kanalen är kopplad till Östersund/);
    // Linking a channel nobody has linked stays open to the team.
    assert.match(cardText((await bot.teams.say(krokom, 'koppla Krokom', BENGT)).cards[0]), /Kanalen är kopplad till Krokom/);

    // The Krokom member tries to take Östersund's channel: by text, by a confirmation card, and his own channel to Östersund.
    const refused = await bot.teams.say(ostersund, 'koppla Krokom', BENGT);
    assert.match(cardText(refused.cards[0]), /Det är planens projektledare som kopplar om kanaler/);
    assert.match(cardText(refused.cards[0]), /Kanalen är kopplad till Östersund\. Planens projektledare är Anna Andersson .*Ingenting har ändrats\./);
    const forged = await bot.teams.execute(ostersund, 'link', { arenaId: 'krokom', confirm: true, etag: '*' }, BENGT);
    assert.match(cardText(forged), /Planens projektledare är Anna Andersson/);
    const own = await bot.teams.say(krokom, 'koppla Östersund', BENGT);
    assert.match(cardText(own.cards[0]), /Kanalen är kopplad till Krokom\. Planens projektledare är Anna Andersson/);
    assert.equal((await bot.app.channels.get(ostersund.channelId))?.arenaId, 'ostersund');
    assert.equal((await bot.app.channels.get(krokom.channelId))?.arenaId, 'krokom');

    // hjälp says who the project leader is, also after a restart.
    await bot.restart();
    assert.match(cardText((await bot.teams.say(krokom, 'hjälp', BENGT)).cards[0]), /Planens projektledare är Anna Andersson \(kopplade teamets första kanal\)\./);

    // The project leader may re-link (with confirmation).
    const ask = await bot.teams.say(krokom, 'koppla Östersund');
    const done = await bot.teams.click(krokom, ask.cards[0]!, /Ja, koppla till Östersund/, {});
    assert.match(cardText(done), /Kanalen är kopplad till Östersund/);
    assert.equal((await bot.app.channels.get(krokom.channelId))?.arenaId, 'ostersund');
  });

  it('lets only a project leader name others, by @mention, and says who can to anyone else', async () => {
    const CECILIA = { id: '29:cecilia', aadObjectId: 'aad-cecilia', name: 'Cecilia Ceder' };
    await bot.teams.say(ostersund, 'koppla Östersund'); // Anna links first: project leader
    await bot.teams.say(krokom, 'koppla Krokom', BENGT);

    // Bengt is no project leader: he cannot name himself or anyone else.
    const refused = cardText((await bot.teams.say(krokom, 'projektledare lägg till', BENGT, [BENGT])).cards[0]);
    assert.match(refused, /Det är planens projektledare som utser projektledare[\s\S]*Planens projektledare är Anna Andersson \(kopplade teamets första kanal\)\. Be en av dem\. Ingenting har ändrats\./);
    assert.deepEqual((await bot.app.channels.projectLeaders()).map((l) => l.id), ['aad-anna']);

    // Anna names Bengt (Teams sends his Teams id and name; the bot looks up his Entra id).
    const named = cardText((await bot.teams.say(ostersund, 'projektledare lägg till', ANNA, [BENGT])).cards[0]);
    assert.match(named, /Bengt Berg är nu projektledare/);
    assert.match(named, /Planens projektledare är Anna Andersson och Bengt Berg\./);
    // Now Bengt may re-link a channel, and name others.
    const ask = await bot.teams.say(ostersund, 'koppla Krokom', BENGT);
    assert.match(cardText(ask.cards[0]), /Ja, koppla till Krokom/);
    assert.match(cardText((await bot.teams.say(krokom, 'projektledare lägg till', BENGT, [CECILIA])).cards[0]), /Cecilia Ceder är nu projektledare/);
    assert.match(cardText((await bot.teams.say(krokom, 'projektledare lägg till', BENGT, [CECILIA])).cards[0]), /Cecilia Ceder är redan projektledare\. Ingenting har ändrats\./);
    // Without a mention: nothing changes, and it says how.
    assert.match(cardText((await bot.teams.say(krokom, 'projektledare lägg till', BENGT)).cards[0]), /Nämn en person med @ .*Ingenting har ändrats\./);

    // hjälp and the tab show them all; removing one leaves the others.
    assert.match(cardText((await bot.teams.say(krokom, 'hjälp', BENGT)).cards[0]), /Planens projektledare är Anna Andersson, Bengt Berg och Cecilia Ceder\./);
    assert.match(cardText((await bot.teams.say(krokom, 'projektledare ta bort', CECILIA, [ANNA])).cards[0]), /Anna Andersson är inte längre projektledare/);
    const me = (await (await fetch(`${bot.app.url}/api/me`)).json()) as { projectLeaders: string };
    assert.equal(me.projectLeaders, 'Planens projektledare är Bengt Berg och Cecilia Ceder.');
    assert.match(cardText((await bot.teams.say(krokom, 'projektledare ta bort', BENGT, [ANNA])).cards[0]), /Anna Andersson är inte projektledare\. Ingenting har ändrats\./);
    await bot.teams.say(krokom, 'projektledare ta bort', BENGT, [CECILIA]);
    assert.match(cardText((await bot.teams.say(krokom, 'projektledare ta bort', BENGT, [BENGT])).cards[0]), /Bengt Berg är planens enda projektledare: lägg först till en annan\. Ingenting har ändrats\./);
    assert.match(cardText((await bot.teams.say(krokom, 'projektledare', ANNA)).cards[0]), /Planens projektledare är Bengt Berg \(utsedd av Anna Andersson\)\./);
  });

  it('says in hjälp how a project leader comes about while nobody has linked a channel', async () => {
    assert.match(cardText((await bot.teams.say(krokom, 'hjälp', BENGT)).cards[0]), /Ingen projektledare är utsedd ännu: den som kopplar teamets första kanal blir projektledare/);
  });
});

describe('help', () => {
  const bot = useBot();
  const berg = channel('Berg');

  it('shows what the bot can do, with buttons for the common actions', async () => {
    await bot.teams.say(berg, 'koppla Berg');
    for (const word of ['hjälp', 'help', 'Hjälp']) {
      const reply = await bot.teams.say(berg, word);
      const text = cardText(reply.cards[0]);
      assert.match(text, /Gemensam plan för primärvårdsnivå i Jämtland Härjedalen/);
      assert.match(text, /Den här kanalen följer upp Berg\./);
      for (const command of ['status', 'aktiviteter', 'mått', 'ny aktivitet', 'påminnelser', 'koppla']) assert.match(text, new RegExp(command));
      assert.deepEqual(buttons(reply.cards[0]!).map((b) => b.title), ['Status', 'Försenat', 'Aktiviteter', 'Mått']);
    }
  });

  it('answers anything else with one line and two or three "Menade du …?" buttons', async () => {
    await bot.teams.say(berg, 'koppla Berg');
    const reply = await bot.teams.say(berg, 'vad är klockan?');
    assert.equal(reply.cards.length, 1);
    assert.match(cardText(reply.cards[0]), /Jag förstod inte "vad är klockan\?"\. Menade du …\?/);
    const offered = buttons(reply.cards[0]!);
    assert.ok(offered.length >= 2 && offered.length <= 3, offered.map((b) => b.title).join(', '));
    const status = await bot.teams.click(berg, reply.cards[0]!, 'status');
    assert.match(cardText(status), /Status för Berg/);
  });

  it('suggests linking first in a channel nobody has linked', async () => {
    const reply = await bot.teams.say(channel('Olänkad'), 'vad är klockan?');
    assert.equal(buttons(reply.cards[0]!)[0]!.title, 'koppla');
    const link = await bot.teams.click(channel('Olänkad'), reply.cards[0]!, 'koppla');
    assert.match(cardText(link), /Vilken arena hör kanalen till\?/);
  });

  it("shows a name alone as that arena's status, and never links on it", async () => {
    await bot.teams.say(berg, 'koppla Berg');
    const reply = await bot.teams.say(berg, 'Krokom');
    assert.match(cardText(reply.cards[0]), /Status för Krokom/);
    assert.equal((await bot.app.channels.get(berg.channelId))?.arenaId, 'berg');
    // Read-only: no Uppdatera, and its buttons show Krokom.
    assert.ok(!buttons(reply.cards[0]!).some((b) => b.title === 'Uppdatera'));
    const list = await bot.teams.click(berg, reply.cards[0]!, 'Visa aktiviteter');
    assert.match(cardText(list), /Krokoms aktiviteter/);
    assert.ok(!buttons(list).some((b) => b.title === 'Uppdatera'));
  });

  it('offers a near miss of a name, and links only on a button', async () => {
    await bot.teams.say(berg, 'koppla Berg');
    const reply = await bot.teams.say(berg, 'koppla Krokm');
    assert.deepEqual(buttons(reply.cards[0]!).map((b) => b.title), ['koppla Krokom', 'status Krokom', 'Visa allt jag kan']);
    assert.equal((await bot.app.channels.get(berg.channelId))?.arenaId, 'berg');
  });

  it('answers thanks with a short friendly line', async () => {
    const reply = await bot.teams.say(berg, 'tack!');
    assert.equal(reply.cards.length, 0);
    assert.match(reply.text ?? '', /^Varsågod!/);
  });

  it('links by the words people use: the county by its other names, a municipality with "kommun"', async () => {
    for (const [typed, name] of [['koppla länet', 'Länsgemensam samverkan'], ['koppla Östersunds kommun', 'Östersund'], ['koppla regionen', 'Länsgemensam samverkan'], ['koppla Åre kommun', 'Åre']] as const) {
      const ch = channel(`K${typed.length}${name}`);
      const reply = await bot.teams.say(ch, typed);
      assert.match(cardText(reply.cards[0]), new RegExp(`Kanalen är kopplad till ${name}`), `${typed}: ${cardText(reply.cards[0])}`);
    }
  });

  it("shows another arena's status read-only, and a strategy's status", async () => {
    await bot.teams.say(berg, 'koppla Berg');
    const other = await bot.teams.say(berg, 'status Östersund');
    assert.match(other.text ?? '', /Så här ser det ut för Östersund\. Ändringar görs i Östersunds kanal\./);
    assert.match(cardText(other.cards[0]), /Status för Östersund/);
    const strategy = await bot.teams.say(berg, 'hur går det för kontinuitet');
    assert.match(cardText(strategy.cards[0]), /Ökad kontinuitet/);
  });

  it('tells an unlinked channel how to link it', async () => {
    const reply = await bot.teams.say(berg, 'status');
    assert.match(reply.text ?? '', /inte kopplad/);
    assert.match(cardText(reply.cards[0]), /Vilken arena hör kanalen till\?/);
  });

  it('asks in personal chat which arena to follow', async () => {
    const reply = await bot.teams.sayPersonally('status');
    assert.match(cardText(reply.cards[0]), /Vilken arena vill du följa\?/);
    const chosen = await bot.teams.click('personal', reply.cards[0]!, 'Välj arena', { arenaId: 'bracke' });
    assert.match(cardText(chosen), /Du följer nu Bräcke/);
  });
});
