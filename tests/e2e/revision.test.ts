// The plan's revision (issue 13), end to end through /api/messages: the county opens it, every
// linked arena channel is asked for proposals, arenas and the county propose, the tab lists the
// proposals side by side, and the county records SVOM's recommendation and the principals' decisions.
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import type { RevisionApiView } from '../../bot/api/revisionApi';
import { useBot } from '../helpers/botHarness';
import { TestClock } from '../helpers/clock';
import { ANNA, BENGT, buttons, cardText, channel, type Card } from '../helpers/teamsClient';

const county = channel('Länsgemensam samverkan', '19:lan@thread.tacv2');
const ostersund = channel('Östersund');
const krokom = channel('Krokom');

describe('revidering: proposals from every arena and the decisions of the principals', () => {
  const clock = new TestClock();
  const bot = useBot({}, () => ({ now: clock.now }));

  beforeEach(async () => {
    clock.set('2026-11-25T09:00:00Z');
    await bot.teams.say(county, 'koppla Länsgemensam samverkan');
    await bot.teams.say(ostersund, 'koppla Östersund');
    await bot.teams.say(krokom, 'koppla Krokom');
    await bot.app.localActivities.createOwn('ostersund', { strategyId: 's1', title: 'Brukarråd i varje hälsocentral', period: { from: 2026, to: 2027 }, measure: '', target: '' }, { id: ANNA.aadObjectId, name: ANNA.name });
    bot.connector.reset();
  });

  async function revision(): Promise<RevisionApiView> {
    const res = await fetch(`${bot.app.url}/api/revision`);
    assert.equal(res.status, 200);
    return (await res.json()) as RevisionApiView;
  }

  async function openRevision(lastDay = '2026-12-10'): Promise<Card> {
    const status = (await bot.teams.say(county, 'revidering')).cards[0]!;
    assert.match(cardText(status), /Ingen revidering är öppen/);
    bot.connector.reset();
    return bot.teams.click(county, status, 'Öppna revideringen', { lastDay });
  }

  /** revidering → strategy → item → the proposal form, as a person clicks through it. */
  async function proposalForm(place = ostersund, strategyId: string, itemId: string, as = ANNA): Promise<Card> {
    const status = (await bot.teams.say(place, 'revidering', as)).cards[0]!;
    const pick = await bot.teams.click(place, status, 'Välj aktivitet', { strategyId }, as);
    return bot.teams.click(place, pick, 'Föreslå', { itemId }, as);
  }

  it('opens from the county channel and asks every linked arena channel, and only those, for proposals', async () => {
    const opened = await openRevision();
    assert.match(cardText(opened), /Revideringen är öppen\. Kortet som ber om förslag skickades till 2 kanaler/);
    assert.match(cardText(opened), /Öppen för förslag till och med 2026-12-10/);
    const posts = bot.connector.calls.filter((c) => c.method === 'POST' && /\/activities/.test(c.path));
    const asked = posts.filter((c) => c.conversationId === ostersund.channelId || c.conversationId === krokom.channelId);
    assert.equal(asked.length, 2);
    for (const call of asked) {
      const card = (call.body.attachments as Array<{ content: Card }>)[0]!.content;
      assert.match(cardText(card), /Lämna (Östersund|Krokom)s förslag senast 2026-12-10/);
      assert.deepEqual(buttons(card).map((b) => b.data.command), ['revidering']);
    }
    assert.equal(posts.filter((c) => c.conversationId.startsWith(county.channelId)).length, 0, 'the county channel is answered on the card, not asked');
    assert.equal(posts.length, 2);
    assert.equal((await revision()).revision?.status, 'open');
  });

  it('refuses to open the revision from an arena channel', async () => {
    const status = (await bot.teams.say(ostersund, 'revidering')).cards[0]!;
    assert.ok(!buttons(status).some((b) => b.title === 'Öppna revideringen'));
    const refused = await bot.teams.execute(ostersund, 'revisionOpen', { lastDay: '2026-12-10' });
    assert.match(cardText(refused), /länsgemensam samverkan eller av projektledarna/);
    assert.equal((await revision()).revision, null);
  });

  it('lists Östersund\'s "avsluta" and new local activity and the county\'s "ändra" of a Bilaga 1 sub-activity in the tab', async () => {
    await openRevision();

    const close = await proposalForm(ostersund, 's1', 's1-a1');
    assert.match(cardText(close), /Förslag för aktiviteten/);
    const closed = await bot.teams.click(ostersund, close, 'Spara förslaget', { kind: 'close', reason: 'Genomförd i Östersund', motivation: 'Arbetssättet är infört.' });
    assert.match(cardText(closed), /Östersunds förslag är sparat: Avsluta/);

    const fresh = await proposalForm(ostersund, 's1', 'new');
    assert.match(cardText(fresh), /Ny aktivitet: 1\./);
    const added = await bot.teams.click(ostersund, fresh, 'Spara förslaget', { title: 'Hälsosamtal för 70-åringar', periodFrom: '2027', periodTo: '2028', measure: 'Finns rutin?', target: 'Ja', motivation: 'Tidig upptäckt.' });
    assert.match(cardText(added), /Ny aktivitet – ny aktivitet "Hälsosamtal för 70-åringar"/);

    const change = await proposalForm(county, 's2', 's2-a3-d1', BENGT);
    assert.match(cardText(change), /Förslag för delaktiviteten/);
    const changed = await bot.teams.click(county, change, 'Spara förslaget', { kind: 'change', periodFrom: '2027', periodTo: '2028', target: 'Ja', motivation: 'Behöver mer tid.' }, BENGT);
    assert.match(cardText(changed), /Länsgemensam samverkans förslag är sparat: Ändra/);

    const view = await revision();
    const summary = view.proposals.map((p) => `${p.arenaName} ${p.kindLabel} ${p.itemTitle} ${p.scopeId} ${p.by}`).sort();
    assert.equal(summary.length, 3);
    assert.match(summary.find((s) => s.includes('Avsluta'))!, /^Östersund Avsluta Utveckla personcentrerat .* lan Anna Andersson$/);
    assert.equal(summary.find((s) => s.includes('Ny aktivitet')), 'Östersund Ny aktivitet Hälsosamtal för 70-åringar ostersund Anna Andersson');
    assert.match(summary.find((s) => s.includes('Ändra'))!, /^Länsgemensam samverkan Ändra .* lan Bengt Berg$/);
    const changedProposal = view.proposals.find((p) => p.kind === 'change')!;
    assert.deepEqual(changedProposal.values, { title: '', periodFrom: 2027, periodTo: 2028, measure: '', target: 'Ja' });

    const status = cardText((await bot.teams.say(county, 'revidering')).cards[0]!);
    assert.match(status, /3 förslag från 2 av 9 arenor/);
    assert.match(status, /Östersund\n2 \(1 avsluta, 1 ny aktivitet\)/);

    const xlsx = await fetch(`${bot.app.url}/api/revision/export.xlsx`);
    assert.equal(xlsx.status, 200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
    const sheet = book.getWorksheet('Förslag')!;
    assert.equal(sheet.rowCount, 4);
    assert.ok(sheet.autoFilter, 'the proposals sheet has its filters on');
    assert.ok(sheet.getRow(2).getCell(15).value instanceof Date, 'dates are real dates');
  });

  it('keeps every change of a proposal and refuses a stale form without overwriting', async () => {
    await openRevision();
    const annaForm = await proposalForm(ostersund, 's1', 's1-a1');
    const bengtForm = await proposalForm(ostersund, 's1', 's1-a1', BENGT);
    await bot.teams.click(ostersund, annaForm, 'Spara förslaget', { kind: 'keep', motivation: 'Fungerar.' });
    const stale = await bot.teams.click(ostersund, bengtForm, 'Spara förslaget', { kind: 'close', reason: 'Klar' }, BENGT);
    assert.match(cardText(stale), /Någon annan har ändrat förslaget/);
    assert.match(cardText(stale), /Östersunds förslag nu: Behåll/);
    assert.equal((await revision()).proposals[0]!.kind, 'keep');
    // Bengt saves again from the form that came back: now it is a change of the current proposal.
    const saved = await bot.teams.click(ostersund, stale, 'Spara förslaget', {}, BENGT);
    assert.match(cardText(saved), /förslag är sparat: Avsluta/);
    const history = await bot.app.tables.revisions.listEntities({ queryOptions: { filter: "RowKey ge 'history|proposal|' and RowKey lt 'history|proposal}'" } });
    const kinds: string[] = [];
    for await (const row of history) kinds.push(`${String(row.version)} ${String(row.kind)} ${String(row.by)}`);
    assert.deepEqual(kinds, ['2 close Bengt Berg', '1 keep Anna Andersson']);
  });

  it('lets Östersund propose for its own local activity, which Krokom is not offered', async () => {
    await openRevision();
    const local = (await revision()).items.find((i) => i.scopeId === 'ostersund' && i.kind === 'activity')!;
    const form = await proposalForm(ostersund, 's1', local.id);
    assert.match(cardText(form), /Brukarråd i varje hälsocentral/);
    const saved = await bot.teams.click(ostersund, form, 'Spara förslaget', { kind: 'change', periodFrom: '2027', periodTo: '2029' });
    assert.match(cardText(saved), /Östersunds förslag är sparat: Ändra – Brukarråd i varje hälsocentral/);
    const status = (await bot.teams.say(krokom, 'revidering')).cards[0]!;
    const pick = await bot.teams.click(krokom, status, 'Välj aktivitet', { strategyId: 's1' });
    assert.doesNotMatch(cardText(pick), /Brukarråd/);
    const refused = await bot.teams.execute(krokom, 'revisionSaveProposal', { itemId: local.id, strategyId: 's1', isNew: 'false', etag: '', kind: 'keep' });
    assert.match(cardText(refused), /finns inte/);
  });

  it('refuses a proposal from the tab for an arena whose channel the person does not take part in', async () => {
    await openRevision();
    const res = await fetch(`${bot.app.url}/api/revision/proposals/ostersund/s1-a1`, { method: 'PUT', headers: { 'content-type': 'application/json', 'if-match': '' }, body: JSON.stringify({ kind: 'keep' }) });
    assert.equal(res.status, 403);
    assert.match(((await res.json()) as { error: string }).error, /Östersunds kanal/);
    assert.equal((await revision()).proposals.length, 0);
  });

  it('refuses a proposal after the last day, and says so', async () => {
    await openRevision('2026-11-30');
    const form = await proposalForm(ostersund, 's1', 's1-a1');
    clock.set('2026-12-01T08:00:00Z');
    const late = await bot.teams.click(ostersund, form, 'Spara förslaget', { kind: 'keep' });
    assert.match(cardText(late), /Sista dag för förslag var 2026-11-30: förslag kan inte längre lämnas eller ändras/);
    assert.equal((await revision()).proposals.length, 0);
  });

  it('records SVOM\'s recommendation and two principals\' decisions in the decisions table', async () => {
    await openRevision();
    const record = async (stepId: string, inputs: Record<string, unknown>) => {
      const status = (await bot.teams.say(county, 'revidering')).cards[0]!;
      const form = await bot.teams.click(county, status, 'Registrera beslut');
      return bot.teams.click(county, form, 'Registrera', { stepId, ...inputs });
    };
    assert.match(cardText(await record('svom', { done: 'true', date: '2027-03-12', body: 'SVOM § 12' })), /Registrerat: SVOM:s rekommendation – Klart · 2027-03-12 · SVOM § 12/);
    await record('principal.lan', { done: 'true', date: '2027-04-20', body: 'Regionfullmäktige § 48', minutesUrl: 'https://example.org/protokoll/48' });
    await record('principal.ostersund', { done: 'true', date: '2027-05-02', body: 'Kommunstyrelsen § 34' });
    const refused = await record('principal.krokom', { done: 'true', date: '2027-05-03', minutesUrl: 'http://example.org/p' });
    assert.match(cardText(refused), /Länken till protokollet ska börja med https:\/\//);

    const steps = (await revision()).steps;
    assert.deepEqual(steps.map((s) => s.label), ['Förslaget på remiss', 'SVOM:s rekommendation', 'Regionens beslut', 'Bergs kommuns beslut', 'Bräckes kommuns beslut', 'Härjedalens kommuns beslut', 'Krokoms kommuns beslut', 'Ragundas kommuns beslut', 'Strömsunds kommuns beslut', 'Åres kommuns beslut', 'Östersunds kommuns beslut']);
    const decided = steps.filter((s) => s.done).map((s) => `${s.label}: ${s.date} ${s.body} ${s.minutesUrl}`.trim());
    assert.deepEqual(decided, ['SVOM:s rekommendation: 2027-03-12 SVOM § 12', 'Regionens beslut: 2027-04-20 Regionfullmäktige § 48 https://example.org/protokoll/48', 'Östersunds kommuns beslut: 2027-05-02 Kommunstyrelsen § 34']);
    const status = cardText((await bot.teams.say(county, 'revidering')).cards[0]!);
    assert.match(status, /Huvudmännens beslut\n2 av 9/);
  });
});
