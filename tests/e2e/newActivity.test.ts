// "ny aktivitet": an arena adopts the plan's recommended local activities and adds its own,
// end to end through /api/messages, with GET /api/plan showing exactly what was done.
import assert from 'node:assert/strict';
import { loadPlanContent } from '../../bot/content/loadPlan';
import type { ArenaView, PlanView } from '../../bot/domain/planView';
import { contentEntities } from '../../bot/storage/planStore';
import { useBot } from '../helpers/botHarness';
import { TestClock } from '../helpers/clock';
import { snapshot } from '../helpers/storage';
import type { ChannelPlace } from '../helpers/teamsActivity';
import { ANNA, BENGT, buttons, type Card, cardText, channel, inputValues } from '../helpers/teamsClient';

const content = loadPlanContent();
const recommendations = content.strategies.flatMap((s) => s.localRecommendations.map((r) => ({ ...r, strategy: s })));
const recommendation = (id: string) => recommendations.find((r) => r.id === id)!;

const ostersund = channel('Östersund');
const krokom = channel('Krokom');
const county = channel('Länsgemensam samverkan', '19:lan@thread.tacv2');


describe('ny aktivitet: an arena adopts recommended local activities and adds its own', () => {
  const clock = new TestClock();
  const bot = useBot({}, () => ({ now: clock.now }));

  beforeEach(async () => {
    clock.set('2026-11-23T09:00:00Z');
    await bot.teams.say(ostersund, 'koppla Östersund');
  });

  async function plan(): Promise<PlanView> {
    const res = await fetch(`${bot.app.url}/api/plan`);
    assert.equal(res.status, 200);
    return (await res.json()) as PlanView;
  }

  async function arena(id: string): Promise<ArenaView> {
    return (await plan()).arenas.find((a) => a.id === id)!;
  }

  async function openCard(place = ostersund, as = ANNA): Promise<Card> {
    const reply = await bot.teams.say(place, 'ny aktivitet', as);
    assert.equal(reply.cards.length, 1);
    return reply.cards[0]!;
  }

  /** The strategy's step of the card, as the Välj button opens it (with the card's inputs, as Teams sends them). */
  async function strategyStep(card: Card, strategyId: string, as = ANNA, place: ChannelPlace | 'personal' = ostersund): Promise<Card> {
    const button = buttons(card).find((b) => b.verb === 'chooseNewActivityStrategy' && b.data.strategyId === strategyId);
    if (!button) return card;
    return bot.teams.execute(place, button.verb, { ...inputValues(card), ...button.data }, as);
  }

  /** Clicks Välj for the recommendation's strategy, then Anta, with the card's inputs as Teams would send them. */
  async function adopt(card: Card, recommendationId: string, inputs: Record<string, unknown> = {}, as = ANNA, place: ChannelPlace | 'personal' = ostersund): Promise<Card> {
    const step = await strategyStep(card, recommendation(recommendationId).strategy.id, as, place);
    const button = buttons(step).find((b) => b.verb === 'adoptRecommendation' && b.data.recommendationId === recommendationId);
    assert.ok(button, `no Anta for ${recommendationId}`);
    assert.equal(button.title, 'Anta');
    return bot.teams.execute(place, button.verb, { ...inputValues(step), ...button.data, ...inputs }, as);
  }

  /** The own-activity form, as the Egen aktivitet button opens it. */
  async function ownForm(card: Card, as = ANNA, place: ChannelPlace | 'personal' = ostersund): Promise<Card> {
    const open = buttons(card).find((b) => b.verb === 'ownActivityForm');
    if (!open) return card;
    return bot.teams.execute(place, open.verb, { ...inputValues(card), ...open.data }, as);
  }

  async function addOwn(card: Card, inputs: Record<string, unknown>, as = ANNA, place: ChannelPlace | 'personal' = ostersund): Promise<Card> {
    const form = await ownForm(card, as, place);
    const button = buttons(form).find((b) => b.title === 'Lägg till');
    assert.ok(button, 'no Lägg till');
    assert.equal(button.verb, 'createOwnActivity');
    return bot.teams.execute(place, button.verb, { ...inputValues(form), ...button.data, ...inputs }, as);
  }

  it('asks for the strategy first, then shows its recommended local activities, each with an Anta button', async () => {
    const card = await openCard();
    const text = cardText(card);
    assert.match(text, /Ny aktivitet för Östersund/);
    const choose = buttons(card).filter((b) => b.verb === 'chooseNewActivityStrategy');
    assert.deepEqual(choose.map((b) => b.data.strategyId), content.strategies.map((s) => s.id));
    for (const s of content.strategies) assert.ok(text.indexOf(`${s.localRecommendations.length} rekommendationer att anta`, text.indexOf(`${s.number}. ${s.title}`)) > 0, s.title);
    assert.equal(buttons(card).filter((b) => b.verb === 'adoptRecommendation').length, 0);
    for (const s of content.strategies) {
      const step = await strategyStep(card, s.id);
      assert.match(cardText(step), new RegExp(`${s.number}\\. ${s.title}`));
      const anta = buttons(step).filter((b) => b.verb === 'adoptRecommendation');
      assert.deepEqual(anta.map((b) => b.data.recommendationId), s.localRecommendations.map((r) => r.id));
      assert.ok(anta.every((b) => b.title === 'Anta'));
      for (const r of s.localRecommendations) assert.match(cardText(step), new RegExp(r.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      // The period choice defaults to this year and next year.
      assert.equal(inputValues(step).adoptFrom, '2026');
      assert.equal(inputValues(step).adoptTo, '2027');
      assert.ok(Buffer.byteLength(JSON.stringify(step)) < 12_000);
    }
  });

  it('has a form for the arena\'s own activity, and every step stays far below the card size limit', async () => {
    const overview = await openCard();
    assert.ok(Buffer.byteLength(JSON.stringify(overview)) < 8_000, `overview is ${Buffer.byteLength(JSON.stringify(overview))} bytes`);
    const card = await ownForm(overview);
    const json = JSON.stringify(card);
    assert.equal(card.version, '1.5');
    assert.ok(!json.includes('${'), 'no unexpanded template bindings');
    assert.ok(Buffer.byteLength(json) < 20_000, `card is ${Buffer.byteLength(json)} bytes`);
    const inputs = inputValues(card);
    assert.deepEqual(inputs, { strategyId: '', title: '', periodFrom: '2026', periodTo: '2027', measure: '', target: '' });
    const strategyChoices = (JSON.stringify(card).match(/"value":"s\d"/g) ?? []).map((v) => v.slice(9, -1));
    assert.deepEqual(strategyChoices, content.strategies.map((s) => s.id));
    // The years to choose from: 2023–2035.
    assert.ok(json.includes('"value":"2023"') && json.includes('"value":"2035"'));
    assert.ok(!json.includes('"value":"2022"') && !json.includes('"value":"2036"'));
    assert.ok(buttons(card).some((b) => b.title === 'Lägg till' && b.verb === 'createOwnActivity'));
    // From a strategy's step, the form comes with that strategy chosen.
    const fromStrategy = await ownForm(await strategyStep(overview, 's3'));
    assert.equal(inputValues(fromStrategy).strategyId, 's3');
  });

  it('understands the English alias', async () => {
    const reply = await bot.teams.say(ostersund, 'new activity');
    assert.match(cardText(reply.cards[0]), /Ny aktivitet för Östersund/);
  });

  it('adopts a recommendation into the arena\'s plan, where GET /api/plan shows it as not started, by whom', async () => {
    const r = recommendation('s2-l1');
    const done = await adopt(await openCard(), r.id, { adoptFrom: '2026', adoptTo: '2027' });
    const text = cardText(done);
    assert.match(text, /Aktiviteten är tillagd i Östersunds lokala plan/);
    assert.match(text, new RegExp(r.title));
    assert.match(text, /Status\nEj påbörjat/);
    assert.match(text, /2\. Ökad kontinuitet/);
    assert.match(text, /Tillagd av\nAnna Andersson, 23 november 2026/);
    assert.deepEqual(buttons(done).find((b) => b.title === 'Visa aktiviteter'), { title: 'Visa aktiviteter', verb: 'command', data: { command: 'aktiviteter' } });
    assert.ok(!buttons(done).some((b) => b.verb === 'adoptRecommendation' || b.verb === 'createOwnActivity'), 'the result is read-only');

    const view = await plan();
    const local = view.arenas.find((a) => a.id === 'ostersund')!.activities;
    assert.equal(local.length, 1);
    const a = local[0]!;
    assert.deepEqual(
      { id: a.id, scopeId: a.scopeId, strategyId: a.strategyId, title: a.title, period: a.period, recommendationId: a.recommendationId, createdBy: a.createdBy, createdAt: a.createdAt },
      { id: 'ostersund-s2-l1', scopeId: 'ostersund', strategyId: 's2', title: r.title, period: { from: 2026, to: 2027, label: '2026–2027' }, recommendationId: 's2-l1', createdBy: ANNA.name, createdAt: '2026-11-23T09:00:00.000Z' },
    );
    assert.equal(a.subActivities.length, 1);
    assert.deepEqual(
      { id: a.subActivities[0]!.id, title: a.subActivities[0]!.title, status: a.subActivities[0]!.status, statusNote: a.subActivities[0]!.statusNote, history: a.subActivities[0]!.history },
      { id: 'ostersund-s2-l1-d1', title: r.title, status: 'ej_paborjat', statusNote: '', history: [] },
    );
    // Only Östersund has it; the county-wide activities are untouched.
    for (const other of view.arenas.filter((x) => x.id !== 'ostersund')) assert.deepEqual(other.activities, [], other.id);
    const countyCount = view.strategies.flatMap((s) => s.activities).length;
    assert.equal(countyCount, content.strategies.flatMap((s) => s.activities).length);
  });

  it('lists an adopted recommendation as adopted, without an Anta button', async () => {
    await adopt(await openCard(), 's1-l4', { adoptFrom: '2025', adoptTo: '2026' });
    const overview = await openCard();
    assert.match(cardText(overview), /1\. Ökad delaktighet[\s\S]*rekommendationer att anta · 1 antagna/);
    const card = await strategyStep(overview, 's1');
    assert.match(cardText(card), new RegExp(`Antagen 2025–2026: ${recommendation('s1-l4').title}`));
    assert.ok(!buttons(card).some((b) => b.data.recommendationId === 's1-l4'));
    assert.equal(buttons(card).filter((b) => b.verb === 'adoptRecommendation').length, content.strategies[0]!.localRecommendations.length - 1);
  });

  it('says a recommendation is already adopted when it is adopted again, and changes nothing', async () => {
    // The same strategy step, clicked again after the first Anta (as a card in the channel would be).
    const card = await strategyStep(await openCard(), 's3');
    await adopt(card, 's3-l3');
    const before = await snapshot(bot.app.tables);
    clock.advance(60_000);
    const again = await adopt(card, 's3-l3', { adoptFrom: '2030', adoptTo: '2031' }, BENGT);
    const text = cardText(again);
    assert.match(text, /Östersund har redan antagit den här aktiviteten/);
    assert.match(text, /Antogs av\nAnna Andersson/);
    assert.match(text, /2026–2027/);
    assert.match(text, /ingenting har ändrats/);
    assert.deepEqual(await snapshot(bot.app.tables), before);
  });

  it('adopts a recommendation once when two people click Anta at the same time', async () => {
    const card = await openCard();
    const cards = await Promise.all([adopt(card, 's5-l2', {}, ANNA), adopt(card, 's5-l2', {}, BENGT)]);
    const texts = cards.map(cardText);
    assert.equal(texts.filter((t) => /är tillagd/.test(t)).length, 1);
    assert.equal(texts.filter((t) => /redan antagit/.test(t)).length, 1);
    const local = (await arena('ostersund')).activities;
    assert.deepEqual(local.map((a) => a.id), ['ostersund-s5-l2']);
  });

  it('adds the arena\'s own activity after its existing ones, and GET /api/plan shows it', async () => {
    await adopt(await openCard(), 's1-l1');
    clock.advance(3_600_000);
    const done = await addOwn(await openCard(), {
      strategyId: 's4',
      title: 'Hälsosamtal för alla 70-åringar',
      periodFrom: '2027',
      periodTo: '2028',
      measure: 'Erbjuds hälsosamtal? (ja/nej)',
      target: 'Ja',
    });
    const text = cardText(done);
    assert.match(text, /Aktiviteten är tillagd i Östersunds lokala plan/);
    assert.match(text, /Hälsosamtal för alla 70-åringar/);
    assert.match(text, /Strategi\n4\. Hälsofrämjande och förebyggande fokus/);
    assert.match(text, /Period\n2027–2028/);
    assert.match(text, /Status\nEj påbörjat/);
    assert.match(text, /Mått\nErbjuds hälsosamtal\? \(ja\/nej\)/);
    assert.match(text, /Målvärde\nJa/);
    assert.match(text, /Egen aktivitet/);
    assert.ok(buttons(done).some((b) => b.title === 'Visa aktiviteter' && b.verb === 'command' && b.data.command === 'aktiviteter'));

    const local = (await arena('ostersund')).activities;
    assert.deepEqual(local.map((a) => a.recommendationId ?? 'egen'), ['s1-l1', 'egen']);
    const own = local[1]!;
    assert.match(own.id, /^ostersund-egen-[0-9a-f]{8}$/);
    assert.equal(own.strategyId, 's4');
    assert.equal(own.createdBy, ANNA.name);
    assert.equal(own.createdAt, '2026-11-23T10:00:00.000Z');
    assert.deepEqual(own.period, { from: 2027, to: 2028, label: '2027–2028' });
    const sub = own.subActivities[0]!;
    assert.deepEqual(
      { id: sub.id, title: sub.title, status: sub.status, measure: sub.measure, target: sub.target },
      { id: `${own.id}-d1`, title: 'Hälsosamtal för alla 70-åringar', status: 'ej_paborjat', measure: 'Erbjuds hälsosamtal? (ja/nej)', target: 'Ja' },
    );
  });

  it('adds an own activity with only strategy and title, for this year and next year', async () => {
    await addOwn(await openCard(), { strategyId: 's1', title: 'Brukarråd i hemtjänsten' });
    const [own] = (await arena('ostersund')).activities;
    assert.equal(own?.title, 'Brukarråd i hemtjänsten');
    assert.deepEqual(own?.period, { from: 2026, to: 2027, label: '2026–2027' });
    assert.equal(own?.subActivities[0]?.measure, '');
    assert.equal(own?.subActivities[0]?.target, '');
  });

  it('follows up a local activity\'s status with history, like any sub-activity', async () => {
    await adopt(await openCard(), 's2-l3');
    await addOwn(await openCard(), { strategyId: 's2', title: 'Mobilt team i Frösön' });
    for (const activity of (await arena('ostersund')).activities) {
      const sub = activity.subActivities[0]!;
      clock.advance(60_000);
      const outcome = await bot.app.activities.update({
        scopeId: 'ostersund',
        subActivityId: sub.id,
        etag: sub.etag,
        request: { status: 'pagar', statusNote: 'Arbetsgrupp utsedd', comment: 'Beslut i arenan' },
        actor: { id: 'aad-bengt', name: BENGT.name },
      });
      assert.equal(outcome.kind, 'updated', activity.title);
    }
    for (const activity of (await arena('ostersund')).activities) {
      const sub = activity.subActivities[0]!;
      assert.equal(sub.status, 'pagar');
      assert.equal(sub.statusNote, 'Arbetsgrupp utsedd');
      assert.equal(sub.updatedBy, BENGT.name);
      assert.equal(sub.history?.length, 1);
      assert.deepEqual(sub.history?.[0]?.changes.map((c) => [c.field, c.from, c.to]), [
        ['status', 'ej_paborjat', 'pagar'],
        ['statusNote', '', 'Arbetsgrupp utsedd'],
      ]);
      assert.equal(sub.history?.[0]?.comment, 'Beslut i arenan');
    }
  });

  describe('refuses bad input with an error card and stores nothing', () => {
    const longTitle = 'x'.repeat(201);
    const own = { strategyId: 's1', title: 'Ett bra namn', periodFrom: '2026', periodTo: '2027', measure: '', target: '' };
    const cases: Array<[string, 'adoptRecommendation' | 'createOwnActivity', Record<string, unknown>, RegExp]> = [
      ['an unknown strategy', 'createOwnActivity', { ...own, strategyId: 's9' }, /Strategin finns inte i planen/],
      ['no strategy', 'createOwnActivity', { ...own, strategyId: '' }, /Välj en strategi/],
      ['a tampered strategy', 'createOwnActivity', { ...own, strategyId: "s1' or PartitionKey ne '" }, /Strategin finns inte i planen/],
      ['an empty title', 'createOwnActivity', { ...own, title: '  ' }, /Aktivitetens namn saknas/],
      ['an over-long title', 'createOwnActivity', { ...own, title: longTitle }, /högst 200 tecken/],
      ['a title that is not text', 'createOwnActivity', { ...own, title: { $ne: '' } }, /måste vara text/],
      ['a reversed period', 'createOwnActivity', { ...own, periodFrom: '2028', periodTo: '2025' }, /Perioden går baklänges/],
      ['a year outside the plan\'s years', 'createOwnActivity', { ...own, periodTo: '2099' }, /mellan 2023 och 2035/],
      ['an over-long measure', 'createOwnActivity', { ...own, measure: 'm'.repeat(301) }, /Måttet får vara högst 300 tecken/],
      ['an unknown recommendation', 'adoptRecommendation', { recommendationId: 's9-l9' }, /Rekommendationen finns inte i planen/],
      ['a county-wide activity as a recommendation', 'adoptRecommendation', { recommendationId: 's1-a1' }, /Rekommendationen finns inte i planen/],
      ['a tampered recommendation id with quotes', 'adoptRecommendation', { recommendationId: "s1-l1' or '1'='1" }, /Rekommendationen finns inte i planen/],
      ['a tampered recommendation id with odata', 'adoptRecommendation', { recommendationId: 's1-l1 or RowKey ge ""' }, /Rekommendationen finns inte i planen/],
      ['a recommendation id with a key separator', 'adoptRecommendation', { recommendationId: 's1-l1|sub' }, /Rekommendationen finns inte i planen/],
      ['no recommendation id', 'adoptRecommendation', {}, /Rekommendationen finns inte i planen/],
      ['a reversed adoption period', 'adoptRecommendation', { recommendationId: 's1-l1', adoptFrom: '2027', adoptTo: '2026' }, /Perioden går baklänges/],
    ];
    for (const [what, verb, data, message] of cases) {
      it(`refuses ${what}`, async () => {
        const before = await snapshot(bot.app.tables);
        const card = await bot.teams.execute(ostersund, verb, data);
        const text = cardText(card);
        assert.match(text, message);
        assert.match(text, verb === 'createOwnActivity' ? /Aktiviteten lades inte till/ : /Rekommendationen antogs inte/);
        assert.deepEqual(await snapshot(bot.app.tables), before);
        assert.deepEqual((await arena('ostersund')).activities, []);
      });
    }

    it('keeps what the person typed when it refuses the form', async () => {
      const card = await addOwn(await openCard(), { strategyId: 's3', title: 'Ab', measure: 'Antal besök', target: 'Fler än i fjol' });
      assert.match(cardText(card), /minst 3 tecken/);
      assert.deepEqual(
        { ...inputValues(card) },
        { strategyId: 's3', title: 'Ab', periodFrom: '2026', periodTo: '2027', measure: 'Antal besök', target: 'Fler än i fjol' },
      );
      // Corrected, the same card adds the activity.
      const done = await addOwn(card, { title: 'Öppen mottagning en dag i veckan' });
      assert.match(cardText(done), /Aktiviteten är tillagd/);
      assert.equal((await arena('ostersund')).activities[0]?.subActivities[0]?.target, 'Fler än i fjol');
    });
  });

  it('explains in the county channel that local activities are added in each arena\'s channel', async () => {
    await bot.teams.say(county, 'koppla Länsgemensam samverkan');
    const before = await snapshot(bot.app.tables);
    const reply = await bot.teams.say(county, 'ny aktivitet');
    const text = cardText(reply.cards[0]);
    assert.match(text, /läggs till i varje lokal samverkansarenas kanal; här följer ni upp Bilaga 1\./);
    assert.deepEqual(buttons(reply.cards[0]!).map((b) => b.title), ['Bilaga 1:s aktiviteter']);
    for (const [verb, data] of [
      ['adoptRecommendation', { recommendationId: 's1-l1' }],
      ['createOwnActivity', { strategyId: 's1', title: 'Länets egen aktivitet' }],
    ] as const) {
      assert.match(cardText(await bot.teams.execute(county, verb, data)), /läggs till i varje lokal samverkansarenas kanal/);
    }
    assert.deepEqual(await snapshot(bot.app.tables), before);
  });

  it('stores what another arena adopts in that arena only', async () => {
    await bot.teams.say(krokom, 'koppla Krokom');
    await adopt(await openCard(krokom), 's1-l1', {}, ANNA, krokom);
    assert.deepEqual((await arena('krokom')).activities.map((a) => a.id), ['krokom-s1-l1']);
    assert.deepEqual((await arena('ostersund')).activities, []);
    // Östersund can still adopt the same recommendation for itself.
    await adopt(await openCard(), 's1-l1');
    assert.deepEqual((await arena('ostersund')).activities.map((a) => a.id), ['ostersund-s1-l1']);
  });

  it('refuses a person in personal chat who is not in the arena\'s channel, and lets a member add', async () => {
    await bot.teams.sayPersonally('koppla Östersund', BENGT);
    const before = await snapshot(bot.app.tables);
    const reply = await bot.teams.sayPersonally('ny aktivitet', BENGT);
    assert.match(cardText(reply.cards[0]), /Aktiviteter för Östersund ändras i Östersunds kanal/);
    assert.ok(!buttons(reply.cards[0]!).some((b) => b.verb === 'adoptRecommendation'));
    for (const [verb, data] of [
      ['adoptRecommendation', { recommendationId: 's1-l1' }],
      ['createOwnActivity', { strategyId: 's1', title: 'Bengts aktivitet' }],
    ] as const) {
      assert.match(cardText(await bot.teams.execute('personal', verb, data, BENGT)), /Östersunds kanal/);
    }
    assert.deepEqual(await snapshot(bot.app.tables), before);
    assert.deepEqual((await arena('ostersund')).activities, []);

    // Anna takes part in Östersund's channel, so she may add from personal chat.
    await bot.teams.say(ostersund, 'hjälp', ANNA);
    await bot.teams.sayPersonally('koppla Östersund', ANNA);
    const card = (await bot.teams.sayPersonally('ny aktivitet', ANNA)).cards[0]!;
    const done = await adopt(card, 's1-l2', {}, ANNA, 'personal');
    assert.match(cardText(done), /är tillagd/);
    assert.deepEqual((await arena('ostersund')).activities.map((a) => a.createdBy), [ANNA.name]);
  });

  it('keeps local activities and their status across a restart: seeding does not touch them', async () => {
    await adopt(await openCard(), 's4-l2');
    await addOwn(await openCard(), { strategyId: 's5', title: 'Gemensam kompetensdag', target: 'Genomförd' });
    const [first] = (await arena('ostersund')).activities;
    const sub = first!.subActivities[0]!;
    await bot.app.activities.update({ scopeId: 'ostersund', subActivityId: sub.id, etag: sub.etag, request: { status: 'klar' }, actor: { id: 'aad-anna', name: ANNA.name } });
    // Seeding writes the plan's own rows only, never an arena's partition.
    assert.deepEqual([...contentEntities(content).keys()].sort(), ['plan', 'scope:lan']);

    const before = [...(await snapshot(bot.app.tables))].filter(([key]) => key.startsWith('scope:ostersund/'));
    assert.ok(before.length >= 5);
    await bot.restart();
    const after = [...(await snapshot(bot.app.tables))].filter(([key]) => key.startsWith('scope:ostersund/'));
    assert.deepEqual(after, before);
    const local = (await arena('ostersund')).activities;
    assert.deepEqual(local.map((a) => [a.title, a.subActivities[0]?.status]), [
      [recommendation('s4-l2').title, 'klar'],
      ['Gemensam kompetensdag', 'ej_paborjat'],
    ]);
    const card = await openCard();
    assert.ok(!buttons(card).some((b) => b.data.recommendationId === 's4-l2'), 'still adopted after the restart');
  });
});
