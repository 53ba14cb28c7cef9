// An arena's own follow-up of Bilaga 1 (plan 7.3) from the tab: a member of Krokom's channel sees,
// in Handlingsplan for Krokom, each Bilaga 1 sub-activity with Krokom's status beside the county's,
// updates it through the one PATCH (never the county's row), meets a conflict with what is stored
// now while keeping what she typed, updates from her own arena's cells in Arenor's matrix, and
// sees on Översikt how much of Bilaga 1 her arena has not followed up yet.
// Screenshots go to test-results/tab-views/ for a person to look at.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { RunningApp } from '../../bot/app';
import { DEV_USER } from '../../bot/api/ssoAuth';
import { launchChromium } from '../helpers/chromium';
import { axeViolations, ensureTabBuilt, sidewaysScroll } from '../helpers/tabBrowser';
import { startTabApp } from '../helpers/tabApp';

const SHOTS = path.resolve('test-results/tab-views');
const SUB = 's2-a3-d2'; // Rutin för läkarmedverkan vid LSS-boenden: each municipality answers its measure.

describe("an arena's own follow-up of Bilaga 1 in the tab", function () {
  this.timeout(180_000);
  const actor = { id: 'oid-lena', name: 'Lena Länet' };
  let app: RunningApp;
  let browser: Browser;
  let page: Page;

  const krokomSub = async (id: string) => (await app.plan.arenaPlan({ id: 'krokom', kind: 'municipality' })).bilaga1.flatMap((a) => a.subActivities).find((d) => d.id === id)!;
  const countySub = async (id: string) => (await app.plan.scope('lan')).flatMap((a) => a.subActivities).find((d) => d.id === id)!;

  before(async () => {
    ensureTabBuilt();
    fs.mkdirSync(SHOTS, { recursive: true });
    app = await startTabApp({ TAB_DEV_MODE: 'true' });
    // The developer user is in Krokom's channel only.
    await app.channels.recordMember('krokom', DEV_USER.id);
    const county = await countySub(SUB);
    await app.activities.update({ scopeId: 'lan', subActivityId: SUB, etag: county.etag, request: { status: 'klar', statusNote: 'Länets rutin klar' }, actor });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });
  afterEach(async () => page?.close());

  async function open(width: number, query: string) {
    page = await browser.newPage({ viewport: { width, height: 900 }, locale: 'sv-SE', bypassCSP: true });
    await page.goto(`${app.url}/tab/index.html${query}`);
  }

  it("shows Krokom's follow-up beside the county's status in Handlingsplan, saves it as Krokom's alone, and shows a conflict with what is stored now", async () => {
    await open(1280, '?view=handlingsplan&arena=krokom');
    const part = page.locator('[data-part="bilaga1"]');
    await part.getByRole('heading', { name: 'Bilaga 1 som Krokom följer upp' }).waitFor();
    const row = part.locator(`[data-sub="${SUB}"]`);
    // Krokom has not followed it up: it says so, and the county's own status stands beside it.
    assert.match(await row.innerText(), /Ej uppföljd[\s\S]*Länets status:\s*Klar/);
    assert.equal(await row.locator('[data-not-followed-up]').count(), 1);
    await page.screenshot({ path: path.join(SHOTS, 'handlingsplan-arena-bilaga1-1280.png') });

    await row.getByRole('button', { name: /^Uppdatera/ }).click();
    let dialog = page.getByRole('dialog');
    await dialog.waitFor();
    assert.match(await dialog.locator('[data-follow-up-note]').innerText(), /Länets status:\s*Klar/);
    await dialog.getByLabel('Status', { exact: true }).selectOption('pagar');
    await dialog.getByLabel('Statusanteckning').fill('Rutin på gång i Krokom');
    // "Finns fast läkarkontakt? Finns rutin?": each question answered on its own.
    await dialog.getByLabel('Finns fast läkarkontakt?').selectOption('nej');
    await page.screenshot({ path: path.join(SHOTS, 'handlingsplan-arena-dialog-1280.png') });
    await dialog.getByRole('button', { name: 'Spara' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('[data-confirmation]').getByText(/Sparat: Rutin för läkarmedverkan/).waitFor();

    const saved = await krokomSub(SUB);
    assert.equal(saved.status, 'pagar');
    assert.equal(saved.statusNote, 'Rutin på gång i Krokom');
    assert.deepEqual(saved.answers, { q1: 'nej' });
    assert.equal((await countySub(SUB)).status, 'klar', "the county's own status is untouched");
    assert.match(await row.innerText(), /Pågår[\s\S]*Länets status:\s*Klar/);
    assert.equal(await row.locator('[data-not-followed-up]').count(), 0);

    // Someone else in Krokom saves while the dialog is open: a conflict, with theirs and ours.
    await row.getByRole('button', { name: /^Uppdatera/ }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('Statusanteckning').fill('Min anteckning');
    await app.activities.write({ current: await krokomSub(SUB), scopeId: 'krokom', request: { status: 'uppdrag_behovs', statusNote: 'Behöver uppdrag' }, actor: { id: 'oid-karin', name: 'Karin Krokom' } });
    await dialog.getByRole('button', { name: 'Spara' }).click();
    const warning = dialog.getByRole('alert');
    await warning.getByText('Någon annan hann före').waitFor();
    assert.match(await warning.innerText(), /Nu gäller: Uppdrag behövs – Behöver uppdrag/);
    assert.match(await warning.innerText(), /Karin Krokom/);
    assert.equal(await dialog.getByLabel('Statusanteckning').inputValue(), 'Min anteckning', 'what she typed is kept');
    await page.screenshot({ path: path.join(SHOTS, 'handlingsplan-arena-conflict-1280.png') });
    await dialog.getByRole('button', { name: 'Spara mina ändringar ändå' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal((await krokomSub(SUB)).statusNote, 'Min anteckning');
  });

  it('asks each of the three questions of 2.4.1 on its own in the dialog, at 1280 and 400 px', async () => {
    const id = 's2-a4-d1';
    for (const width of [1280, 400]) {
      await open(width, '?view=handlingsplan&arena=krokom');
      await page.locator(`[data-part="bilaga1"] [data-sub="${id}"]`).getByRole('button', { name: /^Uppdatera/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.locator('[data-questions]').waitFor();
      assert.match(await dialog.locator('[data-questions]').innerText(), /Svar på måttet: Finns personcentrerat perspektiv\? Finns fasta kontakter\? Finns rutin\?[\s\S]*Varje fråga besvaras för sig/);
      if (width === 1280) {
        await dialog.getByLabel('Status', { exact: true }).selectOption('pagar');
        await dialog.getByLabel('Finns fasta kontakter?').selectOption('ja');
        await dialog.getByLabel('Finns rutin?').selectOption('nej');
      }
      assert.equal(await sidewaysScroll(page), 0, `no sideways scrolling at ${width} px`);
      await page.screenshot({ path: path.join(SHOTS, `handlingsplan-questions-dialog-${width}.png`) });
      if (width === 1280) {
        await dialog.getByRole('button', { name: 'Spara' }).click();
        await dialog.waitFor({ state: 'detached' });
        assert.deepEqual((await krokomSub(id)).answers, { q2: 'ja', q3: 'nej' });
        await page.close();
      }
    }
  });

  it("does not ask the arena for an answer the county alone gives", async () => {
    const countyAnswered = (await app.plan.arenaPlan({ id: 'krokom', kind: 'municipality' })).bilaga1.flatMap((a) => a.subActivities).find((d) => d.answeredBy === 'county' && d.measure !== '' && !d.retired)!;
    await open(1280, '?view=handlingsplan&arena=krokom');
    await page.locator(`[data-part="bilaga1"] [data-sub="${countyAnswered.id}"]`).getByRole('button', { name: /^Uppdatera/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('besvaras av länsgemensam samverkan för den här delaktiviteten').waitFor();
    assert.equal(await dialog.getByLabel(/^Svar på mått/).count(), 0);
    await dialog.getByLabel('Status', { exact: true }).selectOption('pagar');
    await dialog.getByRole('button', { name: 'Spara' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal((await krokomSub(countyAnswered.id)).status, 'pagar');
  });

  it("puts Uppdatera in the cells of the viewer's own arena in Arenor's matrix, and nowhere else", async () => {
    await open(1280, '?view=arenor&arena=krokom');
    const row = page.locator(`[data-local-matrix="s2"] [data-sub="s2-a3-d1"]`);
    await row.waitFor();
    assert.equal(await row.getByRole('button', { name: /^Uppdatera/ }).count(), 1);
    assert.equal(await page.locator('[data-local-matrix] [data-arena-cell="berg"]').getByRole('button').count(), 0);
    const cell = row.locator('[data-arena-cell="krokom"]');
    assert.match(await cell.innerText(), /Ej uppföljd/);
    await cell.getByRole('button', { name: /^Uppdatera Krokoms uppföljning/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Status', { exact: true }).selectOption('klar');
    await dialog.getByRole('button', { name: 'Spara' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.match(await cell.innerText(), /Klar/);
    assert.equal((await krokomSub('s2-a3-d1')).status, 'klar');
    await page.screenshot({ path: path.join(SHOTS, 'arenor-matrix-own-arena-1280.png') });
  });

  it("tells Krokom on Översikt how much of Bilaga 1 it has not followed up, and takes it there", async () => {
    const subs = (await app.plan.arenaPlan({ id: 'krokom', kind: 'municipality' })).bilaga1.flatMap((a) => a.subActivities).filter((d) => !d.retired);
    const followed = subs.filter((d) => d.followedUp).length;
    assert.ok(followed > 0 && followed < subs.length, 'the tests above followed up some of it');
    await open(1280, '?arena=krokom');
    const progress = page.locator('[data-attention]');
    // Krokom has no local activities: what it has not followed up is its part of Bilaga 1.
    await progress.getByText(`${subs.length - followed} delaktiviteter i Bilaga 1 för Krokom har inte följts upp sedan planen antogs`, { exact: false }).waitFor();
    assert.equal(await progress.getByText(/Alla delaktiviteter/).count(), 0);
    // Its missing effect-measure values are the county's to report, and it says so.
    await progress.getByText(/Läkarbesök i hemmet \(inkl\. SÄBO\) \(\d{4}\): länsnivån har inte rapporterat värdet ännu/).waitFor();
    assert.equal(await progress.getByText(/: inte rapporterat$/).count(), 0);
    await progress.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'oversikt-krokom-bilaga1-1280.png') });
    await progress.getByRole('button', { name: 'Följ upp i Handlingsplan' }).click();
    await page.getByRole('heading', { name: 'Bilaga 1 som Krokom följer upp' }).waitFor();
  });

  for (const theme of ['default', 'dark', 'contrast'] as const) {
    for (const width of [1280, 400]) {
      it(`shows the arena's Bilaga 1 follow-up in Handlingsplan and Översikt at ${width} px in the ${theme} theme without sideways scrolling or axe violations`, async () => {
        await open(width, `?view=handlingsplan&arena=krokom&theme=${theme}`);
        await page.locator(`[data-part="bilaga1"] [data-sub="${SUB}"]`).waitFor();
        await page.locator(`[data-part="bilaga1"] [data-sub="${SUB}"]`).scrollIntoViewIfNeeded();
        await page.screenshot({ path: path.join(SHOTS, `handlingsplan-arena-${theme}-${width}.png`) });
        assert.equal(await sidewaysScroll(page), 0, 'the page scrolls sideways');
        assert.deepEqual(await axeViolations(page), []);
        // Översikt's line about Bilaga 1, in the same theme and width.
        await page.goto(`${app.url}/tab/index.html?arena=krokom&theme=${theme}`);
        await page.getByRole('button', { name: 'Följ upp i Handlingsplan' }).scrollIntoViewIfNeeded();
        await page.screenshot({ path: path.join(SHOTS, `oversikt-krokom-bilaga1-${theme}-${width}.png`) });
        assert.equal(await sidewaysScroll(page), 0, 'Översikt scrolls sideways');
        assert.deepEqual(await axeViolations(page), []);
      });
    }
  }
});
