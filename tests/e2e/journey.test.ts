// Issue #3's "done when", as one person's afternoon in Östersund's channel: link the channel, adopt
// a local activity, ask for status, list the activities, update one, report a measure value, and
// find exactly that, with history, in GET /api/plan.
import assert from 'node:assert/strict';
import type { PlanView } from '../../bot/domain/planView';
import { useBot } from '../helpers/botHarness';
import { TestClock } from '../helpers/clock';
import { buttons, cardText, channel, type Card } from '../helpers/teamsClient';

const ostersund = channel('Östersund');
const county = channel('Länsgemensam samverkan');

function button(card: Card, title: string, data: Record<string, unknown> = {}) {
  const found = buttons(card).find((b) => b.title === title && Object.entries(data).every(([k, v]) => b.data[k] === v));
  assert.ok(found, `no "${title}" on the card (it has ${buttons(card).map((b) => b.title).join(', ')})`);
  return found;
}

describe("an arena's follow-up from start to finish", () => {
  const clock = new TestClock();
  const bot = useBot({}, () => ({ now: clock.now }));

  it('links, adopts, updates and reports in the channel, and the plan shows exactly that with history', async () => {
    clock.set('2026-11-23T09:00:00Z');
    // Link the channel.
    const linked = await bot.teams.say(ostersund, 'koppla Östersund');
    assert.match(cardText(linked.cards[0]), /Kanalen är kopplad till Östersund/);

    // Adopt "Implementera arbetssätt för fasta kontakter" (4.4.1) for 2026–2027.
    const strategies = (await bot.teams.say(ostersund, 'ny aktivitet')).cards[0]!;
    const offer = await bot.teams.click(ostersund, strategies, 'Välj', {}, undefined, { strategyId: 's2' });
    const anta = button(offer, 'Anta', { recommendationId: 's2-l1' });
    const adopted = await bot.teams.execute(ostersund, anta.verb, { ...anta.data, adoptFrom: '2026', adoptTo: '2027' });
    assert.match(cardText(adopted), /Implementera arbetssätt för fasta kontakter/);

    // Status and the activity list show it.
    clock.advance(60_000);
    assert.match(cardText((await bot.teams.say(ostersund, 'status')).cards[0]), /2\. Ökad kontinuitet[\s\S]*1 delaktivitet: 1 ej påbörjat/);
    const list = (await bot.teams.say(ostersund, 'aktiviteter kontinuitet')).cards[0]!;
    assert.match(cardText(list), /Implementera arbetssätt för fasta kontakter/);

    // Update it in place.
    const form = await bot.teams.click(ostersund, list, 'Uppdatera');
    const saved = await bot.teams.click(ostersund, form, 'Spara', { status: 'pagar', statusNote: 'Fast vårdkontakt införs på hälsocentralerna', comment: 'Beslut i lokala samverkansarenan' });
    assert.match(cardText(saved), /Sparat av Anna Andersson/);
    // Back in the list, with what changed in one sentence.
    assert.match(cardText(saved), /ändrade status från Ej påbörjat till Pågår/);

    // The arena's effect-measure value "Finns fungerande samverkansarenor ..." (9.5): the county
    // reports it (an arena's mått shows it without a Rapportera), from its own channel.
    const arenaMeasures = await bot.teams.click(ostersund, (await bot.teams.say(ostersund, 'mått')).cards[0]!, 'Visa fler');
    assert.ok(!buttons(arenaMeasures).some((b) => b.title === 'Rapportera'));
    assert.match(cardText(arenaMeasures), /Länsnivån rapporterar värdet/);
    await bot.teams.say(county, 'koppla Länsgemensam samverkan');
    const measures = await bot.teams.click(county, (await bot.teams.say(county, 'mått')).cards[0]!, 'Visa fler');
    const report = buttons(measures).find((b) => b.title === 'Rapportera' && b.data.measureId === 's5-e1')!;
    const countyForm = await bot.teams.execute(county, report.verb, report.data);
    const reportForm = await bot.teams.click(county, countyForm, 'Visa värdet', { arena: 'ostersund' });
    const reported = await bot.teams.click(county, reportForm, 'Spara', { value_0: 'ja', comment: 'Arenan möts varannan månad' });
    assert.match(cardText(reported), /ja/i);

    // The plan shows exactly what was done, with history.
    const view = (await (await fetch(`${bot.app.url}/api/plan`)).json()) as PlanView;
    const arena = view.arenas.find((a) => a.id === 'ostersund')!;
    assert.equal(arena.activities.length, 1);
    const activity = arena.activities[0]!;
    assert.equal(activity.title, 'Implementera arbetssätt för fasta kontakter');
    assert.equal(activity.recommendationId, 's2-l1');
    assert.deepEqual(activity.period, { from: 2026, to: 2027, label: '2026–2027' });
    const sub = activity.subActivities[0]!;
    assert.equal(sub.status, 'pagar');
    assert.equal(sub.statusNote, 'Fast vårdkontakt införs på hälsocentralerna');
    assert.equal(sub.updatedBy, 'Anna Andersson');
    assert.deepEqual(sub.history?.map((h) => [h.actor.name, h.comment, h.changes.map((c) => `${c.field}:${c.from}→${c.to}`)]), [
      ['Anna Andersson', 'Beslut i lokala samverkansarenan', ['status:ej_paborjat→pagar', 'statusNote:→Fast vårdkontakt införs på hälsocentralerna']],
    ]);
    const arenor = view.strategies[4]!.effectMeasures[0] as (typeof view.strategies)[number]['effectMeasures'][number] & {
      values: Array<{ arenaId: string; periodId: string; reportedBy: string; comment: string }>;
    };
    assert.deepEqual(
      arenor.values.map((v) => [v.arenaId, v.periodId, v.reportedBy, v.comment]),
      [['ostersund', '2025', 'Anna Andersson', 'Arenan möts varannan månad']],
    );
    // Nothing happened anywhere else.
    assert.ok(view.arenas.filter((a) => a.id !== 'ostersund').every((a) => a.activities.length === 0));
    assert.ok(view.strategies.flatMap((s) => s.activities.flatMap((a) => a.subActivities)).every((d) => d.history?.length === 0));
  });
});
