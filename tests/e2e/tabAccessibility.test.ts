// The accessibility statement's contact address comes from configuration (ACCESSIBILITY_CONTACT),
// is readable without signing in, and the statement says plainly when none is configured. The
// app's personal static tab "Tillgänglighet" opens the statement. Screenshots go to
// test-results/tab-views/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { RunningApp } from '../../bot/app';
import { loadTabConfig, TabConfigError } from '../../bot/api/tabConfig';
import { launchChromium } from '../helpers/chromium';
import { ensureTabBuilt } from '../helpers/tabBrowser';
import { startTabApp } from '../helpers/tabApp';

const SHOTS = path.resolve('test-results/tab-views');
const manifest = JSON.parse(fs.readFileSync('appPackage/manifest.json', 'utf8')) as { staticTabs: Array<{ entityId: string; name?: string; contentUrl?: string }> };
const statementTab = manifest.staticTabs.find((t) => t.name === 'Tillgänglighet');

describe('the accessibility statement and its contact address', function () {
  this.timeout(120_000);
  let browser: Browser;
  const apps: RunningApp[] = [];

  before(async () => {
    ensureTabBuilt();
    fs.mkdirSync(SHOTS, { recursive: true });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    for (const app of apps) await app.close();
  });

  /** Opens the statement as the app's static tab opens it. */
  async function statement(env: Record<string, string>, theme = 'default') {
    const app = await startTabApp({ TAB_DEV_MODE: 'true', ...env });
    apps.push(app);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'sv-SE' });
    const url = statementTab!.contentUrl!.replace('${{TAB_ENDPOINT}}', app.url);
    await page.goto(`${url}&theme=${theme}`);
    await page.getByRole('heading', { level: 2, name: 'Tillgänglighetsredogörelse' }).waitFor();
    const line = page.locator('[data-contact-line]');
    await line.getByText(/Skicka e-post|Använd|Ingen e-postadress/).waitFor();
    return { app, page, line };
  }

  it('is a static tab of the app, opening the statement', () => {
    assert.ok(statementTab, 'no static tab named Tillgänglighet');
    assert.equal(statementTab.contentUrl, '${{TAB_ENDPOINT}}/tab/index.html?view=tillganglighet');
  });

  it('shows the configured e-mail address as a mail link', async () => {
    const { page, line } = await statement({ ACCESSIBILITY_CONTACT: 'tillganglighet@regionjh.se' });
    assert.equal(await line.getByRole('link', { name: 'tillganglighet@regionjh.se' }).getAttribute('href'), 'mailto:tillganglighet@regionjh.se');
    await page.screenshot({ path: path.join(SHOTS, 'tillganglighet-kontakt.png'), fullPage: true });
    await page.close();
  });

  it('serves the contact without sign-in, where everything else asks for it', async () => {
    const app = await startTabApp({ TAB_DEV_MODE: 'false', ACCESSIBILITY_CONTACT: 'tillganglighet@regionjh.se' });
    apps.push(app);
    assert.equal((await fetch(`${app.url}/api/me`)).status, 401);
    const res = await fetch(`${app.url}/api/tab-settings`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { accessibilityContact: { kind: 'email', address: 'tillganglighet@regionjh.se' } });
  });

  it('links a configured web page', async () => {
    const { page, line } = await statement({ ACCESSIBILITY_CONTACT: 'https://www.regionjh.se/tillganglighet' }, 'dark');
    assert.equal(await line.getByRole('link').getAttribute('href'), 'https://www.regionjh.se/tillganglighet');
    await page.close();
  });

  it('says plainly that no address is configured, and where to write instead', async () => {
    const { page, line } = await statement({ ACCESSIBILITY_CONTACT: '' });
    assert.match(await line.innerText(), /^Ingen e-postadress eller webbsida för att rapportera brister är angiven ännu\.$/);
    assert.equal(await line.getByRole('link').count(), 0);
    await page.getByText(/^Skriv till planens två projektledare/).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'tillganglighet-utan-kontakt.png'), fullPage: true });
    await page.close();
  });

  it('is there when the plan cannot be loaded: from the static tab, and from the footer of a failed view', async () => {
    const app = await startTabApp({ TAB_DEV_MODE: 'true', ACCESSIBILITY_CONTACT: 'tillganglighet@regionjh.se' });
    apps.push(app);
    const page = await browser.newPage({ viewport: { width: 400, height: 800 }, locale: 'sv-SE' });
    // The plan's API answers with a server error, every time.
    await page.route('**/api/plan**', (route) => route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: 'Planen kunde inte läsas just nu.' }) }));
    await page.goto(statementTab!.contentUrl!.replace('${{TAB_ENDPOINT}}', app.url));
    await page.getByRole('heading', { level: 2, name: 'Tillgänglighetsredogörelse' }).waitFor();
    await page.locator('[data-contact-line]').getByRole('link', { name: 'tillganglighet@regionjh.se' }).waitFor();
    assert.equal(await page.getByText('Laddar planen …').count(), 0, 'no spinner for a plan the statement does not need');

    await page.goto(`${app.url}/tab/index.html?view=oversikt`);
    await page.getByRole('button', { name: 'Försök igen' }).waitFor();
    await page.getByRole('link', { name: 'Tillgänglighetsredogörelse' }).click();
    await page.getByRole('heading', { level: 2, name: 'Tillgänglighetsredogörelse' }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'tillganglighet-utan-plan-400.png'), fullPage: true });
    await page.close();
  });

  it('refuses a contact that is neither an e-mail address nor an https page, naming the setting', () => {
    assert.throws(() => loadTabConfig({ ACCESSIBILITY_CONTACT: 'ring växeln' }), (e: unknown) => e instanceof TabConfigError && /ACCESSIBILITY_CONTACT/.test(e.message));
    assert.throws(() => loadTabConfig({ ACCESSIBILITY_CONTACT: 'http://www.regionjh.se' }), TabConfigError);
    assert.equal(loadTabConfig({ ACCESSIBILITY_CONTACT: ' a@b.se ' }).accessibilityContact, 'a@b.se');
  });
});
