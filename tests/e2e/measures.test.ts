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
  'Kontinuitets-index, kronisk sjukdom, primärvård (region)',
  'Läkarbesök i hemmet (inkl. SÄBO)',
  'Påverkbar slutenvård vid kronisk sjukdom',
  'Elever i åk 9 som är behörig till yrkesprogram på gymnasiet',
  'Självskattat allmänt hälsotillstånd (Hälsa på lika villkor)',
  'Finns fungerande samverkansarenor utifrån samverkandirektiv i varje kommun/närvårdsområde',
];
const SIP = 's1-e1';
const SLUTENVARD = 's3-e2';
const LAKARBESOK = 's3-e1';
const ARENOR = 's5-e1';
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

  async function measuresCard(place: ChannelPlace, as: Person = ANNA): Promise<Card> {
    const reply = await bot.teams.say(place, 'mått', as);
    assert.equal(reply.cards.length, 1);
    assertWellFormed(reply.cards[0]!);
    return reply.cards[0]!;
  }

  async function openForm(place: ChannelPlace, measureId: string, as: Person = ANNA): Promise<Card> {
    const card = await measuresCard(place, as);
    const button = buttons(card).find((b) => b.title === 'Rapportera' && b.data.measureId === measureId);
    assert.ok(button, `no Rapportera for ${measureId}`);
    const form = await bot.teams.execute(place, button.verb, button.data, as);
    assertWellFormed(form);
    return form;
  }

  async function plan(): Promise<PlanApiView> {
    return (await (await fetch(`${bot.app.url}/api/plan`)).json()) as PlanApiView;
  }

  async function measureRows(): Promise<Array<Record<string, unknown>>> {
    const rows: Array<Record<string, unknown>> = [];
    for await (const row of bot.app.tables.measures.listEntities<Record<string, unknown>>()) rows.push({ ...row });
    return rows;
  }

  it('shows a municipal arena every measure by strategy, and Rapportera only for its own value', async () => {
    await seed(SIP, '2026-H2', 'lan', [{ category: 'Barn och unga', value: 12 }, { category: 'Vuxna', value: 30 }]);
    const card = await measuresCard(ostersund);
    const text = cardText(card);
    assert.match(text, /Effektmått – Östersund/);
    for (const heading of ['1. Ökad delaktighet', '2. Ökad kontinuitet', '3. Ökad tillgänglighet', '5. Ökad samordning och samverkan']) assert.ok(text.includes(heading), heading);
    for (const title of MEASURE_TITLES) assert.ok(text.includes(title), title);
    // The county's value, shown with the county's name; no button here.
    const sip = measureSection(card, MEASURE_TITLES[0]!);
    assert.match(sip, /Målvärde: Ökat antal upprättade SIP jämfört med föregående år/);
    assert.match(sip, /Uppföljning: Mått följs minst halvårsvis i Fredagsgruppen\/ SamReKo HSI · halvårsvis · rapporteras för länet/);
    assert.match(sip, /Länet, andra halvåret 2026: Barn och unga: 12 · Vuxna: 30 \(rapporterat av Cecilia Carlsson 23 nov\. 2026\)/);
    assert.match(sip, /Inget tidigare värde att jämföra med/);
    assert.match(measureSection(card, MEASURE_TITLES[4]!), /Inget värde rapporterat för 2026 ännu\./);
    assert.deepEqual(
      buttons(card).map((b) => [b.title, b.verb, b.data]),
      [['Rapportera', 'editMeasureValue', { measureId: ARENOR, arenaId: 'ostersund', periodId: '2026' }]],
    );
  });

  it('shows the county channel its measures to report and a summary of the municipalities, small enough for Teams', async () => {
    await seed(ARENOR, '2026', 'ostersund', [{ category: null, value: 'ja' }]);
    await seed(ARENOR, '2026', 'krokom', [{ category: null, value: 'nej' }]);
    const card = await measuresCard(county);
    const arenor = measureSection(card, MEASURE_TITLES[7]!);
    assert.match(arenor, /2026: 2 av 8 kommuner har rapporterat\./);
    assert.match(arenor, /Ja, målvärdet nås: Östersund/);
    assert.match(arenor, /Nej, målvärdet nås inte: Krokom/);
    assert.match(arenor, /Inte rapporterat ännu: Berg, Bräcke, Härjedalen, Ragunda, Strömsund, Åre/);
    const reportable = buttons(card).filter((b) => b.title === 'Rapportera');
    assert.deepEqual(reportable.map((b) => b.data.measureId), ['s1-e1', 's1-e2', 's2-e1', 's3-e1', 's3-e2', 's4-e1', 's4-e2']);
    assert.ok(reportable.every((b) => b.data.arenaId === 'lan'));
    assert.equal(reportable[0]!.data.periodId, '2026-H2');
    assert.equal(reportable[1]!.data.periodId, '2026');

    // Every value reported, this year and last: the card still stays far below Teams' 28 KB.
    for (const arena of ['berg', 'bracke', 'harjedalen', 'ragunda', 'stromsund', 'are']) await seed(ARENOR, '2026', arena, [{ category: null, value: 'ja' }]);
    for (const m of ['s1-e2', 's2-e1', 's3-e1', 's3-e2', 's4-e1', 's4-e2']) {
      await seed(m, '2025', 'lan', [{ category: null, value: 70.25 }]);
      await seed(m, '2026', 'lan', [{ category: null, value: 71.5 }]);
    }
    const full = await measuresCard(county);
    assert.ok(Buffer.byteLength(JSON.stringify(full)) < 14 * 1024, `${Buffer.byteLength(JSON.stringify(full))} bytes`);
  });

  it('reports a value through the form, stores it and shows that the target is met', async () => {
    await seed(SIP, '2025-H2', 'lan', [{ category: 'Barn och unga', value: 10 }, { category: 'Vuxna', value: 40 }]);
    const form = await openForm(county, SIP);
    const text = cardText(form);
    assert.match(text, /Rapportera värde/);
    assert.match(text, /Andra halvåret 2026/);
    assert.match(text, /Samma period föregående år \(andra halvåret 2025\): Barn och unga: 10 · Vuxna: 40/);
    assert.deepEqual(buttons(form).map((b) => b.title), ['Spara', 'Avbryt']);

    const saved = await bot.teams.click(county, form, 'Spara', { value_0: '12', value_1: '45,5', comment: 'Från Cosmic LINK' });
    assertWellFormed(saved);
    const savedText = cardText(saved);
    assert.match(savedText, /Värdet är sparat/);
    assert.match(savedText, /Barn och unga\n12\nVuxna\n45,5/);
    assert.match(savedText, /Anna Andersson, 23 nov\. 2026 10:00/);
    assert.match(savedText, /Från Cosmic LINK/);
    assert.match(savedText, /Målvärdet nås: 57,5 mot 50 andra halvåret 2025\./);
    assert.ok(!buttons(saved).some((b) => b.title === 'Spara'), 'the saved card is read-only');

    const stored = await bot.app.measures.get(SIP, '2026-H2', 'lan');
    assert.deepEqual(stored?.values, [{ category: 'Barn och unga', value: 12 }, { category: 'Vuxna', value: 45.5 }]);
    assert.equal(stored?.reportedBy, ANNA.name);
    assert.equal(stored?.version, 1);
    assert.equal((await bot.app.measures.history(SIP, '2026-H2', 'lan')).length, 1);

    const again = measureSection(await measuresCard(county), MEASURE_TITLES[0]!);
    assert.match(again, /Andra halvåret 2026: Barn och unga: 12 · Vuxna: 45,5 \(rapporterat av Anna Andersson 23 nov\. 2026\)/);
    assert.match(again, /Målvärdet nås: 57,5 mot 50/);
  });

  it('says when a decrease measure misses its target, and when there is nothing to compare with', async () => {
    await seed(SLUTENVARD, '2025', 'lan', [{ category: null, value: 100 }]);
    const notMet = await bot.teams.click(county, await openForm(county, SLUTENVARD), 'Spara', { value_0: '104' });
    assert.match(cardText(notMet), /Målvärdet nås inte: 104 mot 100 2025\./);
    const first = await bot.teams.click(county, await openForm(county, LAKARBESOK), 'Spara', { value_0: '3120' });
    assert.match(cardText(first), /Inget tidigare värde att jämföra med \(2025 saknas\)\./);
  });

  it('lets a municipality answer its yes/no measure, and the county sees the answer', async () => {
    const form = await openForm(ostersund, ARENOR);
    assert.match(cardText(form), /Värde för\nÖstersund/);
    const saved = await bot.teams.click(ostersund, form, 'Spara', { value_0: 'nej', comment: 'Arenan startar om i januari' });
    assert.match(cardText(saved), /Målvärdet nås inte \(nej\)\./);
    assert.deepEqual((await bot.app.measures.get(ARENOR, '2026', 'ostersund'))?.values, [{ category: null, value: 'nej' }]);
    assert.match(measureSection(await measuresCard(county), MEASURE_TITLES[7]!), /Nej, målvärdet nås inte: Östersund/);
    assert.match(measureSection(await measuresCard(ostersund), MEASURE_TITLES[7]!), /2026: nej \(rapporterat av Anna Andersson/);
  });

  it('keeps what the person entered when a value is refused, so it can be corrected and saved', async () => {
    const form = await openForm(county, SIP);
    assert.deepEqual(inputs(form), [['value_0', undefined], ['value_1', undefined], ['comment', '']]);
    const refused = await bot.teams.click(county, form, 'Spara', { value_0: '-2', value_1: '8', comment: 'Från Cosmic LINK' });
    assert.match(cardText(refused), /Värdet sparades inte\. Rätta det här och spara igen:/);
    assert.match(cardText(refused), /Barn och unga: värdet får inte vara negativt/);
    assert.deepEqual(inputs(refused), [['value_0', undefined], ['value_1', 8], ['comment', 'Från Cosmic LINK']]);
    assert.deepEqual(await measureRows(), []);
    const saved = await bot.teams.click(county, refused, 'Spara', { value_0: '2', value_1: '8', comment: 'Från Cosmic LINK' });
    assert.match(cardText(saved), /Värdet är sparat/);
  });

  it('still detects a report made by someone else while the person corrected a refused value', async () => {
    const form = await openForm(county, SLUTENVARD);
    await bot.teams.click(county, await openForm(county, SLUTENVARD, BENGT), 'Spara', { value_0: '100' }, BENGT);
    const refused = await bot.teams.click(county, form, 'Spara', { value_0: 'nittio' });
    assert.match(cardText(refused), /Värdet: skriv ett tal/);
    const conflict = await bot.teams.click(county, refused, 'Spara', { value_0: '90' });
    assert.match(cardText(conflict), /Någon annan rapporterade ett värde för perioden innan dig/);
    assert.equal((await bot.app.measures.get(SLUTENVARD, '2026', 'lan'))?.reportedBy, BENGT.name);
  });

  it('goes back to the measures when the form is cancelled, and saves nothing', async () => {
    const form = await openForm(county, SIP);
    const back = await bot.teams.click(county, form, 'Avbryt');
    assert.match(cardText(back), /Effektmått – Länsgemensam samverkan/);
    assert.deepEqual(await measureRows(), []);
  });

  it('refuses a stale report with the current value, and keeps the person\'s own value to save again', async () => {
    const anna = await openForm(county, SLUTENVARD, ANNA);
    const bengt = await openForm(county, SLUTENVARD, BENGT);
    await bot.teams.click(county, bengt, 'Spara', { value_0: '100' }, BENGT);

    const conflict = await bot.teams.click(county, anna, 'Spara', { value_0: '90', comment: 'Enligt Kolada' }, ANNA);
    assertWellFormed(conflict);
    const text = cardText(conflict);
    assert.match(text, /Någon annan rapporterade ett värde för perioden innan dig/);
    assert.match(text, /Nu gäller: 100, rapporterat av Bengt Berg 23 nov\. 2026 10:00\./);
    assert.match(text, /Enligt Kolada/);
    assert.deepEqual(inputs(conflict), [['value_0', 90], ['comment', 'Enligt Kolada']], 'Anna\'s value is still in the form');
    const kept = await bot.app.measures.get(SLUTENVARD, '2026', 'lan');
    assert.deepEqual([kept?.values, kept?.reportedBy, kept?.version], [[{ category: null, value: 100 }], BENGT.name, 1]);

    // A later correction on Bengt's first form is stale too.
    const stale = await bot.teams.click(county, bengt, 'Spara', { value_0: '101' }, BENGT);
    assert.match(cardText(stale), /Någon annan rapporterade/);

    // Saving again from the conflict card applies Anna's value on top of Bengt's, with both in the history.
    const saved = await bot.teams.click(county, conflict, 'Spara', { value_0: '90', comment: 'Enligt Kolada' }, ANNA);
    assert.match(cardText(saved), /Värdet är sparat/);
    assert.match(cardText(saved), /Ersatte\n100 \(Bengt Berg/);
    const history = await bot.app.measures.history(SLUTENVARD, '2026', 'lan');
    assert.deepEqual(history.map((h) => [h.version, h.reportedBy, h.values[0]?.value]), [[2, ANNA.name, 90], [1, BENGT.name, 100]]);
  });

  it('refuses a report from the wrong channel, and changes nothing', async () => {
    const attempts: Array<[ChannelPlace, Record<string, unknown>, RegExp]> = [
      [krokom, { measureId: ARENOR, arenaId: 'ostersund', periodId: '2026', etag: '', value_0: 'ja' }, /Östersunds värde för "Finns fungerande samverkansarenor.*" rapporteras bara från Östersunds kanal\./],
      [ostersund, { measureId: SLUTENVARD, arenaId: 'lan', periodId: '2026', etag: '', value_0: '1' }, /Länets värde för "Påverkbar slutenvård vid kronisk sjukdom" rapporteras bara från kanalen för länsgemensam samverkan\./],
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
    await seed(SIP, '2026-H2', 'lan', [{ category: 'Barn och unga', value: 5 }, { category: 'Vuxna', value: 6 }]);
    const current = await bot.app.measures.get(SIP, '2026-H2', 'lan');
    const base = { measureId: SIP, periodId: '2026-H2', arenaId: 'lan', etag: current!.etag, value_0: '7', value_1: '8' };
    const before = await measureRows();
    const cases: Array<[string, ChannelPlace, Record<string, unknown>, RegExp]> = [
      ['a negative number', county, { ...base, value_0: '-3' }, /Barn och unga: värdet får inte vara negativt/],
      ['text in a number field', county, { ...base, value_1: 'tolv' }, /Vuxna: skriv ett tal/],
      ['a number in exponent form', county, { ...base, value_1: '1e12' }, /Vuxna: skriv ett tal/],
      ['a number too large', county, { ...base, value_0: 1e12 }, /högst 1\s000\s000\s000/],
      ['an empty value', county, { ...base, value_0: '' }, /Barn och unga: fyll i ett värde/],
      ['an unknown measure', county, { ...base, measureId: 's9-e9' }, /Effektmåttet finns inte i planen\./],
      ['an unknown category', county, { ...base, value_2: '4' }, /kategori som effektmåttet inte har/],
      ['a comment over the maximum', county, { ...base, comment: 'x'.repeat(501) }, /Kommentaren får vara högst 500 tecken/],
      ['a huge comment', county, { ...base, comment: 'å'.repeat(100_000) }, /Kommentaren får vara högst 500 tecken/],
      ['odata in the measure id', county, { ...base, measureId: "s1-e1' or PartitionKey ne '" }, /Effektmåttet finns inte i planen\./],
      ['odata in the arena id', county, { ...base, arenaId: "lan' or RowKey ne '" }, /arena som inte rapporterar det här effektmåttet/],
      ['odata in the period id', county, { ...base, periodId: "2026-H2' or RowKey ne '" }, /period som inte finns/],
      ['a period that is not open', county, { ...base, periodId: '2024-H2' }, /Perioden andra halvåret 2024 är inte längre öppen/],
      ['a year for a half-yearly measure', county, { ...base, periodId: '2026' }, /period som inte finns/],
      ['a measure id that is not text', county, { ...base, measureId: { $ne: null } }, /Effektmåttet finns inte i planen\./],
      ['an unknown field', county, { ...base, PartitionKey: 'measure:s1-e2' }, /fält som jag inte känner igen/],
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
    const form = await openForm(county, SIP);
    assert.match(cardText(form), /Första halvåret 2026/);
    clock.set('2026-07-01T06:00:00Z');
    const saved = await bot.teams.click(county, form, 'Spara', { value_0: '3', value_1: '4' });
    assert.match(cardText(saved), /Första halvåret 2026/);
    assert.equal((await bot.app.measures.get(SIP, '2026-H1', 'lan'))?.version, 1);
    // The card now offers the new half-year.
    const button = buttons(await measuresCard(county)).find((b) => b.data.measureId === SIP);
    assert.equal(button?.data.periodId, '2026-H2');
  });

  it('shows the reported value in GET /api/plan with who reported it, the target status and the history', async () => {
    await seed(SLUTENVARD, '2025', 'lan', [{ category: null, value: 100 }]);
    await bot.teams.click(county, await openForm(county, SLUTENVARD), 'Spara', { value_0: '90', comment: 'Enligt Kolada' });
    const measure = (await plan()).strategies.flatMap((s) => s.effectMeasures).find((m) => m.id === SLUTENVARD)!;
    assert.equal(measure.title, 'Påverkbar slutenvård vid kronisk sjukdom');
    assert.equal(measure.target, 'Ska minska från föregående år');
    const byPeriod = new Map(measure.values.map((v) => [v.periodId, v]));
    const now = byPeriod.get('2026')!;
    assert.deepEqual(
      { periodId: now.periodId, arenaId: now.arenaId, values: now.values, comment: now.comment, reportedBy: now.reportedBy, reportedAt: now.reportedAt, version: now.version, targetStatus: now.targetStatus, comparedWith: now.comparedWith },
      { periodId: '2026', arenaId: 'lan', values: [{ category: null, value: 90 }], comment: 'Enligt Kolada', reportedBy: ANNA.name, reportedAt: '2026-11-23T09:00:00.000Z', version: 1, targetStatus: 'met', comparedWith: '2025' },
    );
    assert.deepEqual(now.history.map((h) => [h.version, h.reportedBy, h.values]), [[1, ANNA.name, [{ category: null, value: 90 }]]]);
    assert.equal(byPeriod.get('2025')?.targetStatus, 'noComparison');
    assert.equal(byPeriod.get('2025')?.reportedBy, CECILIA.name);
    const others = (await plan()).strategies.flatMap((s) => s.effectMeasures).filter((m) => m.id !== SLUTENVARD);
    assert.ok(others.every((m) => Array.isArray(m.values) && m.values.length === 0));
  });
});
