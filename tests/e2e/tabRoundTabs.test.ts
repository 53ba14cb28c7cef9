// With Uppföljning the tab has nine view tabs: from 941 px (TABS_COLLAPSE) they must still fit in
// one row inside the page's margins, and at 940 px and below they fold into the drop-down, which
// lists Uppföljning and opens it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { RunningApp } from '../../bot/app';
import { launchChromium } from '../helpers/chromium';
import { ensureTabBuilt } from '../helpers/tabBrowser';
import { startTabApp } from '../helpers/tabApp';

const SHOTS = path.resolve('test-results/tab-round');

describe('the view tabs with Uppföljning among them', function () {
  this.timeout(60_000);
  let app: RunningApp;
  let browser: Browser;

  before(async () => {
    ensureTabBuilt();
    fs.mkdirSync(SHOTS, { recursive: true });
    app = await startTabApp({ TAB_DEV_MODE: 'true' });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('fit in one row at 941 px, each tab on the same line and inside the page\'s margins', async () => {
    const page = await browser.newPage({ viewport: { width: 941, height: 700 }, locale: 'sv-SE' });
    await page.goto(`${app.url}/tab/index.html`);
    const tabs = page.getByRole('tab');
    await tabs.filter({ hasText: 'Uppföljning' }).waitFor();
    const boxes = await Promise.all((await tabs.all()).map((t) => t.boundingBox()));
    await page.screenshot({ path: path.join(SHOTS, 'tabs-941.png') });
    const margin = boxes[0]!.x;
    assert.ok(boxes.every((b) => b && b.y === boxes[0]!.y && b.x + b.width <= 941 - margin), JSON.stringify(boxes));
    await page.close();
  });

  it('fold into the drop-down at 940 px, from which Uppföljning opens', async () => {
    const page = await browser.newPage({ viewport: { width: 940, height: 700 }, locale: 'sv-SE' });
    await page.goto(`${app.url}/tab/index.html`);
    await page.getByRole('heading', { level: 2 }).first().waitFor();
    assert.equal(await page.getByRole('tab').count(), 0);
    await page.getByLabel('Vy', { exact: true }).selectOption({ label: 'Uppföljning' });
    await page.getByRole('heading', { level: 2, name: 'Uppföljning' }).waitFor();
    assert.match(page.url(), /view=uppfoljning/);
    await page.close();
  });
});
