// "Hela formuläret" on a list card (the follow-up round's card, the stale reminder) opens the full
// edit form in the same message; its Spara and Avbryt lead back to that list card, at the page it
// was on, end to end through /api/messages. From anywhere else the form works as before.
import assert from 'node:assert/strict';
import { useBot } from '../helpers/botHarness';
import { CardCamera } from '../helpers/cardScreenshot';
import { TestClock } from '../helpers/clock';
import { ANNA, buttons, cardText, channel, inputValues, type Card } from '../helpers/teamsClient';

const county = channel('Länsgemensam samverkan', '19:lan@thread.tacv2');
const ostersund = channel('Östersund', '19:ostersund@thread.tacv2');

/** Monday 30 November 2026, 09:15 in Stockholm: the channels' default delivery hour. */
const MONDAY = '2026-11-30T08:15:00.000Z';

describe('Hela formuläret leads back to the list card it came from', function () {
  this.timeout(60_000);
  const clock = new TestClock();
  const bot = useBot({}, () => ({ now: clock.now }));

  beforeEach(async () => {
    clock.set('2026-11-25T09:00:00Z');
    await bot.teams.say(county, 'koppla Länsgemensam samverkan');
    await bot.teams.say(ostersund, 'koppla Östersund');
    bot.connector.reset();
  });

  /** The cards the bot posted on its own (not answers) in a channel. */
  function posted(place: { channelId: string }): Card[] {
    return bot.connector.calls
      .filter((c) => c.method === 'POST' && /\/activities/.test(c.path) && c.conversationId === place.channelId)
      .map((c) => (c.body.attachments as Array<{ content: Card }> | undefined)?.[0]?.content)
      .filter((c): c is Card => c !== undefined);
  }

  /** Messages the bot replaced for everyone (updateActivity). */
  const replaced = () => bot.connector.calls.filter((c) => c.method === 'PUT');

  /** The county opens the round; Östersund's card, as posted in its channel, at page 2. */
  async function roundPage2(): Promise<Card> {
    const form = (await bot.teams.say(county, 'uppföljning')).cards[0]!;
    await bot.teams.click(county, form, 'Öppna', { roundLastDay: '2026-12-04' });
    const card = posted(ostersund)[0]!;
    const page2 = await bot.teams.click(ostersund, card, 'Visa fler');
    assert.match(cardText(page2), /Visar 9–16 av \d+/);
    return page2;
  }

  /** The item as it stands now: Östersund's own follow-up, or the county's. */
  async function stored(scopeId: 'ostersund' | 'lan', id: string) {
    const arena = (await bot.app.plan.content()).arenas.find((a) => a.id === scopeId)!;
    const activities = scopeId === 'lan' ? await bot.app.plan.scope('lan') : Object.values(await bot.app.plan.arenaPlan(arena)).flat();
    return activities.flatMap((a) => a.subActivities).find((d) => d.id === id)!;
  }

  /** The title of the item whose buttons carry this id, as the list card shows it. */
  const itemTitle = (form: Card) => cardText(form).match(/Uppdatera: (.*)/)![1]!;

  const back = (form: Card) => buttons(form).filter((b) => b.title === 'Spara' || b.title === 'Avbryt').map((b) => `${b.title} ${b.verb}`);

  it('from the round card at page 2: Avbryt shows page 2 unchanged, Spara shows page 2 with the success line, a stale form comes back with what was typed', async () => {
    const page2 = await roundPage2();
    const full = buttons(page2).find((b) => b.title === 'Hela formuläret')!;
    const id = String(full.data.subActivityId);
    const before = await stored('ostersund', id);

    const form = await bot.teams.click(ostersund, page2, 'Hela formuläret', {}, ANNA, { subActivityId: id });
    const title = itemTitle(form);
    assert.match(cardText(form), /Spara och Avbryt leder tillbaka till uppföljningen, sida 2\./);
    assert.deepEqual(back(form), ['Spara roundSaveForm', 'Avbryt roundPage']);

    // Avbryt, after typing: the round card again, at page 2, as it was; nothing is saved.
    const cancelled = await bot.teams.click(ostersund, form, 'Avbryt', { status: 'klar', statusNote: 'Inte sparat' });
    assert.deepEqual(cancelled, page2, 'the same card, at the same page');
    assert.deepEqual(await stored('ostersund', id), before, 'nothing saved');

    // Again, with a new status: saved through the one update path, and page 2 comes back with the line.
    clock.set('2026-11-25T09:10:00Z');
    const again = await bot.teams.click(ostersund, cancelled, 'Hela formuläret', {}, ANNA, { subActivityId: id });
    const saved = await bot.teams.click(ostersund, again, 'Spara', { status: 'klar', statusNote: 'Rutinen är på plats', comment: 'Klar under året' });
    assert.match(cardText(saved), new RegExp(`^Sparat av Anna Andersson: ${escape(title)} – Klar\\.$`, 'm'));
    assert.match(cardText(saved), /Uppföljning 2026: Östersund/);
    assert.match(cardText(saved), /Visar 9–16 av \d+/, 'still page 2');
    assert.ok(buttons(saved).some((b) => b.title === 'Lämna in'), 'the whole card, with Lämna in');
    const after = await stored('ostersund', id);
    assert.deepEqual([after.status, after.statusNote, after.updatedAt], ['klar', 'Rutinen är på plats', '2026-11-25T09:10:00.000Z']);
    assert.equal((await bot.app.activities.history('ostersund', id))[0]!.comment, 'Klar under året');
    // The round card is news for the one who saved; the channel's post stays the round card for everyone.
    assert.deepEqual(replaced(), []);
    // The saved item is up to date now: it is no longer among those "ej uppdaterad under perioden".
    const summary = (card: Card) => Number(cardText(card).match(/(\d+) av \d+ delaktiviteter har inte uppdaterats/)![1]);
    assert.equal(summary(saved), summary(page2) - 1);

    // The form from before that save is out of date: it comes back with what was typed, still leading back.
    const conflict = await bot.teams.click(ostersund, again, 'Spara', { status: 'avbruten', statusNote: 'Mitt förslag', comment: 'Min kommentar' });
    assert.match(cardText(conflict), /Någon annan hann spara innan dig/);
    assert.deepEqual(
      [inputValues(conflict).status, inputValues(conflict).statusNote, inputValues(conflict).comment],
      ['avbruten', 'Mitt förslag', 'Min kommentar'],
    );
    assert.match(cardText(conflict), /Spara och Avbryt leder tillbaka till uppföljningen, sida 2\./);
    assert.equal((await stored('ostersund', id)).status, 'klar', 'nothing is overwritten');
    const fromConflict = await bot.teams.click(ostersund, conflict, 'Avbryt');
    assert.match(cardText(fromConflict), /Visar 9–16 av \d+/);
    assert.doesNotMatch(cardText(fromConflict), /Sparat av/);
  });

  it('from the round card: an answer the use case refuses brings the form back with the typed values', async () => {
    const page2 = await roundPage2();
    const full = buttons(page2).find((b) => b.title === 'Hela formuläret')!;
    const before = await stored('ostersund', String(full.data.subActivityId));
    const form = await bot.teams.click(ostersund, page2, 'Hela formuläret', {}, ANNA, full.data);
    const refused = await bot.teams.click(ostersund, form, 'Spara', { status: 'pagar', statusNote: 'x'.repeat(5000) });
    assert.match(cardText(refused), /Rätta det som står nedan och spara igen/);
    assert.equal(inputValues(refused).status, 'pagar');
    assert.deepEqual(back(refused), ['Spara roundSaveForm', 'Avbryt roundPage']);
    assert.deepEqual(await stored('ostersund', String(full.data.subActivityId)), before, 'nothing saved');
  });

  it('from the stale reminder: Avbryt shows the post again, Spara shows it with the line and without the item, a stale form comes back', async () => {
    clock.set(MONDAY);
    await bot.app.reminderSweep.run({ at: new Date(MONDAY) });
    const post = posted(county)[0]!;
    assert.match(cardText(post), /3 påminnelser om uppföljning/);
    const full = buttons(post).find((b) => b.title === 'Hela formuläret')!;
    const id = String(full.data.subActivityId);

    const form = await bot.teams.click(county, post, 'Hela formuläret', {}, ANNA, { subActivityId: id });
    const title = itemTitle(form);
    assert.match(cardText(form), /Spara och Avbryt leder tillbaka till påminnelsen\./);
    assert.deepEqual(back(form), ['Spara saveFormFromDigest', 'Avbryt showDigest']);

    const before = await stored('lan', id);
    const cancelled = await bot.teams.click(county, form, 'Avbryt', { statusNote: 'Inte sparat' });
    assert.equal(cardText(cancelled), cardText(post), 'the whole post again, unchanged');
    assert.deepEqual(await stored('lan', id), before, 'nothing saved');

    clock.set('2026-11-30T08:20:00Z');
    const again = await bot.teams.click(county, cancelled, 'Hela formuläret', {}, ANNA, { subActivityId: id });
    const saved = await bot.teams.click(county, again, 'Spara', { status: 'pagar', statusNote: 'Arbetet har kommit i gång', comment: 'Efter påminnelsen' });
    assert.match(cardText(saved), new RegExp(`^Sparat av Anna Andersson: ${escape(title)} – Pågår\\.$`, 'm'));
    assert.ok(!buttons(saved).some((b) => b.data.subActivityId === id), 'the saved activity has left the reminder');
    assert.equal(buttons(saved).filter((b) => b.verb === 'saveFromDigest').length, 5, 'the next one moved up');
    assert.match(cardText(saved), /Planen ska revideras 1 december 2026/, 'the post\'s other parts are there');
    assert.deepEqual([(await stored('lan', id)).status, (await bot.app.activities.history('lan', id))[0]!.comment], ['pagar', 'Efter påminnelsen']);

    const conflict = await bot.teams.click(county, again, 'Spara', { status: 'klar', statusNote: 'Mitt förslag' });
    assert.match(cardText(conflict), /Någon annan hann spara innan dig/);
    assert.deepEqual([inputValues(conflict).status, inputValues(conflict).statusNote], ['klar', 'Mitt förslag']);
    assert.deepEqual(back(conflict), ['Spara saveFormFromDigest', 'Avbryt showDigest']);
    assert.equal((await stored('lan', id)).status, 'pagar');
  });

  it('from the activity list it leads back to the list; with an origin it cannot read, the form works as before', async () => {
    const list = (await bot.teams.say(ostersund, 'aktiviteter')).cards[0]!;
    const open = buttons(list).find((b) => b.verb === 'editSubActivity')!;
    const id = String(open.data.subActivityId);
    const form = await bot.teams.click(ostersund, list, open.title, {}, ANNA, { subActivityId: id });
    assert.match(cardText(form), /Spara och Avbryt leder tillbaka till listan\./);
    assert.deepEqual(back(form), ['Spara listSaveForm', 'Avbryt listActivities']);
    const cancelled = await bot.teams.click(ostersund, form, 'Avbryt');
    assert.ok(buttons(cancelled).some((b) => b.title === 'Uppdatera' && b.data.subActivityId === id), 'the list, with the item');
    const saved = await bot.teams.click(ostersund, form, 'Spara', { status: 'pagar' });
    assert.match(cardText(saved), /^Sparat av Anna Andersson: .+: ändrade status från .+ till Pågår, /m);
    assert.equal(replaced().length, 1, 'the list, at its page, replaces the message for everyone');

    for (const from of ['round', { card: 'round', roundId: "2026' or '1'='1", page: 1 }, { card: 'round', roundId: '2026', page: -3 }, { card: 'elsewhere' }, { card: 'digest', digest: 'x'.repeat(3000) }, null]) {
      const odd = await bot.teams.execute(ostersund, 'editSubActivity', { scopeId: 'ostersund', subActivityId: id, from });
      assert.deepEqual(back(odd), ['Spara saveSubActivity', 'Avbryt showSubActivity'], JSON.stringify(from));
    }
  });

  it('renders the form from the round card and the reminder, and the cards it leads back to, in light and dark', async () => {
    const page2 = await roundPage2();
    const full = buttons(page2).find((b) => b.title === 'Hela formuläret')!;
    const form = await bot.teams.click(ostersund, page2, 'Hela formuläret', {}, ANNA, full.data);
    const saved = await bot.teams.click(ostersund, form, 'Spara', { status: 'pagar', comment: 'Kommit i gång' });
    const conflict = await bot.teams.click(ostersund, form, 'Spara', { status: 'klar', statusNote: 'Mitt förslag' });
    clock.set(MONDAY);
    await bot.app.reminderSweep.run({ at: new Date(MONDAY) });
    const post = posted(county)[0]!;
    const fromDigest = await bot.teams.click(county, post, 'Hela formuläret');
    const digestSaved = await bot.teams.click(county, fromDigest, 'Spara', { status: 'klar' });
    const camera = await new CardCamera().start();
    try {
      for (const [name, card] of Object.entries({ 'full-form-from-round': form, 'full-form-round-saved': saved, 'full-form-round-conflict': conflict, 'full-form-from-digest': fromDigest, 'full-form-digest-saved': digestSaved })) {
        for (const theme of ['light', 'dark'] as const) assert.ok((await camera.shoot(name, card, theme)).height > 50, `${name} renders`);
      }
    } finally {
      await camera.stop();
    }
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
