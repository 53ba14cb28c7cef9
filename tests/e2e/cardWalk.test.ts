// A normal journey's cards, every button pressed: in an arena channel and the county channel,
// each card the bot sends is valid for Teams' renderer and under its size limit (teamsClient
// checks both), and every Action.Execute on it, clicked with the inputs Teams sends along, answers
// with a card; a button that is not a save never answers "Det gick inte att spara"; and no card
// shows a field id, an internal id or English.
import assert from 'node:assert/strict';
import { tabLinks } from '../../bot/domain/deepLinks';
import { REMINDER_RULES } from '../../bot/domain/reminderRules';
import { reminderDigestCard } from '../../bot/reminders/cards';
import { dueReminders } from '../../bot/reminders/rules';
import { useBot } from '../helpers/botHarness';
import { assertValidCard } from '../helpers/cardValidation';
import { foreignWords, shownTexts } from '../helpers/foreignWords';
import { unswedishNumbers } from '../helpers/swedishNumbers';
import { TestClock } from '../helpers/clock';
import type { ChannelPlace } from '../helpers/teamsActivity';
import { ANNA, buttons, cardText, channel, inputValues, type Card } from '../helpers/teamsClient';

const ostersund = channel('Östersund');
const county = channel('Länsgemensam samverkan', '19:lan@thread.tacv2');

/** Verbs that save something: a refusal of what was typed is their business. */
const SAVES = new Set(['saveSubActivity', 'saveFromDigest', 'saveFormFromDigest', 'roundSaveForm', 'saveMeasureValue', 'adoptRecommendation', 'createOwnActivity', 'saveReminders', 'link', 'saveLocalActivity', 'endLocalActivity', 'resumeLocalActivity', 'saveNotApplicable', 'applyAgain', 'saveLocalRevision']);
const FAILED = /Det gick inte att spara|Det gick inte att läsa kortet|Något gick fel hos mig/;

describe('a normal journey, every button pressed', () => {
  const clock = new TestClock();
  const bot = useBot({}, () => ({ now: clock.now }));

  async function walk(place: ChannelPlace, start: Card[], maxClicks: number): Promise<{ clicks: number; cards: number }> {
    const seen = new Set<string>();
    const queue = start.map((card) => ({ card, depth: 0, from: 'message' }));
    let clicks = 0;
    let cards = 0;
    while (queue.length > 0 && clicks < maxClicks) {
      const { card, depth, from } = queue.shift()!;
      cards++;
      assertValidCard(card, from);
      // What a person reads: no field id, internal id or English.
      assert.deepEqual(shownTexts(card).flatMap(foreignWords), [], from);
      // Numbers and dates the Swedish way ("7,1", "1 282", "23 nov. 2026"); the plan's numbering to type ("2.1") is not a number.
      assert.deepEqual(shownTexts(card).flatMap((t) => unswedishNumbers(t.replace(/"\d+(\.\d+)+"/g, ''))), [], from);
      for (const button of buttons(card)) {
        // Relinking the channel would end the walk in another arena: the linking tests press those.
        if (button.verb === 'link' || button.data.command === 'koppla') continue;
        const key = `${button.verb} ${JSON.stringify(button.data)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        clicks++;
        const answer = await bot.teams.execute(place, button.verb, { ...inputValues(card), ...button.data }, ANNA);
        const where = `${from} → "${button.title}" (${button.verb})`;
        assert.equal(answer.type, 'AdaptiveCard', where);
        if (!SAVES.has(button.verb)) assert.doesNotMatch(cardText(answer), FAILED, where);
        if (depth < 2) queue.push({ card: answer, depth: depth + 1, from: where });
      }
    }
    return { clicks, cards };
  }

  it('in an arena channel: every card answers every button with a card', async function () {
    this.timeout(120_000);
    clock.set('2026-11-23T09:00:00Z');
    await bot.teams.say(ostersund, 'koppla Östersund kommun');
    const strategies = (await bot.teams.say(ostersund, 'ny aktivitet')).cards[0]!;
    const step = await bot.teams.click(ostersund, strategies, 'Välj', {}, ANNA, { strategyId: 's2' });
    await bot.teams.click(ostersund, step, 'Anta');
    const start: Card[] = [];
    for (const text of ['hjälp', 'status', 'försenat', 'aktiviteter', 'aktiviteter fasta kontakter', 'mått', 'ny aktivitet', 'påminnelser', 'blabla', 'status länet', 'koppla Krokom']) {
      start.push(...(await bot.teams.say(ostersund, text)).cards);
    }
    const { clicks } = await walk(ostersund, start, 150);
    assert.ok(clicks > 30, `${clicks} buttons pressed`);
  });

  it('in the county channel, with the reminders of the day as one digest: every button answers with a card', async function () {
    this.timeout(120_000);
    clock.set('2026-11-30T08:15:00Z');
    await bot.teams.say(county, 'koppla länet');
    const content = await bot.app.plan.content();
    const arena = content.arenas.find((a) => a.kind === 'county')!;
    const due = dueReminders(content, { channelId: county.channelId, arena, rules: REMINDER_RULES.map((r) => r.id) }, { activities: await bot.app.plan.scope(arena.id), reported: new Set() }, clock.now());
    assert.ok(due.length >= 3, `${due.length} reminders due`);
    const digest = reminderDigestCard(due, tabLinks({ publicUrl: bot.app.url })) as Card;
    const start: Card[] = [digest];
    for (const text of ['status', 'aktiviteter 1', 'mått', 'ny aktivitet', 'hur går det för kontinuitet', 'vad är försenat?']) start.push(...(await bot.teams.say(county, text)).cards);
    const { clicks } = await walk(county, start, 150);
    assert.ok(clicks > 30, `${clicks} buttons pressed`);
  });
});
