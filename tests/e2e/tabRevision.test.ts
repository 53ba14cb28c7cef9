// The tab's Revidering view in Debian's Chromium (development mode): the county opens the revision
// from the tab, the proposals of Östersund and the county stand side by side per arena and filter
// by kind, and a decision recorded in the tab shows in the decisions table. Screenshots go to
// test-results/tab/ for a person to look at.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { RunningApp } from '../../bot/app';
import type { RevisionApiView } from '../../bot/api/revisionApi';
import { DEV_USER } from '../../bot/api/ssoAuth';
import { CHROMIUM, launchChromium } from '../helpers/chromium';
import { TestClock } from '../helpers/clock';
import { startTabApp } from '../helpers/tabApp';

const SHOTS = path.resolve('test-results/tab');

describe('the tab\'s Revidering view in a browser', function () {
  this.timeout(60_000);
  const clock = new TestClock(new Date('2026-11-25T09:00:00Z'));
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  before(async () => {
    if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}`);
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/buildTab.ts'], { stdio: 'pipe' });
    fs.mkdirSync(SHOTS, { recursive: true });
    app = await startTabApp({ TAB_DEV_MODE: 'true' }, { now: clock.now });
    // The development user takes part in the county channel and in Östersund's.
    await app.channels.recordMember('lan', DEV_USER.id);
    await app.channels.recordMember('ostersund', DEV_USER.id);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'sv-SE' });
    page.on('pageerror', (error) => errors.push(error.message));
  });
  after(async () => {
    await page?.screenshot({ path: path.join(SHOTS, 'revidering.png'), fullPage: true }).catch(() => undefined);
    await browser?.close();
    await app?.close();
  });

  const put = async (path: string, body: unknown, etag = '') => {
    const res = await fetch(`${app.url}${path}`, { method: 'PUT', headers: { 'content-type': 'application/json', 'if-match': etag }, body: JSON.stringify(body) });
    assert.equal(res.status, 200, await res.text());
  };

  it('opens the revision, lists the three proposals side by side, filters them and records a decision', async () => {
    await page.goto(`${app.url}/tab/index.html?view=revidering`);
    await page.getByRole('heading', { level: 2, name: 'Revidering' }).waitFor();
    await page.getByLabel('Sista dag för förslag').fill('2026-12-10');
    await page.getByRole('button', { name: 'Öppna revideringen' }).click();
    await page.getByText('Öppen för förslag till och med 2026-12-10.', { exact: false }).waitFor();

    await put('/api/revision/proposals/ostersund/s1-a1', { kind: 'close', reason: 'Genomförd', motivation: 'Arbetssättet är infört.' });
    await put('/api/revision/proposals/ostersund/new', { strategyId: 's1', title: 'Hälsosamtal för 70-åringar', periodFrom: 2027, periodTo: 2028 });
    await put('/api/revision/proposals/lan/s2-a3-d1', { kind: 'change', periodFrom: 2027, periodTo: 2028, target: 'Ja' });
    await page.reload();
    await page.getByRole('heading', { level: 2, name: /^Revidering/ }).waitFor();
    const table = page.getByRole('table', { name: 'Förslag per aktivitet och arena' });
    await table.waitFor();
    assert.equal(await table.locator('tbody tr').count(), 3);
    assert.deepEqual(await table.locator('thead th').allTextContents(), ['Aktivitet', 'Östersund', 'Länsgemensam samverkan']);
    assert.match(await table.locator('[data-item="s1-a1"] [data-arena="ostersund"]').innerText(), /Avsluta[\s\S]*Genomförd/);
    assert.match(await table.locator('[data-item="s2-a3-d1"] [data-arena="lan"]').innerText(), /Ändra[\s\S]*prioritet 2027–2028/);
    await page.screenshot({ path: path.join(SHOTS, 'revidering-forslag.png'), fullPage: true });

    await page.getByLabel('Förslag', { exact: true }).selectOption('close');
    await page.waitForFunction(`document.querySelectorAll('table[aria-label="Förslag per aktivitet och arena"] tbody tr').length === 1`);

    await page.getByLabel('Steg', { exact: true }).selectOption('svom');
    await page.getByLabel('Datum', { exact: true }).fill('2027-03-12');
    await page.getByLabel('Organ och §').fill('SVOM § 12');
    await page.getByRole('button', { name: 'Registrera' }).click();
    await page.locator('[data-step="svom"]').filter({ hasText: 'SVOM § 12' }).waitFor();
    const view = (await (await fetch(`${app.url}/api/revision`)).json()) as RevisionApiView;
    assert.equal(view.steps.find((s) => s.id === 'svom')?.body, 'SVOM § 12');
    assert.deepEqual(errors, []);
  });

  it('lets the county move the last day, shows a conflict with what holds now, and closes the revision only after asking', async () => {
    const current = async () => ((await (await fetch(`${app.url}/api/revision`)).json()) as RevisionApiView).revision!;
    await page.goto(`${app.url}/tab/index.html?view=revidering`);
    const status = page.getByText(/^(Öppen|Stängd) för förslag/);
    await status.waitFor();
    const form = page.getByRole('form', { name: 'Ändra revideringen' });
    await form.getByLabel('Ny sista dag för förslag').fill('2026-12-20');
    await form.getByRole('button', { name: 'Ändra sista dagen' }).click();
    await page.getByText('Öppen för förslag till och med 2026-12-20.', { exact: false }).waitFor();
    assert.equal((await current()).lastDay, '2026-12-20');

    // Someone else moves it while the form is open: nothing of ours is saved, and theirs shows.
    const res = await fetch(`${app.url}/api/revision`, { method: 'PATCH', headers: { 'content-type': 'application/json', 'if-match': (await current()).etag }, body: JSON.stringify({ lastDay: '2026-12-31' }) });
    assert.equal(res.status, 200, await res.text());
    await form.getByLabel('Ny sista dag för förslag').fill('2026-12-15');
    await form.getByRole('button', { name: 'Ändra sista dagen' }).click();
    await page.getByText(/Någon annan har ändrat revideringen/).waitFor();
    await page.getByText('Öppen för förslag till och med 2026-12-31.', { exact: false }).waitFor();
    assert.equal((await current()).lastDay, '2026-12-31');

    // Closing asks first; Avbryt leaves it open.
    await form.getByRole('button', { name: /^Stäng revideringen/ }).click();
    let dialog = page.getByRole('alertdialog');
    await dialog.getByText(/arenorna inte längre lämna förslag/).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'revidering-stang.png') });
    await dialog.getByRole('button', { name: 'Avbryt' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal((await current()).status, 'open');
    await form.getByRole('button', { name: /^Stäng revideringen/ }).click();
    dialog = page.getByRole('alertdialog');
    await dialog.getByRole('button', { name: 'Stäng revideringen' }).click();
    await page.getByText('Stängd för förslag (sista dag var 2026-12-31).', { exact: false }).waitFor();
    assert.equal((await current()).status, 'closed');
    await page.getByRole('button', { name: 'Öppna revideringen igen' }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'revidering-stangd.png'), fullPage: true });
    assert.deepEqual(errors, []);
  });
});
