// The plan tab with the keyboard alone, and what a coordinator in an arena's channel tab sees:
// the skip link, the views, a filter, the update dialog (focus back on the opener after Spara and
// Escape, the save announced in a live region, no reload of the whole plan), Historik with every
// kind of change and its parents, filters kept in the address, and the channel tab's arena first.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { RunningApp } from '../../bot/app';
import { DEV_USER } from '../../bot/api/ssoAuth';
import { loadPlanContent } from '../../bot/content/loadPlan';
import { launchChromium } from '../helpers/chromium';
import { ensureTabBuilt } from '../helpers/tabBrowser';
import { startTabApp } from '../helpers/tabApp';

const SHOTS = path.resolve('test-results/tab-views');

describe('the plan tab with the keyboard alone, and in an arena channel', function () {
  this.timeout(120_000);
  const content = loadPlanContent();
  const strategy = content.strategies[0]!;
  const recommendation = strategy.localRecommendations[0]!;
  const actor = { id: DEV_USER.id, name: DEV_USER.name };
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let planLoads = 0;

  before(async () => {
    ensureTabBuilt();
    fs.mkdirSync(SHOTS, { recursive: true });
    app = await startTabApp({ TAB_DEV_MODE: 'true' });
    await app.channels.recordMember('lan', DEV_USER.id);
    await app.channels.recordMember('krokom', DEV_USER.id);
    // Krokom adopted a recommendation for 2024–2025 that is not done: it is overdue now.
    await app.localActivities.adopt('krokom', recommendation, strategy.id, { from: 2024, to: 2025 }, { id: 'oid-karin', name: 'Karin Krokom' });
    await app.measures.report({ measureId: 's1-e1', periodId: '2025-H2', arenaId: 'lan', etag: '', values: [{ category: 'Barn och unga', value: 14 }, { category: 'Vuxna', value: 25 }], comment: 'Från Cosmic', actor: { id: 'oid-cecilia', name: 'Cecilia Cosmic' } });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 400, height: 800 }, locale: 'sv-SE' });
    planLoads = 0;
    page.on('request', (r) => r.url().endsWith('/api/plan') && planLoads++);
  });
  afterEach(async () => page?.close());

  /** What has focus: its role or tag, and its accessible text. */
  const focused = async () => (await page.evaluate(`(() => { const e = document.activeElement; return (e.getAttribute('role') || e.tagName.toLowerCase()) + ': ' + (e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 120); })()`)) as string;
  async function tabTo(pattern: RegExp, max = 80): Promise<string> {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      const f = await focused();
      if (pattern.test(f)) return f;
    }
    throw new Error(`Tab never reached ${pattern}; last: ${await focused()}`);
  }

  it('lets a coordinator in dark theme at 400 px find what is overdue for her arena and update it with the keyboard alone', async () => {
    await page.goto(`${app.url}/tab/index.html?arena=krokom&theme=dark`);
    await page.getByRole('heading', { level: 2, name: 'Översikt: Krokom' }).waitFor();
    assert.equal(planLoads, 1);

    // The skip link comes first and moves focus to the main content.
    await page.keyboard.press('Tab');
    assert.match(await focused(), /^a: Hoppa till innehållet/);
    await page.keyboard.press('Enter');
    assert.match(await focused(), /^main/);

    // The first thing in the main content that takes focus: Uppdatera on Krokom's overdue item.
    const opener = await tabTo(/^button: Uppdatera/);
    assert.match(opener, new RegExp(recommendation.title.slice(0, 30)));
    await page.screenshot({ path: path.join(SHOTS, 'keyboard-overdue-dark-400.png') });
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    assert.match((await dialog.getByRole('heading').first().innerText()).replace(/\s+/g, ' '), new RegExp(`Uppdatera ${recommendation.title.slice(0, 20)}.*i aktiviteten`));

    // Escape closes it, and focus is back on the button.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.waitForFunction(`document.activeElement?.getAttribute('aria-label')?.startsWith('Uppdatera')`);

    // Again, now to save: status with the arrow keys, Tab to Spara, Enter.
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await tabTo(/^select: /);
    assert.equal(await page.evaluate('document.activeElement.value'), 'ej_paborjat');
    await page.keyboard.press('ArrowDown'); // Uppdrag behövs
    await page.keyboard.press('ArrowDown'); // Pågår
    await tabTo(/^button: Spara$/);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('status').filter({ hasText: /Sparat: .* har nu status Pågår/ }).waitFor();
    await page.waitForFunction(`document.activeElement?.getAttribute('aria-label')?.startsWith('Uppdatera')`);
    assert.equal(planLoads, 1, 'the PATCH answer is used; the whole plan is not loaded again');
    const adopted = (await app.plan.scope('krokom'))[0]!;
    assert.equal(adopted.subActivities[0]!.status, 'pagar');

    // The views: the drop-down at this width, with the arrow keys and Enter (the view changes on the choice).
    await page.getByLabel('Vy', { exact: true }).focus();
    await page.keyboard.press('ArrowDown'); // Handlingsplan
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'Handlingsplan' }).waitFor();
    assert.match(page.url(), /view=handlingsplan/);
  });

  it('reaches every view from the tab list with the arrow keys at 1280 px', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${app.url}/tab/index.html`);
    await page.getByRole('heading', { level: 2, name: 'Översikt' }).waitFor();
    await tabTo(/^tab: Översikt/);
    for (const name of ['Handlingsplan', 'Arenor', 'Effektmått', 'Historik', 'Uppföljning', 'Årsrapport']) {
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 2, name: new RegExp(`^(${name}|Uppföljning)`) }).waitFor();
    }
  });

  it('shows a measure report and an adopted activity in Historik with their parents, and keeps the filter in the address', async () => {
    await page.goto(`${app.url}/tab/index.html?view=historik`);
    const report = page.locator('[data-kind="measureReport"]').first();
    await report.getByText(content.strategies[0]!.effectMeasures[0]!.title).waitFor();
    await report.getByText(`Strategi ${strategy.number}: ${strategy.title}`).waitFor();
    await report.getByText(/Cecilia Cosmic/).waitFor();
    await report.getByText('Kommentar: Från Cosmic').waitFor();
    const adopted = page.locator('[data-kind="activityAdopted"]').first();
    await adopted.getByText(recommendation.title).waitFor();
    await adopted.getByText(`Strategi ${strategy.number}: ${strategy.title}`, { exact: false }).waitFor();
    await adopted.getByText(/Karin Krokom · Krokom/).waitFor();

    await page.getByLabel('Person').fill('karin');
    await page.waitForURL(/person=karin/);
    await page.getByLabel('Strategi').selectOption(strategy.id);
    await page.waitForURL(/strategy=/);
    await page.reload();
    assert.equal(await page.getByLabel('Person').inputValue(), 'karin');
    assert.equal(await page.getByLabel('Strategi').inputValue(), strategy.id);
    await page.locator('[data-kind="activityAdopted"]').first().waitFor();
    assert.equal(await page.locator('[data-kind="measureReport"]').count(), 0);
  });

  it('says in one line why someone may not change an arena, instead of leaving out the button', async () => {
    await app.localActivities.createOwn('are', { strategyId: strategy.id, title: 'Hembesök i Åre', period: { from: 2026, to: 2026 }, measure: '', target: '' }, { id: 'oid-anders', name: 'Anders Åre' });
    await page.goto(`${app.url}/tab/index.html?view=arenor&arena=are`);
    const are = page.locator('[data-arena="are"]');
    await are.getByRole('heading', { level: 4, name: 'Hembesök i Åre' }).waitFor();
    assert.equal(await are.getByRole('button', { name: /^Uppdatera/ }).count(), 0);
    assert.match(await are.locator('[data-why-not]').first().innerText(), /^Du kan inte ändra här\. Aktiviteter för Åre ändras i Åres kanal/);
  });

  it("opens an arena's channel tab on its arena: its progress first and its overdue work", async () => {
    await page.goto(`${app.url}/tab/index.html?arena=krokom`);
    await page.getByRole('heading', { level: 2, name: 'Översikt: Krokom' }).waitFor();
    const first = page.locator(`[data-strategy="${strategy.id}"] [data-progress]`).first();
    assert.equal(await first.getAttribute('data-progress'), 'krokom');
    await page.locator('[data-attention]').getByText(/för Krokom/).first().waitFor();
  });
});
