// The cards a coordinator meets when writing to the bot, rendered at 600 px wide (Teams' card width
// in a wide channel) in light and dark: none is taller than about 1,000 px, so that following up
// does not mean scrolling past a card. Saved under test-results/cards/ to be looked at.
import assert from 'node:assert/strict';
import { useBot } from '../helpers/botHarness';
import { CardCamera } from '../helpers/cardScreenshot';
import { TestClock } from '../helpers/clock';
import { cardText, channel, type Card } from '../helpers/teamsClient';

const county = channel('Länsgemensam samverkan', '19:lan@thread.tacv2');
const berg = channel('Berg');
const WIDTH = 600;
const MAX_PX = 1000;

describe('the cards around the words, at 600 px', () => {
  const clock = new TestClock();
  const bot = useBot({}, () => ({ now: clock.now }));
  let camera: CardCamera;

  before(async function () {
    this.timeout(60_000);
    camera = await new CardCamera().start();
  });
  after(async () => camera?.stop());

  it('draws each under about 1,000 px, in light and dark', async function () {
    this.timeout(180_000);
    clock.set('2027-03-01T08:15:00Z');
    await bot.teams.say(county, 'koppla länet');
    await bot.teams.say(berg, 'koppla Berg');
    const cards: Record<string, Card> = {};
    const say = async (place: typeof county, text: string) => (await bot.teams.say(place, text)).cards[0]!;
    cards['u-help'] = await say(berg, 'hjälp');
    cards['u-didYouMean'] = await say(berg, 'kopla Krokom');
    cards['u-status-county'] = await say(county, 'status');
    cards['u-status-other'] = await say(berg, 'status länet');
    cards['u-overdue-other'] = await say(berg, 'försenat länet');
    cards['u-activities'] = await say(county, 'aktiviteter');
    cards['u-number'] = await say(county, 'uppdatera 2.2');
    cards['u-edit'] = await bot.teams.click(county, cards['u-activities'], 'Uppdatera');
    cards['u-saved-list'] = await bot.teams.click(county, cards['u-edit'], 'Spara', { status: 'klar', statusNote: 'Begreppen är antagna i Fredagsgruppen', comment: 'Beslut 1 mars' });
    cards['u-measures'] = await say(county, 'mått');
    cards['u-measures-berg'] = await say(berg, 'mått');
    cards['u-measures-berg-2'] = await bot.teams.click(berg, cards['u-measures-berg'], 'Visa fler');
    assert.match(cardText(cards['u-measures-berg-2']), /Sida 2 av 2/);
    cards['u-report'] = await say(berg, 'årsrapport');
    cards['u-other-command'] = await say(berg, 'mått Krokom');
    cards['u-where'] = await say(berg, 'vilken arena är den här kanalen?');
    const tall: string[] = [];
    for (const [name, card] of Object.entries(cards)) {
      for (const theme of ['light', 'dark'] as const) {
        const { height } = await camera.shoot(name, card, theme, undefined, WIDTH);
        assert.deepEqual(camera.takeErrors(), [], name);
        if (height > MAX_PX) tall.push(`${name} (${theme}): ${Math.round(height)} px`);
      }
    }
    assert.deepEqual(tall, [], 'cards taller than about 1,000 px at 600 px wide');
  });
});
