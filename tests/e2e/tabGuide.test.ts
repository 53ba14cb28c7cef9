// The Swedish user guide as a page of the plan tab (?view=guide), reached from the tab's foot and
// the bot's hjälp: its text, every picture loaded, its contents' links, the printable quick
// reference, at 400 px (Teams mobile) and 1280 px, without sideways scrolling or axe violations.
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { RunningApp } from '../../bot/app';
import { useBot } from '../helpers/botHarness';
import { launchChromium } from '../helpers/chromium';
import { axeViolations, ensureTabBuilt, sidewaysScroll } from '../helpers/tabBrowser';
import { startTabApp } from '../helpers/tabApp';
import { channel, type Card } from '../helpers/teamsClient';

describe('the user guide in the plan tab', function () {
  this.timeout(120_000);
  let app: RunningApp;
  let browser: Browser;
  let page: Page;

  before(async () => {
    ensureTabBuilt();
    app = await startTabApp({ TAB_DEV_MODE: 'true' });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });
  afterEach(async () => page?.close());

  async function open(width: number, query: string) {
    page = await browser.newPage({ viewport: { width, height: 800 }, locale: 'sv-SE', bypassCSP: true });
    await page.goto(`${app.url}/tab/index.html${query}`);
  }

  for (const width of [400, 1280]) {
    it(`shows the guide with every picture at ${width} px`, async () => {
      await open(width, '');
      await page.getByRole('link', { name: 'Användarguide' }).click();
      await page.getByRole('heading', { level: 2, name: /^Användarguide: Gemensam plan i Teams/ }).waitFor();
      await page.getByRole('heading', { level: 3, name: /Följa upp en aktivitet/ }).waitFor();
      await page.waitForFunction(() => Array.from(document.querySelectorAll('article img')).every((i) => (i as HTMLImageElement).complete));
      const images = await page.locator('article img').evaluateAll((imgs) => imgs.map((i) => ({ src: (i as HTMLImageElement).src, ok: (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0, alt: (i as HTMLImageElement).alt })));
      assert.ok(images.length >= 10, `${images.length} pictures`);
      assert.deepEqual(images.filter((i) => !i.ok || !i.alt).map((i) => i.src), [], 'pictures that did not load or have no text');
      assert.equal(await sidewaysScroll(page), 0, 'the page scrolls sideways');
      assert.deepEqual(await axeViolations(page), []);
    });
  }

  it('leads from the contents to a section, and to the printable quick reference and back', async () => {
    await open(1280, '?view=guide');
    await page.locator('article li a', { hasText: 'Årets uppföljning' }).click();
    await page.waitForFunction(() => { const h = document.getElementById('7-årets-uppföljning'); return !!h && h.getBoundingClientRect().top < 200; });
    await page.getByRole('link', { name: 'Snabbguide att skriva ut' }).click();
    await page.getByRole('heading', { level: 2, name: /snabbguide/ }).waitFor();
    assert.match(await page.locator('article').innerText(), /mötesunderlag sedan 1 oktober/);
    await page.getByRole('button', { name: 'Skriv ut' }).waitFor();
    await page.getByRole('link', { name: 'Hela användarguiden' }).click();
    await page.getByRole('heading', { level: 2, name: /^Användarguide/ }).waitFor();
  });
});

describe('hjälp leads to the user guide', () => {
  const bot = useBot();
  it('has a button that opens the guide in the plan tab', async () => {
    const place = channel('Östersund');
    await bot.teams.say(place, 'koppla Östersund');
    const help = (await bot.teams.say(place, 'hjälp')).cards[0]! as Card;
    const url = JSON.stringify(help).match(/"title":"Användarguide","url":"([^"]+)"/)?.[1];
    assert.ok(url, 'no Användarguide button on the help card');
    assert.match(decodeURIComponent(url), /view=guide|"view":"guide"/);
  });
});
