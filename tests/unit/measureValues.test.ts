// Effect measure values: whether a target is met, and what a report from a card may contain.
import assert from 'node:assert/strict';
import {
  describeValues,
  formatAmount,
  MEASURE_LIMITS,
  parseSwedishNumber,
  parseMeasureReport,
  reportedHere,
  targetStatus,
  targetStatusText,
  type CategoryValue,
  type ReportContext,
} from '../../bot/domain/measureValues';
import type { Arena, EffectMeasure } from '../../bot/domain/plan';

const SIP: EffectMeasure = {
  id: 's1-e1',
  title: 'Antal SIP upprättade i Cosmic LINK, fördelat på barn och unga resp. vuxna',
  target: 'Ökat antal upprättade SIP jämfört med föregående år',
  direction: 'increase',
  followUp: 'Mått följs minst halvårsvis i Fredagsgruppen/ SamReKo HSI',
  frequency: 'halfYearly',
  level: 'county',
  breakdown: ['Barn och unga', 'Vuxna'],
};
const SLUTENVARD: EffectMeasure = { id: 's3-e2', title: 'Påverkbar slutenvård vid kronisk sjukdom', target: 'Ska minska från föregående år', direction: 'decrease', followUp: 'Fredagsgruppen', frequency: 'yearly', level: 'county', breakdown: [] };
const ARENOR: EffectMeasure = { id: 's5-e1', title: 'Finns fungerande samverkansarenor', target: 'ja/nej', direction: 'yes', followUp: 'Fredagsgruppen', frequency: 'yearly', level: 'municipality', breakdown: [] };

const ARENAS: Arena[] = [
  { id: 'ostersund', name: 'Östersund', kind: 'municipality' },
  { id: 'krokom', name: 'Krokom', kind: 'municipality' },
  { id: 'lan', name: 'Länsgemensam samverkan', kind: 'county' },
];
const CONTEXT: ReportContext = { measures: [SIP, SLUTENVARD, ARENOR], arenas: ARENAS, periodsOpen: (m) => (m.frequency === 'halfYearly' ? ['2026-H2', '2026-H1'] : ['2026', '2025']) };

const v = (...values: Array<number | 'ja' | 'nej'>): { values: CategoryValue[] } => ({ values: values.map((value) => ({ category: null, value })) });
const sip = (children: number, adults: number) => ({ values: [{ category: 'Barn och unga', value: children }, { category: 'Vuxna', value: adults }] });

describe('whether an effect measure reaches its target', () => {
  it('is met for an increase measure when the sum is higher than the same period the year before', () => {
    assert.equal(targetStatus(SIP, sip(20, 40), sip(10, 40)), 'met');
    assert.equal(targetStatus(SIP, sip(10, 40), sip(10, 40)), 'notMet');
    assert.equal(targetStatus(SIP, sip(5, 40), sip(10, 40)), 'notMet');
  });

  it('is met for a decrease measure when the value is lower', () => {
    assert.equal(targetStatus(SLUTENVARD, v(80), v(100)), 'met');
    assert.equal(targetStatus(SLUTENVARD, v(100), v(100)), 'notMet');
    assert.equal(targetStatus(SLUTENVARD, v(120), v(100)), 'notMet');
  });

  it('is met for a yes-measure when the answer is ja, with or without an earlier value', () => {
    assert.equal(targetStatus(ARENOR, v('ja'), undefined), 'met');
    assert.equal(targetStatus(ARENOR, v('nej'), v('ja')), 'notMet');
  });

  it('says when there is nothing to compare with, or nothing reported', () => {
    assert.equal(targetStatus(SIP, sip(1, 2), undefined), 'noComparison');
    assert.equal(targetStatus(SIP, undefined, sip(1, 2)), 'notReported');
    assert.match(targetStatusText('noComparison', SIP, '2026-H2'), /^Inget tidigare värde att jämföra med \(andra halvåret 2025 saknas\)\.$/);
    assert.equal(targetStatusText('notReported', SLUTENVARD, '2026'), 'Inget värde rapporterat för 2026 ännu.');
  });

  it('tells the numbers it compared', () => {
    assert.equal(targetStatusText('met', SIP, '2026-H2', sip(20, 40), sip(10, 40)), 'Målvärdet nås: 60 mot 50 andra halvåret 2025.');
    assert.equal(targetStatusText('notMet', SLUTENVARD, '2026', v(120), v(100)), 'Målvärdet nås inte: 120 mot 100 2025.');
    assert.equal(targetStatusText('met', ARENOR, '2026', v('ja')), 'Målvärdet nås (ja).');
    assert.equal(describeValues(sip(12, 30.5).values), 'Barn och unga: 12 · Vuxna: 30,5');
  });
});

describe('who reports an effect measure', () => {
  it('lets a municipality report its own per-municipality values and the county the rest', () => {
    const [ostersund, , lan] = ARENAS as [Arena, Arena, Arena];
    assert.equal(reportedHere(ARENOR, ostersund), true);
    assert.equal(reportedHere(ARENOR, lan), false);
    assert.equal(reportedHere(SIP, ostersund), false);
    assert.equal(reportedHere(SIP, lan), true);
    assert.equal(reportedHere({ level: 'region' }, lan), true);
  });
});

describe('a reported value from a card', () => {
  const report = (fields: Record<string, unknown>) => parseMeasureReport({ measureId: 's1-e1', periodId: '2026-H2', arenaId: 'lan', etag: '', ...fields }, CONTEXT);
  const errors = (fields: Record<string, unknown>, base: Record<string, unknown> = {}) => {
    const result = parseMeasureReport({ measureId: 's1-e1', periodId: '2026-H2', arenaId: 'lan', etag: '', value_0: '1', value_1: '2', ...base, ...fields }, CONTEXT);
    assert.equal(result.ok, false, JSON.stringify(fields));
    return result.ok ? [] : result.errors;
  };

  it('reads one number per breakdown category, with a decimal comma', () => {
    const result = report({ value_0: '12', value_1: ' 30,5 ', comment: '  Från Cosmic LINK\r\n' });
    assert.deepEqual(result, {
      ok: true,
      value: { measureId: 's1-e1', periodId: '2026-H2', arenaId: 'lan', etag: '', values: [{ category: 'Barn och unga', value: 12 }, { category: 'Vuxna', value: 30.5 }], comment: 'Från Cosmic LINK' },
    });
  });

  it('keeps the decimals a value was typed with where the number alone would lose them: "5,0" reads "5,0"', () => {
    const result = report({ value_0: '5,0', value_1: '7,1' });
    assert.ok(result.ok);
    assert.deepEqual(result.value.values.map((x) => [x.value, x.decimals]), [[5, 1], [7.1, undefined]]);
    assert.equal(describeValues(result.value.values), 'Barn och unga: 5,0 · Vuxna: 7,1');
  });

  it('accepts numbers as numbers, zero and the maximum', () => {
    const result = report({ value_0: 0, value_1: MEASURE_LIMITS.maxValue });
    assert.ok(result.ok);
    assert.deepEqual(result.value.values.map((x) => x.value), [0, 1e9]);
  });

  it('reads ja or nej for a yes-measure, and nothing else', () => {
    const ok = parseMeasureReport({ measureId: 's5-e1', periodId: '2026', arenaId: 'ostersund', value_0: 'ja' }, CONTEXT);
    assert.ok(ok.ok);
    assert.deepEqual(ok.value.values, [{ category: null, value: 'ja' }]);
    for (const bad of ['kanske', '1', 1, '']) {
      const result = parseMeasureReport({ measureId: 's5-e1', periodId: '2026', arenaId: 'ostersund', value_0: bad }, CONTEXT);
      assert.ok(!result.ok, String(bad));
      assert.match(result.errors.join(' '), /välj ja eller nej/);
    }
  });

  it('refuses negative, non-numeric, non-finite and too large numbers', () => {
    assert.match(errors({ value_0: '-3' }).join(' '), /Barn och unga: värdet får inte vara negativt/);
    assert.match(errors({ value_0: -3 }).join(' '), /får inte vara negativt/);
    assert.match(errors({ value_1: 'tolv' }).join(' '), /Vuxna: skriv ett tal/);
    for (const bad of ['1e5', 'Infinity', 'NaN', '12,5,5', '0x10', Number.NaN, Number.POSITIVE_INFINITY, true, {}, []]) {
      assert.match(errors({ value_0: bad }).join(' '), /skriv ett tal/, String(bad));
    }
    assert.match(errors({ value_0: '1000000001' }).join(' '), /högst 1\s000\s000\s000/);
    assert.match(errors({ value_0: 1e9 + 1 }).join(' '), /högst/);
    assert.match(errors({ value_0: '' }).join(' '), /Barn och unga: fyll i ett värde/);
    assert.match(errors({}, { value_1: undefined }).join(' '), /Vuxna: fyll i ett värde/);
  });

  it('refuses ja/nej for a number measure', () => {
    assert.match(errors({ value_0: 'ja' }).join(' '), /skriv ett tal/);
  });

  it('refuses unknown measures, arenas, periods and categories', () => {
    assert.deepEqual(errors({ measureId: 's9-e9' }), ['Effektmåttet finns inte i planen.']);
    assert.deepEqual(errors({ measureId: "s1-e1' or '1' eq '1" }), ['Effektmåttet är inte känt']);
    assert.match(errors({ arenaId: 'ostersund' }).join(' '), /rapporteras för länet/);
    assert.match(errors({ arenaId: 'sundsvall' }).join(' '), /rapporteras för länet/);
    assert.match(errors({ periodId: '2026' }).join(' '), /Perioden är inte känd/);
    assert.match(errors({ periodId: '2024-H2' }).join(' '), /inte öppen för rapportering/);
    assert.match(errors({ periodId: "2026-H2' or ''='" }).join(' '), /Perioden är inte känd/);
    assert.deepEqual(errors({ value_2: '5' }), ['Kortet innehöll en kategori som effektmåttet inte har.']);
    assert.deepEqual(errors({ 'Barn och unga': '5' }), ['Kortet innehöll fält som jag inte känner igen.']);
    const municipal = parseMeasureReport({ measureId: 's5-e1', periodId: '2026', arenaId: 'lan', value_0: 'ja' }, CONTEXT);
    assert.ok(!municipal.ok);
    assert.match(municipal.errors.join(' '), /rapporteras per kommun/);
  });

  it('refuses a comment over the maximum, and accepts one at it', () => {
    assert.match(errors({ comment: 'x'.repeat(MEASURE_LIMITS.comment + 1) }).join(' '), /Kommentaren får vara högst 500 tecken/);
    assert.ok(report({ value_0: '1', value_1: '2', comment: 'x'.repeat(MEASURE_LIMITS.comment) }).ok);
    assert.match(errors({ comment: 42 }).join(' '), /Kommentaren måste vara text/);
  });

  it('refuses a tampered ETag in Swedish', () => {
    assert.deepEqual(errors({ etag: 42 }), ['Kortet är skadat']);
    assert.deepEqual(errors({ etag: 'x'.repeat(201) }), ['Kortet är skadat']);
  });

  it('refuses something that is not a submission at all', () => {
    for (const bad of [null, 'value', 42, []]) assert.equal(parseMeasureReport(bad, CONTEXT).ok, false);
  });
});

describe('a number written the Swedish way or the plain way', () => {
  const ok = (text: string) => {
    const parsed = parseSwedishNumber(text);
    assert.ok(parsed.ok, text);
    return parsed.value;
  };
  it('reads the decimal comma and the decimal point', () => {
    assert.equal(ok('0,42'), 0.42);
    assert.equal(ok('0.42'), 0.42);
    assert.equal(ok(' 12,5 '), 12.5);
  });
  it('reads thousands separated by ordinary, no-break, narrow no-break and thin spaces, in groups of three', () => {
    for (const text of ['1 234', '1\u00a0234', '1\u202f234', '1\u2009234']) assert.equal(ok(text), 1234, JSON.stringify(text));
    assert.equal(ok('1 234 567,25'), 1234567.25);
    assert.equal(ok(formatAmount(1234567.25)), 1234567.25, 'what the app shows is read back');
  });
  it('reads "1,234" as a Swede does (one comma two three four) and refuses a comma and a point together', () => {
    assert.equal(ok('1,234'), 1.234);
    assert.deepEqual(parseSwedishNumber('1.234,5'), { ok: false, problem: 'notANumber' });
  });
  it('refuses what is not a number, and says when it is empty or negative', () => {
    for (const text of ['12 34', '1 2345', '1e3', 'tolv', '12,', ',5', '0x10', '1 234.5.6']) assert.deepEqual(parseSwedishNumber(text), { ok: false, problem: 'notANumber' }, text);
    assert.deepEqual(parseSwedishNumber('  '), { ok: false, problem: 'empty' });
    assert.deepEqual(parseSwedishNumber('-3'), { ok: false, problem: 'negative' });
    assert.deepEqual(parseSwedishNumber('\u22123'), { ok: false, problem: 'negative' });
  });
  it('shows numbers the Swedish way', () => {
    assert.equal(formatAmount(0.42), '0,42');
    assert.match(formatAmount(1234), /^1\s234$/);
  });
});
