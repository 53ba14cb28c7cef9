// Screenshots of the main cards of a normal journey, rendered by the Adaptive Cards SDK in headless
// Chromium with Teams-like light and dark host configs, saved under test-results/cards/ to be looked
// at. No card in a normal journey is taller than about two screens.
import assert from 'node:assert/strict';
import { tabLinks } from '../../bot/domain/deepLinks';
import { REMINDER_RULES } from '../../bot/domain/reminderRules';
import { reminderDigestCard } from '../../bot/reminders/cards';
import { dueReminders } from '../../bot/reminders/rules';
import { useBot } from '../helpers/botHarness';
import { CardCamera } from '../helpers/cardScreenshot';
import { TestClock } from '../helpers/clock';
import { ANNA, BENGT, channel, type Card } from '../helpers/teamsClient';

const ostersund = channel('Östersund');
const county = channel('Länsgemensam samverkan', '19:lan@thread.tacv2');
/** Two screens of a laptop's Teams window. */
const TWO_SCREENS_PX = 1600;

describe('the main cards, as people see them', () => {
  const clock = new TestClock();
  const bot = useBot({}, () => ({ now: clock.now }));
  let camera: CardCamera;

  before(async function () {
    this.timeout(60_000);
    camera = await new CardCamera().start();
  });
  after(async () => camera?.stop());

  it('renders each in light and dark, none taller than about two screens', async function () {
    this.timeout(180_000);
    clock.set('2026-11-30T08:15:00Z');
    const cards: Record<string, Card> = {};
    await bot.teams.say(county, 'koppla länet');
    await bot.teams.say(ostersund, 'koppla Östersund');
    cards.help = (await bot.teams.say(ostersund, 'hjälp')).cards[0]!;
    cards.didYouMean = (await bot.teams.say(ostersund, 'vad är klockan?')).cards[0]!;
    cards.newActivity = (await bot.teams.say(ostersund, 'ny aktivitet')).cards[0]!;
    cards.newActivityStrategy = await bot.teams.click(ostersund, cards.newActivity, 'Välj', {}, ANNA, { strategyId: 's2' });
    cards.newActivityOwn = await bot.teams.click(ostersund, cards.newActivity, 'Egen aktivitet');
    cards.newActivityAdded = await bot.teams.click(ostersund, cards.newActivityStrategy, 'Anta');
    cards.linkConfirm = (await bot.teams.say(ostersund, 'koppla Krokom')).cards[0]!;
    cards.countyNewActivity = (await bot.teams.say(county, 'ny aktivitet')).cards[0]!;
    cards.status = (await bot.teams.say(county, 'status')).cards[0]!;
    cards.activities = (await bot.teams.say(county, 'aktiviteter 1')).cards[0]!;
    cards.edit = await bot.teams.click(county, cards.activities, 'Uppdatera');
    const bengts = await bot.teams.click(county, cards.activities, 'Uppdatera', {}, BENGT);
    cards.saved = await bot.teams.click(county, cards.edit, 'Spara', { status: 'klar', statusNote: 'Begreppen är antagna i Fredagsgruppen', comment: 'Beslut 30 november' });
    cards.conflict = await bot.teams.click(county, bengts, 'Spara', { status: 'avbruten', statusNote: 'Ersätts av regionens arbete' }, BENGT);
    cards.measures = (await bot.teams.say(county, 'mått')).cards[0]!;
    const content = await bot.app.plan.content();
    const lan = content.arenas.find((a) => a.kind === 'county')!;
    const due = dueReminders(content, { channelId: county.channelId, arena: lan, rules: REMINDER_RULES.map((r) => r.id) }, { activities: await bot.app.plan.scope(lan.id), reported: new Set() }, clock.now());
    cards.reminderDigest = reminderDigestCard(due, tabLinks({ publicUrl: bot.app.url })) as Card;

    const tall: string[] = [];
    for (const [name, card] of Object.entries(cards)) {
      for (const theme of ['light', 'dark'] as const) {
        const { height } = await camera.shoot(name, card, theme);
        if (height > TWO_SCREENS_PX) tall.push(`${name} (${theme}): ${Math.round(height)} px`);
      }
    }
    assert.deepEqual(tall, [], 'cards taller than about two screens');
  });
});
