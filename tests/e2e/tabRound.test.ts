// The tab's Uppföljning view in Debian's headless Chromium (development mode, the real app and
// Azurite): the county opens the 2026 round and sees 0 of 8; Östersund submits and the county sees
// who, when and the comment; the county's analysis is saved with its history, and a stale save
// shows their text and yours; closing asks first (Avbryt leaves the round open), then freezes it;
// and "Uppföljning 2025" against "Uppföljning 2026" shows the status that moved. Screenshots at
// 1280 and 400 px in the light, dark and high-contrast themes go to test-results/tab-round/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { RunningApp } from '../../bot/app';
import { DEV_USER } from '../../bot/api/ssoAuth';
import { CHROMIUM, launchChromium } from '../helpers/chromium';
import { TestClock } from '../helpers/clock';
import { axeViolations, ensureTabBuilt, sidewaysScroll } from '../helpers/tabBrowser';
import { startTabApp } from '../helpers/tabApp';

const SHOTS = path.resolve('test-results/tab-round');
const TODAY = '2026-11-25T09:00:00Z';

interface RoundJson {
  id: string;
  etag: string;
  status: string;
}
interface DetailJson {
  round: RoundJson;
  progress: { submitted: number; total: number };
  analysis: Array<{ strategyId: string; etag: string; text: string }>;
}

describe("the tab's Uppföljning view in a browser", function () {
  this.timeout(120_000);
  const clock = new TestClock(new Date('2025-11-20T09:00:00Z'));
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let errors: string[] = [];

  const api = async <T>(method: string, route: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${app.url}${route}`, { method, headers: { 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
    const text = await res.text();
    assert.ok(res.ok, `${method} ${route}: ${res.status} ${text}`);
    return JSON.parse(text) as T;
  };

  before(async () => {
    if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}`);
    ensureTabBuilt();
    fs.mkdirSync(SHOTS, { recursive: true });
    app = await startTabApp({ TAB_DEV_MODE: 'true' }, { now: clock.now });
    // The development user takes part in the county channel and in Östersund's.
    await app.channels.recordMember('lan', DEV_USER.id);
    await app.channels.recordMember('ostersund', DEV_USER.id);
    // Last year's round, opened and closed through the API while nothing had been followed up.
    const { round } = await api<{ round: RoundJson }>('POST', '/api/rounds', { lastDay: '2025-12-10' });
    assert.equal(round.id, '2025');
    // The county's SIP count (s1-e1, half-yearly, per age group) as last year's round froze it.
    const sip = (periodId: string, children: number, adults: number) =>
      app.measures.report({ measureId: 's1-e1', periodId, arenaId: 'lan', etag: '', values: [{ category: 'Barn och unga', value: children }, { category: 'Vuxna', value: adults }], comment: '', actor: { id: DEV_USER.id, name: DEV_USER.name } });
    await sip('2025-H2', 10, 20);
    await api('PATCH', '/api/rounds/2025', { etag: round.etag, close: true });
    // A year later the county has followed up its first sub-activity.
    clock.set(TODAY);
    await sip('2026-H2', 14, 25);
    // Membership counts for a while after it was last seen: seen again this year.
    await app.channels.recordMember('lan', DEV_USER.id);
    await app.channels.recordMember('ostersund', DEV_USER.id);
    const sub = (await app.plan.scope('lan'))[0]!.subActivities[0]!;
    await app.activities.update({ scopeId: 'lan', subActivityId: sub.id, etag: sub.etag, request: { status: 'pagar', statusNote: 'Arbetet har börjat' }, actor: { id: DEV_USER.id, name: DEV_USER.name } });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await page?.screenshot({ path: path.join(SHOTS, `failed-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}.png`), fullPage: true }).catch(() => undefined);
    await page?.close();
    assert.deepEqual(errors, [], `the page logged errors: ${errors.join(' | ')}`);
  });

  async function open(query: string, options: { width?: number; theme?: string } = {}) {
    const width = options.width ?? 1280;
    page = await browser.newPage({ viewport: { width, height: 900 }, locale: 'sv-SE', bypassCSP: true });
    errors = [];
    page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
    // The browser logs every non-2xx answer; a 409 (stale save) and a 400 (a refused form) are expected.
    page.on('console', (m) => m.type() === 'error' && !/status of (409|400)/.test(m.text()) && errors.push(m.text()));
    // The tab's defaults (name, period, last day) come from the browser's day: the test's day.
    await page.clock.setFixedTime(new Date(TODAY));
    await page.goto(`${app.url}/tab/index.html?view=uppfoljning${query}${options.theme ? `&theme=${options.theme}` : ''}`);
    await page.getByRole('heading', { level: 2, name: 'Uppföljning' }).waitFor();
    await page.locator('[data-loading]').first().waitFor({ state: 'detached' });
  }

  it('lets the county open a round with the defaults filled in, and shows 0 of 8 arenas submitted', async () => {
    await open('');
    assert.equal(await page.getByLabel('Namn').inputValue(), 'Uppföljning 2026');
    assert.equal(await page.getByLabel('Perioden till').inputValue(), 'när omgången stängs', 'the period runs until the round closes');
    // A last day that has passed is refused at its field, and nothing is opened.
    await page.getByLabel('Sista dag för arenorna').fill('2026-11-01');
    await page.getByRole('button', { name: 'Öppna omgången' }).click();
    await page.getByText(/Sista dag att lämna in \(2026-11-01\) har redan passerat/).waitFor();
    assert.equal(await page.locator('[data-round-detail="2026"]').count(), 0);
    await page.getByLabel('Sista dag för arenorna').fill('2026-12-16');
    await page.getByRole('button', { name: 'Öppna omgången' }).click();
    await page.locator('[data-round-detail="2026"] [data-progress]').filter({ hasText: '0 av 8 arenor har lämnat in.' }).waitFor();
    assert.match(await page.locator('[data-round-notice]').innerText(), /Uppföljning 2026 är öppnad/);
    assert.match(await page.locator('[data-round-state]').innerText(), /Öppen\. Arenorna lämnar in senast 2026-12-16/);
    assert.equal(await page.locator('[data-round-detail="2026"] [data-submitted="no"]').count(), 8);
    // The open round with the county's and Östersund's forms: nothing for axe, at both widths.
    for (const width of [1280, 400, 320]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: path.join(SHOTS, `open-round-${width}.png`), fullPage: true });
      assert.equal(await sidewaysScroll(page), 0, `the page scrolls sideways at ${width} px`);
      assert.deepEqual(await axeViolations(page), []);
    }
  });

  it("shows the county an arena's submission: who, when and what they wrote", async () => {
    await open('');
    // Östersund submits from its own form in the tab (the development user is in its channel).
    const form = page.locator('[data-submit-arena="ostersund"]');
    await form.getByLabel('Kommentar till länsgemensam samverkan (valfri)').fill('Allt genomgånget på arenamötet.');
    await form.getByRole('button', { name: 'Lämna in' }).click();
    await page.locator('[data-round-detail="2026"] [data-progress]').filter({ hasText: '1 av 8 arenor har lämnat in.' }).waitFor();
    const row = page.locator('[data-round-detail="2026"] tr[data-arena="ostersund"]');
    const text = await row.innerText();
    assert.ok(text.includes(DEV_USER.name) && text.includes('Allt genomgånget på arenamötet.'), text);
    // A reload reads the same from the server.
    await page.reload();
    await page.locator('[data-round-detail="2026"] [data-progress]').filter({ hasText: '1 av 8' }).waitFor();
    assert.match(await page.locator('[data-round-detail="2026"] tr[data-arena="ostersund"] [data-submitted]').innerText(), /Allt genomgånget/);
  });

  it("saves the county's analysis of a strategy and shows its history", async () => {
    await open('');
    const s1 = page.locator('[data-analysis="s1"]');
    const box = s1.getByRole('textbox');
    await box.fill('Delaktigheten har ökat i fyra kommuner.');
    await s1.getByRole('button', { name: 'Spara' }).click();
    await page.locator('[data-round-notice]').filter({ hasText: 'Sparat: länets analys av 1.' }).waitFor();
    await box.fill('Delaktigheten har ökat i fem kommuner.');
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/rounds/2026/analysis/s1') && r.request().method() === 'PUT');
    await s1.getByRole('button', { name: 'Spara' }).click();
    assert.equal((await saved).status(), 200);
    await s1.getByRole('button', { name: 'Visa historiken' }).click();
    const history = s1.locator('[data-analysis-history] li');
    await history.nth(1).waitFor();
    const texts = await history.allInnerTexts();
    assert.equal(texts.length, 2);
    assert.ok(texts.some((t) => t.includes('fem kommuner')) && texts.some((t) => t.includes('fyra kommuner')), texts.join(' | '));
  });

  it('shows their text and keeps yours when someone else saved the analysis first', async () => {
    await open('');
    const s2 = page.locator('[data-analysis="s2"]');
    await s2.getByRole('textbox').fill('Min text om kontinuiteten.');
    // Someone else saves first, with the version the page also holds.
    const detail = await api<DetailJson>('GET', '/api/rounds/2026');
    const seen = detail.analysis.find((a) => a.strategyId === 's2');
    await api('PUT', '/api/rounds/2026/analysis/s2', { etag: seen?.etag ?? '', text: 'Bengts text om kontinuiteten.' });
    await s2.getByRole('button', { name: 'Spara' }).click();
    const alert = s2.locator('[data-analysis-conflict]');
    await alert.waitFor();
    assert.match(await alert.locator('[data-theirs]').innerText(), /Bengts text om kontinuiteten\./);
    assert.equal(await s2.getByRole('textbox').inputValue(), 'Min text om kontinuiteten.');
    await page.screenshot({ path: path.join(SHOTS, 'analysis-conflict-1280.png'), fullPage: true });
    // Saving again, with their text in view, replaces it.
    await s2.getByRole('button', { name: 'Spara min text ändå' }).click();
    await alert.waitFor({ state: 'detached' });
    const after = await api<DetailJson>('GET', '/api/rounds/2026');
    assert.equal(after.analysis.find((a) => a.strategyId === 's2')?.text, 'Min text om kontinuiteten.');
  });

  it('asks before closing (Avbryt leaves the round open), then freezes it', async () => {
    await open('');
    const closeButton = page.getByRole('button', { name: 'Stäng omgången …' });
    await closeButton.click();
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /fryses läget/);
    await page.screenshot({ path: path.join(SHOTS, 'close-dialog-1280.png'), animations: 'disabled' });
    assert.deepEqual(await axeViolations(page), []);
    await dialog.getByRole('button', { name: 'Avbryt' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.waitForFunction(`document.activeElement?.textContent === 'Stäng omgången …'`);
    assert.equal((await api<DetailJson>('GET', '/api/rounds/2026')).round.status, 'open');

    await closeButton.click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Stäng och frys' }).click();
    await page.locator('[data-round-state]').filter({ hasText: /^Stängd/ }).waitFor();
    await page.locator('[data-snapshot="2026"] [data-strategy="s1"]').waitFor();
    await page.waitForFunction(`document.activeElement?.id === 'omgang-rubrik'`);
    assert.equal((await api<DetailJson>('GET', '/api/rounds/2026')).round.status, 'closed');
    // A change after closing does not alter the frozen snapshot the tab shows.
    const countBefore = await page.locator('[data-snapshot="2026"]').innerText();
    const sub = (await app.plan.scope('lan'))[0]!.subActivities[1]!;
    await app.activities.update({ scopeId: 'lan', subActivityId: sub.id, etag: sub.etag, request: { status: 'klar' }, actor: { id: 'oid-bengt', name: 'Bengt Berg' } });
    await page.reload();
    await page.locator('[data-snapshot="2026"] [data-strategy="s1"]').waitFor();
    assert.equal(await page.locator('[data-snapshot="2026"]').innerText(), countBefore);
    assert.equal(await page.getByRole('button', { name: 'Stäng omgången …' }).count(), 0);
  });

  it('compares Uppföljning 2025 with Uppföljning 2026 and shows the status that moved', async () => {
    await open('');
    await page.getByLabel('Tidigare omgång').selectOption('2025');
    await page.getByLabel('Senare omgång').selectOption('2026');
    await page.getByRole('button', { name: 'Jämför' }).click();
    const moved = page.getByRole('table', { name: 'Delaktiviteter som bytte status' });
    await moved.waitFor();
    const first = (await app.plan.scope('lan'))[0]!.subActivities[0]!;
    const row = moved.locator(`tr[data-item="${first.id}"][data-part="county"]`);
    assert.match(await row.innerText(), /Ej uppföljd → Pågår/);
    assert.match(await page.locator('[data-compare-summary]').innerText(), /^1 delaktivitet bytte status/);
    const submissions = await page.getByRole('table', { name: 'Arenornas inlämningar i de två omgångarna' }).locator('tr[data-arena="ostersund"] td').allInnerTexts();
    assert.equal(submissions[0], 'Inte inlämnad');
    assert.ok(submissions[1]?.startsWith(DEV_USER.name), submissions.join(' | '));
    // The SIP count of each round's own year, and that it rose as the target asks.
    const measure = await page.getByRole('table', { name: 'Effektmåttens värden i de två omgångarna' }).locator('tr[data-measure="s1-e1"][data-arena="lan"] td').allInnerTexts();
    assert.deepEqual(measure.slice(1), ['10 / 20 (andra halvåret 2025)', '14 / 25 (andra halvåret 2026)', 'Ökat, mot målet']);
    // The API refuses the same round twice, in Swedish.
    const same = await fetch(`${app.url}/api/rounds/compare?from=2026&to=2026`);
    assert.equal(same.status, 400);
    assert.match(((await same.json()) as { error: string }).error, /två olika omgångar/);
    const unknown = await fetch(`${app.url}/api/rounds/compare?from=2019&to=2026`);
    assert.equal(unknown.status, 400);
    assert.match(((await unknown.json()) as { error: string }).error, /ingen uppföljningsomgång för 2019/);
  });

  for (const theme of ['default', 'dark', 'contrast'] as const) {
    for (const width of [1280, 400] as const) {
      it(`shows the rounds and a comparison at ${width} px in the ${theme} theme without sideways scrolling or axe violations`, async () => {
        await open('&omgang=2026&fran=2025&till=2026', { width, theme });
        await page.locator('[data-snapshot="2026"] [data-strategy]').first().waitFor();
        await page.getByRole('button', { name: 'Jämför' }).click();
        await page.locator('[data-comparison]').waitFor();
        await page.screenshot({ path: path.join(SHOTS, `uppfoljning-${theme}-${width}.png`), fullPage: true });
        assert.equal(await sidewaysScroll(page), 0, 'the page scrolls sideways');
        assert.deepEqual(await axeViolations(page), []);
      });
    }
  }
});
