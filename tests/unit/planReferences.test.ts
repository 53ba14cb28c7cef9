// Reading the plan's names, numbers and dates out of a whole sentence (the bot's parser and the
// compose-box search both use it), against the plan the app ships with.
import assert from 'node:assert/strict';
import { loadPlanContent } from '../../bot/content/loadPlan';
import { planNumberOf, readPlanReferences, resolvePlanNumber, tokenize } from '../../bot/domain/planReferences';

const plan = loadPlanContent();
const vocabulary = { arenas: plan.arenas, strategies: plan.strategies };
const activities = plan.strategies.flatMap((s) => s.activities.map((a) => ({ id: a.id, strategyId: s.id, subActivities: a.subActivities })));
const now = new Date('2026-12-06T10:00:00Z');
const read = (text: string) => readPlanReferences(text, vocabulary, now);
const arenasOf = (text: string) => read(text).arenas.map((a) => `${a.arenaId}${a.exact ? '' : '?'}`);

describe('reading the plan out of a sentence', () => {
  describe('arenas, anywhere in the sentence', () => {
    const cases: Array<[string, string[]]> = [
      ['Krokom', ['krokom']],
      ['försenat Krokom', ['krokom']],
      ['vilka är försenade i Krokom?', ['krokom']],
      ['Hur ligger Berg till?', ['berg']],
      ['har Bergs kommun lämnat in?', ['berg']],
      ['Östersunds kommun', ['ostersund']],
      ['kommunen Strömsund', ['stromsund']],
      ['Härjedalens aktiviteter', ['harjedalen']],
      ['status för länet', ['lan']],
      ['hur går det för regionen', ['lan']],
      ['Länsgemensam samverkan', ['lan']],
      ['Region Jämtland Härjedalen', ['lan']],
      ['jämför Krokom och Åre', ['krokom', 'are']],
      ['Ragunda kommun', ['ragunda']],
      ['what are you able to do', []],
      ['are', ['are']],
      ['Åre', ['are']],
      ['are kommun', ['are']],
      ['bra', []],
      ['visa mina aktiviteter', []],
      ['Krokm', ['krokom?']],
      ['status ostersnd', ['ostersund?']],
      ['öppna planen', []],
    ];
    for (const [text, ids] of cases) it(`${JSON.stringify(text)} → ${ids.join(', ') || 'none'}`, () => assert.deepEqual(arenasOf(text), ids));
  });

  describe('the plan numbers', () => {
    it('reads "2.3" and "2.3.1" anywhere, and knows what they name', () => {
      const r = read('uppdatera 2.3 och 2.3.1 tack');
      assert.deepEqual(
        r.numbers.map((n) => [n.text, n.strategy, n.activity, n.subActivity]),
        [
          ['2.3', 2, 3, undefined],
          ['2.3.1', 2, 3, 1],
        ],
      );
      assert.deepEqual(resolvePlanNumber(r.numbers[1]!, activities, plan.strategies), { strategyId: 's2', activityId: 's2-a3', subActivityId: 's2-a3-d1' });
      assert.equal(resolvePlanNumber({ strategy: 9, activity: 1 }, activities, plan.strategies), undefined);
      assert.equal(resolvePlanNumber({ strategy: 2, activity: 3, subActivity: 9 }, activities, plan.strategies), undefined);
    });
    it('numbers every activity and sub-activity of Bilaga 1 by its place in the plan, and back', () => {
      for (const a of activities) {
        const n = planNumberOf(a.id, activities, plan.strategies)!;
        const [s, ai] = n.split('.').map(Number);
        assert.deepEqual(resolvePlanNumber({ strategy: s!, activity: ai! }, activities, plan.strategies)?.activityId, a.id);
        a.subActivities.forEach((d, i) => assert.equal(planNumberOf(d.id, activities, plan.strategies), `${n}.${i + 1}`));
      }
      assert.equal(planNumberOf('s5-a2-d4', activities, plan.strategies), '5.2.4');
    });
    it('does not read a date, a decimal with a comma or a dash as a plan number', () => {
      assert.deepEqual(read('sedan 2026-10-01').numbers, []);
      assert.deepEqual(read('2-3').numbers, []);
      assert.deepEqual(read('0.5').numbers, []);
    });
    it('keeps the number as typed', () => assert.deepEqual(tokenize('Sätt 3.2 till klar!').map((t) => t.typed), ['Sätt', '3.2', 'till', 'klar']));
  });

  describe('strategies', () => {
    const cases: Array<[string, string[]]> = [
      ['strategi 2', ['s2']],
      ['hur går det för kontinuitet', ['s2']],
      ['aktiviteter om tillgänglighet', ['s3']],
      ['hälsofrämjande', ['s4']],
      ['Länsgemensam samverkan', []],
      ['delaktighet och samordning', ['s1', 's5']],
    ];
    for (const [text, ids] of cases) it(`${JSON.stringify(text)} → ${ids.join(', ') || 'none'}`, () => assert.deepEqual(read(text).strategies.filter((s) => s.exact).map((s) => s.strategyId), ids));
  });

  describe('periods (today is 6 December 2026)', () => {
    const cases: Array<[string, unknown]> = [
      ['vad har ändrats sen 1 oktober', { kind: 'since', date: '2026-10-01' }],
      ['sedan den 24 december', { kind: 'since', date: '2025-12-24' }],
      ['mötesunderlag sedan 2026-10-01', { kind: 'since', date: '2026-10-01' }],
      ['sedan 1 okt 2025', { kind: 'since', date: '2025-10-01' }],
      ['sedan oktober', { kind: 'since', date: '2026-10-01' }],
      ['vad har hänt sedan förra mötet?', { kind: 'lastMeeting' }],
      ['since last meeting', { kind: 'lastMeeting' }],
      ['förra veckan', { kind: 'since', date: '2026-11-29' }],
      ['förra månaden', { kind: 'since', date: '2026-11-01' }],
      ['årsrapport 2025', { kind: 'year', year: 2025 }],
      ['i år', { kind: 'year', year: 2026 }],
      ['sedan 31 februari', { kind: 'invalid' }],
      ['sedan 2026-13-01', { kind: 'invalid' }],
      ['status Krokom', undefined],
    ];
    for (const [text, expected] of cases) {
      it(`${JSON.stringify(text)}`, () => {
        const p = read(text).period;
        if (expected === undefined) return assert.equal(p, undefined);
        const { typed: _t, at: _a, ...rest } = p!;
        assert.deepEqual(rest, expected);
      });
    }
  });

  it('leaves the words no reference took, for the command words', () => {
    const r = read('visa försenat för Bergs kommun sedan 1 oktober');
    assert.deepEqual(r.free.map((i) => r.tokens[i]!.folded), ['visa', 'forsenat', 'for']);
  });
});
