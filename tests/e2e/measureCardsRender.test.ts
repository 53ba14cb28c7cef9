// Renders the effect-measure cards with the Adaptive Cards SDK in Debian's headless Chromium
// (tests/helpers/cardScreenshot.ts), light and dark, and saves them under test-results/cards/ for a
// person to look at. Checks that the renderer drew every card without errors and that the
// number input is a text input (so "0,42" is neither refused nor cleared).
import assert from 'node:assert/strict';
import { measureFormCard, measureSavedCard } from '../../bot/cards/measureFormCard';
import { measuresCard } from '../../bot/cards/measuresCard';
import { loadPlanContent } from '../../bot/content/loadPlan';
import { reportablePeriods } from '../../bot/domain/measurePeriods';
import type { MeasureValueRecord } from '../../bot/domain/measureValues';
import { rendersEveryCard } from '../helpers/cardScreenshot';

const content = loadPlanContent();
const measures = content.strategies.flatMap((s) => s.effectMeasures);
const measure = (id: string) => measures.find((m) => m.id === id)!;
const arena = (id: string) => content.arenas.find((a) => a.id === id)!;
const now = new Date('2026-11-23T09:00:00Z');
const value = (measureId: string, periodId: string, arenaId: string, values: MeasureValueRecord['values'], version = 1): MeasureValueRecord => ({
  measureId, periodId, arenaId, values, comment: '', reportedAt: '2026-02-10T09:00:00Z', reportedBy: 'Cecilia Carlsson', reportedById: 'x', version, etag: `W/"${version}"`,
});

function sampleValues(): Map<string, MeasureValueRecord[]> {
  const all: MeasureValueRecord[] = [
    value('s1-e1', '2026-H2', 'ostersund', [{ category: 'Barn och unga', value: 12 }, { category: 'Vuxna', value: 45.5 }]),
    value('s1-e1', '2025-H2', 'ostersund', [{ category: 'Barn och unga', value: 10 }, { category: 'Vuxna', value: 40 }]),
    value('s1-e2', '2025', 'lan', [{ category: null, value: 71.2 }]),
    value('s3-e1', '2025', 'ostersund', [{ category: null, value: 1250 }]),
    value('s3-e1', '2024', 'ostersund', [{ category: null, value: 1180 }]),
    value('s4-e2', '2025', 'ostersund', [{ category: null, value: 0.42 }]),
    ...['berg', 'bracke', 'krokom', 'ragunda', 'are', 'ostersund'].map((a, i) => value('s5-e1', '2025', a, [{ category: null, value: i % 3 ? 'ja' : 'nej' }])),
    ...['berg', 'krokom', 'ostersund'].map((a, i) => value('s3-e2', '2025', a, [{ category: null, value: 100 + i }])),
  ];
  return new Map(measures.map((m) => [m.id, all.filter((v) => v.measureId === m.id)]));
}

const CARDS: Record<string, () => object> = {
  'matt-ostersund': () => measuresCard({ arena: arena('ostersund'), arenas: content.arenas, strategies: content.strategies, values: sampleValues(), now }),
  'matt-lan': () => measuresCard({ arena: arena('lan'), arenas: content.arenas, strategies: content.strategies, values: sampleValues(), now }),
  'formular-sip': () => measureFormCard({ measure: measure('s1-e1'), arena: arena('ostersund'), periodId: '2026-H2', periods: reportablePeriods('halfYearly', now, 2023), previousComparable: value('s1-e1', '2025-H2', 'ostersund', [{ category: 'Barn och unga', value: 10 }, { category: 'Vuxna', value: 40 }]) }),
  'formular-decimalkomma-fel': () => measureFormCard({ measure: measure('s4-e2'), arena: arena('ostersund'), periodId: '2025', periods: reportablePeriods('yearly', now, 2023), entered: { values: { 0: 0.42 }, comment: 'HLV' }, errors: ['Värdet: skriv ett tal, till exempel 12, 0,42 eller 1 234'] }),
  'formular-konflikt': () => measureFormCard({ measure: measure('s3-e1'), arena: arena('ostersund'), periodId: '2023', periods: reportablePeriods('yearly', now, 2023), current: value('s3-e1', '2023', 'ostersund', [{ category: null, value: 900 }]), entered: { values: { 0: 1234.5 }, comment: '' }, conflict: true }),
  'sparat': () => measureSavedCard({ measure: measure('s3-e1'), arena: arena('ostersund'), periodId: '2026', value: value('s3-e1', '2026', 'ostersund', [{ category: null, value: 1300 }], 2), previousComparable: value('s3-e1', '2025', 'ostersund', [{ category: null, value: 1250 }]), replaced: value('s3-e1', '2026', 'ostersund', [{ category: null, value: 1200 }]) }),
};

describe('the effect-measure cards, rendered', function () {
  this.timeout(60_000);
  rendersEveryCard(CARDS, (name, shot) => assert.ok(!shot.inputTypes.includes('number'), `${name}: a number input would refuse "0,42"`));
});
