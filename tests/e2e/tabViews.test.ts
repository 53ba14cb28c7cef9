// Every view of the plan tab (from its own lists, so the newest is never forgotten) at 320, 400
// (Teams mobile) and 1280 px in the light, dark and high-contrast themes, and the update dialog,
// in Debian's headless Chromium: nothing scrolls sideways, also with WCAG 1.4.12 text spacing
// (WCAG 1.4.10), axe-core finds nothing, and a screenshot of each goes to test-results/tab-views/
// for a person to look at.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { RunningApp } from '../../bot/app';
import { DEV_USER } from '../../bot/api/ssoAuth';
import { loadPlanContent } from '../../bot/content/loadPlan';
import { CHROMIUM, launchChromium } from '../helpers/chromium';
import { axeViolations, ensureTabBuilt, sidewaysScroll } from '../helpers/tabBrowser';
import { startTabApp } from '../helpers/tabApp';
import { LINKED_VIEWS, VIEWS as TAB_VIEWS } from '../../tab/src/deepLink';

const SHOTS = path.resolve('test-results/tab-views');
const THEMES = ['default', 'dark', 'contrast'] as const;
/** The narrowest phone (WCAG 1.4.10 asks for 320 px), Teams mobile and a small laptop. */
const WIDTHS = [320, 400, 1280] as const;
/** Every view the tab has, from the tab's own lists: a view added there is tested here too. */
const EVERY_VIEW = [...TAB_VIEWS, ...LINKED_VIEWS].map((v) => v.id);
/** WCAG 1.4.12 text spacing, as the W3C's bookmarklet applies it (with !important, over the page's own). */
const TEXT_SPACING = '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }';

describe('the plan tab on every screen and in every theme', function () {
  this.timeout(180_000);
  const content = loadPlanContent();
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let errors: string[] = [];

  before(async () => {
    if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}: install it with "apt-get install -y chromium".`);
    ensureTabBuilt();
    fs.mkdirSync(SHOTS, { recursive: true });
    app = await startTabApp({ TAB_DEV_MODE: 'true' });
    await app.channels.recordMember('lan', DEV_USER.id);
    // Something of every kind to show: a status change, an adopted and an own activity, a report.
    const actor = { id: DEV_USER.id, name: DEV_USER.name };
    const strategy = content.strategies[0]!;
    await app.localActivities.adopt('krokom', strategy.localRecommendations[0]!, strategy.id, { from: 2024, to: 2025 }, actor);
    await app.localActivities.createOwn('krokom', { strategyId: strategy.id, title: 'Träffar för anhöriga i Krokom', period: { from: 2026, to: 2026 }, measure: 'Antal träffar', target: '4' }, actor);
    // Östersund's own follow-up of a Bilaga 1 item (plan 7.3), for Lokal uppföljning.
    const lss = (await app.plan.arenaPlan({ id: 'ostersund', kind: 'municipality' })).bilaga1.flatMap((a) => a.subActivities).find((d) => d.id === 's2-a3-d2')!;
    await app.activities.write({ current: lss, scopeId: 'ostersund', request: { status: 'pagar', measureAnswer: 'ja', statusNote: 'Rutin antagen' }, actor });
    const sub = (await app.plan.scope('lan'))[0]!.subActivities[0]!;
    await app.activities.update({ scopeId: 'lan', subActivityId: sub.id, etag: sub.etag, request: { status: 'pagar', statusNote: 'Arbetet har börjat' }, actor });
    await app.measures.report({ measureId: 's1-e1', periodId: '2025-H1', arenaId: 'lan', etag: '', values: [{ category: 'Barn och unga', value: 10 }, { category: 'Vuxna', value: 20 }], comment: '', actor });
    await app.measures.report({ measureId: 's1-e1', periodId: '2025-H2', arenaId: 'lan', etag: '', values: [{ category: 'Barn och unga', value: 14 }, { category: 'Vuxna', value: 25 }], comment: '', actor });
    // An open revision with proposals from two arenas, for Revidering's tables.
    const send = async (method: string, url: string, body: unknown) => {
      const res = await fetch(`${app.url}${url}`, { method, headers: { 'content-type': 'application/json', 'if-match': '' }, body: JSON.stringify(body) });
      assert.equal(res.status, 200, await res.text());
    };
    await app.channels.recordMember('ostersund', DEV_USER.id);
    await send('POST', '/api/revision', { lastDay: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10) });
    await send('PUT', '/api/revision/proposals/ostersund/s1-a1', { kind: 'close', reason: 'Genomförd', motivation: 'Arbetssättet är infört i alla hälsocentraler och följs upp varje år.' });
    await send('PUT', '/api/revision/proposals/ostersund/new', { strategyId: 's1', title: 'Hälsosamtal för 70-åringar', periodFrom: 2027, periodTo: 2028 });
    await send('PUT', '/api/revision/proposals/lan/s2-a3-d1', { kind: 'change', periodFrom: 2027, periodTo: 2028, target: 'Ja' });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });
  afterEach(async () => {
    await page?.close();
    assert.deepEqual(errors, [], `the page logged errors: ${errors.join(' | ')}`);
  });

  async function open(width: number, query: string) {
    // axe is injected as a script, which the page's Content-Security-Policy would refuse.
    page = await browser.newPage({ viewport: { width, height: width > 600 ? 900 : 800 }, locale: 'sv-SE', bypassCSP: true });
    errors = [];
    page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
    // The browser logs every non-2xx answer; a 409 is the expected answer to a stale update.
    page.on('console', (m) => m.type() === 'error' && !/status of 409/.test(m.text()) && errors.push(m.text()));
    await page.goto(`${app.url}/tab/index.html${query}`);
  }

  /** The innermost elements that reach past the window's right edge: what a failure names. */
  function overflowing(p: Page): Promise<string[]> {
    return p.evaluate(`(() => [...document.querySelectorAll('main *')].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5 && ![...e.children].some((c) => c.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)).slice(0, 3).map((e) => e.tagName.toLowerCase() + ' "' + (e.textContent || '').trim().slice(0, 60) + '" right=' + Math.round(e.getBoundingClientRect().right)))()`);
  }

  /** Opens a view and waits until its content (not a spinner) is there. */
  async function show(view: string, theme: string) {
    await page.goto(`${app.url}/tab/index.html?view=${view}&theme=${theme}`);
    await page.locator('main h2').first().waitFor();
    await page.locator('[data-loading]').first().waitFor({ state: 'detached' });
    if (view === 'historik') await page.locator('[data-kind]').first().waitFor();
    if (view === 'oversikt') await page.getByText('Visa all historik').waitFor();
    if (view === 'revidering') await page.getByRole('table', { name: 'Beslutsgång' }).waitFor();
    // Chart.js has drawn (the canvas holds pixels) before the screenshot.
    if (view === 'effektmatt') await page.waitForFunction(`(() => { const c = document.querySelector('[data-measure="s1-e1"] canvas'); return !!c && c.getContext('2d').getImageData(0, 0, c.width, c.height).data.some((v, i) => i % 4 === 3 && v > 0); })()`);
  }

  // A tablet and a small laptop: reflow alone (the themes and axe are checked at the widths below).
  for (const width of [640, 1024]) {
    it(`reflows every view at ${width} px without sideways scrolling`, async () => {
      await open(width, '');
      for (const view of EVERY_VIEW) {
        await show(view, 'default');
        const scroll = await sidewaysScroll(page);
        assert.equal(scroll, 0, `${view} scrolls sideways at ${width} px: ${scroll ? (await overflowing(page)).join(' | ') : ''}`);
      }
    });
  }

  // Every view × 320/400/1280 px × three themes: one page per width and theme, going from view to view.
  for (const theme of THEMES) {
    for (const width of WIDTHS) {
      it(`shows every view at ${width} px in the ${theme} theme without sideways scrolling or axe violations, also with WCAG text spacing`, async () => {
        await open(width, '');
        const problems: string[] = [];
        for (const view of EVERY_VIEW) {
          await show(view, theme);
          await page.screenshot({ path: path.join(SHOTS, `${view}-${theme}-${width}.png`) });
          const sideways = await sidewaysScroll(page);
          if (sideways > 0) problems.push(`${view} scrolls ${sideways} px sideways`);
          for (const v of await axeViolations(page)) problems.push(`${view}: ${v}`);
          await page.addStyleTag({ content: TEXT_SPACING });
          const spaced = await sidewaysScroll(page);
          if (spaced > 0) problems.push(`${view} scrolls ${spaced} px sideways with WCAG text spacing`);
        }
        assert.deepEqual(problems, []);
      });
    }
  }

  it('shows every arena\'s own follow-up of Bilaga 1 side by side, with a summary per row, and the channel tab\'s arena first', async () => {
    await open(1280, '?view=arenor&arena=ostersund');
    const row = page.locator('[data-local-matrix="s2"] [data-sub="s2-a3-d2"]');
    await row.waitFor();
    assert.match(await row.innerText(), /Uppföljd i 1 av 8 kommuner · ja i 1 av 8 kommuner \(Finns fast läkarkontakt\?\) · ja i 0 av 8 kommuner \(Finns rutin\?\)/);
    assert.match(await row.locator('td').nth(0).innerText(), /Pågår[\s\S]*Svar: Finns fast läkarkontakt\? ja/);
    assert.deepEqual(await page.locator('[data-local-matrix="s2"] thead th').allInnerTexts().then((h) => h.slice(1, 3)), ['Östersund', 'Berg']);
    assert.match(await page.locator('[data-local-matrix="s2"] [data-sub="s2-a3-d1"]').innerText(), /Uppföljd i 0 av 8 kommuner/);
  });

  for (const theme of THEMES) {
    for (const width of [1280, 400]) {
      it(`opens the update dialog at ${width} px in the ${theme} theme without sideways scrolling or axe violations`, async () => {
        await open(width, `?view=handlingsplan&theme=${theme}`);
        const first = page.locator('[data-sub]').first();
        await first.getByRole('button', { name: /^Uppdatera/ }).click();
        const dialog = page.getByRole('dialog');
        await dialog.getByLabel('Status', { exact: true }).waitFor();
        await page.screenshot({ path: path.join(SHOTS, `dialog-${theme}-${width}.png`) });
        assert.equal(await sidewaysScroll(page), 0, 'the page scrolls sideways');
        assert.deepEqual(await axeViolations(page), []);
      });

      it(`shows a conflict in the dialog at ${width} px in the ${theme} theme without overlapping the form or axe violations`, async () => {
        await open(width, `?view=handlingsplan&theme=${theme}`);
        const row = page.locator('[data-sub]').nth(1);
        const subId = (await row.getAttribute('data-sub'))!;
        await row.getByRole('button', { name: /^Uppdatera/ }).click();
        const dialog = page.getByRole('dialog');
        await dialog.getByLabel('Statusanteckning').fill(`Min anteckning (${theme}, ${width})`);
        // Someone else saves first.
        const seen = (await app.activities.getSubActivity('lan', subId))!;
        await app.activities.update({ scopeId: 'lan', subActivityId: subId, etag: seen.etag, request: { statusNote: `Bengts anteckning (${theme}, ${width})` }, actor: { id: 'oid-bengt', name: 'Bengt Berg' } });
        await dialog.getByRole('button', { name: 'Spara' }).click();
        const alert = dialog.getByRole('alert');
        await alert.getByText('Någon annan hann före').waitFor();
        const [a, f] = [await alert.boundingBox(), await dialog.getByLabel('Status', { exact: true }).boundingBox()];
        assert.ok(a && f && a.y + a.height <= f.y, 'the conflict message ends above the form');
        assert.ok(await alert.evaluate((e) => e.scrollHeight <= e.clientHeight + 1), 'the conflict message fits in its box');
        await page.screenshot({ path: path.join(SHOTS, `conflict-${theme}-${width}.png`) });
        assert.equal(await sidewaysScroll(page), 0, 'the page scrolls sideways');
        assert.deepEqual(await axeViolations(page), []);
      });
    }
  }
});
