// The plan is data: a made-up region's plan (tests/fixtures/plan.other-region.sv.json: three
// municipalities, three strategies, four activities, its county arena called "region") starts
// the app with PLAN_FILE and runs the bot's main journey end to end through /api/messages, and
// the tab's /api/plan, with nothing of Jämtland Härjedalen's showing anywhere.
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import path from 'node:path';
import { loadPlanContent } from '../../bot/content/loadPlan';
import type { PlanView } from '../../bot/domain/planView';
import { useBot } from '../helpers/botHarness';
import { TestClock } from '../helpers/clock';
import { buttons, cardText, channel, type Card } from '../helpers/teamsClient';

const PLAN_FILE = path.join(__dirname, '../fixtures/plan.other-region.sv.json');
const content = loadPlanContent(PLAN_FILE);
const regionChannel = channel('Regiongemensam samverkan', '19:region@thread.tacv2');
const bjorkvik = channel('Björkvik');
/** Words of the shipped plan that must not leak into another region's conversation. */
const JAMTLAND = /Jämtland|Härjedalen|Östersund|Krokom|Länsgemensam samverkan|2023-12-01|1 december 2023|åtta kommuner|8 kommuner|kontinuitet/i;

function button(card: Card, title: string, data: Record<string, unknown> = {}) {
  const found = buttons(card).find((b) => b.title === title && Object.entries(data).every(([k, v]) => b.data[k] === v));
  assert.ok(found, `no "${title}" on the card (it has ${buttons(card).map((b) => b.title).join(', ')})`);
  return found;
}

describe("another region's plan, loaded with PLAN_FILE", () => {
  const clock = new TestClock();
  const bot = useBot({ PLAN_FILE }, () => ({ now: clock.now }));

  beforeEach(() => clock.set('2026-11-23T09:00:00Z'));

  it('helps with examples from its own plan', async () => {
    const help = cardText((await bot.teams.say(bjorkvik, 'hjälp')).cards[0]);
    assert.match(help, /Gemensam plan för nära vård i Region Fjällmark/);
    assert.match(help, /koppla Björkvik/);
    assert.match(help, /aktiviteter 2" eller "aktiviteter glesbygd"/);
    assert.match(help, /Version 1 av planen gäller sedan 1 mars 2025\./);
    assert.doesNotMatch(help, JAMTLAND);
  });

  it('links channels, shows status and activities, updates one, and /api/plan shows exactly that', async () => {
    // Link the region's channel and an arena's channel.
    assert.match(cardText((await bot.teams.say(regionChannel, 'koppla Regiongemensam samverkan')).cards[0]), /Kanalen är kopplad till Regiongemensam samverkan/);
    assert.match(cardText((await bot.teams.say(bjorkvik, 'koppla Björkvik')).cards[0]), /Kanalen är kopplad till Björkvik/);

    // status: the region's three strategies, and what nobody has followed up though its priority
    // period has ended (t3-a1 among them, in 2025): not late, since nobody has said where it stands.
    const status = cardText((await bot.teams.say(regionChannel, 'status')).cards[0]);
    for (const s of content.strategies) assert.match(status, new RegExp(`${s.number}\\. ${s.title}`));
    assert.match(status, /7 delaktiviteter har inte följts upp sedan planen antogs, 3 av dem med en prioriteringsperiod som har gått ut/);
    assert.match(cardText((await bot.teams.say(regionChannel, 'försenat')).cards[0]), /Upphandla verktyget/);
    assert.doesNotMatch(status, JAMTLAND);

    // aktiviteter by a word of a strategy's title, then update a sub-activity in place.
    const list = (await bot.teams.say(regionChannel, 'aktiviteter glesbygd')).cards[0]!;
    const listText = cardText(list);
    assert.match(listText, /2\. Jämlik hälsa i glesbygd/);
    assert.match(listText, /Mobil hälsocentral i glesbygd/);
    assert.doesNotMatch(listText, /Trygg hemgång/);
    const edit = await bot.teams.execute(regionChannel, 'editSubActivity', button(list, 'Uppdatera', { subActivityId: 't2-a1-d1' }).data);
    const saved = await bot.teams.click(regionChannel, edit, 'Spara', { status: 'pagar', statusNote: 'Utredningen är beställd', comment: 'Beslut i regiongemensam samverkan' });
    assert.match(cardText(saved), /Sparat av Anna Andersson/);
    // Back in the list, with what changed in one sentence.
    assert.match(cardText(saved), /ändrade status från Uppdrag behövs till Pågår/);

    // The arena adopts one of the region's recommendations.
    const strategies = (await bot.teams.say(bjorkvik, 'ny aktivitet')).cards[0]!;
    const offer = await bot.teams.click(bjorkvik, strategies, 'Välj', {}, undefined, { strategyId: 't1' });
    const anta = button(offer, 'Anta', { recommendationId: 't1-l1' });
    assert.match(cardText(await bot.teams.execute(bjorkvik, anta.verb, { ...anta.data, adoptFrom: '2026', adoptTo: '2027' })), /Hemgångsteam i kommunen/);

    // The tab's API: the region's plan, its arenas, the update with history, the version in force.
    const view = (await (await fetch(`${bot.app.url}/api/plan`)).json()) as PlanView;
    assert.equal(view.plan.name, 'Gemensam plan för nära vård i Region Fjällmark');
    assert.deepEqual(view.arenas.map((a) => a.name), ['Björkvik', 'Granås', 'Tallmo', 'Regiongemensam samverkan']);
    assert.deepEqual(view.strategies.map((s) => s.activities.length), [1, 2, 1]);
    assert.deepEqual(view.inForce, { version: 1, inForceFrom: '2025-03-01' });
    const updated = view.strategies[1]!.activities[0]!.subActivities[0]!;
    assert.equal(updated.status, 'pagar');
    assert.deepEqual(updated.history?.map((h) => [h.actor.name, h.comment]), [['Anna Andersson', 'Beslut i regiongemensam samverkan']]);
    assert.deepEqual(view.arenas.find((a) => a.id === 'bjorkvik')!.activities.map((a) => a.recommendationId), ['t1-l1']);
    assert.doesNotMatch(JSON.stringify(view), JAMTLAND);
  });

  it("reminds the region's channel of its own follow-up and revision dates", async () => {
    await bot.teams.say(regionChannel, 'koppla Regiongemensam samverkan');
    // Revised every fourth year from 2025-03-01: the first revision is 1 March 2029.
    const report = await bot.app.reminderSweep.run({ at: new Date('2029-01-15T08:00:00Z'), dryRun: true });
    const revision = report.items.find((i) => i.key.rule === 'revision')!;
    assert.equal(revision.key.duePeriod, '2029-03-01');
    assert.equal(revision.reason, 'Planen ska revideras 1 mars 2029: "Planen revideras vart fjärde år." Planen trädde i kraft 1 mars 2025.');
    const followUp = (await bot.app.reminderSweep.run({ at: new Date('2027-02-15T08:00:00Z'), dryRun: true })).items.find((i) => i.key.rule === 'yearlyFollowUp')!;
    assert.equal(followUp.key.duePeriod, '2027-03-01');
    for (const item of [...report.items, followUp]) assert.doesNotMatch(item.reason, JAMTLAND);
  });

  it('exports its own plan to Excel', async () => {
    const response = await fetch(`${bot.app.url}/api/export.xlsx`);
    assert.equal(response.status, 200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await response.arrayBuffer());
    const cells: string[] = [];
    book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text)))));
    const text = cells.join('\n');
    assert.match(text, /Mobil hälsocentral i glesbygd/);
    assert.match(text, /Upphandla verktyget/);
    assert.doesNotMatch(text, JAMTLAND);
  });
});
