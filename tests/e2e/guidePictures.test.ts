// The pictures of the Swedish user guide (docs/anvandarguide.md), made from the running app: a
// coordinator's journey through /api/messages, its cards rendered by the Adaptive Cards SDK, and
// the tab in Chromium. In `npm test` they go to test-results/guide/, so the journey is held true
// on every run; `npm run docs:pictures` writes them to docs/bilder/, where the guide finds them.
// The guide names exactly the pictures made here (tests/unit/userGuide.test.ts holds the names).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useBot } from '../helpers/botHarness';
import { CardCamera } from '../helpers/cardScreenshot';
import { launchChromium } from '../helpers/chromium';
import { TestClock } from '../helpers/clock';
import { guidePictureNames } from '../helpers/guidePictures';
import { ensureTabBuilt } from '../helpers/tabBrowser';
import { BENGT, channel, type Card } from '../helpers/teamsClient';

const OUT = path.resolve(process.env.GUIDE_PICTURES_DIR ?? 'test-results/guide');
const ostersund = channel('Östersund');
const county = channel('Länsgemensam samverkan', '19:lan@thread.tacv2');

describe('the user guide\'s pictures, made from the running app', function () {
  this.timeout(300_000);
  const clock = new TestClock();
  const bot = useBot({ TAB_DEV_MODE: 'true' }, () => ({ now: clock.now }));
  let camera: CardCamera;

  before(async () => {
    ensureTabBuilt();
    fs.mkdirSync(OUT, { recursive: true });
    camera = await new CardCamera(OUT).start();
  });
  after(async () => camera?.stop());

  it('walks a coordinator\'s year and pictures every card and view the guide shows', async () => {
    clock.set('2026-11-30T08:15:00Z');
    const cards: Record<string, Card> = {};
    cards.koppla = (await bot.teams.say(ostersund, 'koppla')).cards[0]!;
    await bot.teams.say(county, 'koppla länet');
    await bot.teams.say(ostersund, 'koppla Östersund');
    cards.hjalp = (await bot.teams.say(ostersund, 'hjälp')).cards[0]!;
    cards.status = (await bot.teams.say(ostersund, 'status')).cards[0]!;

    // Following up one item, and a colleague who saved the same item first.
    const list = (await bot.teams.say(county, 'aktiviteter 1')).cards[0]!;
    cards.uppdatera = await bot.teams.click(county, list, 'Uppdatera');
    const bengts = await bot.teams.click(county, list, 'Uppdatera', {}, BENGT);
    cards.sparat = await bot.teams.click(county, cards.uppdatera, 'Spara', { status: 'pagar', statusNote: 'Begreppen diskuteras i Fredagsgruppen', comment: 'Från mötet 30 november' });
    cards.konflikt = await bot.teams.click(county, bengts, 'Spara', { status: 'klar', statusNote: 'Begreppen är antagna' }, BENGT);

    cards['ny-aktivitet'] = (await bot.teams.say(ostersund, 'ny aktivitet')).cards[0]!;
    // The county reports every effect measure (an arena's mått is read-only): the guide shows the county's.
    cards.matt = (await bot.teams.say(county, 'mått')).cards[0]!;
    cards['rapportera-matt'] = await bot.teams.click(county, cards.matt, 'Rapportera');
    cards.paminnelser = (await bot.teams.say(ostersund, 'påminnelser')).cards[0]!;

    // The year's round: the county opens it, Östersund gets its card, the county sees progress.
    const open = (await bot.teams.say(county, 'uppföljning')).cards[0]!;
    await bot.teams.click(county, open, 'Öppna', { roundLastDay: '2026-12-18' });
    cards['uppfoljning-arena'] = (await bot.teams.say(ostersund, 'uppföljning')).cards[0]!;
    cards['uppfoljning-lan'] = (await bot.teams.say(county, 'uppföljning')).cards[0]!;

    cards.motesunderlag = (await bot.teams.say(county, 'mötesunderlag sedan 2026-11-01')).cards[0]!;
    cards.revidering = (await bot.teams.say(county, 'revidering')).cards[0]!;

    for (const [name, card] of Object.entries(cards)) await camera.shoot(name, card, 'light', `${name}.png`);

    // The tab, as it opens in a channel: Översikt.
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'sv-SE' });
      await page.goto(`${bot.app.url}/tab/index.html?view=oversikt&arena=ostersund`);
      await page.getByRole('heading', { level: 2, name: /^Översikt/ }).waitFor();
      await page.locator('[data-loading]').first().waitFor({ state: 'detached' });
      // In Teams there is no development-mode banner: the picture shows the tab as people see it.
      await page.addStyleTag({ content: '.fui-MessageBar { display: none !important; }' });
      await page.screenshot({ path: path.join(OUT, 'flik-oversikt.png') });
    } finally {
      await browser.close();
    }

    const made = fs.readdirSync(OUT).filter((f) => f.endsWith('.png')).map((f) => f.replace(/\.png$/, ''));
    for (const name of guidePictureNames()) assert.ok(made.includes(name), `the guide shows bilder/${name}.png, which this journey did not make`);
  });
});
