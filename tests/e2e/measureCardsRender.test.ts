// Renders the effect-measure cards with the Adaptive Cards SDK (the `adaptivecards` package) in
// Debian's headless Chromium, light and dark, and saves them under test-results/cards/ for a
// person to look at. Checks that the renderer drew every card without errors and that the
// number input is a text input (so "0,42" is neither refused nor cleared).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { measureFormCard, measureSavedCard } from '../../bot/cards/measureFormCard';
import { measuresCard } from '../../bot/cards/measuresCard';
import { loadPlanContent } from '../../bot/content/loadPlan';
import { reportablePeriods } from '../../bot/domain/measurePeriods';
import type { MeasureValueRecord } from '../../bot/domain/measureValues';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = path.resolve('test-results/cards');
const SDK = path.resolve('node_modules/adaptivecards/dist/adaptivecards.min.js');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'];

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

/** A host config close to Teams' light and dark themes: every container style has readable text. */
const HOST = (dark: boolean) => {
  const foregroundColors = {
    default: { default: dark ? '#FFFFFF' : '#242424', subtle: dark ? '#ADADAD' : '#616161' },
    accent: { default: dark ? '#7F85F5' : '#5B5FC7', subtle: dark ? '#7F85F5' : '#5B5FC7' },
    good: { default: dark ? '#92C353' : '#0E700E', subtle: dark ? '#92C353' : '#0E700E' },
    warning: { default: dark ? '#F8D22A' : '#835C00', subtle: dark ? '#F8D22A' : '#835C00' },
    attention: { default: dark ? '#F9526B' : '#C4314B', subtle: dark ? '#F9526B' : '#C4314B' },
  };
  const style = (backgroundColor: string) => ({ backgroundColor, foregroundColors });
  return {
    fontFamily: 'Segoe UI, Helvetica Neue, sans-serif',
    containerStyles: {
      default: style(dark ? '#292929' : '#FFFFFF'),
      emphasis: style(dark ? '#1F1F1F' : '#F5F5F5'),
      attention: style(dark ? '#3E1F25' : '#FCF4F6'),
      warning: style(dark ? '#463100' : '#FBF6D9'),
      good: style(dark ? '#0D2E0D' : '#F1FAF1'),
      accent: style(dark ? '#2F2F4A' : '#E8EBFA'),
    },
  };
};

describe('the effect-measure cards, rendered', function () {
  this.timeout(60_000);
  let browser: Browser;
  before(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });
  after(async () => browser?.close());

  for (const [name, build] of Object.entries(CARDS)) {
    it(`renders ${name} in light and dark`, async () => {
      const card = build();
      const page = await browser.newPage({ viewport: { width: 520, height: 400 }, locale: 'sv-SE' });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.setContent('<!doctype html><html lang="sv"><body style="margin:0;padding:16px"><div id="card" style="width:480px"></div></body></html>');
      await page.addScriptTag({ path: SDK });
      for (const dark of [false, true]) {
        // Runs in the page (this project's types have no DOM): render with the SDK, report what it drew.
        const drawn = (await page.evaluate(`(() => {
          const ac = new AdaptiveCards.AdaptiveCard();
          ac.hostConfig = new AdaptiveCards.HostConfig(${JSON.stringify(HOST(dark))});
          ac.parse(${JSON.stringify(card)});
          const el = ac.render();
          document.body.style.background = ${JSON.stringify(dark ? '#1f1f1f' : '#f5f5f5')};
          document.getElementById('card').replaceChildren(el);
          return { children: el.querySelectorAll('*').length, textInputs: [...el.querySelectorAll('input')].map((i) => i.type) };
        })()`)) as { children: number; textInputs: string[] };
        assert.ok(drawn.children > 5, `${name}: the renderer drew nothing`);
        assert.ok(!drawn.textInputs.includes('number'), `${name}: a number input would refuse "0,42"`);
        await page.locator('#card').screenshot({ path: path.join(SHOTS, `${name}-${dark ? 'dark' : 'light'}.png`) });
      }
      await page.close();
      assert.deepEqual(errors, []);
    });
  }
});
