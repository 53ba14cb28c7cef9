// The local plan's cards as people see them (issue 27): a journey through /api/messages collects
// them (Ändra aktiviteten, after a save, ended, Ej aktuellt lokalt, the round card without the
// set-aside item, the local revision), and each is rendered by the Adaptive Cards SDK in light and
// dark under test-results/cards/, none taller than about two screens.
import assert from 'node:assert/strict';
import { useBot } from '../helpers/botHarness';
import { CardCamera } from '../helpers/cardScreenshot';
import { TestClock } from '../helpers/clock';
import { ANNA, buttons, channel, type Card } from '../helpers/teamsClient';

const county = channel('Länsgemensam samverkan', '19:lan@thread.tacv2');
const ostersund = channel('Östersund', '19:ostersund@thread.tacv2');
const TWO_SCREENS_PX = 1600;

describe('the local plan\'s cards, rendered', () => {
  const clock = new TestClock();
  const bot = useBot({}, () => ({ now: clock.now }));
  let camera: CardCamera;

  before(async function () {
    this.timeout(60_000);
    camera = await new CardCamera().start();
  });
  after(async () => camera?.stop());

  it('renders each in light and dark without errors, none taller than about two screens', async function () {
    this.timeout(180_000);
    clock.set('2026-11-23T09:00:00Z');
    await bot.teams.say(county, 'koppla Länsgemensam samverkan');
    await bot.teams.say(ostersund, 'koppla Östersund');
    const cards: Record<string, Card> = {};
    const overview = (await bot.teams.say(ostersund, 'ny aktivitet')).cards[0]!;
    const step = await bot.teams.click(ostersund, overview, 'Välj', {}, ANNA, { strategyId: 's2' });
    cards['lokal-tillagd'] = await bot.teams.click(ostersund, step, 'Anta', {}, ANNA, { recommendationId: 's2-l1' });
    cards['lokal-andra'] = await bot.teams.click(ostersund, cards['lokal-tillagd'], 'Ändra aktiviteten');
    cards['lokal-sparad'] = await bot.teams.click(ostersund, cards['lokal-andra'], 'Spara', { title: 'Fasta kontakter i Östersunds hemtjänst', description: 'Varje brukare får en namngiven kontakt.', target: 'Ja, i alla hemtjänstgrupper', periodTo: '2028' });
    cards['lokal-konflikt'] = await bot.teams.click(ostersund, cards['lokal-andra'], 'Spara', { title: 'Något annat' });
    cards['lokal-avslutad'] = await bot.teams.click(ostersund, await bot.teams.click(ostersund, cards['lokal-sparad'], 'Ändra aktiviteten'), 'Avsluta lokalt', { endReason: 'Ersatt av regionens rutin för fast vårdkontakt' });
    cards['lokal-andra-avslutad'] = await bot.teams.click(ostersund, cards['lokal-avslutad'], 'Ändra aktiviteten');

    const list = (await bot.teams.say(ostersund, 'aktiviteter 1')).cards[0]!;
    const edit = buttons(list).find((b) => b.verb === 'editSubActivity' && b.data.subActivityId === 's1-a1-d1')!;
    cards['bilaga1-uppdatera'] = await bot.teams.execute(ostersund, edit.verb, edit.data);
    cards['ej-aktuellt'] = await bot.teams.click(ostersund, cards['bilaga1-uppdatera'], 'Ej aktuellt lokalt');
    cards['ej-aktuellt-sparad'] = await bot.teams.click(ostersund, cards['ej-aktuellt'], 'Spara: ej aktuellt lokalt', { notApplicableReason: 'Regionens egen analys; görs inte i kommunen' });
    cards['lokalt-matris'] = (await bot.teams.say(county, 'lokalt')).cards[0]!;

    await bot.teams.click(county, (await bot.teams.say(county, 'uppföljning')).cards[0]!, 'Öppna', { roundLastDay: '2026-12-04' });
    cards['uppfoljning-arena'] = (await bot.teams.say(ostersund, 'uppföljning')).cards[0]!;
    cards['uppfoljning-lan'] = (await bot.teams.say(county, 'uppföljning')).cards[0]!;

    await bot.teams.click(county, (await bot.teams.say(county, 'revidering')).cards[0]!, 'Öppna revideringen', { lastDay: '2026-12-10' });
    const revision = (await bot.teams.say(ostersund, 'revidering')).cards[0]!;
    cards['revidering-lokal-form'] = await bot.teams.click(ostersund, revision, 'Lokal plan reviderad');
    cards['revidering-lokal-sparad'] = await bot.teams.click(ostersund, cards['revidering-lokal-form'], 'Spara', { date: '2026-11-20', reference: 'Protokoll lokal samverkansarena 2026-11-20 § 4', changes: 'Två aktiviteter omformulerade, en avslutad.' });
    cards['revidering-lan'] = (await bot.teams.say(county, 'revidering')).cards[0]!;

    const tall: string[] = [];
    for (const [name, card] of Object.entries(cards)) {
      for (const theme of ['light', 'dark'] as const) {
        const shot = await camera.shoot(`lokal-plan-${name}`, card, theme);
        assert.ok(shot.elements > 5, `${name} (${theme}): the renderer drew nothing`);
        if (shot.height > TWO_SCREENS_PX) tall.push(`${name} (${theme}): ${Math.round(shot.height)} px`);
      }
    }
    assert.deepEqual(camera.takeErrors(), []);
    assert.deepEqual(tall, []);
  });
});
