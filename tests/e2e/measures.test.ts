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
const SIP = 's1-e1'; // per municipality, half-yearly, Barn och unga / Vuxna
const TRYGGHET = 's1-e2'; // the county's
const KONTINUITET = 's2-e1'; // the region's
const LAKARBESOK = 's3-e1'; // per municipality, should increase
const SLUTENVARD = 's3-e2'; // per municipality, should decrease
const HALSA = 's4-e2'; // per municipality, Hälsa på lika villkor
const ARENOR = 's5-e1'; // ja/nej per kommun
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

  /** Chooses another period in the form and presses Visa perioden, as a person would. */
  async function choosePeriod(place: ChannelPlace, form: Card, periodId: string, as: Person = ANNA): Promise<Card> {
    const card = await bot.teams.click(place, form, 'Visa perioden', { period: periodId }, as);
    assertWellFormed(card);
    return card;
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

  it('shows a municipal arena every measure by strategy, Rapportera for its own values, and how many municipalities have reported', async () => {
    await seed(TRYGGHET, '2025', 'lan', [{ category: null, value: 71 }]);
    await seed(SLUTENVARD, '2025', 'krokom', [{ category: null, value: 12 }]);
    const card = await measuresCard(ostersund);
    const text = cardText(card);
    assert.match(text, /Effektmått – Östersund/);
    for (const heading of ['1. Ökad delaktighet', '2. Ökad kontinuitet', '3. Ökad tillgänglighet', '5. Ökad samordning och samverkan']) assert.ok(text.includes(heading), heading);
    for (const title of MEASURE_TITLES) assert.ok(text.includes(title), title);
    const sip = measureSection(card, MEASURE_TITLES[0]!);
    assert.match(sip, /Målvärde: Ökat antal upprättade SIP jämfört med föregående år/);
    assert.match(sip, /Uppföljning: Mått följs minst halvårsvis i Fredagsgruppen\/SamReKo HSI · halvårsvis · rapporteras per kommun · källa: Cosmic LINK/);
    assert.match(sip, /0 av 8 kommuner har rapporterat andra halvåret 2026/);
    // The county's value, with the county's name and the source the plan names.
    const trygghet = measureSection(card, MEASURE_TITLES[1]!);
    assert.match(trygghet, /rapporteras för länet · källa: Vård och omsorgskollen/);
    assert.match(trygghet, /Länet, 2025: 71 \(rapporterat av Cecilia Carlsson 23 nov\. 2026\)/);
    assert.match(measureSection(card, MEASURE_TITLES[2]!), /rapporteras för regionen/);
    assert.match(measureSection(card, MEASURE_TITLES[4]!), /1 av 8 kommuner har rapporterat 2025/);
    assert.deepEqual(
      buttons(card).map((b) => [b.title, b.data.measureId, b.data.arenaId, b.data.periodId]),
      [
        ['Rapportera', SIP, 'ostersund', '2026-H2'],
        ['Rapportera', LAKARBESOK, 'ostersund', '2026'],
        ['Rapportera', SLUTENVARD, 'ostersund', '2026'],
        ['Rapportera', 's4-e1', 'ostersund', '2026'],
        ['Rapportera', HALSA, 'ostersund', '2026'],
        ['Rapportera', ARENOR, 'ostersund', '2026'],
      ],
    );
  });

  it('shows the county channel its measures to report and a summary of the municipalities, small enough for Teams', async () => {
    await seed(ARENOR, '2026', 'ostersund', [{ category: null, value: 'ja' }]);
    await seed(ARENOR, '2026', 'krokom', [{ category: null, value: 'nej' }]);
    const card = await measuresCard(county);
    const arenor = measureSection(card, MEASURE_TITLES[7]!);
    assert.match(arenor, /2 av 8 kommuner har rapporterat 2026/);
    assert.match(arenor, /Ja, målvärdet nås: Östersund/);
    assert.match(arenor, /Nej, målvärdet nås inte: Krokom/);
    assert.match(arenor, /Inte rapporterat ännu: Berg, Bräcke, Härjedalen, Ragunda, Strömsund, Åre/);
    const reportable = buttons(card).filter((b) => b.title === 'Rapportera');
    assert.deepEqual(reportable.map((b) => [b.data.measureId, b.data.arenaId, b.data.periodId]), [[TRYGGHET, 'lan', '2026'], [KONTINUITET, 'lan', '2026']]);

    // Every value reported, for every period since 2023: the card still stays far below Teams' 28 KB.
    const municipalities = ['berg', 'bracke', 'harjedalen', 'krokom', 'ragunda', 'stromsund', 'are', 'ostersund'];
    for (const year of ['2023', '2024', '2025']) {
      for (const m of [LAKARBESOK, SLUTENVARD, 's4-e1', HALSA]) for (const a of municipalities) await seed(m, year, a, [{ category: null, value: 70.25 }]);
      for (const m of [TRYGGHET, KONTINUITET]) await seed(m, year, 'lan', [{ category: null, value: 1234.5 }]);
    }
    const full = await measuresCard(county);
    assert.match(measureSection(full, MEASURE_TITLES[3]!), /8 av 8 kommuner har rapporterat 2025/);
    assert.ok(Buffer.byteLength(JSON.stringify(full)) < 14 * 1024, `${Buffer.byteLength(JSON.stringify(full))} bytes`);
  });

  it('reports a municipality\'s value for the baseline year 2023 and for 2025, and judges 2026 against 2025', async () => {
    const form = await openForm(ostersund, LAKARBESOK);
    assert.match(cardText(form), /Period \(från basåret 2023\)/);
    const choices = JSON.stringify(form).match(/"value":"(20\d\d)"/g);
    assert.ok(choices && choices.length >= 4, 'the periods 2026, 2025, 2024 and 2023 are offered');

    const baseline = await choosePeriod(ostersund, form, '2023');
    assert.match(cardText(baseline), /Period\n2023/);
    const saved2023 = await save(ostersund, baseline, { value_0: '1 180', comment: 'Basår' });
    assert.match(cardText(saved2023), /Värdet är sparat/);
    assert.match(cardText(saved2023), /Inget tidigare värde att jämföra med \(2022 saknas\)\./);

    const saved2025 = await save(ostersund, await choosePeriod(ostersund, await openForm(ostersund, LAKARBESOK), '2025'), { value_0: '1 250' });
    assert.match(cardText(saved2025), /Period\n2025/);

    // 2026 is the form's own period; it is compared with 2025, not with 2023.
    const form2026 = await openForm(ostersund, LAKARBESOK);
    assert.match(cardText(form2026), /Samma period föregående år \(2025\): 1\s250/);
    const met = await save(ostersund, form2026, { value_0: '1300' });
    assert.match(cardText(met), /Målvärdet nås: 1\s300 mot 1\s250 2025\./);

    assert.deepEqual((await bot.app.measures.get(LAKARBESOK, '2023', 'ostersund'))?.values, [{ category: null, value: 1180 }]);
    assert.deepEqual((await bot.app.measures.history(LAKARBESOK, '2023', 'ostersund')).map((h) => [h.version, h.reportedBy, h.comment]), [[1, ANNA.name, 'Basår']]);
    assert.equal((await bot.app.measures.get(LAKARBESOK, '2025', 'ostersund'))?.version, 1);

    const card = measureSection(await measuresCard(ostersund), MEASURE_TITLES[3]!);
    assert.match(card, /2026: 1\s300 \(rapporterat av Anna Andersson/);
    assert.match(card, /Målvärdet nås: 1\s300 mot 1\s250 2025\./);
    assert.match(card, /1 av 8 kommuner har rapporterat 2026/);

    // A later correction of 2025 is an ordinary report with history, and changes 2026's judgement.
    const corrected = await save(ostersund, await choosePeriod(ostersund, await openForm(ostersund, LAKARBESOK), '2025'), { value_0: '1 400', comment: 'Rättat enligt Kolada' });
    assert.match(cardText(corrected), /Ersatte\n1\s250/);
    assert.deepEqual((await bot.app.measures.history(LAKARBESOK, '2025', 'ostersund')).map((h) => h.version), [2, 1]);
    assert.match(measureSection(await measuresCard(ostersund), MEASURE_TITLES[3]!), /Målvärdet nås inte: 1\s300 mot 1\s400 2025\./);
  });

  it('accepts the decimal comma and spaces between thousands, keeps them in the form, and shows values the Swedish way', async () => {
    const form = await openForm(ostersund, HALSA);
    const number = JSON.stringify(form).match(/"type":"Input\.(\w+)","id":"value_0"/);
    assert.equal(number?.[1], 'Text', 'a text input, so that Teams does not refuse or clear "0,42"');
    const saved = await save(ostersund, form, { value_0: '0,42' });
    assert.match(cardText(saved), /Värdet är sparat/);
    assert.match(cardText(saved), /Värde\n0,42/);
    assert.deepEqual((await bot.app.measures.get(HALSA, '2026', 'ostersund'))?.values, [{ category: null, value: 0.42 }]);
    // The form shows the stored value the Swedish way, and saving it untouched changes nothing.
    const again = await bot.teams.click(ostersund, saved, 'Ändra');
    assert.deepEqual(inputs(again).find(([id]) => id === 'value_0'), ['value_0', '0,42']);
    const unchanged = await save(ostersund, again, {});
    assert.match(cardText(unchanged), /Värdet var redan sparat, ingenting ändrades/);
    assert.match(cardText(await bot.teams.click(ostersund, unchanged, 'Visa alla mått')), /Effektmått – Östersund/);
    assert.equal((await bot.app.measures.get(HALSA, '2026', 'ostersund'))?.version, 1);

    for (const [typed, value] of [['1 234', 1234], ['1\u00a0234,5', 1234.5], ['12\u202f345', 12345], ['2\u2009000', 2000], ['3.5', 3.5], ['1234', 1234]] as const) {
      const saved2 = await save(ostersund, await openForm(ostersund, LAKARBESOK), { value_0: typed });
      assert.match(cardText(saved2), /Värdet är sparat/, typed);
      assert.equal((await bot.app.measures.get(LAKARBESOK, '2026', 'ostersund'))?.values[0]?.value, value, typed);
    }
    assert.match(measureSection(await measuresCard(ostersund), MEASURE_TITLES[3]!), /2026: 1\s234 \(/);
  });

  it('reports a half-yearly value split into categories and shows that the target is met', async () => {
    await seed(SIP, '2025-H2', 'ostersund', [{ category: 'Barn och unga', value: 10 }, { category: 'Vuxna', value: 40 }]);
    const form = await openForm(ostersund, SIP);
    const text = cardText(form);
    assert.match(text, /Rapportera värde/);
    assert.match(text, /Andra halvåret 2026/);
    assert.match(text, /Källa\nCosmic LINK/);
    assert.match(text, /Samma period föregående år \(andra halvåret 2025\): Barn och unga: 10 · Vuxna: 40/);
    assert.deepEqual(buttons(form).map((b) => b.title), ['Visa perioden', 'Spara', 'Avbryt']);

    const saved = await save(ostersund, form, { value_0: '12', value_1: '45,5', comment: 'Från Cosmic LINK' });
    const savedText = cardText(saved);
    assert.match(savedText, /Värdet är sparat/);
    assert.match(savedText, /Barn och unga\n12\nVuxna\n45,5/);
    assert.match(savedText, /Anna Andersson, 23 nov\. 2026 10:00/);
    assert.match(savedText, /Målvärdet nås: 57,5 mot 50 andra halvåret 2025\./);
    assert.ok(!buttons(saved).some((b) => b.title === 'Spara'), 'the saved card is read-only');
    const stored = await bot.app.measures.get(SIP, '2026-H2', 'ostersund');
    assert.deepEqual(stored?.values, [{ category: 'Barn och unga', value: 12 }, { category: 'Vuxna', value: 45.5 }]);
    assert.equal((await bot.app.measures.history(SIP, '2026-H2', 'ostersund')).length, 1);
    // The county sees Östersund against its own previous year.
    assert.match(measureSection(await measuresCard(county), MEASURE_TITLES[0]!), /Målvärdet nås \(mot andra halvåret 2025\): Östersund \(57,5 mot 50\)/);
  });

  it('says when a decrease measure misses its target, and when there is nothing to compare with', async () => {
    await seed(SLUTENVARD, '2025', 'ostersund', [{ category: null, value: 100 }]);
    const notMet = await save(ostersund, await openForm(ostersund, SLUTENVARD), { value_0: '104' });
    assert.match(cardText(notMet), /Målvärdet nås inte: 104 mot 100 2025\./);
    const first = await save(county, await openForm(county, KONTINUITET), { value_0: '3120' });
    assert.match(cardText(first), /Inget tidigare värde att jämföra med \(2025 saknas\)\./);
  });

  it('lets a municipality answer its yes/no measure, and the county sees the answer', async () => {
    const form = await openForm(ostersund, ARENOR);
    assert.match(cardText(form), /Värde för\nÖstersund/);
    const saved = await save(ostersund, form, { value_0: 'nej', comment: 'Arenan startar om i januari' });
    assert.match(cardText(saved), /Målvärdet nås inte \(nej\)\./);
    assert.deepEqual((await bot.app.measures.get(ARENOR, '2026', 'ostersund'))?.values, [{ category: null, value: 'nej' }]);
    assert.match(measureSection(await measuresCard(county), MEASURE_TITLES[7]!), /Nej, målvärdet nås inte: Östersund/);
    assert.match(measureSection(await measuresCard(ostersund), MEASURE_TITLES[7]!), /2026: nej \(rapporterat av Anna Andersson/);
  });

  it('keeps what the person entered when a value is refused, so it can be corrected and saved', async () => {
    const form = await openForm(ostersund, SIP);
    assert.deepEqual(inputs(form).filter(([id]) => id !== 'period'), [['value_0', ''], ['value_1', ''], ['comment', '']]);
    const refused = await save(ostersund, form, { value_0: '-2', value_1: '8', comment: 'Från Cosmic LINK' });
    assert.match(cardText(refused), /Värdet sparades inte\. Rätta det här och spara igen:/);
    assert.match(cardText(refused), /Barn och unga: värdet får inte vara negativt/);
    assert.deepEqual(inputs(refused).filter(([id]) => id !== 'period'), [['value_0', ''], ['value_1', '8'], ['comment', 'Från Cosmic LINK']]);
    assert.deepEqual(await measureRows(), []);
    const saved = await save(ostersund, refused, { value_0: '2' });
    assert.match(cardText(saved), /Värdet är sparat/);
  });

  it('still detects a report made by someone else while the person corrected a refused value', async () => {
    const form = await openForm(county, KONTINUITET);
    await save(county, await openForm(county, KONTINUITET, BENGT), { value_0: '100' }, BENGT);
    const refused = await save(county, form, { value_0: 'nittio' });
    assert.match(cardText(refused), /Värdet: skriv ett tal/);
    const conflict = await save(county, refused, { value_0: '90' });
    assert.match(cardText(conflict), /Någon annan rapporterade ett värde för perioden innan dig/);
    assert.equal((await bot.app.measures.get(KONTINUITET, '2026', 'lan'))?.reportedBy, BENGT.name);
  });

  it('goes back to the measures when the form is cancelled, and saves nothing', async () => {
    const form = await openForm(ostersund, SIP);
    const back = await bot.teams.click(ostersund, form, 'Avbryt', { value_0: '5' });
    assert.match(cardText(back), /Effektmått – Östersund/);
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
    const kept = await bot.app.measures.get(KONTINUITET, '2026', 'lan');
    assert.deepEqual([kept?.values, kept?.reportedBy, kept?.version], [[{ category: null, value: 100 }], BENGT.name, 1]);

    // A later correction on Bengt's first form is stale too.
    assert.match(cardText(await save(county, bengt, { value_0: '101' }, BENGT)), /Någon annan rapporterade/);

    // Saving again from the conflict card applies Anna's value on top of Bengt's, with both in the history.
    const saved = await save(county, conflict, {}, ANNA);
    assert.match(cardText(saved), /Värdet är sparat/);
    assert.match(cardText(saved), /Ersatte\n100 \(Bengt Berg/);
    const history = await bot.app.measures.history(KONTINUITET, '2026', 'lan');
    assert.deepEqual(history.map((h) => [h.version, h.reportedBy, h.values[0]?.value]), [[2, ANNA.name, 90], [1, BENGT.name, 100]]);
  });

  it('treats a period chosen in the form but not opened as seen without a value, so it never overwrites one unseen', async () => {
    await seed(LAKARBESOK, '2024', 'ostersund', [{ category: null, value: 900 }]);
    const form = await openForm(ostersund, LAKARBESOK);
    const conflict = await save(ostersund, form, { period: '2024', value_0: '950' });
    assert.match(cardText(conflict), /Nu gäller: 900/);
    assert.equal((await bot.app.measures.get(LAKARBESOK, '2024', 'ostersund'))?.version, 1);
    const saved = await save(ostersund, conflict, {});
    assert.match(cardText(saved), /Period\n2024/);
    assert.equal((await bot.app.measures.get(LAKARBESOK, '2024', 'ostersund'))?.values[0]?.value, 950);
  });

  it('refuses a report from the wrong channel, and changes nothing', async () => {
    const attempts: Array<[ChannelPlace, Record<string, unknown>, RegExp]> = [
      [krokom, { measureId: ARENOR, arenaId: 'ostersund', periodId: '2026', etag: '', value_0: 'ja' }, /Östersunds värde för "Finns fungerande samverkansarenor.*" rapporteras bara från Östersunds kanal\./],
      [ostersund, { measureId: KONTINUITET, arenaId: 'lan', periodId: '2026', etag: '', value_0: '1' }, /Länets värde för "Kontinuitetsindex, kronisk sjukdom, primärvård \(region\)" rapporteras bara från kanalen för länsgemensam samverkan\./],
      [county, { measureId: ARENOR, arenaId: 'ostersund', periodId: '2026', etag: '', value_0: 'ja' }, /Östersunds värde .* rapporteras bara från Östersunds kanal\./],
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
    // Without an arena in the card, the county channel does not report a municipality's value.
    assert.match(cardText(await bot.teams.execute(county, 'editMeasureValue', { measureId: ARENOR })), /Kommunernas värden .* rapporteras av varje kommun i dess egen kanal/);
    assert.deepEqual(await measureRows(), []);
  });

  it('lets a person report from personal chat only when they take part in the arena\'s channel', async () => {
    await bot.teams.sayPersonally('koppla Östersund', BENGT);
    const data = { measureId: ARENOR, arenaId: 'ostersund', periodId: '2026', etag: '', value_0: 'ja' };
    const refused = await bot.teams.execute('personal', 'saveMeasureValue', data, BENGT);
    assert.match(cardText(refused), /Östersunds värde .* rapporteras i Östersunds kanal, eller här av den som är med i den kanalen\./);
    assert.deepEqual(await measureRows(), []);

    await bot.teams.say(ostersund, 'mått', BENGT);
    const saved = await bot.teams.execute('personal', 'saveMeasureValue', data, BENGT);
    assert.match(cardText(saved), /Värdet är sparat/);
    assert.equal((await bot.app.measures.get(ARENOR, '2026', 'ostersund'))?.reportedBy, BENGT.name);
  });

  it('refuses malformed, tampered and oversized submissions with an error card, and changes nothing', async () => {
    await seed(SIP, '2026-H2', 'ostersund', [{ category: 'Barn och unga', value: 5 }, { category: 'Vuxna', value: 6 }]);
    const current = await bot.app.measures.get(SIP, '2026-H2', 'ostersund');
    const base = { measureId: SIP, periodId: '2026-H2', arenaId: 'ostersund', etag: current!.etag, value_0: '7', value_1: '8' };
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

  it('keeps a form opened just before the half-year ended, and saves it for that half-year', async () => {
    clock.set('2026-06-30T20:00:00Z');
    const form = await openForm(ostersund, SIP);
    assert.match(cardText(form), /Första halvåret 2026/);
    clock.set('2026-07-01T06:00:00Z');
    const saved = await save(ostersund, form, { value_0: '3', value_1: '4' });
    assert.match(cardText(saved), /Första halvåret 2026/);
    assert.equal((await bot.app.measures.get(SIP, '2026-H1', 'ostersund'))?.version, 1);
    const button = buttons(await measuresCard(ostersund)).find((b) => b.data.measureId === SIP);
    assert.equal(button?.data.periodId, '2026-H2');
  });

  it('answers mått with one storage request for every measure, and a save with at most two', async () => {
    await seed(LAKARBESOK, '2025', 'ostersund', [{ category: null, value: 10 }]);
    await seed(TRYGGHET, '2025', 'lan', [{ category: null, value: 10 }]);
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
    const form = await openForm(ostersund, LAKARBESOK);
    assert.equal(requests.length, 3, `mått's two pages + the form: ${requests.join('\n')}`);
    requests.length = 0;
    await save(ostersund, form, { value_0: '12' });
    assert.ok(requests.length <= 2, requests.join('\n'));
  });

  it('shows the reported value in GET /api/plan with who reported it, the target status and the history', async () => {
    await seed(SLUTENVARD, '2025', 'ostersund', [{ category: null, value: 100 }]);
    await save(ostersund, await openForm(ostersund, SLUTENVARD), { value_0: '90', comment: 'Enligt Kolada' });
    const measure = (await plan()).strategies.flatMap((s) => s.effectMeasures).find((m) => m.id === SLUTENVARD)!;
    assert.equal(measure.title, 'Påverkbar slutenvård vid kronisk sjukdom');
    assert.equal(measure.level, 'municipality');
    const byPeriod = new Map(measure.values.map((v) => [v.periodId, v]));
    const now = byPeriod.get('2026')!;
    assert.deepEqual(
      { periodId: now.periodId, arenaId: now.arenaId, values: now.values, comment: now.comment, reportedBy: now.reportedBy, reportedAt: now.reportedAt, version: now.version, targetStatus: now.targetStatus, comparedWith: now.comparedWith },
      { periodId: '2026', arenaId: 'ostersund', values: [{ category: null, value: 90 }], comment: 'Enligt Kolada', reportedBy: ANNA.name, reportedAt: '2026-11-23T09:00:00.000Z', version: 1, targetStatus: 'met', comparedWith: '2025' },
    );
    assert.deepEqual(now.history.map((h) => [h.version, h.reportedBy, h.values]), [[1, ANNA.name, [{ category: null, value: 90 }]]]);
    assert.equal(byPeriod.get('2025')?.targetStatus, 'noComparison');
    const others = (await plan()).strategies.flatMap((s) => s.effectMeasures).filter((m) => m.id !== SLUTENVARD);
    assert.ok(others.every((m) => Array.isArray(m.values) && m.values.length === 0));
  });
});
