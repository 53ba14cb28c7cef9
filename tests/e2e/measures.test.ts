// "mått" and reporting effect-measure values through Action.Execute, end to end: Teams-shaped
// activities over HTTP, replies through the connector stand-in, values in Azurite.
import assert from 'node:assert/strict';
import { VERBS } from '../../bot/cards/verbs';
import type { PlanApiView } from '../../bot/api/planApi';
import type { CategoryValue } from '../../bot/domain/measureValues';
import { useBot } from '../helpers/botHarness';
import { TestClock } from '../helpers/clock';
import type { ChannelPlace } from '../helpers/teamsActivity';
import { ANNA, BENGT, buttons, cardText, channel, type Card, type Person } from '../helpers/teamsClient';

const county = channel('Länsgemensam samverkan', '19:lan@thread.tacv2');
const ostersund = channel('Östersund');
const krokom = channel('Krokom');

const MEASURE_TITLES = [
  'Antal SIP upprättade i Cosmic LINK, fördelat på barn och unga resp. vuxna',
  'Upplevelse av trygghet och delaktighet, uppföljning på systemnivå',
  'Kontinuitetsindex, kronisk sjukdom, primärvård (region)',
  'Läkarbesök i hemmet (inkl. SÄBO)',
  'Påverkbar slutenvård vid kronisk sjukdom',
  'Elever i åk 9 som är behöriga till yrkesprogram på gymnasiet',
  'Självskattat allmänt hälsotillstånd (Hälsa på lika villkor)',
  'Finns fungerande samverkansarenor utifrån samverkansdirektiv i varje kommun/närvårdsområde',
];
// The county reports every measure (docs/plan-file.md, "Effektmått"); the arenas see them.
const SIP = 's1-e1'; // per municipality, half-yearly, Barn och unga / Vuxna
const TRYGGHET = 's1-e2'; // the county's
const KONTINUITET = 's2-e1'; // the region's
const LAKARBESOK = 's3-e1'; // per municipality, should increase
const SLUTENVARD = 's3-e2'; // the region's (decided), should decrease
const BEHORIGA = 's4-e1'; // per municipality
const HALSA = 's4-e2'; // the county's, per survey round (Hälsa på lika villkor)
const ARENOR = 's5-e1'; // ja/nej per kommun, no county figure
const CECILIA = { id: 'aad-cecilia', name: 'Cecilia Carlsson' };

/** The text under one measure of the mått card (its container starts with the title). */
function measureSection(card: Card, title: string): string {
  let found: unknown;
  const walk = (v: unknown): void => {
    if (found || !v || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach(walk);
    const o = v as Record<string, unknown>;
    const first = Array.isArray(o.items) ? (o.items[0] as Record<string, unknown> | undefined) : undefined;
    if (o.type === 'Container' && first?.text === title) found = o;
    else Object.values(o).forEach(walk);
  };
  walk(card);
  assert.ok(found, `no section for ${title}`);
  return cardText(found);
}

/** The form's inputs in order, with the value each shows. */
function inputs(card: Card): Array<[string, unknown]> {
  const found: Array<[string, unknown]> = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Input.')) found.push([String(o.id), o.value]);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** What the tests can check without Teams: schema version, known verbs, nothing left unbound. */
function assertWellFormed(card: Card): void {
  assert.equal(card.type, 'AdaptiveCard');
  assert.equal(card.version, '1.5');
  const json = JSON.stringify(card);
  assert.ok(!json.includes('${'), 'a binding was left unexpanded');
  for (const b of buttons(card)) assert.ok((Object.values(VERBS) as string[]).includes(b.verb), b.verb);
  assert.ok(Buffer.byteLength(json) < 28 * 1024, `card is ${Buffer.byteLength(json)} bytes`);
}

describe('effect measures (mått)', () => {
  const clock = new TestClock();
  const bot = useBot({}, () => ({ now: clock.now }));

  beforeEach(async () => {
    clock.set('2026-11-23T09:00:00Z');
    await bot.teams.say(county, 'koppla Länsgemensam samverkan');
    await bot.teams.say(ostersund, 'koppla Östersund');
    await bot.teams.say(krokom, 'koppla Krokom');
  });

  async function seed(measureId: string, periodId: string, arenaId: string, values: CategoryValue[]): Promise<void> {
    const outcome = await bot.app.measures.report({ measureId, periodId, arenaId, etag: '', values, comment: '', actor: CECILIA });
    assert.equal(outcome.kind, 'saved');
  }

  /** "mått", and its further pages (the card is paged by strategies): the pages as one card, for the assertions. */
  async function measuresCard(place: ChannelPlace, as: Person = ANNA): Promise<Card> {
    const reply = await bot.teams.say(place, 'mått', as);
    assert.equal(reply.cards.length, 1);
    assertWellFormed(reply.cards[0]!);
    const pages = [reply.cards[0]!];
    while (buttons(pages[pages.length - 1]!).some((b) => b.title === 'Visa fler')) {
      const next = await bot.teams.click(place, pages[pages.length - 1]!, 'Visa fler', {}, as);
      assertWellFormed(next);
      pages.push(next);
    }
    const paging = (a: unknown) => ['Visa fler', 'Föregående'].includes((a as { title?: string }).title ?? '');
    return { ...pages[0]!, body: pages.flatMap((p) => p.body ?? []), actions: pages.flatMap((p) => (p.actions ?? []).filter((a) => !paging(a))) };
  }

  async function openForm(place: ChannelPlace, measureId: string, as: Person = ANNA): Promise<Card> {
    const card = await measuresCard(place, as);
    const button = buttons(card).find((b) => b.title === 'Rapportera' && b.data.measureId === measureId);
    assert.ok(button, `no Rapportera for ${measureId}`);
    // The mått card has no inputs: Teams sends the button's data only.
    const form = await bot.teams.execute(place, button.verb, button.data, as);
    assertWellFormed(form);
    return form;
  }

  /** Chooses another period (and, in the county's form of a per-municipality measure, the arena) and presses Visa, as a person would. */
  async function choose(place: ChannelPlace, form: Card, choice: { period?: string; arena?: string }, as: Person = ANNA): Promise<Card> {
    const card = await bot.teams.click(place, form, /^Visa (perioden|värdet)$/, choice, as);
    assertWellFormed(card);
    return card;
  }

  /** The county's form for one arena's value (a municipality, or Hela länet: 'lan') of a per-municipality measure. */
  async function formFor(measureId: string, arena: string, period?: string, as: Person = ANNA): Promise<Card> {
    return choose(county, await openForm(county, measureId, as), { arena, ...(period ? { period } : {}) }, as);
  }

  const save = (place: ChannelPlace | 'personal', form: Card, typed: Record<string, unknown>, as: Person = ANNA) => bot.teams.click(place, form, 'Spara', typed, as);

  async function plan(): Promise<PlanApiView> {
    return (await (await fetch(`${bot.app.url}/api/plan`)).json()) as PlanApiView;
  }

  async function measureRows(): Promise<Array<Record<string, unknown>>> {
    const rows: Array<Record<string, unknown>> = [];
    for await (const row of bot.app.tables.measures.listEntities<Record<string, unknown>>()) if (row.partitionKey !== 'meta') rows.push({ ...row });
    return rows;
  }

  it('shows a municipal arena every measure by strategy read-only, with its own value, the county figure beside it, and who reports', async () => {
    await seed(TRYGGHET, '2025', 'lan', [{ category: null, value: 71 }]);
    await seed(LAKARBESOK, '2025', 'krokom', [{ category: null, value: 12 }]);
    await seed(LAKARBESOK, '2025', 'ostersund', [{ category: null, value: 40 }]);
    await seed(LAKARBESOK, '2025', 'lan', [{ category: null, value: 310 }]);
    const card = await measuresCard(ostersund);
    const text = cardText(card);
    assert.match(text, /Effektmått – Östersund/);
    assert.match(text, /Länsnivån rapporterar alla värden/);
    for (const heading of ['1. Ökad delaktighet', '2. Ökad kontinuitet', '3. Ökad tillgänglighet', '5. Ökad samordning och samverkan']) assert.ok(text.includes(heading), heading);
    for (const title of MEASURE_TITLES) assert.ok(text.includes(title), title);
    const sip = measureSection(card, MEASURE_TITLES[0]!);
    assert.match(sip, /Målvärde: Ökat antal upprättade SIP jämfört med föregående år/);
    assert.match(sip, /Uppföljning: Mått följs minst halvårsvis i Fredagsgruppen\/SamReKo HSI · halvårsvis · rapporteras per kommun · källa: Cosmic LINK/);
    // The period asked for is the last completed one (November 2026: the first half-year), never the unfinished one.
    assert.match(sip, /Länsnivån har rapporterat 0 av 8 kommuners värden första halvåret 2026/);
    assert.match(sip, /Länsnivån rapporterar värdet\./);
    // The county's value, with the county's name and the source the plan names.
    const trygghet = measureSection(card, MEASURE_TITLES[1]!);
    assert.match(trygghet, /rapporteras för länet · källa: Vård och omsorgskollen/);
    assert.match(trygghet, /Länet, 2025: 71 \(rapporterat av Cecilia Carlsson 23 nov\. 2026\)/);
    assert.match(measureSection(card, MEASURE_TITLES[2]!), /rapporteras för regionen/);
    assert.match(measureSection(card, MEASURE_TITLES[4]!), /rapporteras för regionen/, 'påverkbar slutenvård: region level');
    assert.match(measureSection(card, MEASURE_TITLES[6]!), /per undersökningsomgång · rapporteras för länet/, 'Hälsa på lika villkor: the county, per survey round');
    const lakarbesok = measureSection(card, MEASURE_TITLES[3]!);
    assert.match(lakarbesok, /Länsnivån har rapporterat 2 av 8 kommuners värden 2025/);
    assert.match(lakarbesok, /2025: 40 \(rapporterat av Cecilia Carlsson/, 'Östersund\'s own value');
    assert.match(lakarbesok, /Hela länet, 2025: 310/, 'the county figure beside it');
    assert.deepEqual(buttons(card).filter((b) => b.title === 'Rapportera'), [], 'the arenas are not asked');
  });

  it('shows the county channel every measure to report for the last completed period, a summary of the municipalities, small enough for Teams', async () => {
    await seed(ARENOR, '2025', 'ostersund', [{ category: null, value: 'ja' }]);
    await seed(ARENOR, '2025', 'krokom', [{ category: null, value: 'nej' }]);
    await seed(SIP, '2026-H1', 'berg', [{ category: 'Barn och unga', value: 1 }, { category: 'Vuxna', value: 2 }]);
    const card = await measuresCard(county);
    const arenor = measureSection(card, MEASURE_TITLES[7]!);
    assert.match(arenor, /Länsnivån har rapporterat 2 av 8 kommuners värden 2025/);
    assert.match(arenor, /Ja, målvärdet nås: Östersund/);
    assert.match(arenor, /Nej, målvärdet nås inte: Krokom/);
    assert.match(arenor, /Inte rapporterat ännu: Berg, Bräcke, Härjedalen, Ragunda, Strömsund, Åre/);
    const reportable = buttons(card).filter((b) => b.title === 'Rapportera');
    // Rapportera opens the first municipality still missing the period's value.
    assert.deepEqual(reportable.map((b) => [b.data.measureId, b.data.arenaId, b.data.periodId]), [
      [SIP, 'bracke', '2026-H1'],
      [TRYGGHET, 'lan', '2025'],
      [KONTINUITET, 'lan', '2025'],
      [LAKARBESOK, 'berg', '2025'],
      [SLUTENVARD, 'lan', '2025'],
      [BEHORIGA, 'berg', '2025'],
      [HALSA, 'lan', '2025'],
      [ARENOR, 'berg', '2025'],
    ]);

    // Every value reported, for every period since 2023: the card still stays far below Teams' 28 KB.
    const municipalities = ['berg', 'bracke', 'harjedalen', 'krokom', 'ragunda', 'stromsund', 'are', 'ostersund'];
    for (const year of ['2023', '2024', '2025']) {
      for (const m of [LAKARBESOK, BEHORIGA]) for (const a of [...municipalities, 'lan']) await seed(m, year, a, [{ category: null, value: 70.25 }]);
      for (const m of [TRYGGHET, KONTINUITET, SLUTENVARD, HALSA]) await seed(m, year, 'lan', [{ category: null, value: 1234.5 }]);
    }
    const full = await measuresCard(county);
    const lakarbesok = measureSection(full, MEASURE_TITLES[3]!);
    assert.match(lakarbesok, /Länsnivån har rapporterat 8 av 8 kommuners värden 2025/);
    assert.match(lakarbesok, /Hela länet, 2025: 70,25/);
    assert.ok(Buffer.byteLength(JSON.stringify(full)) < 14 * 1024, `${Buffer.byteLength(JSON.stringify(full))} bytes`);
  });

  it('lets the county report a municipality\'s value for the baseline year 2023, 2024 and 2025, and judges 2025 against 2024', async () => {
    const form = await openForm(county, LAKARBESOK);
    assert.match(cardText(form), /Period \(från basåret 2023\)/);
    assert.match(cardText(form), /Värde för\nBerg/);
    const choices = JSON.stringify(form).match(/"value":"(20\d\d)"/g);
    assert.ok(choices && choices.length >= 4, 'the periods 2026, 2025, 2024 and 2023 are offered');
    assert.deepEqual(inputs(form).map(([id]) => id).slice(0, 2), ['arena', 'period'], 'the county chooses the municipality (or Hela länet) and the period');

    const baseline = await choose(county, form, { arena: 'ostersund', period: '2023' });
    assert.match(cardText(baseline), /Period\n2023/);
    assert.match(cardText(baseline), /Värde för\nÖstersund/);
    const saved2023 = await save(county, baseline, { value_0: '1 180', comment: 'Basår' });
    assert.match(cardText(saved2023), /Värdet är sparat/);
    assert.match(cardText(saved2023), /Inget tidigare värde att jämföra med \(2022 saknas\)\./);

    const saved2024 = await save(county, await formFor(LAKARBESOK, 'ostersund', '2024'), { value_0: '1 250' });
    assert.match(cardText(saved2024), /Period\n2024/);

    // 2025, the last completed year, is the form's own period; it is compared with 2024, not with 2023.
    const form2025 = await formFor(LAKARBESOK, 'ostersund');
    assert.match(cardText(form2025), /Period\n2025/);
    assert.match(cardText(form2025), /Samma period föregående år \(2024\): 1\s250/);
    const met = await save(county, form2025, { value_0: '1300' });
    assert.match(cardText(met), /Målvärdet nås: 1\s300 mot 1\s250 2024\./);

    assert.deepEqual((await bot.app.measures.get(LAKARBESOK, '2023', 'ostersund'))?.values, [{ category: null, value: 1180 }]);
    assert.deepEqual((await bot.app.measures.history(LAKARBESOK, '2023', 'ostersund')).map((h) => [h.version, h.reportedBy, h.comment]), [[1, ANNA.name, 'Basår']]);
    assert.equal((await bot.app.measures.get(LAKARBESOK, '2024', 'ostersund'))?.version, 1);

    const card = measureSection(await measuresCard(ostersund), MEASURE_TITLES[3]!);
    assert.match(card, /2025: 1\s300 \(rapporterat av Anna Andersson/);
    assert.match(card, /Målvärdet nås: 1\s300 mot 1\s250 2024\./);
    assert.match(card, /Länsnivån har rapporterat 1 av 8 kommuners värden 2025/);

    // A later correction of 2024 is an ordinary report with history, and changes 2025's judgement.
    const corrected = await save(county, await formFor(LAKARBESOK, 'ostersund', '2024'), { value_0: '1 400', comment: 'Rättat enligt Kolada' });
    assert.match(cardText(corrected), /Ersatte\n1\s250/);
    assert.deepEqual((await bot.app.measures.history(LAKARBESOK, '2024', 'ostersund')).map((h) => h.version), [2, 1]);
    assert.match(measureSection(await measuresCard(ostersund), MEASURE_TITLES[3]!), /Målvärdet nås inte: 1\s300 mot 1\s400 2024\./);
  });

  it('lets the county report the register\'s own figure for the whole county beside the municipalities\', never computed', async () => {
    await seed(LAKARBESOK, '2025', 'ostersund', [{ category: null, value: 40 }]);
    await seed(LAKARBESOK, '2025', 'krokom', [{ category: null, value: 12 }]);
    const form = await formFor(LAKARBESOK, 'lan');
    assert.match(cardText(form), /Värde för\nHela länet \(Länsgemensam samverkan\)/);
    assert.deepEqual(inputs(form).find(([id]) => id === 'value_0'), ['value_0', ''], 'never the sum of the municipalities\' (52)');
    const saved = await save(county, form, { value_0: '310' });
    assert.match(cardText(saved), /Värdet är sparat/);
    assert.deepEqual((await bot.app.measures.get(LAKARBESOK, '2025', 'lan'))?.values, [{ category: null, value: 310 }]);
    assert.match(measureSection(await measuresCard(krokom), MEASURE_TITLES[3]!), /2025: 12[\s\S]*Hela länet, 2025: 310/);
    // The ja/nej measure asked "i varje kommun" has no county figure.
    const arenor = await openForm(county, ARENOR);
    assert.ok(!JSON.stringify(arenor).includes('Hela länet'));
  });

  it('accepts the decimal comma and spaces between thousands, keeps them in the form, and shows values the Swedish way', async () => {
    const form = await openForm(county, HALSA);
    assert.match(cardText(form), /Värde för\nLänet \(Länsgemensam samverkan\)/);
    const number = JSON.stringify(form).match(/"type":"Input\.(\w+)","id":"value_0"/);
    assert.equal(number?.[1], 'Text', 'a text input, so that Teams does not refuse or clear "0,42"');
    const saved = await save(county, form, { value_0: '0,42' });
    assert.match(cardText(saved), /Värdet är sparat/);
    assert.match(cardText(saved), /Värde\n0,42/);
    assert.deepEqual((await bot.app.measures.get(HALSA, '2025', 'lan'))?.values, [{ category: null, value: 0.42 }]);
    // The form shows the stored value the Swedish way, and saving it untouched changes nothing.
    const again = await bot.teams.click(county, saved, 'Ändra');
    assert.deepEqual(inputs(again).find(([id]) => id === 'value_0'), ['value_0', '0,42']);
    const unchanged = await save(county, again, {});
    assert.match(cardText(unchanged), /Värdet var redan sparat, ingenting ändrades/);
    assert.match(cardText(await bot.teams.click(county, unchanged, 'Visa alla mått')), /Effektmått – Länsgemensam samverkan/);
    assert.equal((await bot.app.measures.get(HALSA, '2025', 'lan'))?.version, 1);

    for (const [typed, value] of [['1 234', 1234], ['1\u00a0234,5', 1234.5], ['12\u202f345', 12345], ['2\u2009000', 2000], ['3.5', 3.5], ['1234', 1234]] as const) {
      const saved2 = await save(county, await formFor(LAKARBESOK, 'ostersund'), { value_0: typed });
      assert.match(cardText(saved2), /Värdet är sparat/, typed);
      assert.equal((await bot.app.measures.get(LAKARBESOK, '2025', 'ostersund'))?.values[0]?.value, value, typed);
    }
    assert.match(measureSection(await measuresCard(ostersund), MEASURE_TITLES[3]!), /2025: 1\s234 \(/);
  });

  it('reports a half-yearly value split into categories and shows that the target is met', async () => {
    await seed(SIP, '2025-H1', 'ostersund', [{ category: 'Barn och unga', value: 10 }, { category: 'Vuxna', value: 40 }]);
    const form = await formFor(SIP, 'ostersund');
    const text = cardText(form);
    assert.match(text, /Rapportera värde/);
    assert.match(text, /Första halvåret 2026/, 'in November: the half-year that has ended');
    assert.match(text, /Källa\nCosmic LINK/);
    assert.match(text, /Samma period föregående år \(första halvåret 2025\): Barn och unga: 10 · Vuxna: 40/);
    assert.deepEqual(buttons(form).map((b) => b.title), ['Visa värdet', 'Spara', 'Avbryt']);

    const saved = await save(county, form, { value_0: '12', value_1: '45,5', comment: 'Från Cosmic LINK' });
    const savedText = cardText(saved);
    assert.match(savedText, /Värdet är sparat/);
    assert.match(savedText, /Barn och unga\n12\nVuxna\n45,5/);
    assert.match(savedText, /Anna Andersson, 23 nov\. 2026 10:00/);
    assert.match(savedText, /Målvärdet nås: 57,5 mot 50 första halvåret 2025\./);
    assert.ok(!buttons(saved).some((b) => b.title === 'Spara'), 'the saved card is read-only');
    const stored = await bot.app.measures.get(SIP, '2026-H1', 'ostersund');
    assert.deepEqual(stored?.values, [{ category: 'Barn och unga', value: 12 }, { category: 'Vuxna', value: 45.5 }]);
    assert.equal((await bot.app.measures.history(SIP, '2026-H1', 'ostersund')).length, 1);
    // The county sees Östersund against its own previous year.
    assert.match(measureSection(await measuresCard(county), MEASURE_TITLES[0]!), /Målvärdet nås \(mot första halvåret 2025\): Östersund \(57,5 mot 50\)/);
  });

  it('says when a decrease measure misses its target, and when there is nothing to compare with', async () => {
    await seed(SLUTENVARD, '2024', 'lan', [{ category: null, value: 100 }]);
    const notMet = await save(county, await openForm(county, SLUTENVARD), { value_0: '104' });
    assert.match(cardText(notMet), /Målvärdet nås inte: 104 mot 100 2024\./);
    const first = await save(county, await openForm(county, KONTINUITET), { value_0: '3120' });
    assert.match(cardText(first), /Inget tidigare värde att jämföra med \(2024 saknas\)\./);
  });

  it('lets the county answer a municipality\'s yes/no measure, and the arena sees the answer', async () => {
    const form = await formFor(ARENOR, 'ostersund');
    assert.match(cardText(form), /Värde för\nÖstersund/);
    const saved = await save(county, form, { value_0: 'nej', comment: 'Arenan startar om i januari' });
    assert.match(cardText(saved), /Målvärdet nås inte \(nej\)\./);
    assert.deepEqual((await bot.app.measures.get(ARENOR, '2025', 'ostersund'))?.values, [{ category: null, value: 'nej' }]);
    assert.match(measureSection(await measuresCard(county), MEASURE_TITLES[7]!), /Nej, målvärdet nås inte: Östersund/);
    assert.match(measureSection(await measuresCard(ostersund), MEASURE_TITLES[7]!), /2025: nej \(rapporterat av Anna Andersson/);
  });

  it('keeps what the person entered when a value is refused, so it can be corrected and saved', async () => {
    const form = await openForm(county, SIP);
    assert.deepEqual(inputs(form).filter(([id]) => id !== 'period' && id !== 'arena'), [['value_0', ''], ['value_1', ''], ['comment', '']]);
    const refused = await save(county, form, { value_0: '-2', value_1: '8', comment: 'Från Cosmic LINK' });
    assert.match(cardText(refused), /Värdet sparades inte\. Rätta det här och spara igen:/);
    assert.match(cardText(refused), /Barn och unga: värdet får inte vara negativt/);
    assert.deepEqual(inputs(refused).filter(([id]) => id !== 'period' && id !== 'arena'), [['value_0', ''], ['value_1', '8'], ['comment', 'Från Cosmic LINK']]);
    assert.deepEqual(await measureRows(), []);
    const saved = await save(county, refused, { value_0: '2' });
    assert.match(cardText(saved), /Värdet är sparat/);
  });

  it('still detects a report made by someone else while the person corrected a refused value', async () => {
    const form = await openForm(county, KONTINUITET);
    await save(county, await openForm(county, KONTINUITET, BENGT), { value_0: '100' }, BENGT);
    const refused = await save(county, form, { value_0: 'nittio' });
    assert.match(cardText(refused), /Värdet: skriv ett tal/);
    const conflict = await save(county, refused, { value_0: '90' });
    assert.match(cardText(conflict), /Någon annan rapporterade ett värde för perioden innan dig/);
    assert.equal((await bot.app.measures.get(KONTINUITET, '2025', 'lan'))?.reportedBy, BENGT.name);
  });

  it('goes back to the measures when the form is cancelled, and saves nothing', async () => {
    const form = await openForm(county, SIP);
    const back = await bot.teams.click(county, form, 'Avbryt', { value_0: '5' });
    assert.match(cardText(back), /Effektmått – Länsgemensam samverkan/);
    assert.deepEqual(await measureRows(), []);
  });

  it('refuses a stale report with the current value, and keeps the person\'s own value to save again', async () => {
    const anna = await openForm(county, KONTINUITET, ANNA);
    const bengt = await openForm(county, KONTINUITET, BENGT);
    await save(county, bengt, { value_0: '100' }, BENGT);

    const conflict = await save(county, anna, { value_0: '90', comment: 'Enligt Kolada' }, ANNA);
    const text = cardText(conflict);
    assert.match(text, /Någon annan rapporterade ett värde för perioden innan dig/);
    assert.match(text, /Nu gäller: 100, rapporterat av Bengt Berg 23 nov\. 2026 10:00\./);
    assert.deepEqual(inputs(conflict).filter(([id]) => id !== 'period'), [['value_0', '90'], ['comment', 'Enligt Kolada']], 'Anna\'s value is still in the form');
    const kept = await bot.app.measures.get(KONTINUITET, '2025', 'lan');
    assert.deepEqual([kept?.values, kept?.reportedBy, kept?.version], [[{ category: null, value: 100 }], BENGT.name, 1]);

    // A later correction on Bengt's first form is stale too.
    assert.match(cardText(await save(county, bengt, { value_0: '101' }, BENGT)), /Någon annan rapporterade/);

    // Saving again from the conflict card applies Anna's value on top of Bengt's, with both in the history.
    const saved = await save(county, conflict, {}, ANNA);
    assert.match(cardText(saved), /Värdet är sparat/);
    assert.match(cardText(saved), /Ersatte\n100 \(Bengt Berg/);
    const history = await bot.app.measures.history(KONTINUITET, '2025', 'lan');
    assert.deepEqual(history.map((h) => [h.version, h.reportedBy, h.values[0]?.value]), [[2, ANNA.name, 90], [1, BENGT.name, 100]]);
  });

  it('treats a period chosen in the form but not opened as seen without a value, so it never overwrites one unseen', async () => {
    await seed(LAKARBESOK, '2024', 'ostersund', [{ category: null, value: 900 }]);
    await seed(LAKARBESOK, '2025', 'krokom', [{ category: null, value: 30 }]);
    const form = await formFor(LAKARBESOK, 'ostersund');
    const conflict = await save(county, form, { period: '2024', value_0: '950' });
    assert.match(cardText(conflict), /Nu gäller: 900/);
    assert.equal((await bot.app.measures.get(LAKARBESOK, '2024', 'ostersund'))?.version, 1);
    const saved = await save(county, conflict, {});
    assert.match(cardText(saved), /Period\n2024/);
    assert.equal((await bot.app.measures.get(LAKARBESOK, '2024', 'ostersund'))?.values[0]?.value, 950);
    // The same for a municipality chosen but not opened: Krokom's value is never overwritten unseen.
    const other = await save(county, await formFor(LAKARBESOK, 'ostersund'), { arena: 'krokom', value_0: '31' });
    assert.match(cardText(other), /Nu gäller: 30/);
    assert.equal((await bot.app.measures.get(LAKARBESOK, '2025', 'krokom'))?.version, 1);
  });

  it('refuses a report from an arena\'s channel, its own value too, says that the county reports it, and changes nothing', async () => {
    const attempts: Array<[ChannelPlace, Record<string, unknown>, RegExp]> = [
      [krokom, { measureId: ARENOR, arenaId: 'ostersund', periodId: '2025', etag: '', value_0: 'ja' }, /Östersunds värde för "Finns fungerande samverkansarenor.*": länsnivån rapporterar värdet, i kanalen för länsgemensam samverkan\. Här visas värdena; Krokom behöver inte rapportera dem\./],
      [ostersund, { measureId: KONTINUITET, arenaId: 'lan', periodId: '2025', etag: '', value_0: '1' }, /Länets värde för "Kontinuitetsindex, kronisk sjukdom, primärvård \(region\)": länsnivån rapporterar värdet, i kanalen för länsgemensam samverkan\./],
      [ostersund, { measureId: ARENOR, arenaId: 'ostersund', periodId: '2025', etag: '', value_0: 'ja' }, /Östersunds värde .*: länsnivån rapporterar värdet, i kanalen för länsgemensam samverkan\./],
      [ostersund, { measureId: LAKARBESOK, arenaId: 'lan', periodId: '2025', etag: '', value_0: '1' }, /Länets värde .*: länsnivån rapporterar värdet/],
    ];
    for (const [place, data, message] of attempts) {
      for (const verb of ['editMeasureValue', 'saveMeasureValue']) {
        const card = await bot.teams.execute(place, verb, data);
        assertWellFormed(card);
        assert.match(cardText(card), /Värdet kan inte rapporteras här/, `${verb} in ${place.channelName}`);
        assert.match(cardText(card), message);
        assert.match(cardText(card), /Ingenting har ändrats\./);
      }
    }
    // Without an arena in the card, an arena's channel is told the same about its own value.
    assert.match(cardText(await bot.teams.execute(ostersund, 'editMeasureValue', { measureId: ARENOR })), /Östersunds värde .*: länsnivån rapporterar värdet/);
    assert.deepEqual(await measureRows(), []);
  });

  it('lets a person report from personal chat only when they take part in the county\'s channel', async () => {
    await bot.teams.sayPersonally('koppla Länsgemensam samverkan', BENGT);
    const data = { measureId: ARENOR, arenaId: 'ostersund', periodId: '2025', etag: '', value_0: 'ja' };
    const refused = await bot.teams.execute('personal', 'saveMeasureValue', data, BENGT);
    assert.match(cardText(refused), /Östersunds värde .*: länsnivån rapporterar värdet, i kanalen för länsgemensam samverkan, eller här av den som är med i den kanalen\./);
    assert.deepEqual(await measureRows(), []);

    await bot.teams.say(county, 'mått', BENGT);
    const saved = await bot.teams.execute('personal', 'saveMeasureValue', data, BENGT);
    assert.match(cardText(saved), /Värdet är sparat/);
    assert.equal((await bot.app.measures.get(ARENOR, '2025', 'ostersund'))?.reportedBy, BENGT.name);
  });

  it('refuses malformed, tampered and oversized submissions with an error card, and changes nothing', async () => {
    await seed(SIP, '2026-H2', 'ostersund', [{ category: 'Barn och unga', value: 5 }, { category: 'Vuxna', value: 6 }]);
    const current = await bot.app.measures.get(SIP, '2026-H2', 'ostersund');
    const base = { measureId: SIP, periodId: '2026-H2', arenaId: 'ostersund', etag: current!.etag, value_0: '7', value_1: '8' };
    const ostersund = county; // the county reports the municipalities' values: every refusal below is of the value, not of the channel
    const before = await measureRows();
    const cases: Array<[string, ChannelPlace, Record<string, unknown>, RegExp]> = [
      ['a negative number', ostersund, { ...base, value_0: '-3' }, /Barn och unga: värdet får inte vara negativt/],
      ['text in a number field', ostersund, { ...base, value_1: 'tolv' }, /Vuxna: skriv ett tal/],
      ['a number in exponent form', ostersund, { ...base, value_1: '1e12' }, /Vuxna: skriv ett tal/],
      ['thousands in groups other than three', ostersund, { ...base, value_1: '12 34' }, /Vuxna: skriv ett tal/],
      ['a comma and a point', ostersund, { ...base, value_1: '1.234,5' }, /Vuxna: skriv ett tal/],
      ['a number too large', ostersund, { ...base, value_0: 1e12 }, /högst 1\s000\s000\s000/],
      ['an empty value', ostersund, { ...base, value_0: '' }, /Barn och unga: fyll i ett värde/],
      ['an unknown measure', ostersund, { ...base, measureId: 's9-e9' }, /Effektmåttet finns inte i planen\./],
      ['an unknown category', ostersund, { ...base, value_2: '4' }, /kategori som effektmåttet inte har/],
      ['a comment over the maximum', ostersund, { ...base, comment: 'x'.repeat(501) }, /Kommentaren får vara högst 500 tecken/],
      ['a huge comment', ostersund, { ...base, comment: 'å'.repeat(100_000) }, /Kommentaren får vara högst 500 tecken/],
      ['odata in the measure id', ostersund, { ...base, measureId: "s1-e1' or PartitionKey ne '" }, /Effektmåttet finns inte i planen\./],
      ['odata in the arena id', ostersund, { ...base, arenaId: "ostersund' or RowKey ne '" }, /arena som inte rapporterar det här effektmåttet/],
      ['odata in the period id', ostersund, { ...base, periodId: "2026-H2' or RowKey ne '" }, /Perioden finns inte för det här effektmåttet/],
      ['a period before the baseline year', ostersund, { ...base, periodId: '2022-H2' }, /från och med 2023, planens basår/],
      ['a period that has not begun', ostersund, { ...base, periodId: '2027-H1' }, /har inte börjat än/],
      ['a year for a half-yearly measure', ostersund, { ...base, periodId: '2026' }, /Perioden finns inte/],
      ['a measure id that is not text', ostersund, { ...base, measureId: { $ne: null } }, /Effektmåttet finns inte i planen\./],
      ['an unknown field', ostersund, { ...base, PartitionKey: 'values' }, /fält som jag inte känner igen/],
      ['something other than ja/nej', ostersund, { measureId: ARENOR, periodId: '2026', arenaId: 'ostersund', etag: '', value_0: 'kanske' }, /Svar|Värdet: välj ja eller nej/],
      ['a number for a yes/no measure', ostersund, { measureId: ARENOR, periodId: '2026', arenaId: 'ostersund', etag: '', value_0: 1 }, /välj ja eller nej/],
    ];
    for (const [what, place, data, message] of cases) {
      const card = await bot.teams.execute(place, 'saveMeasureValue', data);
      assertWellFormed(card);
      assert.match(cardText(card), /Värdet sparades inte/, what);
      assert.match(cardText(card), message, what);
      assert.ok(!/Värdet är sparat/.test(cardText(card)), what);
    }
    assert.deepEqual(await measureRows(), before);
  });

  it('keeps a form opened just before a half-year ended, and saves it for the half-year it showed', async () => {
    clock.set('2026-06-30T20:00:00Z');
    const form = await formFor(SIP, 'ostersund');
    assert.match(cardText(form), /Andra halvåret 2025/, 'on 30 June the first half-year has not ended: the last completed one is asked for');
    clock.set('2026-07-01T06:00:00Z');
    const saved = await save(county, form, { value_0: '3', value_1: '4' });
    assert.match(cardText(saved), /Andra halvåret 2025/);
    assert.equal((await bot.app.measures.get(SIP, '2025-H2', 'ostersund'))?.version, 1);
    const button = buttons(await measuresCard(county)).find((b) => b.data.measureId === SIP);
    assert.equal(button?.data.periodId, '2026-H1', 'from 1 July the first half-year is asked for');
  });

  it('answers mått with one storage request for every measure, and a save with at most two', async () => {
    await seed(LAKARBESOK, '2024', 'ostersund', [{ category: null, value: 10 }]);
    await seed(TRYGGHET, '2024', 'lan', [{ category: null, value: 10 }]);
    const requests: string[] = [];
    bot.app.tables.measures.pipeline.addPolicy({
      name: 'countMeasureRequests',
      sendRequest: async (request, next) => {
        requests.push(`${request.method} ${decodeURIComponent(new URL(request.url).pathname + new URL(request.url).search)}`);
        return next(request);
      },
    });
    // One request per page of the card (it is paged by strategies), whatever the number of measures.
    await bot.teams.say(ostersund, 'mått');
    await bot.teams.say(county, 'mått');
    assert.equal(requests.length, 2, requests.join('\n'));
    requests.length = 0;
    const form = await openForm(county, LAKARBESOK);
    assert.equal(requests.length, 3, `mått's two pages + the form: ${requests.join('\n')}`);
    requests.length = 0;
    await save(county, form, { value_0: '12' });
    assert.ok(requests.length <= 2, requests.join('\n'));
  });

  it('shows the reported value in GET /api/plan with who reported it, the target status and the history', async () => {
    await seed(SLUTENVARD, '2024', 'lan', [{ category: null, value: 100 }]);
    // A municipality's value entered before the measure was decided at region level is kept and shown.
    await seed(SLUTENVARD, '2023', 'ostersund', [{ category: null, value: 7 }]);
    await save(county, await openForm(county, SLUTENVARD), { value_0: '90', comment: 'Enligt Kolada' });
    const measure = (await plan()).strategies.flatMap((s) => s.effectMeasures).find((m) => m.id === SLUTENVARD)!;
    assert.equal(measure.title, 'Påverkbar slutenvård vid kronisk sjukdom');
    assert.equal(measure.level, 'region');
    const byPeriod = new Map(measure.values.map((v) => [v.periodId, v]));
    const now = byPeriod.get('2025')!;
    assert.deepEqual(
      { periodId: now.periodId, arenaId: now.arenaId, values: now.values, comment: now.comment, reportedBy: now.reportedBy, reportedAt: now.reportedAt, version: now.version, targetStatus: now.targetStatus, comparedWith: now.comparedWith },
      { periodId: '2025', arenaId: 'lan', values: [{ category: null, value: 90 }], comment: 'Enligt Kolada', reportedBy: ANNA.name, reportedAt: '2026-11-23T09:00:00.000Z', version: 1, targetStatus: 'met', comparedWith: '2024' },
    );
    assert.deepEqual(now.history.map((h) => [h.version, h.reportedBy, h.values]), [[1, ANNA.name, [{ category: null, value: 90 }]]]);
    assert.equal(byPeriod.get('2024')?.targetStatus, 'noComparison');
    assert.deepEqual(measure.values.filter((v) => v.arenaId === 'ostersund').map((v) => [v.periodId, v.values[0]?.value]), [['2023', 7]]);
    const others = (await plan()).strategies.flatMap((s) => s.effectMeasures).filter((m) => m.id !== SLUTENVARD);
    assert.ok(others.every((m) => Array.isArray(m.values) && m.values.length === 0));
  });
});
