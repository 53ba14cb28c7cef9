// "Om planen": the plan's purpose (1.1), target picture (1.2), guiding principles (1.7) and the
// corrections of its text, as a view of the plan tab at 400 px (Teams mobile) and 1280 px, and
// in the bot's hjälp, which leads there.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { RunningApp } from '../../bot/app';
import { loadPlanContent } from '../../bot/content/loadPlan';
import { useBot } from '../helpers/botHarness';
import { launchChromium } from '../helpers/chromium';
import { axeViolations, ensureTabBuilt, sidewaysScroll } from '../helpers/tabBrowser';
import { startTabApp } from '../helpers/tabApp';
import { cardText, channel, type Card } from '../helpers/teamsClient';

const SHOTS = path.resolve('test-results/tab-views');
const content = loadPlanContent();

describe('Om planen in the plan tab', function () {
  this.timeout(120_000);
  let app: RunningApp;
  let browser: Browser;
  let page: Page;

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
  afterEach(async () => page?.close());

  for (const width of [400, 1280]) {
    it(`shows the purpose, the principles and the corrections of the plan's text at ${width} px`, async () => {
      page = await browser.newPage({ viewport: { width, height: 900 }, locale: 'sv-SE', bypassCSP: true });
      await page.goto(`${app.url}/tab/index.html?view=om`);
      await page.getByRole('heading', { level: 2, name: 'Om planen' }).waitFor();
      const text = await page.locator('main').innerText();
      assert.ok(text.includes(content.plan.purpose), 'the purpose (1.1)');
      assert.ok(text.includes(content.plan.targetPicture), 'the target picture (1.2)');
      assert.deepEqual(await page.locator('[data-principles] li').allInnerTexts(), content.plan.principles);
      // What the plan wrote beside what the app shows.
      const corrections = page.locator('[data-corrections] tbody tr');
      assert.ok((await corrections.count()) >= 10);
      assert.match(await corrections.first().innerText(), /Hälsöfrämjande och förebyggande fokus[\s\S]*Hälsofrämjande och förebyggande fokus/);
      await page.screenshot({ path: path.join(SHOTS, `om-default-${width}.png`), fullPage: true });
      assert.equal(await sidewaysScroll(page), 0, 'the page scrolls sideways');
      assert.deepEqual(await axeViolations(page), []);
    });
  }
});

describe('hjälp shows the purpose and the principles, and leads to Om planen', () => {
  const bot = useBot();
  it('says the purpose and the principles, and has a button to Om planen in the tab', async () => {
    const place = channel('Östersund');
    await bot.teams.say(place, 'koppla Östersund');
    const help = (await bot.teams.say(place, 'hjälp')).cards[0]! as Card;
    const text = cardText(help);
    assert.ok(text.includes(content.plan.purpose));
    content.plan.principles.forEach((p, i) => assert.ok(text.includes(`${i + 1}. ${p}`), p));
    const url = JSON.stringify(help).match(/"title":"Om planen","url":"([^"]+)"/)?.[1];
    assert.ok(url, 'no Om planen button on the help card');
    assert.match(decodeURIComponent(url), /view=om|"view":"om"/);
  });
});
