// Reporting an effect-measure value from the plan tab, in Debian's Chromium against the running
// server on Azurite (development mode: the development user takes part in Östersund's and the
// county's channels). The value goes through the same use case as the bot's Spara. Screenshots
// go to test-results/tab/ for a person to look at.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import type { RunningApp } from '../../bot/app';
import { DEV_USER } from '../../bot/api/ssoAuth';
import { CHROMIUM, launchChromium } from '../helpers/chromium';
import { startTabApp } from '../helpers/tabApp';

const SHOTS = path.resolve('test-results/tab');
const LAKARBESOK = 's3-e1';

describe('reporting an effect-measure value in the plan tab', function () {
  this.timeout(60_000);
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let errors: string[] = [];

  before(async () => {
    if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}: install it with "apt-get install -y chromium".`);
    // Always rebuild: this file's view is new, and a stale bundle would test old code.
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/buildTab.ts'], { stdio: 'pipe' });
    fs.mkdirSync(SHOTS, { recursive: true });
    app = await startTabApp({ TAB_DEV_MODE: 'true' }, { now: () => new Date('2026-11-23T09:00:00Z') });
    await app.channels.recordMember('ostersund', DEV_USER.id);
    await app.channels.recordMember('lan', DEV_USER.id);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'sv-SE' });
    errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && !/status of (409|400)/.test(m.text()) && errors.push(m.text()));
  });
  afterEach(async function () {
    const name = `effektmatt-${(this.currentTest?.title ?? 'test').replace(/[^\wåäö]+/gi, '-').slice(0, 70)}`;
    await page?.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: false }).catch(() => undefined);
    await page?.close();
    assert.deepEqual(errors, []);
  });

  async function openReport() {
    await page.goto(`${app.url}/tab/index.html?view=effektmatt&arena=ostersund`);
    const report = page.getByTestId('measure-report');
    await report.getByRole('heading', { name: 'Rapportera värde' }).waitFor();
    return report;
  }

  it('reports Östersund\'s 2025 value with a decimal comma, and the table shows it the Swedish way', async () => {
    await app.measures.report({ measureId: LAKARBESOK, periodId: '2024', arenaId: 'ostersund', etag: '', values: [{ category: null, value: 1000 }], comment: '', actor: { id: 'x', name: 'Cecilia Carlsson' } });
    const report = await openReport();
    await report.getByLabel('Effektmått', { exact: true }).selectOption(LAKARBESOK);
    await report.getByLabel('Värde för').selectOption('ostersund');
    await report.getByLabel('Period (från basåret 2023)').selectOption('2025');
    await report.getByText('Samma period föregående år: 1 000').waitFor();
    await report.getByLabel('Värde', { exact: true }).fill('1 234,5');
    await report.getByLabel('Kommentar (sparas i historiken)').fill('Från Kolada');
    await report.getByRole('button', { name: 'Spara' }).click();
    await report.getByText('Värdet är sparat').waitFor();
    await report.getByText(/2025: 1\s234,5\. Målvärdet nås: 1\s234,5 mot 1\s000 2024\./).waitFor();
    const stored = await app.measures.get(LAKARBESOK, '2025', 'ostersund');
    assert.deepEqual([stored?.values, stored?.comment, stored?.reportedBy], [[{ category: null, value: 1234.5 }], 'Från Kolada', DEV_USER.name]);
    // The plan is reloaded: the measure's table shows the new value.
    const card = page.locator(`[data-measure="${LAKARBESOK}"]`);
    await card.getByRole('cell', { name: '1 234,5' }).waitFor();
    await card.getByText('Länsnivån har rapporterat 1 av 8 kommuners värden 2025').waitFor();
    await card.screenshot({ path: path.join(SHOTS, 'effektmatt-lakarbesok-efter-rapport.png') });
  });

  it('shows a conflict with the value stored now and keeps the person\'s value to save again', async () => {
    const report = await openReport();
    await report.getByLabel('Effektmått', { exact: true }).selectOption(LAKARBESOK);
    await report.getByLabel('Period (från basåret 2023)').selectOption('2023');
    // Someone reports 2023 in the bot meanwhile.
    await app.measures.report({ measureId: LAKARBESOK, periodId: '2023', arenaId: 'ostersund', etag: '', values: [{ category: null, value: 900 }], comment: '', actor: { id: 'y', name: 'Bengt Berg' } });
    await report.getByLabel('Värde', { exact: true }).fill('0,5');
    await report.getByRole('button', { name: 'Spara' }).click();
    await report.getByText('Någon annan hann före').waitFor();
    await report.getByText(/Nu gäller: 900 \(Bengt Berg\)/).waitFor();
    assert.equal(await report.getByLabel('Värde', { exact: true }).inputValue(), '0,5');
    assert.equal((await app.measures.get(LAKARBESOK, '2023', 'ostersund'))?.version, 1);
    await report.getByRole('button', { name: 'Spara mitt värde ändå' }).click();
    await report.getByText('Värdet är sparat').waitFor();
    assert.deepEqual((await app.measures.history(LAKARBESOK, '2023', 'ostersund')).map((h) => h.values[0]?.value), [0.5, 900]);
  });

  it('uploads an Excel file and names the bad row when one is wrong', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Effektmått');
    sheet.addRow(['Effektmått-id', 'Effektmått', 'Period', 'Arena-id', 'Arena', 'Kategori', 'Värde', 'Kommentar', 'Version']);
    sheet.addRow(['s5-e1', '', '2026', 'berg', 'Berg', '', 'ja', '', 0]);
    sheet.addRow(['s5-e1', '', '2026', 'bracke', 'Bräcke', '', 'kanske', '', 0]);
    const file = path.join(SHOTS, 'upload-one-bad-row.xlsx');
    await book.xlsx.writeFile(file);
    const report = await openReport();
    await report.getByLabel(/Ladda upp många värden/).setInputFiles(file);
    await report.getByText('Filen laddades inte upp').waitFor();
    await report.getByText(/Rad 3: .*välj ja eller nej/).waitFor();
    assert.equal(await app.measures.get('s5-e1', '2026', 'berg'), undefined);
  });
});
