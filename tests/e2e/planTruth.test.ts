// What the plan does not say is not shown as if it did (issue 25), through Teams-shaped
// activities: no status where Bilaga 1's Status cell is empty, and the region's own work is not
// asked of the arenas, while the plan's numbers of everything else stay the plan's.
import assert from 'node:assert/strict';
import { useBot } from '../helpers/botHarness';
import { buttons, cardText, channel, inputValues } from '../helpers/teamsClient';

const county = channel('Länsgemensam samverkan', '19:lan@thread.tacv2');
const ostersund = channel('Östersund');

describe('statuses and items as the plan gives them', () => {
  const bot = useBot();

  beforeEach(async () => {
    await bot.teams.say(county, 'koppla Länsgemensam samverkan');
    await bot.teams.say(ostersund, 'koppla Östersund');
  });

  const show = (place: typeof county, scopeId: string, subActivityId: string) => bot.teams.execute(place, 'showSubActivity', { scopeId, subActivityId });

  it("shows no 'enligt planen' status where the plan gives none, in the arena's card and the county's", async () => {
    for (const id of ['s5-a1-d1', 's5-a1-d2']) {
      const text = cardText(await show(ostersund, 'ostersund', id));
      assert.match(text, /Länets status\nEj uppföljd sedan planen antogs\n/, id);
      assert.doesNotMatch(text, /enligt planen/, id);
    }
    // 4.1.4 once took the status of the row above (psykisk ohälsa): the plan leaves it empty.
    const d4 = cardText(await show(county, 'lan', 's4-a1-d4'));
    assert.match(d4, /Status\nEj uppföljd sedan planen antogs\n/);
    assert.doesNotMatch(d4, /enligt planen|Anteckning|samsjuklighetsutredningen/);
    // Where the plan writes one, it is the starting point.
    assert.match(cardText(await show(county, 'lan', 's4-a1-d3')), /Ej uppföljd sedan planen antogs \(enligt planen: Ej påbörjat\)/);
  });

  it("leaves the region's own work out of an arena's Bilaga 1, keeping the plan's numbers of the rest", async () => {
    const arena = cardText((await bot.teams.say(ostersund, 'aktiviteter 5.2')).cards[0]);
    assert.doesNotMatch(arena, /kliniskt träningscentrum/);
    assert.match(arena, /5\.2\.2 Kartlägga behov av gemensam kunskapsportal/);
    const transitions = cardText((await bot.teams.say(ostersund, 'aktiviteter 2.2')).cards[0]);
    assert.doesNotMatch(transitions, /barn- och ungdomshabilitering/);
    assert.match(transitions, /2\.2\.4 Mellan verksamheter med ansvar för placerade barn och unga/);
    // Asked by its number, the arena is told whose work it is, not that the plan lacks it.
    const asked = cardText((await bot.teams.say(ostersund, '2.2.3')).cards[0]);
    assert.match(asked, /2\.2\.3 är regionens eget arbete/);
    assert.match(asked, /barn- och ungdomshabilitering[\s\S]*arenorna följer inte upp den/);
    assert.doesNotMatch(asked, /Planen har ingen/);
    assert.match(cardText((await bot.teams.say(ostersund, '2.2.9')).cards[0]), /Planen har ingen aktivitet 2\.2\.9/);
    // The county follows it up.
    assert.match(cardText((await bot.teams.say(county, 'aktiviteter 5.2')).cards[0]), /5\.2\.1 Utreda möjlighet till gemensamt nyttjande av kliniskt träningscentrum/);
  });

  it('asks each arena its own answer for the transitions the plan makes local (2.2.2, 2.2.4, 2.2.5)', async () => {
    const list = (await bot.teams.say(ostersund, 'aktiviteter 2.2')).cards[0]!;
    for (const id of ['s2-a2-d2', 's2-a2-d4', 's2-a2-d5']) {
      const button = buttons(list).find((b) => b.verb === 'editSubActivity' && b.data.subActivityId === id);
      assert.ok(button, id);
      const form = await bot.teams.execute(ostersund, button.verb, button.data);
      assert.ok('measureAnswer' in inputValues(form), `${id}: the form asks Östersund's own answer`);
    }
  });
});
