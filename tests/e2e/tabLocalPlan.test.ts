// Issue 27 in the tab: a member of Östersund's channel changes Östersund's local activity in
// Arenor (Ändra aktiviteten: title, description, strategy, period, measure, target) through the
// one API and use case, meets a conflict with what changed while keeping what she typed, and ends
// the activity locally with a reason in the status dialog; a Bilaga 1 item marked "Ej aktuellt
// lokalt" shows so in the matrix. Krokom's local plan is read-only for her. Screenshots of the
// views in three themes and two widths go to test-results/tab-views/ for a person to look at.
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
const ITEM = 's1-a1-d1';

describe("an arena's local plan in the tab", function () {
  this.timeout(180_000);
  const anna = { id: 'oid-anna', name: 'Anna Andersson' };
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let activityId = '';

  const local = async (arenaId: string, id: string) => (await app.plan.arenaPlan({ id: arenaId, kind: 'municipality' })).local.find((a) => a.id === id)!;

  before(async () => {
    ensureTabBuilt();
    fs.mkdirSync(SHOTS, { recursive: true });
    app = await startTabApp({ TAB_DEV_MODE: 'true' });
    // The developer user is in Östersund's channel only.
    await app.channels.recordMember('ostersund', DEV_USER.id);
    const adopted = await app.localActivities.adopt('ostersund', { id: 's2-l1', title: 'Implementera arbetssätt för fasta kontakter' }, 's2', { from: 2026, to: 2027 }, anna);
    activityId = adopted.activity.id;
    await app.localActivities.adopt('krokom', { id: 's2-l1', title: 'Implementera arbetssätt för fasta kontakter' }, 's2', { from: 2026, to: 2027 }, { id: 'oid-bengt', name: 'Bengt Berg' });
    // Östersund says one Bilaga 1 item is not done locally.
    const item = (await app.plan.arenaPlan({ id: 'ostersund', kind: 'municipality' })).bilaga1.flatMap((a) => a.subActivities).find((d) => d.id === ITEM)!;
    await app.activities.write({ current: item, scopeId: 'ostersund', request: { notApplicable: 'Regionens egen analys' }, actor: anna });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });
  afterEach(async () => page?.close());

  async function open(width: number, query: string, colorScheme: 'light' | 'dark' = 'light') {
    page = await browser.newPage({ viewport: { width, height: 900 }, locale: 'sv-SE', bypassCSP: true, colorScheme });
    await page.goto(`${app.url}/tab/index.html${query}`);
  }

  it('changes the local activity in Arenor, keeps what she typed on a conflict, and ends it locally with a reason', async () => {
    await open(1280, '?view=arenor&arena=ostersund');
    const article = page.locator(`[data-local-activity="${activityId}"]`);
    await article.getByRole('heading', { name: 'Implementera arbetssätt för fasta kontakter' }).waitFor();
    await article.getByRole('button', { name: /^Ändra aktiviteten/ }).click();
    let dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByLabel(/^Aktivitet/).fill('Fasta kontakter i Östersunds hemtjänst');
    await dialog.getByLabel('Beskrivning').fill('Varje brukare får en namngiven kontakt.');
    await dialog.getByLabel('Prioritet till').selectOption('2028');
    await dialog.getByLabel('Målvärde').fill('Ja, i alla hemtjänstgrupper');
    await dialog.getByLabel('Kommentar till ändringen').fill('Beslut i arenan');
    await page.screenshot({ path: path.join(SHOTS, 'arenor-lokal-aktivitet-dialog-1280.png') });
    assert.deepEqual(await axeViolations(page), []);
    await dialog.getByRole('button', { name: 'Spara' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('[data-confirmation]').getByText('Sparat: Fasta kontakter i Östersunds hemtjänst i den lokala planen.').waitFor();
    await article.getByRole('heading', { name: 'Fasta kontakter i Östersunds hemtjänst' }).waitFor();
    assert.match(await article.innerText(), /Prioritet 2026–2028/);
    assert.match(await article.innerText(), /Varje brukare får en namngiven kontakt\./);
    assert.match(await article.innerText(), /Ja, i alla hemtjänstgrupper/);

    const stored = await local('ostersund', activityId);
    assert.equal(stored.title, 'Fasta kontakter i Östersunds hemtjänst');
    assert.equal(stored.period.to, 2028);
    const history = await app.activities.history('ostersund', stored.subActivities[0]!.id);
    assert.equal(history.length, 1);
    assert.equal(history[0]!.actor.name, DEV_USER.name);
    assert.deepEqual(history[0]!.changes.map((c) => c.field), ['activityTitle', 'description', 'target', 'period']);

    // Someone else in Östersund changes it while her dialog is open: a conflict, and her text stays.
    await article.getByRole('button', { name: /^Ändra aktiviteten/ }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('Mått').fill('Har alla brukare en fast kontakt?');
    const now = await local('ostersund', activityId);
    await app.localActivities.edit('ostersund', { activityId, sub: now.subActivities[0]! }, { strategyId: 's2', title: 'Fasta kontakter (Karin)', description: '', period: { from: 2026, to: 2028 }, measure: '', target: 'Ja' }, [{ field: 'activityTitle', from: now.title, to: 'Fasta kontakter (Karin)' }], '', { id: 'oid-karin', name: 'Karin Karlsson' });
    await dialog.getByRole('button', { name: 'Spara' }).click();
    const warning = dialog.getByRole('alert');
    await warning.getByText('Någon annan hann före').waitFor();
    assert.match(await warning.innerText(), /Fasta kontakter \(Karin\)/);
    assert.match(await warning.innerText(), /Karin Karlsson/);
    assert.equal(await dialog.getByLabel('Mått').inputValue(), 'Har alla brukare en fast kontakt?', 'what she typed is kept');
    await page.screenshot({ path: path.join(SHOTS, 'arenor-lokal-aktivitet-konflikt-1280.png') });
    await dialog.getByRole('button', { name: 'Avbryt' }).click();
    await dialog.waitFor({ state: 'detached' });

    // Ending it locally is beside its status: with a reason, kept and shown.
    await page.reload();
    await article.locator(`[data-sub]`).getByRole('button', { name: /^Uppdatera/ }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('Avslutad lokalt: skäl').fill('Ersatt av regionens rutin');
    await dialog.getByRole('button', { name: 'Spara' }).click();
    await dialog.waitFor({ state: 'detached' });
    await article.locator('[data-set-aside]').getByText('Avslutad lokalt').waitFor();
    assert.equal(await page.locator('[data-recommendation="s2-l1"] [data-ended]').innerText(), 'Avslutad lokalt', 'the matrix says so too');
    assert.equal((await local('ostersund', activityId)).subActivities[0]!.endedLocally, 'Ersatt av regionens rutin');
  });

  it("shows Krokom's local plan read-only, and Östersund's Ej aktuellt lokalt in the matrix", async () => {
    await open(1280, '?view=arenor');
    const krokom = page.locator('[data-arena="krokom"]');
    await krokom.getByRole('heading', { name: 'Krokom' }).waitFor();
    assert.equal(await krokom.getByRole('button', { name: /^Ändra aktiviteten/ }).count(), 0);
    assert.equal(await page.locator('[data-arena="ostersund"]').getByRole('button', { name: /^Ändra aktiviteten/ }).count(), 1);
    const na = page.locator('[data-not-applicable]').first();
    await na.waitFor();
    assert.match(await na.innerText(), /Ej aktuellt lokalt: Regionens egen analys/);
    assert.ok(await page.getByText(/Ej aktuellt i 1 av 8 kommuner/).first().isVisible());
  });

  for (const [theme, scheme] of [['light', 'light'], ['dark', 'dark'], ['contrast', 'dark']] as const) {
    for (const width of [1280, 400]) {
      it(`renders Arenor with the local plan in the ${theme} theme at ${width} px without sideways scrolling`, async () => {
        await open(width, `?view=arenor&arena=ostersund&theme=${theme}`, scheme);
        await page.locator(`[data-local-activity="${activityId}"]`).waitFor();
        assert.equal(await sidewaysScroll(page), 0);
        await page.locator(`[data-local-activity="${activityId}"]`).screenshot({ path: path.join(SHOTS, `arenor-lokal-plan-${theme}-${width}.png`) });
      });
    }
  }
});
