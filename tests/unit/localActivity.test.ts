import assert from 'node:assert/strict';
import {
  adoptedActivityId,
  defaultPeriod,
  localSubActivityId,
  LOCAL_ACTIVITY_LIMITS,
  ownActivityId,
  parseAdoption,
  parseOwnActivity,
  periodYears,
  PERIOD_YEARS,
  swedishYear,
} from '../../bot/domain/localActivity';
import { ID_PATTERN } from '../../bot/domain/planSchema';
import type { PlanContent } from '../../bot/domain/plan';
import content from '../../bot/content/plan.sv.json';

const plan = content as PlanContent;
const strategies = plan.strategies;
const NOW = new Date('2026-11-23T09:00:00Z');

describe('local activity ids', () => {
  it('gives an adopted recommendation the same id every time, so a second adoption is recognised', () => {
    assert.equal(adoptedActivityId('ostersund', 's1-l2'), 'ostersund-s1-l2');
    assert.equal(adoptedActivityId('ostersund', 's1-l2'), adoptedActivityId('ostersund', 's1-l2'));
    assert.notEqual(adoptedActivityId('ostersund', 's1-l2'), adoptedActivityId('krokom', 's1-l2'));
  });

  it('makes ids that are valid keys for every arena and recommendation of the plan', () => {
    for (const arena of plan.arenas) {
      for (const s of strategies) {
        for (const r of s.localRecommendations) {
          const id = adoptedActivityId(arena.id, r.id);
          assert.match(id, ID_PATTERN);
          assert.match(localSubActivityId(id), ID_PATTERN);
        }
      }
      const own = ownActivityId(arena.id, 'ffffffff');
      assert.match(own, ID_PATTERN);
      assert.match(localSubActivityId(own), ID_PATTERN);
    }
  });

  it('names own activities <arena>-egen-<8 hex> and their sub-activity <activity>-d1', () => {
    assert.equal(ownActivityId('bracke', '0a1b2c3d'), 'bracke-egen-0a1b2c3d');
    assert.equal(localSubActivityId('bracke-egen-0a1b2c3d'), 'bracke-egen-0a1b2c3d-d1');
    assert.throws(() => ownActivityId('bracke', 'XYZ'), RangeError);
    assert.throws(() => ownActivityId('bracke', '0a1b2c3d9'), RangeError);
  });

  it('refuses to make an id that would not be a valid key', () => {
    assert.throws(() => adoptedActivityId('ostersund', "s1' or '1'='1"), RangeError);
    assert.throws(() => adoptedActivityId('a'.repeat(40), 'b'.repeat(30)), RangeError);
  });
});

describe('the period of a local activity', () => {
  it('defaults to this year and next year, as counted in Sweden', () => {
    assert.deepEqual(defaultPeriod(NOW), { from: 2026, to: 2027 });
    // 23:30 UTC on New Year's Eve is already 2027 in Stockholm.
    assert.equal(swedishYear(new Date('2026-12-31T23:30:00Z')), 2027);
    assert.deepEqual(defaultPeriod(new Date('2026-12-31T23:30:00Z')), { from: 2027, to: 2028 });
  });

  it('keeps the default within the years a period may use', () => {
    assert.deepEqual(defaultPeriod(new Date('2035-06-01T12:00:00Z')), { from: 2035, to: 2035 });
    assert.deepEqual(defaultPeriod(new Date('2020-06-01T12:00:00Z')), { from: 2023, to: 2023 });
    assert.deepEqual(periodYears(), Array.from({ length: PERIOD_YEARS.last - PERIOD_YEARS.first + 1 }, (_, i) => 2023 + i));
  });
});

describe('the own-activity form', () => {
  const valid = { strategyId: 's2', title: 'Fast kontakt på alla SÄBO', periodFrom: '2026', periodTo: '2027', measure: 'Finns fast kontakt? (ja/nej)', target: 'Ja' };

  it('accepts a complete form and normalises its text', () => {
    const parsed = parseOwnActivity({ ...valid, title: '  Fast   kontakt\npå alla SÄBO ' }, strategies, NOW);
    assert.deepEqual(parsed, {
      ok: true,
      value: { strategyId: 's2', title: 'Fast kontakt på alla SÄBO', period: { from: 2026, to: 2027 }, measure: 'Finns fast kontakt? (ja/nej)', target: 'Ja' },
    });
  });

  it('fills in this year to next year and an empty measure and target when they are left out', () => {
    const parsed = parseOwnActivity({ strategyId: 's5', title: 'Gemensam introduktion' }, strategies, NOW);
    assert.deepEqual(parsed, { ok: true, value: { strategyId: 's5', title: 'Gemensam introduktion', period: { from: 2026, to: 2027 }, measure: '', target: '' } });
  });

  it('ignores the card\'s other inputs that Teams sends along', () => {
    const parsed = parseOwnActivity({ ...valid, adoptFrom: 'x', recommendationId: "'; drop" }, strategies, NOW);
    assert.equal(parsed.ok, true);
  });

  const refusals: Array<[string, Record<string, unknown>, RegExp]> = [
    ['no strategy', { ...valid, strategyId: '' }, /Välj en strategi/],
    ['an unknown strategy', { ...valid, strategyId: 's9' }, /Strategin finns inte i planen/],
    ['a tampered strategy', { ...valid, strategyId: "s1' or '1'='1" }, /Strategin finns inte i planen/],
    ['a strategy that is not text', { ...valid, strategyId: 2 }, /Strategin finns inte i planen/],
    ['no title', { ...valid, title: undefined }, /Aktivitetens namn saknas/],
    ['an empty title', { ...valid, title: '   ' }, /Aktivitetens namn saknas/],
    ['a two-letter title', { ...valid, title: 'Ab' }, /minst 3 tecken/],
    ['a title that is too long', { ...valid, title: 'x'.repeat(LOCAL_ACTIVITY_LIMITS.title + 1) }, /högst 200 tecken/],
    ['a title that is not text', { ...valid, title: 42 }, /Aktivitetens namn måste vara text/],
    ['a title with control characters', { ...valid, title: 'Rutin\u0000för SIP' }, /tecken som inte är tillåtna/],
    ['a reversed period', { ...valid, periodFrom: '2028', periodTo: '2026' }, /Perioden går baklänges/],
    ['a year before 2023', { ...valid, periodFrom: '2022' }, /Startåret måste vara ett år mellan 2023 och 2035/],
    ['a year after 2035', { ...valid, periodTo: '2036' }, /Slutåret måste vara ett år mellan 2023 och 2035/],
    ['a year that is not a year', { ...valid, periodFrom: '2026; drop' }, /Startåret måste vara ett år/],
    ['a measure that is too long', { ...valid, measure: 'm'.repeat(LOCAL_ACTIVITY_LIMITS.measure + 1) }, /Måttet får vara högst 300 tecken/],
    ['a target that is too long', { ...valid, target: 't'.repeat(LOCAL_ACTIVITY_LIMITS.target + 1) }, /Målvärdet får vara högst 200 tecken/],
  ];
  for (const [what, input, message] of refusals) {
    it(`refuses ${what} with a Swedish message`, () => {
      const parsed = parseOwnActivity(input, strategies, NOW);
      assert.equal(parsed.ok, false);
      if (!parsed.ok) assert.match(parsed.errors.join('\n'), message);
    });
  }

  it('accepts a title of exactly 3 and exactly 200 characters, and a measure of exactly 300', () => {
    assert.equal(parseOwnActivity({ ...valid, title: 'SIP' }, strategies, NOW).ok, true);
    assert.equal(parseOwnActivity({ ...valid, title: 'x'.repeat(200), measure: 'm'.repeat(300), target: 't'.repeat(200) }, strategies, NOW).ok, true);
  });

  it('lists every problem at once', () => {
    const parsed = parseOwnActivity({ strategyId: 'x', title: '', periodFrom: '2030', periodTo: '2024' }, strategies, NOW);
    assert.equal(parsed.ok, false);
    if (!parsed.ok) assert.equal(parsed.errors.length, 3);
  });

  it('refuses something that is not a form', () => {
    assert.equal(parseOwnActivity('title', strategies, NOW).ok, false);
    assert.equal(parseOwnActivity([valid], strategies, NOW).ok, false);
  });
});

describe('adopting a recommendation', () => {
  it('takes the title and strategy from the plan, not from the card', () => {
    const parsed = parseAdoption({ recommendationId: 's2-l1', adoptFrom: '2025', adoptTo: '2026', title: 'Något annat', strategyId: 's1' }, strategies, NOW);
    assert.deepEqual(parsed, {
      ok: true,
      value: { recommendationId: 's2-l1', strategyId: 's2', title: 'Implementera arbetssätt för fasta kontakter', period: { from: 2025, to: 2026 } },
    });
  });

  it('uses this year to next year when no period is sent', () => {
    const parsed = parseAdoption({ recommendationId: 's5-l1' }, strategies, NOW);
    assert.equal(parsed.ok && `${parsed.value.period.from}-${parsed.value.period.to}`, '2026-2027');
  });

  for (const recommendationId of ['s9-l9', "s1-l1' or '1'='1", 's1-l1 or 1 eq 1', 's1-a1', '', 17, undefined]) {
    it(`refuses the unknown recommendation ${JSON.stringify(recommendationId)}`, () => {
      const parsed = parseAdoption({ recommendationId }, strategies, NOW);
      assert.equal(parsed.ok, false);
      if (!parsed.ok) assert.match(parsed.errors.join('\n'), /Rekommendationen finns inte i planen/);
    });
  }

  it('refuses a reversed period', () => {
    const parsed = parseAdoption({ recommendationId: 's1-l1', adoptFrom: '2027', adoptTo: '2025' }, strategies, NOW);
    assert.equal(parsed.ok, false);
    if (!parsed.ok) assert.match(parsed.errors.join('\n'), /Perioden går baklänges/);
  });
});

describe('text people type in the own-activity form', () => {
  const valid = { strategyId: 's1', title: 'Rutin för SIP' };

  it('refuses a title of four zero-width spaces: minimum lengths count visible characters', () => {
    const result = parseOwnActivity({ ...valid, title: '\u200B\u200B\u200B\u200B' }, strategies, NOW);
    assert.equal(result.ok, false);
  });

  it('refuses a title with a bidirectional override, with a Swedish message', () => {
    const result = parseOwnActivity({ ...valid, title: 'Rutin \u202Egnirrab' }, strategies, NOW);
    assert.ok(!result.ok && result.errors.some((e) => /vänder textens riktning/.test(e)));
  });

  it('drops zero-width characters from a title that has visible ones', () => {
    const result = parseOwnActivity({ ...valid, title: 'Rutin\u200B för\uFEFF SIP' }, strategies, NOW);
    assert.ok(result.ok && result.value.title === 'Rutin för SIP');
  });
});
