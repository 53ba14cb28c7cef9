// The plan tab in a Teams meeting, in Debian's headless Chromium framed by a Teams host stand-in
// (tests/helpers/teamsHost.ts: teams-js's initialize and getContext with a meeting): the side
// panel at its 320 px width and the stage. The meeting remembers its arena; the panel shows that
// arena's brief, overdue and not-followed-up items, with Uppdatera through the tab's one update
// path; Dela på mötesskärmen asks Teams to share it. Screenshots go to test-results/meeting-panel/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import type { RunningApp } from '../../bot/app';
import { DEV_USER } from '../../bot/api/ssoAuth';
import type { PlanApiView } from '../../bot/api/planApi';
import { overdueItems } from '../../bot/domain/overview';
import { CHROMIUM, launchChromium } from '../helpers/chromium';
import { axeViolations, ensureTabBuilt } from '../helpers/tabBrowser';
import { startTabApp } from '../helpers/tabApp';
import { SsoIssuer } from '../helpers/ssoIssuer';
import { openInTeams, type FakeTeamsContext } from '../helpers/teamsHost';

const SHOTS = path.resolve('test-results/meeting-panel');
const MEETING = 'MCMxOTptZWV0aW5nX2tyb2tvbUB0aHJlYWQudjI=';

describe('the plan tab in a Teams meeting: side panel and stage', function () {
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
    // Krokom followed one Bilaga 1 item up lately: its brief has that change.
    const followUp = (await app.plan.arenaPlan({ id: 'krokom', kind: 'municipality' })).bilaga1[0]!.subActivities[0]!;
    const written = await app.activities.write({ current: followUp, scopeId: 'krokom', request: { status: 'pagar', comment: 'Startat i Krokom' }, actor: { id: DEV_USER.id, name: DEV_USER.name } });
    assert.equal(written.kind, 'written');
    // The developer takes part in Krokom's channel: Krokom's items are theirs to update.
    await app.channels.recordMember('krokom', DEV_USER.id);
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

  /** `axe`: the page lets axe's inline script in (bypassCSP); otherwise the tab's own CSP applies. */
  async function open(width: number, height: number, context: FakeTeamsContext, query = '', axe = false) {
    page = await browser.newPage({ viewport: { width, height }, locale: 'sv-SE', bypassCSP: axe });
    errors = [];
    page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
    // The tab's own errors (teams-js logs nothing at error level when all is well).
    page.on('console', (m) => m.type() === 'error' && !/Failed to load resource/.test(m.text()) && errors.push(m.text()));
    const calls = await openInTeams(page, app.url, `/tab/index.html${query}`, context);
    const frame = page.frame({ url: /gemensamplan\.test/ })!;
    assert.ok(frame, 'the tab is framed');
    return { calls, frame };
  }

  async function plan(): Promise<PlanApiView> {
    return (await (await fetch(`${app.url}/api/plan`)).json()) as PlanApiView;
  }

  /** The channels' "since the last brief" rows (MeetingBriefStore's partition): what the bot's mötesunderlag moves. */
  async function briefRows(): Promise<string[]> {
    const rows: string[] = [];
    for await (const row of app.tables.channels.listEntities({ queryOptions: { filter: "PartitionKey eq 'brief'" } })) rows.push(`${row.rowKey}:${String(row.at)}`);
    return rows;
  }

  async function sideways(frame: Frame): Promise<number> {
    return (await frame.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
  }

  it('in the side panel (320 px) the meeting is given its arena once, then shows that arena\'s brief with Uppdatera', async () => {
    const briefsBefore = await briefRows();
    const { frame, calls } = await open(320, 900, { frameContext: 'sidePanel', meetingId: MEETING, chatId: '19:meeting_krokom@thread.v2' });
    // Nobody has chosen yet: the question, not somebody's guess.
    await frame.getByRole('heading', { name: 'Vilken arena är mötet för?' }).waitFor();
    assert.ok(calls.some((c) => c.func === 'getContext'), 'the tab read its context from Teams');
    await page.screenshot({ path: path.join(SHOTS, 'side-panel-choose-320.png') });
    await frame.getByLabel('Arena', { exact: true }).selectOption('krokom');
    await frame.getByRole('button', { name: 'Spara för mötet' }).click();
    await frame.getByRole('heading', { name: 'Mötesunderlag: Krokom' }).waitFor();
    // Kept for the meeting, on the server.
    const kept = (await (await fetch(`${app.url}/api/meeting?id=${encodeURIComponent(MEETING)}`)).json()) as { arenaId?: string };
    assert.equal(kept.arenaId, 'krokom');

    // What changed: Krokom's own follow-up.
    const changed = frame.locator('[data-meeting-section="changed"]');
    await changed.getByText('Startat i Krokom', { exact: false }).or(changed.getByText(/Pågår/)).first().waitFor();
    // Overdue and not followed up: as many as the plan says for Krokom.
    const krokom = (await plan()).arenas.find((a) => a.id === 'krokom')!;
    const activities = [...krokom.activities, ...krokom.bilaga1];
    const overdue = overdueItems(activities, new Date()).length;
    const notFollowedUp = activities.flatMap((a) => a.subActivities).filter((d) => !d.followedUp && !d.retired).length;
    await frame.getByRole('heading', { name: `Försenat (${overdue})` }).waitFor();
    await frame.getByRole('heading', { name: `Ej uppföljt (${notFollowedUp})` }).waitFor();
    assert.equal(await sideways(frame), 0, 'no sideways scroll at 320 px');
    await page.screenshot({ path: path.join(SHOTS, 'side-panel-320.png'), fullPage: true });
    // Reading the brief here moves no channel's "since the last brief".
    assert.deepEqual(await briefRows(), briefsBefore);

    // Uppdatera during the meeting: the tab's one update dialog and path.
    const item = frame.locator('[data-meeting-section="notFollowedUp"] [data-meeting-item]').first();
    const subId = await item.getAttribute('data-meeting-item');
    await item.getByRole('button', { name: /^Uppdatera/ }).click();
    const dialog = frame.getByRole('dialog');
    await dialog.waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'side-panel-update-320.png') });
    await dialog.getByLabel('Status', { exact: true }).selectOption('pagar').catch(async () => {
      await dialog.getByRole('combobox', { name: /Status/ }).click();
      await frame.getByRole('option', { name: 'Pågår' }).click();
    });
    await dialog.getByRole('button', { name: 'Spara' }).click();
    await frame.locator('[data-confirmation]').getByText(/Sparat:/).waitFor();
    const after = (await app.plan.arenaPlan({ id: 'krokom', kind: 'municipality' })).bilaga1.flatMap((a) => a.subActivities).find((d) => d.id === subId)!;
    assert.equal(after.status, 'pagar');
    assert.equal(after.updatedBy, DEV_USER.name);
    // By role: after the dialog the panel is back for screen readers too (no aria-hidden left behind).
    await frame.getByRole('heading', { name: `Ej uppföljt (${notFollowedUp - 1})` }).waitFor();

    // Dela på mötesskärmen: Teams is asked to share the meeting view of this arena.
    await frame.getByRole('button', { name: 'Dela på mötesskärmen' }).click();
    await frame.getByText('Mötesunderlaget visas nu på mötesskärmen för alla.').waitFor();
    const share = calls.find((c) => c.func === 'meeting.shareAppContentToStage');
    assert.ok(share, 'shareAppContentToStage was called');
    assert.match(String(share.args[0]), /^https:\/\/gemensamplan\.test\/tab\/index\.html\?view=mote&arena=krokom$/);
  });

  it('on the stage it shows the same brief for everyone, large, for the arena the meeting remembers', async () => {
    await fetch(`${app.url}/api/meeting`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: MEETING, arenaId: 'krokom' }) });
    // The county opens the year's follow-up round: the meeting shows where Krokom stands in it.
    await app.channels.recordMember('lan', DEV_USER.id);
    const year = String(new Date().getUTCFullYear());
    const opened = await fetch(`${app.url}/api/rounds`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ lastDay: `${year}-12-31` }) });
    assert.ok(opened.ok, await opened.text());
    const { frame } = await open(1280, 800, { frameContext: 'meetingStage', meetingId: MEETING }, '', true);
    await frame.getByRole('heading', { name: 'Mötesunderlag: Krokom' }).waitFor();
    const roundSection = frame.locator('[data-meeting-section="round"]');
    await roundSection.getByText(`Öppen, sista dag 31 december ${year}.`).waitFor();
    await roundSection.getByText(/^Krokom har inte lämnat in ännu: \d+ av \d+ delaktiviteter är inte uppdaterade under perioden\.$/).waitFor();
    await frame.locator('[data-meeting-panel="stage"]').waitFor();
    // No arena switch or share button on the stage: it is what everyone looks at.
    assert.equal(await frame.getByRole('button', { name: 'Byt arena' }).count(), 0);
    assert.equal(await frame.getByRole('button', { name: 'Dela på mötesskärmen' }).count(), 0);
    const size = await frame.locator('[data-meeting-item] [data-item-title]').first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    assert.ok(size >= 20, `item titles are large on the stage (${size}px)`);
    await page.screenshot({ path: path.join(SHOTS, 'stage-1280.png') });
    assert.deepEqual(await axeViolations(frame as unknown as Page), []);
  });

  it("in the county's meeting the side panel counts the arenas' changes per arena, each arena's lines one click away", async () => {
    const countyMeeting = 'MCMxOTptZWV0aW5nX2xhbkB0aHJlYWQudjI=';
    await fetch(`${app.url}/api/meeting`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: countyMeeting, arenaId: 'lan' }) });
    const { frame } = await open(320, 900, { frameContext: 'sidePanel', meetingId: countyMeeting });
    const county = (await plan()).arenas.find((a) => a.id === 'lan')!;
    await frame.getByRole('heading', { name: `Mötesunderlag: ${county.name}` }).waitFor();
    const arenas = frame.locator('[data-brief-group="arenas"]');
    await arenas.getByText('Krokom').first().waitFor();
    assert.match(await arenas.innerText(), /Krokom: \d+ ändring(ar)?\n/);
    const line = arenas.getByText(/Startat i Krokom/);
    assert.equal(await line.isVisible(), false, 'the line is behind its button');
    await arenas.getByText('Visa Krokoms ändringar').click();
    await line.waitFor({ state: 'visible' });
    assert.equal(await sideways(frame), 0, 'no sideways scroll at 320 px');
    await page.screenshot({ path: path.join(SHOTS, 'side-panel-county-arenas-320.png'), fullPage: true });
  });

  for (const theme of ['dark', 'contrast'] as const) {
    it(`the side panel follows the ${theme} theme, reflows at 320 px and passes axe`, async () => {
      const { frame } = await open(320, 700, { frameContext: 'sidePanel', meetingId: MEETING, theme }, '', true);
      await frame.getByRole('heading', { name: 'Mötesunderlag: Krokom' }).waitFor();
      await frame.locator('[data-meeting-section="changed"] li').first().waitFor();
      assert.equal(await sideways(frame), 0);
      await page.screenshot({ path: path.join(SHOTS, `side-panel-${theme}-320.png`) });
      // axe in the tab's own frame (the host page is the stand-in's, not ours).
      assert.deepEqual(await axeViolations(frame as unknown as Page), []);
    });
  }

  it('a guest signed in to another organisation gets one sentence: the brief is for the region\'s and municipalities\' own staff', async () => {
    const entra = await new SsoIssuer().start();
    const signedIn = await startTabApp(entra.env());
    try {
      const token = await entra.token({ tid: 'ffffffff-0000-1111-2222-333333333333', oid: 'aad-guest', name: 'Gäst Gästsson' });
      page = await browser.newPage({ viewport: { width: 320, height: 600 }, locale: 'sv-SE' });
      errors = [];
      page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
      await openInTeams(page, signedIn.url, '/tab/index.html', { frameContext: 'sidePanel', meetingId: MEETING, tenantId: 'ffffffff-0000-1111-2222-333333333333', authToken: token });
      const frame = page.frame({ url: /gemensamplan\.test/ })!;
      await frame.getByText('Mötesunderlaget är för regionens och kommunernas egen personal. Du är med i mötet från en annan organisation och ser det därför inte här.').waitFor();
      assert.equal(await frame.getByRole('button', { name: 'Försök igen' }).count(), 0);
      assert.equal(await frame.locator('[data-meeting-item]').count(), 0, 'nothing of the plan is shown');
      await page.screenshot({ path: path.join(SHOTS, 'side-panel-other-organisation-320.png') });
    } finally {
      await signedIn.close();
      await entra.stop();
    }
  });

  it('Kopiera länk gives the view\'s short link on the app\'s domain, which previews when pasted', async () => {
    // Inside Teams without a clipboard for the frame: the link is shown to copy by hand.
    const { frame } = await open(1280, 800, { frameContext: 'content' }, '?view=arenor&arena=krokom');
    await frame.locator('main h2').first().waitFor();
    await frame.getByRole('button', { name: 'Kopiera länk' }).click();
    const field = frame.getByLabel('Kopiera länken härifrån:');
    await field.waitFor();
    const link = await field.inputValue();
    assert.equal(link, 'https://gemensamplan.test/l/arenor?arena=krokom');
    // Pasted into a message: Teams asks the bot for its preview (composeExtension/queryLink).
    const res = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'invoke', name: 'composeExtension/queryLink', id: 'q1', channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9/', from: { id: '29:anna', aadObjectId: 'aad-anna', name: 'Anna Andersson' }, recipient: { id: '28:bot', name: 'Gemensam plan' }, conversation: { id: '19:chat@thread.v2', conversationType: 'groupChat', tenantId: 'tenant-jh' }, channelData: { tenant: { id: 'tenant-jh' } }, value: { url: link } }),
    });
    const body = (await res.json()) as { composeExtension?: { attachments?: Array<{ content: { body: Array<{ text?: string }> } }> } };
    assert.ok(body.composeExtension?.attachments?.[0]?.content.body.some((b) => b.text === 'Arenor – Krokom'), JSON.stringify(body).slice(0, 300));
    // The short link itself leads on to the same view.
    const redirect = await fetch(`${app.url}/l/arenor?arena=krokom`, { redirect: 'manual' });
    assert.equal(redirect.status, 302);
    assert.match(redirect.headers.get('location')!, /\/tab\/index\.html\?view=arenor&arena=krokom$/);
  });
});
