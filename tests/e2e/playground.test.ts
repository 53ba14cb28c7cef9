// Smoke test of chatting locally: the real app, the Microsoft 365 Agents Playground pointing at it
// with the plan's team (.m365agentsplayground.yml), and its web client in headless Chromium,
// driven like a person would: open an arena channel, @mention the bot, read and click its cards.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { RunningApp } from '../../bot/app';
import { startPlayground, type RunningPlayground } from '../../scripts/playground';
import { startTestApp } from '../helpers/app';
import { CHROMIUM, launchChromium } from '../helpers/chromium';

const RESULTS = path.resolve(__dirname, '..', '..', 'test-results');
const BOT_NAME = 'Gemensam plan';
/** Channel ids as .m365agentsplayground.yml gives them. */
const OSTERSUND = '19:arena-ostersund@thread.tacv2';
const COUNTY = '19:arena-lan@thread.tacv2';

describe('chatting with the bot in the Microsoft 365 Agents Playground', function () {
  this.timeout(120_000);
  let app: RunningApp;
  let playground: RunningPlayground;
  let browser: Browser;
  let page: Page;

  before(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium is missing at ${CHROMIUM}. Install Debian's package: apt-get install chromium (npm test does it with scripts/ensure-chromium.sh).`);
    }
    mkdirSync(RESULTS, { recursive: true });
    app = await startTestApp();
    playground = await startPlayground({ appEndpoint: `${app.url}/api/messages`, logFile: path.join(RESULTS, 'playground', 'm365agentsplayground.log') });
    browser = await launchChromium({ headless: true });
  });

  beforeEach(async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(playground.url);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) {
      await page.screenshot({ path: path.join(RESULTS, `playground-failed-${Date.now()}.png`) }).catch(() => undefined);
    }
    await page?.context().close();
  });

  after(async () => {
    await browser?.close();
    await playground?.stop();
    await app?.close();
  });

  /** Starts a new post in the open channel, @mentioning the bot as Teams requires in a channel. */
  async function post(text: string): Promise<void> {
    await page.locator('div[contenteditable="true"][role="textbox"]').first().click();
    await page.keyboard.type('@Gem');
    await page.getByRole('menuitem', { name: BOT_NAME }).click();
    await page.keyboard.type(` ${text}`);
    await page.getByRole('button', { name: 'Post', exact: true }).click();
  }

  async function openChannel(name: string): Promise<void> {
    await page.getByRole('treeitem', { name: `${BOT_NAME} - ${name}` }).click();
  }

  it('links an arena channel, shows the status card and follows a button to the next card', async () => {
    await openChannel('Östersund');
    // Opening the team installs the bot: it asks every channel which arena it belongs to.
    await page.getByText('Vilken arena hör kanalen till?').first().waitFor();

    await post('koppla Östersund');
    await page.getByText('Kanalen är kopplad till Östersund').waitFor();
    assert.equal((await app.channels.get(OSTERSUND))?.arenaId, 'ostersund');

    await post('status');
    const status = page.getByText('Status för Östersund');
    await status.waitFor();
    await page.getByRole('button', { name: 'Visa aktiviteter' }).first().click();
    // The card is replaced in place by the one the button leads to.
    await page.getByText('Länsövergripande aktiviteter (Bilaga 1)').first().waitFor();
    await status.waitFor({ state: 'detached' });
    assert.ok(await page.getByRole('button', { name: 'Ny aktivitet' }).first().isVisible());

    await page.screenshot({ path: path.join(RESULTS, 'playground.png') });
  });

  it('shows the county channel\'s status, then Uppdatera opens the edit card in place', async () => {
    await openChannel('Länsgemensam samverkan');
    await post('koppla Länsgemensam samverkan');
    await page.getByText('Kanalen är kopplad till Länsgemensam samverkan').waitFor();

    await post('status');
    await page.getByText('Status för Länsgemensam samverkan').waitFor();
    // Nothing is followed up yet: the card says so, rather than calling the plan's statuses late.
    await page.getByText(/35 delaktiviteter har inte följts upp sedan planen antogs/).first().waitFor();
    await page.getByRole('button', { name: 'Visa aktiviteter' }).last().click();
    await page.getByText('Länsövergripande aktiviteter (Bilaga 1)').waitFor();
    await page.getByText('Ta fram gemensamma begrepp och synsätt').first().waitFor();
    await page.getByRole('button', { name: 'Uppdatera' }).first().click();
    await page.getByText('Uppdatera: Ta fram gemensamma begrepp och synsätt').waitFor();
    assert.ok(await page.getByText('Statusanteckning').first().isVisible());
    assert.ok(await page.getByRole('button', { name: 'Spara', exact: true }).first().isVisible());
    await page.screenshot({ path: path.join(RESULTS, 'playground-edit.png') });
  });

  it('saves the county channel\'s reminder settings from the form as the client renders it', async () => {
    await openChannel('Länsgemensam samverkan');
    await post('koppla Länsgemensam samverkan');
    await page.getByText('Kanalen är kopplad till Länsgemensam samverkan').waitFor();

    await post('påminnelser');
    await page.getByText('Påminnelser i kanalen').waitFor();
    await page.getByRole('checkbox', { name: 'Årlig uppföljning av planen' }).uncheck();
    await page.getByRole('combobox', { name: /Klockslag/ }).click();
    await page.getByRole('option', { name: '14:00' }).click();
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    const saved = page.getByText('Påminnelserna är sparade av Anna Andersson.');
    await saved.waitFor();
    await saved.scrollIntoViewIfNeeded();
    assert.ok(await page.getByText('Kl. 14:00 (svensk tid)').isVisible());

    assert.deepEqual((await app.channels.get(COUNTY))?.reminders, {
      enabled: true,
      weekday: 1,
      hour: 14,
      rules: ['stale', 'periodEnding', 'measureReporting', 'revision'],
      // The rules the form offered the county's channel: a rule added later is on until turned off.
      offered: ['stale', 'periodEnding', 'measureReporting', 'yearlyFollowUp', 'revision'],
    });
    await page.screenshot({ path: path.join(RESULTS, 'playground-reminders.png') });
  });
});
