// The plan tab in Debian's Chromium against the running server on Azurite, in the development
// mode (a plain browser, no Teams): every view shows the plan's own words, an update from the
// tab reaches GET /api/plan and the history, a stale update shows the conflict, the Excel export
// holds every activity, and axe-core finds no accessibility violations. Screenshots go to
// test-results/tab/ for a person to look at.
import assert from 'node:assert/strict';
import { statusText } from '../../bot/domain/followUp';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import type { PlanView } from '../../bot/domain/planView';
import type { RunningApp } from '../../bot/app';
import { DEV_USER } from '../../bot/api/ssoAuth';
import { loadPlanContent } from '../../bot/content/loadPlan';
import { CHROMIUM, launchChromium } from '../helpers/chromium';
import { startTabApp } from '../helpers/tabApp';
import { axeViolations as axeOn } from '../helpers/tabBrowser';

const SHOTS = path.resolve('test-results/tab');

/** Whether tab/dist is missing or older than the tab's sources or the domain it bundles. */
function tabBuildIsStale(): boolean {
  const built = path.resolve('tab/dist/main.js');
  if (!fs.existsSync(built)) return true;
  const newest = (dir: string): number =>
    fs.readdirSync(dir, { withFileTypes: true }).reduce((max, e) => {
      const p = path.join(dir, e.name);
      return Math.max(max, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
    }, 0);
  const sources = Math.max(newest(path.resolve('tab/src')), newest(path.resolve('bot/domain')), fs.statSync(path.resolve('bot/api/planApi.ts')).mtimeMs, fs.statSync(path.resolve('package-lock.json')).mtimeMs);
  return fs.statSync(built).mtimeMs < sources;
}

describe('the plan tab in a browser', function () {
  this.timeout(60_000);
  const content = loadPlanContent();
  const allSubs = content.strategies.flatMap((s) => s.activities.flatMap((a) => a.subActivities.map((d) => ({ activity: a, sub: d }))));
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let consoleErrors: string[] = [];

  before(async () => {
    if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}: install it with "apt-get install -y chromium" (the browser tests never skip).`);
    if (tabBuildIsStale()) execFileSync(process.execPath, ['--import', 'tsx', 'scripts/buildTab.ts'], { stdio: 'pipe' });
    fs.mkdirSync(SHOTS, { recursive: true });
    app = await startTabApp({ TAB_DEV_MODE: 'true' });
    // The development user takes part in the county channel: it may change county-wide activities.
    await app.channels.recordMember('lan', DEV_USER.id);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });
  beforeEach(async function () {
    // The pages' Content-Security-Policy allows no inline scripts; only the axe checks inject one.
    const injectsAxe = /axe-core|configured/.test(this.currentTest?.title ?? '');
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'sv-SE', acceptDownloads: true, bypassCSP: injectsAxe });
    consoleErrors = [];
    page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
    page.on('console', (message) => {
      // The browser logs every non-2xx response; a 409 is the expected answer to a stale update.
      if (message.type() === 'error' && !/status of 409/.test(message.text())) consoleErrors.push(message.text());
    });
  });
  afterEach(async function () {
    const name = (this.currentTest?.title ?? 'test').replace(/[^\wåäö]+/gi, '-').slice(0, 80);
    await page?.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true }).catch(() => undefined);
    await page?.close();
    // A script error or a resource the Content-Security-Policy blocked fails the test.
    assert.deepEqual(consoleErrors, [], `the page logged errors: ${consoleErrors.join(' | ')}`);
  });

  async function open(query = '') {
    await page.goto(`${app.url}/tab/index.html${query}`);
    await page.getByRole('heading', { level: 1, name: content.plan.name }).waitFor();
  }

  async function showView(name: string) {
    await page.getByRole('tab', { name }).click();
    await page.getByRole('heading', { level: 2, name: new RegExp(`^${name}`) }).waitFor();
  }

  async function plan(): Promise<PlanView> {
    return (await (await fetch(`${app.url}/api/plan`)).json()) as PlanView;
  }

  const axeViolations = () => axeOn(page);

  it('renders every sub-activity of the action plan on opening the page (its time goes to test-results and npm run bench)', async () => {
    await page.goto(`${app.url}/tab/index.html?view=handlingsplan`);
    // Measured in the page, from the start of navigation to the moment the last row is there.
    const elapsed = Math.round(
      (await page.evaluate(`new Promise((resolve) => {
        const done = () => document.querySelectorAll('[data-sub]').length >= ${allSubs.length};
        if (done()) return resolve(performance.now());
        new MutationObserver((_m, observer) => { if (done()) { observer.disconnect(); resolve(performance.now()); } }).observe(document.body, { childList: true, subtree: true });
      })`)) as number,
    );
    const timing = (await page.evaluate(`JSON.stringify(performance.getEntriesByType('resource').filter((e) => e.name.includes('/tab/dist/')).map((e) => [e.name.split('/').pop(), e.transferSize]))`)) as string;
    fs.writeFileSync(path.join(SHOTS, 'first-load.json'), JSON.stringify({ elapsedMs: elapsed, resources: JSON.parse(timing) as unknown }, null, 2));
    assert.equal(await page.locator('[data-sub]').count(), allSubs.length);
  });

  it('says plainly that it runs in development mode outside Teams', async () => {
    await open();
    await page.getByText('Utvecklingsläge – inte inloggad via Teams').waitFor();
  });

  it('shows the target picture and all five strategies with their quotes and the county\'s progress on Översikt', async () => {
    await open();
    await page.getByText('Målbild: Tillsammans för god hälsa hela livet').waitFor();
    for (const s of content.strategies) {
      await page.getByRole('heading', { level: 4, name: `Strategi ${s.number}: ${s.title}` }).waitFor();
      for (const q of s.quotes) assert.equal(await page.getByText(q, { exact: false }).count() > 0, true, q);
    }
    assert.equal(await page.locator('[data-progress="lan"]').count(), 5);
    // No arena has activities yet: no rows of zeros.
    assert.equal(await page.locator('[data-progress]:not([data-progress="lan"])').count(), 0);
  });

  it('lists every county-wide sub-activity on Handlingsplan, and filters by status and search', async () => {
    await open();
    await showView('Handlingsplan');
    await page.getByLabel('Arena').selectOption('lan');
    await page.getByRole('status').filter({ hasText: `${allSubs.length} delaktiviteter visas.` }).waitFor();
    for (const { sub } of allSubs) assert.ok((await page.locator(`[data-sub="${sub.id}"]`).count()) === 1, sub.id);
    await page.getByLabel('Status', { exact: true }).selectOption('uppdrag_behovs');
    const expected = (await plan()).strategies.flatMap((s) => s.activities.flatMap((a) => a.subActivities)).filter((d) => d.status === 'uppdrag_behovs');
    await page.getByRole('status').filter({ hasText: `${expected.length} delaktiviteter visas.` }).waitFor();
    await page.getByLabel('Status', { exact: true }).selectOption('');
    await page.getByLabel('Sök').fill(allSubs[0]!.sub.title);
    await page.locator(`[data-sub="${allSubs[0]!.sub.id}"]`).waitFor();
    assert.ok((await page.locator('[data-sub]').count()) < allSubs.length);
  });

  it('opens on the view and arena of a deep link', async () => {
    await open('?view=handlingsplan&arena=ostersund');
    await page.getByRole('heading', { level: 2, name: 'Handlingsplan' }).waitFor();
    assert.equal(await page.getByLabel('Arena').inputValue(), 'ostersund');
    await page.getByText('Östersund har inga egna aktiviteter som passar filtret.').waitFor();
  });

  it('shows the matrix of the eight arenas and every recommended local activity on Arenor', async () => {
    await open('?view=arenor');
    await page.getByRole('heading', { level: 2, name: 'Arenor' }).waitFor();
    // The recommendations' matrix (the local follow-up of Bilaga 1 below it has the same columns).
    const matrix = page.locator('table').filter({ has: page.locator('[data-recommendation]') });
    for (const a of content.arenas.filter((x) => x.kind === 'municipality')) await matrix.getByRole('columnheader', { name: a.name, exact: true }).waitFor();
    const recommendations = content.strategies.flatMap((s) => s.localRecommendations);
    assert.equal(await page.locator('[data-recommendation]').count(), recommendations.length);
    assert.equal(await page.getByRole('cell', { name: 'Ej antagen' }).count(), recommendations.length * 8);
  });

  it("shows an arena's adopted recommendation in the matrix with its status, and its own activities, which its members may update", async () => {
    const strategy = content.strategies[0]!;
    const recommendation = strategy.localRecommendations[0]!;
    const actor = { id: DEV_USER.id, name: DEV_USER.name };
    const adopted = await app.localActivities.adopt('krokom', recommendation, strategy.id, { from: 2026, to: 2027 }, actor);
    const own = await app.localActivities.createOwn('krokom', { strategyId: strategy.id, title: 'Träffar för anhöriga i Krokom', period: { from: 2026, to: 2026 }, measure: 'Antal träffar', target: '4' }, actor);
    await app.channels.recordMember('krokom', DEV_USER.id);
    const sub = adopted.activity.subActivities[0]!;
    await app.activities.update({ scopeId: 'krokom', subActivityId: sub.id, etag: sub.etag, request: { status: 'pagar' }, actor });

    await open('?view=arenor&arena=krokom');
    const row = page.locator(`[data-recommendation="${recommendation.id}"]`);
    const cells = row.getByRole('cell');
    const column = content.arenas.filter((a) => a.kind === 'municipality').findIndex((a) => a.id === 'krokom');
    assert.equal(await cells.nth(column).innerText(), 'Pågår');
    assert.equal(await row.getByText('Ej antagen').count(), 7);
    const krokom = page.locator('[data-arena="krokom"]');
    await krokom.getByRole('heading', { level: 4, name: 'Träffar för anhöriga i Krokom' }).waitFor();
    assert.equal(await page.locator('[data-arena="berg"]').count(), 0, 'the channel tab of Krokom shows Krokom');

    const ownSub = own.activity.subActivities[0]!;
    await krokom.locator(`[data-sub="${ownSub.id}"]`).getByRole('button', { name: /^Uppdatera/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Status', { exact: true }).selectOption('klar');
    await dialog.getByRole('button', { name: 'Spara' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal((await app.activities.getSubActivity('krokom', ownSub.id))!.state.status, 'klar');
  });

  it('lets the channel tab be configured with its arena', async () => {
    await page.goto(`${app.url}/tab/config.html`);
    await page.getByRole('heading', { level: 1, name: 'Gemensam plan i den här kanalen' }).waitFor();
    await page.getByLabel('Arena').waitFor();
    const options = await page.getByLabel('Arena').locator('option').allInnerTexts();
    assert.deepEqual(options, ['Välj arena', ...content.arenas.map((a) => a.name)]);
    await page.getByText('Utvecklingsläge – inte inloggad via Teams').waitFor();
    assert.deepEqual(await axeViolations(), []);
  });

  it('draws a chart of each reported effect measure with its target status on Effektmått', async () => {
    const actor = { id: 'oid-cecilia', name: 'Cecilia' };
    for (const [periodId, children, adults] of [['2025-H1', 10, 20], ['2025-H2', 14, 25]] as const) {
      await app.measures.report({ measureId: 's1-e1', periodId, arenaId: 'lan', etag: '', values: [{ category: 'Barn och unga', value: children }, { category: 'Vuxna', value: adults }], comment: '', actor });
    }
    await open('?view=effektmatt');
    await page.getByRole('heading', { level: 2, name: 'Effektmått' }).waitFor();
    for (const m of content.strategies.flatMap((s) => s.effectMeasures)) await page.getByRole('heading', { level: 4, name: m.title }).waitFor();
    const sip = page.locator('[data-measure="s1-e1"]');
    await sip.locator('canvas').waitFor();
    // Chart.js has drawn: the canvas holds non-transparent pixels.
    await page.waitForFunction(`(() => { const c = document.querySelector('[data-measure="s1-e1"] canvas'); return !!c && c.getContext('2d').getImageData(0, 0, c.width, c.height).data.some((v, i) => i % 4 === 3 && v > 0); })()`);
    await sip.getByRole('cell', { name: 'Barn och unga: 14, Vuxna: 25' }).waitFor();
    await sip.getByText('Andra halvåret 2025:').waitFor();
  });

  it('saves a status change made in the tab, which then shows in GET /api/plan and in Historik', async () => {
    const { sub } = allSubs[1]!;
    await open('?view=handlingsplan');
    await page.locator(`[data-sub="${sub.id}"]`).getByRole('button', { name: `Uppdatera ${sub.title}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Status', { exact: true }).selectOption('klar');
    await dialog.getByLabel('Statusanteckning').fill('Klart enligt beslut i länsgruppen.');
    await dialog.getByLabel('Kommentar till ändringen').fill('Beslut 12 november');
    await dialog.getByRole('button', { name: 'Spara' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator(`[data-sub="${sub.id}"]`).getByText('Klart enligt beslut i länsgruppen.').waitFor();

    const stored = (await plan()).strategies.flatMap((s) => s.activities.flatMap((a) => a.subActivities)).find((d) => d.id === sub.id)!;
    assert.equal(stored.status, 'klar');
    assert.equal(stored.statusNote, 'Klart enligt beslut i länsgruppen.');
    assert.equal(stored.updatedBy, DEV_USER.name);

    await showView('Historik');
    const entry = page.locator(`[data-history="lan/${sub.id}"]`).first();
    await entry.getByText(/Status: .* → Klar/).waitFor();
    await entry.getByText('Kommentar: Beslut 12 november').waitFor();
  });

  it('shows the conflict when someone else changed the sub-activity first, and keeps their change', async () => {
    const { sub } = allSubs[2]!;
    await open('?view=handlingsplan');
    await page.locator(`[data-sub="${sub.id}"]`).getByRole('button', { name: `Uppdatera ${sub.title}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Statusanteckning').fill('Min anteckning');

    const seen = (await app.activities.getSubActivity('lan', sub.id))!;
    const bengt = await app.activities.update({ scopeId: 'lan', subActivityId: sub.id, etag: seen.etag, request: { status: 'avbruten', statusNote: 'Avbruten av styrgruppen' }, actor: { id: 'oid-bengt', name: 'Bengt' } });
    assert.equal(bengt.kind, 'updated');

    await dialog.getByRole('button', { name: 'Spara' }).click();
    const alert = dialog.getByRole('alert');
    await alert.getByText('Någon annan hann före').waitFor();
    await alert.getByText(/Avbruten av styrgruppen/).first().waitFor();
    await alert.getByText(/Bengt/).waitFor();
    assert.equal(await dialog.getByLabel('Statusanteckning').inputValue(), 'Min anteckning', 'what the person typed is kept');
    const stored = (await app.activities.getSubActivity('lan', sub.id))!;
    assert.equal(stored.state.statusNote, 'Avbruten av styrgruppen');
    assert.equal(stored.state.status, 'avbruten');
    await page.screenshot({ path: path.join(SHOTS, 'conflict-dialog.png') });
  });

  it('exports the action plan with status to an Excel file that holds every activity', async () => {
    await open();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exportera till Excel' }).click()]);
    assert.match(download.suggestedFilename(), /^handlingsplan-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const file = path.join(SHOTS, 'handlingsplan.xlsx');
    await download.saveAs(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.getWorksheet('Handlingsplan')!;
    assert.deepEqual((sheet.getRow(1).values as unknown[]).slice(1, 8), ['Strategi', 'Aktivitet', 'Prioritet', 'Delaktivitet', 'Mått', 'Målvärde', 'Status']);
    assert.equal(sheet.rowCount, allSubs.length + 1);
    const live = (await plan()).strategies.flatMap((s) => s.activities.flatMap((a) => a.subActivities));
    allSubs.forEach(({ activity, sub }, i) => {
      const row = sheet.getRow(i + 2);
      assert.equal(row.getCell(2).value, activity.title);
      assert.equal(row.getCell(4).value, sub.title);
      assert.equal(row.getCell(7).value, statusText(live.find((d) => d.id === sub.id)!));
    });
  });

  // axe-core on every view and dialog, in three themes and at 1280 and 400 px: tabViews.test.ts.

  it('prints the yearly follow-up report with every strategy', async () => {
    await open('?view=rapport');
    await page.getByRole('heading', { level: 2, name: /^Uppföljning \d{4} – Gemensam plan$/ }).waitFor();
    // The county's analysis has a heading per strategy (the report itself: tests/e2e/report*.test.ts).
    // (Förändringar has the same headings for the strategies that changed: earlier tests here change some.)
    const analysis = page.getByRole('region', { name: 'Analys' });
    for (const s of content.strategies) await analysis.getByRole('heading', { level: 4, name: `Strategi ${s.number}: ${s.title}` }).waitFor();
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.getByRole('button', { name: 'Skriv ut' }).isVisible(), false);
    await page.pdf({ path: path.join(SHOTS, 'arsrapport.pdf') }).catch(() => undefined);
  });
});
