// "Inget är försenat" only when it is true (issue 25): an item nobody has followed up since the
// plan was adopted is not known to be on time. The bot's `försenat` (an arena's and the county's),
// and the tab's Översikt count the same way, through Teams-shaped activities and the tab's API,
// and Översikt is rendered for an arena at 1280 and 400 px (test-results/tab-views/).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { PlanView } from '../../bot/domain/planView';
import { useBot } from '../helpers/botHarness';
import { launchChromium } from '../helpers/chromium';
import { ensureTabBuilt, sidewaysScroll } from '../helpers/tabBrowser';
import { ANNA, buttons, cardText, channel, type Card } from '../helpers/teamsClient';

const SHOTS = path.resolve('test-results/tab-views');
const county = channel('Länsgemensam samverkan', '19:lan@thread.tacv2');
const ostersund = channel('Östersund');
/** 9.2 "Rutin för läkarmedverkan vid LSS-boenden", priority 2024–2025: its period has ended. */
const LSS = 's2-a3-d2';

describe('overdue, and not followed up, said truthfully', function () {
  this.timeout(120_000);
  // The tab reads the browser's clock: bot and tab share the real one.
  const bot = useBot({ TAB_DEV_MODE: 'true' });

  beforeEach(async () => {
    await bot.teams.say(county, 'koppla Länsgemensam samverkan');
    await bot.teams.say(ostersund, 'koppla Östersund');
  });

  async function plan(): Promise<PlanView> {
    return (await (await fetch(`${bot.app.url}/api/plan`)).json()) as PlanView;
  }

  /** What the tab's API says Östersund has not followed up of Bilaga 1, and of that what has an ended priority period. */
  async function ostersundOpen(): Promise<{ open: number; expired: number }> {
    const year = new Date().getFullYear();
    const bilaga1 = (await plan()).arenas.find((a) => a.id === 'ostersund')!.bilaga1;
    const subs = bilaga1.flatMap((a) => a.subActivities.filter((d) => !d.followedUp && !d.retired && !d.notApplicable).map((d) => ({ a, d })));
    return { open: subs.length, expired: subs.filter(({ a }) => a.period.to < year).length };
  }

  async function followUp(place: typeof county, subId: string, values: Record<string, string>): Promise<Card> {
    let list = (await bot.teams.say(place, 'aktiviteter 2')).cards[0]!;
    for (let page = 0; page < 10; page++) {
      const button = buttons(list).find((b) => b.verb === 'editSubActivity' && b.data.subActivityId === subId);
      if (button) return bot.teams.click(place, await bot.teams.execute(place, button.verb, button.data, ANNA), 'Spara', values);
      list = await bot.teams.click(place, list, 'Visa fler');
    }
    throw new Error(`no Uppdatera for ${subId}`);
  }

  it("in a new arena channel says how much is not followed up instead of 'Inget är försenat', and lists what has an ended period", async () => {
    const { open, expired } = await ostersundOpen();
    assert.ok(open > 30 && expired > 0, 'a new arena has followed up nothing of Bilaga 1');
    const text = cardText((await bot.teams.say(ostersund, 'försenat')).cards[0]);
    assert.doesNotMatch(text, /Inget är försenat/);
    assert.match(text, /Inget av det som har följts upp är försenat/);
    assert.match(text, new RegExp(`${open} delaktiviteter har inte följts upp sedan planen antogs, ${expired} av dem med en prioriteringsperiod som har gått ut\\.`));
    // Those whose period has ended are listed apart, by the plan's number, never called late.
    assert.match(text, /Ej uppföljd, perioden har gått ut\n[\s\S]*1\.1\.1 Ta fram gemensamma begrepp och synsätt\nEj uppföljd sedan planen antogs · 2023–2024/);
    assert.doesNotMatch(text, /Försenad – prioriteringsperioden/);
  });

  it("counts what the arena followed up and left open as late, beside what it has not followed up", async () => {
    const before = await ostersundOpen();
    const saved = await followUp(ostersund, LSS, { status: 'pagar', statusNote: 'Rutin på väg' });
    assert.match(cardText(saved), /Sparat av Anna Andersson/);
    const text = cardText((await bot.teams.say(ostersund, 'försenat')).cards[0]);
    assert.match(text, /1 delaktivitet är försenad: prioriteringsperioden har gått ut/);
    assert.match(text, new RegExp(`${before.open - 1} delaktiviteter har inte följts upp sedan planen antogs, ${before.expired - 1} av dem`));
    assert.match(text, /Rutin för läkarmedverkan vid LSS-boenden\nPågår · 2024–2025[\s\S]*Försenad – prioriteringsperioden 2024–2025 har gått ut/);
    // Closed: no longer late, and still followed up.
    await followUp(ostersund, LSS, { status: 'klar' });
    const after = cardText((await bot.teams.say(ostersund, 'försenat')).cards[0]);
    assert.match(after, /Inget av det som har följts upp är försenat/);
    assert.match(after, new RegExp(`${before.open - 1} delaktiviteter har inte följts upp`));
  });

  it("tells the county that its Bilaga 1 statuses from the plan are not followed up, not late", async () => {
    const countyOpen = (await plan()).strategies.flatMap((s) => s.activities.flatMap((a) => a.subActivities)).filter((d) => !d.followedUp && !d.retired).length;
    const text = cardText((await bot.teams.say(county, 'försenat')).cards[0]);
    assert.doesNotMatch(text, /Inget är försenat/);
    assert.match(text, new RegExp(`${countyOpen} delaktiviteter har inte följts upp sedan planen antogs`));
    assert.doesNotMatch(text, /Försenad – prioriteringsperioden/);
  });

  it("shows the same on the tab's Översikt for the arena, at 1280 and 400 px", async () => {
    ensureTabBuilt();
    fs.mkdirSync(SHOTS, { recursive: true });
    await followUp(ostersund, LSS, { status: 'pagar' });
    const { open, expired } = await ostersundOpen();
    const browser: Browser = await launchChromium();
    try {
      for (const width of [1280, 400]) {
        const page = await browser.newPage({ viewport: { width, height: 900 }, locale: 'sv-SE', bypassCSP: true });
        await page.goto(`${bot.app.url}/tab/index.html?arena=ostersund`);
        const attention = page.locator('[data-attention]');
        await attention.locator('[data-overdue-headline]').getByText('1 delaktivitet är försenad för Östersund').waitFor();
        assert.match(await attention.locator('[data-overdue-item]').first().innerText(), /Rutin för läkarmedverkan vid LSS-boenden/);
        assert.equal(await attention.locator('[data-not-followed-up]').innerText(), `${open} delaktiviteter i Bilaga 1 för Östersund har inte följts upp sedan planen antogs, ${expired} av dem med en prioriteringsperiod som har gått ut.`);
        assert.equal(await page.getByText(/Inget är försenat/).count(), 0);
        assert.equal(await sidewaysScroll(page), 0, 'the page scrolls sideways');
        await page.screenshot({ path: path.join(SHOTS, `oversikt-arena-attention-${width}.png`), fullPage: width === 400 });
        await page.close();
      }
    } finally {
      await browser.close();
    }
  });
});
