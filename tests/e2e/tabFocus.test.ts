// Focus stays where the person is after every action in the plan tab, with the keyboard alone:
// saving a measure value, downloading Word, Excel and the export, and a conflicting save in the
// update dialog (a busy button keeps its focus: aria-disabled, not disabled). Results arrive in a
// live region that was there before them, title and text apart. And the common questions in two
// choices: Handlingsplan's "Ej uppföljda", the narrow view select that changes view on a choice
// (not on each arrow key), and a document title per view.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { RunningApp } from '../../bot/app';
import { DEV_USER } from '../../bot/api/ssoAuth';
import type { PlanView } from '../../bot/domain/planView';
import { launchChromium } from '../helpers/chromium';
import { ensureTabBuilt } from '../helpers/tabBrowser';
import { startTabApp } from '../helpers/tabApp';

const SHOTS = path.resolve('test-results/tab-focus');

describe('the plan tab keeps focus and answers the common questions, by keyboard', function () {
  this.timeout(120_000);
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let errors: string[] = [];

  before(async () => {
    ensureTabBuilt();
    fs.mkdirSync(SHOTS, { recursive: true });
    app = await startTabApp({ TAB_DEV_MODE: 'true' }, { now: () => new Date('2026-11-23T09:00:00Z') });
    await app.channels.recordMember('lan', DEV_USER.id);
    await app.channels.recordMember('ostersund', DEV_USER.id);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });
  async function open(query: string, width = 1280) {
    page = await browser.newPage({ viewport: { width, height: 900 }, locale: 'sv-SE', acceptDownloads: true });
    errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && !/status of 409/.test(m.text()) && errors.push(m.text()));
    await page.goto(`${app.url}/tab/index.html${query}`);
    await page.locator('main h2').first().waitFor();
  }
  afterEach(async function () {
    const name = (this.currentTest?.title ?? 'test').replace(/[^\wåäö]+/gi, '-').slice(0, 60);
    await page?.screenshot({ path: path.join(SHOTS, `${name}.png`) }).catch(() => undefined);
    await page?.close();
    assert.deepEqual(errors, []);
  });

  /** What has the keyboard focus now: its tag and text (BODY when focus fell to the page). */
  const focused = () => page.evaluate(() => `${document.activeElement?.tagName} ${(document.activeElement as HTMLElement | null)?.innerText ?? ''}`.trim());

  it('keeps focus on Spara after a measure value is saved, and announces the result, title and text apart, in a region that was there first', async () => {
    await open('?view=effektmatt');
    const report = page.getByTestId('measure-report');
    await report.getByRole('heading', { name: 'Rapportera värde' }).waitFor();
    const live = report.locator('[data-measure-result]');
    assert.equal(await live.getAttribute('aria-live'), 'polite', 'the live region is there before any result');
    assert.equal((await live.innerText()).trim(), '');
    await report.getByLabel('Effektmått', { exact: true }).selectOption('s1-e1');
    await report.getByLabel('Barn och unga').focus();
    await page.keyboard.type('12');
    await page.keyboard.press('Tab');
    await page.keyboard.type('30');
    await report.getByRole('button', { name: 'Spara' }).focus();
    await page.keyboard.press('Enter');
    await live.getByText('Värdet är sparat').waitFor();
    assert.equal(await focused(), 'BUTTON Spara', 'focus stays on the button');
    // The title and the text are two lines, not "Värdet är sparat2026 …".
    assert.match(await live.innerText(), /^Värdet är sparat\n\S/);
    // Saving the same again: "ingenting ändrades", still on the button.
    await page.keyboard.press('Enter');
    await live.getByText('Värdet var redan sparat, ingenting ändrades').waitFor();
    assert.match(await live.innerText(), /ingenting ändrades\n\S/);
    assert.equal(await focused(), 'BUTTON Spara');
  });

  it('keeps focus on Ladda ned Word and Exportera till Excel while the file is made and after', async () => {
    await open('?view=rapport');
    await page.getByRole('heading', { level: 2, name: /^Uppföljning 2026/ }).waitFor();
    for (const name of ['Ladda ned Word', 'Ladda ned Excel', 'Exportera till Excel']) {
      await page.getByRole('button', { name }).focus();
      const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
      await download.path();
      await page.getByRole('button', { name }).and(page.locator(':not([aria-disabled="true"])')).waitFor();
      assert.equal(await focused(), `BUTTON ${name}`, `focus stays on ${name}`);
    }
  });

  it('keeps focus on Spara when someone else saved first in the update dialog, and the warning arrives in a region that was there', async () => {
    await open('?view=handlingsplan');
    const row = page.locator('[data-sub]').first();
    const subId = (await row.getAttribute('data-sub'))!;
    await row.getByRole('button', { name: /^Uppdatera/ }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Statusanteckning').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Min anteckning');
    const alert = dialog.getByRole('alert');
    assert.equal(await alert.count(), 1, 'the alert region is there before the conflict');
    const seen = (await app.activities.getSubActivity('lan', subId))!;
    await app.activities.update({ scopeId: 'lan', subActivityId: subId, etag: seen.etag, request: { statusNote: 'Bengts anteckning' }, actor: { id: 'oid-bengt', name: 'Bengt Berg' } });
    await dialog.getByRole('button', { name: 'Spara' }).focus();
    await page.keyboard.press('Enter');
    await alert.getByText('Någon annan hann före').waitFor();
    assert.equal(await focused(), 'BUTTON Spara mina ändringar ändå', 'focus stays on the button');
    assert.match(await alert.innerText(), /^Någon annan hann före\n/);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    assert.equal((await app.activities.getSubActivity('lan', subId))!.state.statusNote, 'Min anteckning');
  });

  it("shows what Östersund has not followed up in two choices: the arena and Ej uppföljda", async () => {
    await open('?view=handlingsplan');
    await page.getByLabel('Arena', { exact: true }).selectOption('ostersund');
    await page.getByLabel('Status', { exact: true }).selectOption('ej-uppfoljd');
    const plan = (await (await fetch(`${app.url}/api/plan`)).json()) as PlanView;
    const ostersund = plan.arenas.find((a) => a.id === 'ostersund')!;
    const expected = [...ostersund.bilaga1, ...ostersund.activities].flatMap((a) => a.subActivities).filter((d) => !d.followedUp && !d.notApplicable && !d.endedLocally);
    assert.ok(expected.length > 0);
    await page.getByRole('status').filter({ hasText: `${expected.length} delaktiviteter visas.` }).waitFor();
    // Every row shown says "Ej uppföljd", and none that was followed up is there.
    const rows = page.locator('main [data-sub]');
    assert.equal(await rows.count(), await page.locator('main [data-sub]:has([data-not-followed-up])').count());
  });

  it('shows how a per-municipality measure developed in Krokom in two choices, within the first screen, on an axis of its own beside Östersund', async () => {
    const actor = { id: 'oid-x', name: 'Cecilia Carlsson' };
    for (const [arenaId, periodId, value] of [['krokom', '2025', 12], ['krokom', '2026', 15], ['ostersund', '2025', 400], ['ostersund', '2026', 450]] as const) {
      await app.measures.report({ measureId: 's3-e1', periodId, arenaId, etag: '', values: [{ category: null, value }], comment: '', actor });
    }
    await open('?view=effektmatt');
    // All arenas: Östersund's hundreds would flatten Krokom's tens, so Östersund gets the right-hand axis.
    const card = page.locator('[data-measure="s3-e1"]');
    assert.deepEqual((await card.locator('[data-chart]').getAttribute('data-series'))!.split('|').sort(), ['Krokom:y', 'Östersund:y1']);
    await page.getByLabel('Visa effektmått').selectOption('s3-e1');
    await page.getByLabel('Visa värden för').selectOption('krokom');
    assert.equal(await page.locator('[data-measure]').count(), 1, 'only the chosen measure');
    assert.deepEqual(await card.locator('tbody td[data-label="Arena"]').allInnerTexts(), ['Krokom', 'Krokom']);
    assert.equal(await card.locator('[data-chart]').getAttribute('data-series'), 'Krokom:y');
    const box = (await card.locator('[data-chart]').boundingBox())!;
    assert.ok(box.y + box.height <= 900, `the chart ends at ${Math.round(box.y + box.height)} px, within the first screen`);
  });

  it("tells the bars' statuses apart by pattern in the contrast theme, and draws bars, legend and charts in the system's colours in forced-colours mode", async () => {
    // Two of the county's sub-activities followed up: segments in its bars.
    for (const [i, status] of [[2, 'pagar'], [3, 'klar']] as const) {
      const sub = (await app.plan.scope('lan')).flatMap((a) => a.subActivities)[i]!;
      await app.activities.update({ scopeId: 'lan', subActivityId: sub.id, etag: sub.etag, request: { status }, actor: { id: 'oid-x', name: 'Cecilia Carlsson' } });
    }
    const patterns = () => page.locator('[aria-label="Färger i staplarna"] [data-status-fill]').evaluateAll((all) => all.map((e) => getComputedStyle(e).backgroundImage));
    await open('?view=oversikt&theme=contrast');
    await page.locator('[data-progress]').first().waitFor();
    const contrast = await patterns();
    assert.equal(contrast.length, new Set(contrast).size, `every status its own pattern: ${contrast.join(' | ')}`);
    await page.close();

    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'sv-SE' });
    await page.emulateMedia({ forcedColors: 'active' });
    await page.goto(`${app.url}/tab/index.html?view=oversikt`);
    await page.locator('[data-progress]').first().waitFor();
    const system = await page.evaluate(() => {
      const probe = document.createElement('span');
      probe.style.color = 'CanvasText';
      document.body.append(probe);
      const text = getComputedStyle(probe).color;
      probe.remove();
      const segments = Array.from(document.querySelectorAll('[data-progress] [data-status-fill]')).map((e) => getComputedStyle(e));
      return { text, fills: [...new Set(segments.map((c) => c.backgroundColor))], adjust: [...new Set(segments.map((c) => c.forcedColorAdjust))] };
    });
    // Filled in the system's text colour (not the empty outlines the system made of them), a pattern each.
    assert.deepEqual(system.fills, [system.text]);
    assert.deepEqual(system.adjust, ['none']);
    const forced = await patterns();
    assert.equal(forced.length, new Set(forced).size);

    // Effektmått's chart: its lines, markers and legend in CanvasText, none in the light theme's colours.
    for (const [periodId, value] of [['2025', 61], ['2026', 64]] as const) {
      await app.measures.report({ measureId: 's4-e1', periodId, arenaId: 'berg', etag: '', values: [{ category: null, value }], comment: '', actor: { id: 'oid-x', name: 'Cecilia Carlsson' } });
    }
    await page.goto(`${app.url}/tab/index.html?view=effektmatt`);
    const colours = await page.waitForFunction(() => {
      const c = document.querySelector<HTMLCanvasElement>('[data-measure="s4-e1"] canvas');
      const d = c?.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
      if (!d || !d.some((v, i) => i % 4 === 3 && v > 0)) return undefined;
      // The system's text and grey-text colours (Chromium's forced colours: white and green on black).
      const system = ['CanvasText', 'GrayText'].map((name) => {
        const probe = document.createElement('span');
        probe.style.color = name;
        document.body.append(probe);
        const rgb = getComputedStyle(probe).color.match(/\d+/g)!.map(Number);
        probe.remove();
        return rgb;
      });
      let other = 0;
      let ink = 0;
      for (let i = 0; i < d.length; i += 4) {
        if (d[i + 3]! < 250) continue;
        ink++;
        if (!system.some((rgb) => Math.abs(rgb[0]! - d[i]!) + Math.abs(rgb[1]! - d[i + 1]!) + Math.abs(rgb[2]! - d[i + 2]!) < 90)) other++;
      }
      return { ink, other };
    });
    const { ink, other } = (await colours.jsonValue())!;
    assert.ok(ink > 200, `${ink} pixels drawn`);
    assert.ok(other / ink < 0.02, `${other} of ${ink} pixels in a colour that is not the system's`);
  });

  it('changes view from the narrow view select on a choice, not on each arrow key, and names each view in the document title', async () => {
    await open('', 400);
    await page.getByRole('heading', { level: 2, name: /^Översikt/ }).waitFor();
    assert.equal(await page.title(), 'Översikt – Gemensam plan');
    const select = page.getByLabel('Vy', { exact: true });
    await select.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.waitForTimeout(300); // a view that would load on the arrow keys has had its chance
    assert.equal(await page.getByRole('heading', { level: 2, name: /^Översikt/ }).count(), 1, 'still Översikt while stepping');
    assert.doesNotMatch(page.url(), /view=/);
    assert.equal(await select.inputValue(), 'arenor');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: /^Arenor/ }).waitFor();
    assert.match(page.url(), /view=arenor/);
    assert.equal(await page.title(), 'Arenor – Gemensam plan');
    // A pick from the list (as a pointer or Teams mobile's picker does) changes view at once.
    await select.selectOption('effektmatt');
    await page.getByRole('heading', { level: 2, name: /^Effektmått/ }).waitFor();
    assert.equal(await page.title(), 'Effektmått – Gemensam plan');
  });
});
