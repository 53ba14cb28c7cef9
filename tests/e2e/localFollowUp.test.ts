// Plan 7.3: every arena follows up the county-wide action plan (Bilaga 1) locally, in its own
// channel, beside its local activities; the county sees all arenas side by side. End to end.
import assert from 'node:assert/strict';
import type { PlanView } from '../../bot/domain/planView';
import { useBot } from '../helpers/botHarness';
import { TestClock } from '../helpers/clock';
import { ANNA, BENGT, buttons, cardText, channel, type Card } from '../helpers/teamsClient';

const county = channel('Länsgemensam samverkan', '19:lan@thread.tacv2');
const ostersund = channel('Östersund');
const krokom = channel('Krokom');
/** 9.2, "Rutin för läkarmedverkan vid LSS-boenden": "Finns fast läkarkontakt? Finns rutin?", answered by each municipality. */
const LSS = 's2-a3-d2';

describe('arenas follow up Bilaga 1 locally', () => {
  const clock = new TestClock();
  const bot = useBot({}, () => ({ now: clock.now }));

  beforeEach(async () => {
    clock.set('2026-11-23T09:00:00Z');
    await bot.teams.say(county, 'koppla Länsgemensam samverkan');
    await bot.teams.say(ostersund, 'koppla Östersund');
    await bot.teams.say(krokom, 'koppla Krokom', BENGT);
  });

  async function plan(): Promise<PlanView> {
    return (await (await fetch(`${bot.app.url}/api/plan`)).json()) as PlanView;
  }

  /** The Uppdatera button of a sub-activity on a list (paging through it). */
  async function uppdatera(place: typeof county, subId: string, as = ANNA): Promise<Card> {
    let list = (await bot.teams.say(place, 'aktiviteter 2', as)).cards[0]!;
    for (let page = 0; page < 10; page++) {
      const button = buttons(list).find((b) => b.verb === 'editSubActivity' && b.data.subActivityId === subId);
      // Every row's button is called Uppdatera: press this row's (a list has no inputs to send along).
      if (button) return bot.teams.execute(place, button.verb, button.data, as);
      list = await bot.teams.click(place, list, 'Visa fler', {}, as);
    }
    throw new Error(`no Uppdatera for ${subId}`);
  }

  it('lists Bilaga 1 in an arena\'s channel, each item with the county\'s status beside the arena\'s own', async () => {
    // By the plan's number: activity 2.3, its sub-activities numbered.
    const list = cardText((await bot.teams.say(ostersund, 'aktiviteter 2.3')).cards[0]);
    assert.match(list, /Länsövergripande aktiviteter \(Bilaga 1\)/);
    assert.match(list, /2\.3\.2 Rutin för läkarmedverkan vid LSS-boenden/);
    assert.match(list, /Ej uppföljd sedan planen antogs/);
    assert.match(list, /Länet: ej uppföljd/);
  });

  it('records Östersund\'s own status and ja/nej, leaves the county\'s status as it was, and keeps the change', async () => {
    const countyBefore = (await plan()).strategies[1]!.activities.flatMap((a) => a.subActivities).find((d) => d.id === LSS)!;
    const form = await uppdatera(ostersund, LSS);
    assert.match(cardText(form), /Arenans egen uppföljning/);
    const saved = await bot.teams.click(ostersund, form, 'Spara', { status: 'pagar', statusNote: 'Rutin antagen i Östersund', 'answer-q1': 'ja', comment: 'Beslut i samverkansarenan' });
    assert.match(cardText(saved), /Sparat av Anna Andersson/);
    // Back in the list: the arena's row, with the county's status beside it.
    assert.match(cardText(saved), /Rutin för läkarmedverkan vid LSS-boenden\nPågår · 2024–2025[\s\S]*?Svar: Finns fast läkarkontakt\? ja · Finns rutin\? inte besvarad · Länet: /);

    const view = await plan();
    const countyAfter = view.strategies[1]!.activities.flatMap((a) => a.subActivities).find((d) => d.id === LSS)!;
    assert.deepEqual([countyAfter.status, countyAfter.version, countyAfter.statusNote], [countyBefore.status, countyBefore.version, countyBefore.statusNote]);
    const mine = view.arenas.find((a) => a.id === 'ostersund')!.bilaga1.flatMap((a) => a.subActivities).find((d) => d.id === LSS)!;
    assert.deepEqual([mine.status, mine.statusNote, mine.answers, mine.followedUp, mine.version], ['pagar', 'Rutin antagen i Östersund', { q1: 'ja' }, true, 1]);
    assert.equal(mine.history?.[0]?.comment, 'Beslut i samverkansarenan');
    const krokomsOwn = view.arenas.find((a) => a.id === 'krokom')!.bilaga1.flatMap((a) => a.subActivities).find((d) => d.id === LSS)!;
    assert.equal(krokomsOwn.followedUp, false, 'another arena\'s follow-up is its own');

    // A second save works from the saved card's state, and a stale form is a conflict, not an overwrite.
    const again = await uppdatera(ostersund, LSS);
    await bot.teams.click(ostersund, again, 'Spara', { status: 'klar' });
    const stale = await bot.teams.click(ostersund, form, 'Spara', { status: 'avbruten' });
    assert.match(cardText(stale), /Någon annan hann spara innan dig/);
    const final = (await plan()).arenas.find((a) => a.id === 'ostersund')!.bilaga1.flatMap((a) => a.subActivities).find((d) => d.id === LSS)!;
    assert.equal(final.status, 'klar');
    assert.equal(final.history?.length, 2);
  });

  it('never lets Krokom change Östersund\'s follow-up, nor an arena the county\'s own status', async () => {
    const form = await uppdatera(ostersund, LSS);
    const save = buttons(form).find((b) => b.title === 'Spara')!;
    const fromKrokom = await bot.teams.execute(krokom, 'saveSubActivity', { ...save.data, status: 'klar' }, BENGT);
    assert.match(cardText(fromKrokom), /Aktiviteter för Östersund ändras bara från Östersunds kanal[\s\S]*Ingenting har ändrats/);
    const countyForm = await uppdatera(county, LSS);
    const countySave = buttons(countyForm).find((b) => b.title === 'Spara')!;
    const fromOstersund = await bot.teams.execute(ostersund, 'saveSubActivity', { ...countySave.data, status: 'klar' });
    assert.match(cardText(fromOstersund), /Länsövergripande aktiviteter ändras bara från kanalen för länsgemensam samverkan/);
    const view = await plan();
    assert.equal(view.arenas.find((a) => a.id === 'ostersund')!.bilaga1.flatMap((a) => a.subActivities).find((d) => d.id === LSS)!.followedUp, false);
    assert.equal(view.strategies[1]!.activities.flatMap((a) => a.subActivities).find((d) => d.id === LSS)!.version, 0);
  });

  it('refuses an arena\'s answer to a measure the county answers, and changes nothing', async () => {
    // 9.2 s2-a3-d1: "Ingår ansvarsfördelningen i samverkans-avtalet?" is the county's question.
    const form = await uppdatera(ostersund, 's2-a3-d1');
    assert.doesNotMatch(cardText(form), /Svar på måttet/);
    const save = buttons(form).find((b) => b.title === 'Spara')!;
    const refused = await bot.teams.execute(ostersund, 'saveSubActivity', { ...save.data, status: 'pagar', measureAnswer: 'ja' });
    assert.match(cardText(refused), /Måttet besvaras av länsgemensam samverkan/);
    assert.equal((await plan()).arenas.find((a) => a.id === 'ostersund')!.bilaga1.flatMap((a) => a.subActivities).find((d) => d.id === 's2-a3-d1')!.version, 0);
  });

  it('shows the county every arena side by side, with a summary per row', async () => {
    const form = await uppdatera(ostersund, LSS);
    await bot.teams.click(ostersund, form, 'Spara', { status: 'klar', 'answer-q1': 'ja', 'answer-q2': 'nej' });
    const krokomForm = await uppdatera(krokom, LSS, BENGT);
    await bot.teams.click(krokom, krokomForm, 'Spara', { status: 'pagar', 'answer-q1': 'nej', 'answer-q2': 'ja' }, BENGT);
    let matrix = (await bot.teams.say(county, 'lokalt')).cards[0]!;
    while (!cardText(matrix).includes('Rutin för läkarmedverkan vid LSS-boenden')) matrix = await bot.teams.click(county, matrix, 'Visa fler');
    const text = cardText(matrix);
    // Each question of the compound measure counted on its own.
    assert.match(text, /Uppföljd i 2 av 8 kommuner · ja i 1 av 8 kommuner \(Finns fast läkarkontakt\?\) · ja i 1 av 8 kommuner \(Finns rutin\?\)/);
    assert.match(text, /Östersund: Klar, Finns fast läkarkontakt\? ja · Finns rutin\? nej/);
    assert.match(text, /Krokom: Pågår, Finns fast läkarkontakt\? nej · Finns rutin\? ja/);
    assert.match(text, /Ej uppföljd i Berg, Bräcke, Härjedalen, Ragunda, Strömsund, Åre\./);
  });
});
