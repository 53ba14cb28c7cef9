// The meeting brief's printable page in the tab, in Debian's headless Chromium: it shows the same
// items as the bot's card for the same window, opens from Översikt's Mötesunderlag button with the
// date 30 days back, prints light without the app's header and tabs (title once), reflows at 400 px
// and passes axe in every theme. An arena's page has its own changes and then the county's changes
// to Bilaga 1. Screenshots go to test-results/meeting-brief/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { RunningApp } from '../../bot/app';
import { DEV_USER } from '../../bot/api/ssoAuth';
import { lineOf, meetingBriefCard } from '../../bot/cards/meetingBriefCard';
import { daysBack, stockholmDate, type MeetingBrief } from '../../bot/domain/meetingBrief';
import { CHROMIUM, launchChromium } from '../helpers/chromium';
import { axeViolations, ensureTabBuilt, sidewaysScroll } from '../helpers/tabBrowser';
import { startTabApp } from '../helpers/tabApp';
import { cardText } from '../helpers/teamsClient';

const SHOTS = path.resolve('test-results/meeting-brief');

describe('the meeting brief\'s printable page in the tab', function () {
  this.timeout(180_000);
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let errors: string[] = [];

  before(async () => {
    if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}`);
    ensureTabBuilt();
    fs.mkdirSync(SHOTS, { recursive: true });
    app = await startTabApp({ TAB_DEV_MODE: 'true' });
    // Changes of the last days, in the county's brief: two Bilaga 1 status changes and measure values.
    const actor = { id: DEV_USER.id, name: DEV_USER.name };
    const [first, second] = (await app.plan.scope('lan'))[0]!.subActivities;
    await app.activities.update({ scopeId: 'lan', subActivityId: first!.id, etag: first!.etag, request: { status: 'klar', comment: 'Beslutat i Fredagsgruppen' }, actor });
    await app.activities.update({ scopeId: 'lan', subActivityId: second!.id, etag: second!.etag, request: { status: 'uppdrag_behovs' }, actor });
    await app.measures.report({ measureId: 's1-e2', periodId: '2025', arenaId: 'lan', etag: '', values: [{ category: null, value: 71 }], comment: '', actor });
    await app.measures.report({ measureId: 's3-e1', periodId: '2025', arenaId: 'krokom', etag: '', values: [{ category: null, value: 1250 }], comment: '', actor });
    // Östersund's own follow-up of another Bilaga 1 item: listed in Östersund's brief, counted in the county's.
    const followUp = (await app.plan.arenaPlan({ id: 'ostersund', kind: 'municipality' })).bilaga1[1]!.subActivities[0]!;
    const written = await app.activities.write({ current: followUp, scopeId: 'ostersund', request: { status: 'pagar', comment: 'Arbetet har börjat i Östersund' }, actor });
    assert.equal(written.kind, 'written');
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });
  afterEach(async () => {
    await page?.close();
    assert.deepEqual(errors, [], `the page logged errors: ${errors.join(' | ')}`);
  });

  async function open(width: number, query: string): Promise<void> {
    page = await browser.newPage({ viewport: { width, height: width > 600 ? 900 : 800 }, locale: 'sv-SE', bypassCSP: true });
    errors = [];
    page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${app.url}/tab/index.html${query}`);
  }

  async function shown(): Promise<string[]> {
    await page.locator('[data-brief-paper] p').first().waitFor();
    await page.locator('[data-loading]').first().waitFor({ state: 'detached' });
    return (await page.locator('[data-line]').allInnerTexts()).map((t) => t.trim());
  }

  async function brief(query: Record<string, string>): Promise<MeetingBrief> {
    return (await (await fetch(`${app.url}/api/brief?${new URLSearchParams(query).toString()}`)).json()) as MeetingBrief;
  }

  it('shows the same items as the card for the card\'s window, every one of them', async () => {
    const data = await brief({ arena: 'lan', since: daysBack(new Date(), 30).toISOString(), until: new Date().toISOString(), basis: 'lastBrief' });
    assert.equal(data.total, 5, "two status changes, two measure values and Östersund's change counted");
    const card = meetingBriefCard(data, 'https://example.org/');
    await open(1280, `?view=motesunderlag&arena=lan&since=${data.from}&until=${data.to}&basis=lastBrief`);
    const lines = await shown();
    assert.equal(lines.length, data.total);
    for (const line of data.groups.flatMap((g) => g.items.map(lineOf))) {
      assert.ok(cardText(card).includes(line), `the card has ${line}`);
      assert.ok(lines.includes(line), `the page has ${line}`);
    }
    assert.match(await page.locator('[data-brief-paper]').innerText(), /Sedan förra mötesunderlaget .*, till /);
    assert.match(await page.locator('[data-brief-group="measures"]').innerText(), /Krokom/);
    // What the arenas changed: counted per arena, the lines one click away.
    const arenas = page.locator('[data-brief-group="arenas"]');
    assert.match(await arenas.innerText(), /Östersund: 1 ändring/);
    const change = arenas.getByText(/Kommentar: "Arbetet har börjat i Östersund"/);
    assert.equal(await change.isVisible(), false);
    await arenas.getByText('Visa Östersunds ändringar').click();
    await change.waitFor();
  });

  it('opens from Översikt\'s Mötesunderlag button, 30 days back, and a date changes the window', async () => {
    await open(1280, '');
    await page.getByRole('button', { name: 'Mötesunderlag' }).click();
    await page.getByRole('heading', { level: 2, name: /^Mötesunderlag: Länsgemensam/ }).waitFor();
    const date = page.getByLabel('Ändringar sedan');
    assert.equal(await date.inputValue(), stockholmDate(daysBack(new Date(), 30)));
    assert.equal((await shown()).length, 5);
    await date.fill(stockholmDate(new Date()));
    await page.getByText(/^Sedan \d+ \w+ \d{4}, till/).waitFor();
    // Today's changes are made today: still there; tomorrow is not a choice.
    assert.equal(await date.getAttribute('max'), stockholmDate(new Date()));
  });

  it('prints light, without the app\'s header, tabs or controls, with its title once, in the dark theme too', async () => {
    await open(1280, '?view=motesunderlag&arena=lan&theme=dark');
    await shown();
    const paperBefore = await page.locator('[data-brief-paper]').evaluate((e) => getComputedStyle(e).backgroundColor);
    await page.emulateMedia({ media: 'print' });
    await page.waitForFunction(() => getComputedStyle(document.querySelector('[data-brief-paper]')!).backgroundColor === 'rgb(255, 255, 255)');
    assert.notEqual(paperBefore, 'rgb(255, 255, 255)', 'on screen the dark theme is kept');
    // The text's colour may follow the paper's a moment later under load: give it that moment.
    await page
      .waitForFunction(() => {
        const m = /^rgb\((\d+), \1, \1\)$/.exec(getComputedStyle(document.querySelector('[data-brief-paper] [data-line]')!).color);
        return m !== null && Number(m[1]) < 100;
      }, undefined, { timeout: 5_000 })
      .catch(() => undefined);
    const text = await page.locator('[data-brief-paper] [data-line]').first().evaluate((e) => getComputedStyle(e).color);
    assert.ok(/^rgb\((\d+), \1, \1\)$/.test(text) && Number(/\d+/.exec(text)![0]) < 100, `dark text on paper: ${text}`);
    const visibleHeadings = await page.locator('h1, h2').evaluateAll((hs) => hs.filter((h) => (h as HTMLElement).offsetParent !== null).map((h) => h.textContent));
    assert.deepEqual(visibleHeadings, ['Mötesunderlag: Länsgemensam samverkan']);
    assert.equal(await page.locator('nav').isVisible(), false);
    assert.equal(await page.getByRole('button', { name: 'Skriv ut eller spara som PDF' }).isVisible(), false);
    const pdf = await page.pdf({ printBackground: true, preferCSSPageSize: true });
    fs.writeFileSync(path.join(SHOTS, 'motesunderlag.pdf'), pdf);
    const { extractText, getDocumentProxy } = await import('unpdf');
    const printed = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: false });
    printed.text.forEach((t, i) => assert.match(t, new RegExp(`Sida ${i + 1} av ${printed.totalPages}`), `page ${i + 1} of ${printed.totalPages} has its number`));
    assert.equal(printed.text.join(' ').replace(/\s+/g, ' ').split('Mötesunderlag: Länsgemensam samverkan').length - 1, 1, 'the title once');
    await page.screenshot({ path: path.join(SHOTS, 'print-dark.png'), fullPage: true });
  });

  it('shows an arena its own changes first, then the county\'s changes to Bilaga 1 with who and when, in every theme at 1280 and 400 px', async () => {
    const data = await brief({ arena: 'ostersund', since: stockholmDate(daysBack(new Date(), 30)) });
    assert.deepEqual(data.groups.filter((g) => g.items.length > 0).map((g) => [g.id, g.items.length]), [['status', 1], ['county', 2]]);
    for (const theme of ['default', 'dark', 'contrast'] as const) {
      for (const width of [1280, 400]) {
        await open(width, `?view=motesunderlag&arena=ostersund&theme=${theme}`);
        assert.deepEqual(await shown(), data.groups.flatMap((g) => g.items.map(lineOf)));
        assert.deepEqual(await page.locator('[data-brief-group]').evaluateAll((els) => els.map((e) => e.getAttribute('data-brief-group'))), ['status', 'county']);
        assert.match(await page.locator('[data-brief-paper] ul[aria-label="Antal per slag"]').innerText(), /Andra uppdateringar: 0\s+Länets ändringar i Bilaga 1: 2/);
        const county = await page.locator('[data-brief-group="county"]').innerText();
        assert.match(county, /^Länets ändringar i Bilaga 1 \(2\)\s+Det länsgemensam samverkan har ändrat i Bilaga 1, som arenan följer upp lokalt/);
        assert.match(county, /Status: [^\n]+ → Klar; Kommentar: "Beslutat i Fredagsgruppen"/);
        assert.ok(county.includes(DEV_USER.name), 'who');
        assert.doesNotMatch(county, /Arbetet har börjat i Östersund/);
        assert.match(await page.locator('[data-brief-group="status"]').innerText(), /Ej uppföljd → Pågår \("Arbetet har börjat i Östersund"\)/);
        await page.screenshot({ path: path.join(SHOTS, `motesunderlag-arena-${theme}-${width}.png`), fullPage: true });
        assert.equal(await sidewaysScroll(page), 0);
        assert.deepEqual(await axeViolations(page), [], `${theme} ${width}`);
        assert.deepEqual(errors, [], `the page logged errors: ${errors.join(' | ')}`);
        await page.close();
      }
    }
  });

  for (const theme of ['default', 'dark', 'contrast'] as const) {
    for (const width of [1280, 400]) {
      it(`shows the page at ${width} px in the ${theme} theme without sideways scrolling or axe violations`, async () => {
        await open(width, `?view=motesunderlag&arena=lan&theme=${theme}`);
        await shown();
        await page.screenshot({ path: path.join(SHOTS, `motesunderlag-${theme}-${width}.png`), fullPage: true });
        assert.equal(await sidewaysScroll(page), 0);
        assert.deepEqual(await axeViolations(page), []);
      });
    }
  }
});
