// The Årsrapport view in Debian's Chromium against the running server on Azurite (development
// mode): the report of the data entered through the tab's API, its print stylesheet (light paper
// from the dark theme, page numbers, the title once, no app chrome) checked on a PDF made by the
// browser's own printing, and the view looked at in three themes and two widths.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import type { RunningApp } from '../../bot/app';
import { DEV_USER } from '../../bot/api/ssoAuth';
import { loadPlanContent } from '../../bot/content/loadPlan';
import type { PlanView, SubActivityView } from '../../bot/domain/planView';
import { CHROMIUM, launchChromium } from '../helpers/chromium';
import { startTabApp } from '../helpers/tabApp';
import { axeViolations, ensureTabBuilt, sidewaysScroll } from '../helpers/tabBrowser';
import { REPORT_SECTIONS } from '../../bot/domain/report';

const SHOTS = path.resolve('test-results/report');
const TITLE = 'Uppföljning 2026 – Gemensam plan';
const content = loadPlanContent();
const countySubs = content.strategies.flatMap((s) => s.activities.flatMap((a) => a.subActivities));

describe('the yearly report in the tab, on screen and on paper', function () {
  this.timeout(120_000);
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let errors: string[] = [];

  before(async () => {
    if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}: install it with "apt-get install -y chromium".`);
    ensureTabBuilt();
    fs.mkdirSync(SHOTS, { recursive: true });
    app = await startTabApp({ TAB_DEV_MODE: 'true' }, { now: () => new Date('2026-11-23T09:00:00Z') });
    await app.channels.recordMember('ostersund', DEV_USER.id);
    await app.channels.recordMember('lan', DEV_USER.id);
    // A status of the county's, an arena's follow-up, and a measure against last year: through the API.
    const plan = (await (await fetch(`${app.url}/api/plan`)).json()) as PlanView;
    const find = (scope: string, id: string): SubActivityView =>
      (scope === 'lan' ? plan.strategies.flatMap((s) => s.activities) : plan.arenas.find((a) => a.id === scope)!.bilaga1).flatMap((a) => a.subActivities).find((d) => d.id === id)!;
    for (const [scope, id, status] of [['lan', countySubs[0]!.id, 'klar'], ['ostersund', countySubs[1]!.id, 'pagar']] as const) {
      const seen = find(scope, id);
      const res = await fetch(`${app.url}/api/activities/${scope}/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json', 'if-match': seen.etag }, body: JSON.stringify({ version: seen.version, status, statusNote: 'Från testet', measureAnswer: '', comment: '' }) });
      assert.equal(res.status, 200, await res.text());
    }
    for (const [period, value] of [['2025', '120'], ['2026', '150']]) {
      const res = await fetch(`${app.url}/api/measures/s3-e1/values/ostersund/${period}`, { method: 'PUT', headers: { 'content-type': 'application/json', 'if-none-match': '*' }, body: JSON.stringify({ values: [value] }) });
      assert.equal(res.status, 200, await res.text());
    }
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });
  beforeEach(() => {
    errors = [];
  });
  afterEach(async () => {
    await page?.close();
    assert.deepEqual(errors, []);
  });

  async function open(theme: string, width: number) {
    page = await browser.newPage({ viewport: { width, height: 900 }, locale: 'sv-SE', bypassCSP: true, acceptDownloads: true });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${app.url}/tab/index.html?view=rapport&theme=${theme}`);
    await page.getByRole('heading', { name: TITLE }).waitFor();
    await page.waitForSelector('.report-chart canvas');
  }

  it('prints from the dark theme on white paper, with page numbers, the title once and no app chrome', async () => {
    await open('dark', 1280);
    // On screen the theme is dark …
    const screenBg = await page.evaluate(() => getComputedStyle(document.querySelector('.fui-FluentProvider')!).backgroundColor);
    assert.notEqual(screenBg, 'rgb(255, 255, 255)');
    // … on paper it is light, and the app's header, view tabs and buttons are gone.
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() => ({
      provider: getComputedStyle(document.querySelector('.fui-FluentProvider')!).backgroundColor,
      body: getComputedStyle(document.body).backgroundColor,
      title: getComputedStyle(document.querySelector('#rapport-rubrik')!).color,
      hidden: ['nav', '.fui-FluentProvider > header', 'a[href="#innehall"]', '[data-report] button'].map((s) => Array.from(document.querySelectorAll(s)).every((e) => getComputedStyle(e).display === 'none' || (e as HTMLElement).offsetParent === null)),
    }));
    assert.equal(printed.provider, 'rgb(255, 255, 255)');
    assert.equal(printed.body, 'rgb(255, 255, 255)');
    assert.equal(printed.title, 'rgb(0, 0, 0)');
    assert.deepEqual(printed.hidden, [true, true, true, true]);
    // Pixels of the printed page: white paper, a little black text (not a dark page).
    const png = PNG.sync.read(await page.screenshot({ path: path.join(SHOTS, 'print-media-dark.png') }));
    let dark = 0;
    for (let i = 0; i < png.data.length; i += 4) if (png.data[i]! + png.data[i + 1]! + png.data[i + 2]! < 3 * 80) dark++;
    assert.ok(dark / (png.width * png.height) < 0.15, `${((100 * dark) / (png.width * png.height)).toFixed(1)} % dark pixels`);

    // The browser's own print to PDF, with backgrounds printed (as "Bakgrundsgrafik" on).
    const pdf = await page.pdf({ printBackground: true, preferCSSPageSize: true });
    fs.writeFileSync(path.join(SHOTS, 'rapport-2026.pdf'), pdf);
    const { extractText, getDocumentProxy } = await import('unpdf');
    const doc = await getDocumentProxy(new Uint8Array(pdf));
    const { totalPages, text } = await extractText(doc, { mergePages: false });
    assert.ok(totalPages >= 3, `${totalPages} pages`);
    text.forEach((t, i) => assert.match(t, new RegExp(`Sida ${i + 1} av ${totalPages}`), `page ${i + 1} has its number`));
    const all = text.join('\n');
    assert.equal(all.split(TITLE).length - 1, 1, 'the title once');
    for (const heading of REPORT_SECTIONS.map((s) => s.title)) assert.ok(all.includes(heading), heading);
    for (const chrome of ['Hoppa till innehållet', 'Skriv ut', 'Ladda ned Word', 'Översikt', 'Tillgänglighetsredogörelse']) assert.ok(!all.includes(chrome), `no "${chrome}" on paper`);
    assert.ok(all.includes('Läkarbesök i hemmet'));
  });

  it('prints the charts readable from the high-contrast theme: coloured lines and dark text on the white paper, not white ones', async () => {
    await open('contrast', 1280);
    const dark = async () => {
      const png = PNG.sync.read(await page.locator('.report-chart').first().screenshot());
      let n = 0;
      // Anything clearly not white: the lines, markers and text (white lines on white would not count).
      for (let i = 0; i < png.data.length; i += 4) if (png.data[i]! + png.data[i + 1]! + png.data[i + 2]! < 3 * 200) n++;
      return { share: n / (png.width * png.height), png };
    };
    await page.emulateMedia({ media: 'print' });
    // The chart is drawn again in the light theme: wait until its canvas has dark strokes on white.
    await page.waitForFunction(() => {
      const c = document.querySelector<HTMLCanvasElement>('.report-chart canvas');
      const d = c?.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
      if (!d) return false;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i + 3]! > 200 && d[i]! + d[i + 1]! + d[i + 2]! < 600) n++;
      return n > 200;
    }, undefined, { timeout: 10_000 }).catch(() => undefined);
    const printed = await dark();
    fs.writeFileSync(path.join(SHOTS, 'print-chart-contrast.png'), PNG.sync.write(printed.png));
    assert.ok(printed.share > 0.005, `the printed chart has visible lines and text: ${(100 * printed.share).toFixed(2)} % of its pixels not white`);
    assert.ok(printed.share < 0.5, 'on a white background');
  });

  it('prints every chart of the report with the page, from the dark theme, without waiting: each chart has its lines and text in the PDF', async () => {
    // A second measure with a chart: the county's, this year and the year before.
    for (const [period, value] of [['2025', '40'], ['2026', '55']]) {
      const res = await fetch(`${app.url}/api/measures/s1-e2/values/lan/${period}`, { method: 'PUT', headers: { 'content-type': 'application/json', 'if-none-match': '*' }, body: JSON.stringify({ values: [value] }) });
      assert.equal(res.status, 200, await res.text());
    }
    await open('dark', 1280);
    // Every chart drawn on screen …
    await page.waitForFunction(() => {
      const all = Array.from(document.querySelectorAll<HTMLCanvasElement>('.report-chart canvas'));
      return all.length >= 2 && all.every((c) => c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data.some((v, i) => i % 4 === 3 && v > 0));
    });
    const charts = await page.locator('.report-chart canvas').count();
    // … then printed at once, as "Skriv ut" does (no switch to print media and no wait before it).
    const pdf = await page.pdf({ printBackground: true, preferCSSPageSize: true });
    fs.writeFileSync(path.join(SHOTS, 'rapport-diagram.pdf'), pdf);
    const { extractImages, getDocumentProxy } = await import('unpdf');
    const doc = await getDocumentProxy(new Uint8Array(pdf));
    // A chart on paper: an image with dark lines, markers and text on white, not an empty or white one.
    const inked: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      for (const image of await extractImages(doc, n)) {
        let ink = 0;
        const { data, channels } = image;
        for (let i = 0; i < data.length; i += channels) {
          const visible = channels < 4 || data[i + 3]! > 128;
          const dark = channels === 1 ? data[i]! < 160 : data[i]! + data[i + 1]! + data[i + 2]! < 480;
          if (visible && dark) ink++;
        }
        const share = ink / (image.width * image.height);
        if (share > 0.003 && share < 0.5) inked.push(`page ${n}: ${image.width}×${image.height}, ${(100 * share).toFixed(1)} % ink`);
      }
    }
    assert.ok(charts >= 2, `${charts} charts on screen`);
    assert.equal(inked.length, charts, `every chart printed with its pixels: ${inked.join('; ') || 'none'}`);
  });

  it('downloads Word and Excel under the Swedish file name, and shows another year from the picker', async () => {
    await open('default', 1280);
    for (const [button, name] of [['Ladda ned Word', `${TITLE}.docx`], ['Ladda ned Excel', `${TITLE}.xlsx`]] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
      assert.equal(download.suggestedFilename(), name);
      const file = await download.path();
      assert.equal(fs.readFileSync(file).subarray(0, 2).toString(), 'PK', 'a zip: Office Open XML');
    }
    await page.getByLabel('År').selectOption('2025');
    await page.getByRole('heading', { name: 'Uppföljning 2025 – Gemensam plan' }).waitFor();
    assert.match(page.url(), /[?&]ar=2025\b/);
    await page.getByText(/Perioden 1 januari 2025 – 31 december 2025\./).waitFor();
  });

  it('shows the report in three themes at 1280 and 400 px, reflowing and without axe violations', async function () {
    // Six renders with axe over the whole report (Bilaga 1, the arenas' table, every measure).
    this.timeout(300_000);
    for (const theme of ['default', 'dark', 'contrast']) {
      for (const width of [1280, 400]) {
        await open(theme, width);
        assert.equal(await sidewaysScroll(page), 0, `${theme} ${width}: no sideways scrolling`);
        await page.screenshot({ path: path.join(SHOTS, `rapport-${theme}-${width}.png`), fullPage: false });
        if (width === 1280) assert.deepEqual(await axeViolations(page), [], `${theme} ${width}`);
        // The measure with its chart, for a person to look at.
        await page.locator('[data-report-body] .report-keep', { has: page.locator('.report-chart') }).first().screenshot({ path: path.join(SHOTS, `rapport-matt-${theme}-${width}.png`) });
        // The summary counts the county's Klar, and the measure shows 150 against 120.
        assert.ok(await page.getByRole('row', { name: /Totalt/ }).first().isVisible());
        assert.ok(await page.getByText('150', { exact: true }).first().isVisible());
        await page.close();
      }
    }
    page = await browser.newPage();
  });
});
