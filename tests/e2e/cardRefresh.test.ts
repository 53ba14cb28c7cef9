// Cards that stay current for everyone: a sub-activity's card refreshes itself when someone looks
// at it (Universal Actions refresh, for the channel's people), and a save replaces the clicked
// message for everyone (updateActivity), not only for the person who saved.
import assert from 'node:assert/strict';
import { useBot } from '../helpers/botHarness';
import { TestClock } from '../helpers/clock';
import { ANNA, BENGT, buttons, cardText, channel, type Card } from '../helpers/teamsClient';

const county = channel('Länsgemensam samverkan', '19:lan@thread.tacv2');

describe('cards that stay current for everyone in the channel', () => {
  const clock = new TestClock();
  const bot = useBot({}, () => ({ now: clock.now }));

  beforeEach(async () => {
    clock.set('2026-11-23T09:00:00Z');
    await bot.teams.say(county, 'koppla länet', ANNA);
  });

  /** The read-only card of the first sub-activity of strategy 1, as someone in the channel sees it. */
  async function readCard(as = ANNA): Promise<Card> {
    const list = (await bot.teams.say(county, 'aktiviteter 1', as)).cards[0]!;
    const open = buttons(list).find((b) => b.title === 'Uppdatera')!;
    // The item's own card (what Avbryt on a form opened without a list to go back to shows).
    return bot.teams.execute(county, 'showSubActivity', { scopeId: open.data.scopeId, subActivityId: open.data.subActivityId }, as);
  }

  it('lists the channel\'s people in the card\'s refresh, within Teams\' limit of 60', async () => {
    await bot.teams.say(county, 'status', BENGT);
    const card = await readCard(ANNA);
    const refresh = card.refresh as { action: { type: string; verb: string }; userIds: string[] };
    assert.equal(refresh.action.type, 'Action.Execute');
    assert.equal(refresh.action.verb, 'showSubActivity');
    assert.deepEqual(refresh.userIds, [ANNA.id, BENGT.id]);
    for (let i = 0; i < 70; i++) await bot.teams.say(county, 'tack', { id: `29:p${i}`, aadObjectId: `aad-p${i}`, name: `P ${i}` });
    assert.equal(((await readCard(ANNA)).refresh as { userIds: string[] }).userIds.length, 60);
  });

  it('shows a card saved by one person with that change when it is refreshed for another', async () => {
    const bengts = await readCard(BENGT);
    assert.doesNotMatch(cardText(bengts), /Status\nKlar/);

    const annasForm = await bot.teams.click(county, await readCard(ANNA), 'Uppdatera', {}, ANNA);
    const before = bot.connector.calls.length;
    const saved = await bot.teams.click(county, annasForm, 'Spara', { status: 'klar', statusNote: 'Klart enligt Fredagsgruppen' }, ANNA);
    assert.match(cardText(saved), /Sparat av Anna Andersson/);

    // The clicked message is replaced for everyone with the saved state (after Anna has her answer).
    await bot.app.cardUpdates();
    const update = bot.connector.calls.slice(before).find((c) => c.method === 'PUT');
    assert.ok(update, 'updateActivity was called');
    assert.match(update.path, /\/activities\/card-message-1$/);
    const shared = (update.body.attachments as Array<{ content: Card }>)[0]!.content;
    assert.match(cardText(shared), /Klart enligt Fredagsgruppen/);

    // Bengt's card, refreshed when he looks at it, shows Anna's change.
    const refreshed = await bot.teams.refresh(county, bengts, BENGT);
    const text = cardText(refreshed);
    assert.match(text, /Status\nKlar/);
    assert.match(text, /Klart enligt Fredagsgruppen/);
    assert.match(text, /Senast ändrad 23 nov av Anna Andersson/);
  });

  it('keeps a form and a conflict to the person who clicked', async () => {
    const form = await bot.teams.click(county, await readCard(ANNA), 'Uppdatera', {}, ANNA);
    assert.equal(form.refresh, undefined, 'a form never refreshes itself: it would wipe what someone is typing');
    const other = await bot.teams.click(county, await readCard(BENGT), 'Uppdatera', {}, BENGT);
    await bot.teams.click(county, other, 'Spara', { status: 'avbruten' }, BENGT);
    await bot.app.cardUpdates();
    const before = bot.connector.calls.length;
    const conflict = await bot.teams.click(county, form, 'Spara', { status: 'klar' }, ANNA);
    await bot.app.cardUpdates();
    assert.match(cardText(conflict), /Någon annan hann spara innan dig/);
    assert.ok(!bot.connector.calls.slice(before).some((c) => c.method === 'PUT'), 'no update for everyone');
    assert.ok(buttons(conflict).some((b) => b.title === 'Spara'));
  });

  it('refreshes a status card someone posted earlier with what another person saved since', async () => {
    const bengts = (await bot.teams.say(county, 'status', BENGT)).cards[0]!;
    const refresh = bengts.refresh as { action: { verb: string; data: { command: string } }; userIds: string[] };
    assert.deepEqual([refresh.action.verb, refresh.action.data.command], ['command', 'status']);
    assert.doesNotMatch(cardText(bengts), /Anna Andersson ändrade/);
    const form = await bot.teams.click(county, await readCard(ANNA), 'Uppdatera', {}, ANNA);
    await bot.teams.click(county, form, 'Spara', { status: 'klar' }, ANNA);
    const refreshed = await bot.teams.refresh(county, bengts, BENGT);
    assert.match(cardText(refreshed), /Anna Andersson ändrade status från .* till Klar, 23 nov/);
    assert.ok(refreshed.refresh, 'the refreshed card keeps refreshing');
  });

  it('gives a card with a form no refresh: it would wipe what someone is typing', async () => {
    for (const text of ['påminnelser', 'ny aktivitet', 'hjälp']) {
      const card = (await bot.teams.say(county, text)).cards[0]!;
      assert.equal(card.refresh, undefined, text);
    }
  });
});
