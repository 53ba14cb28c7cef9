// The yearly follow-up round (issue 12), end to end through /api/messages and the tab's API: the
// county opens a round with "uppföljning", every linked arena channel gets its card, arenas update
// items inline and submit, the county sees who has submitted, arenas that have not submitted are
// reminded before the last day (once), and closing freezes the round's follow-up state.
import assert from 'node:assert/strict';
import { DEV_USER } from '../../bot/api/ssoAuth';
import type { Round } from '../../bot/domain/followUpRound';
import type { FollowUpState } from '../../bot/domain/followUpState';
import { useBot } from '../helpers/botHarness';
import { CardCamera } from '../helpers/cardScreenshot';
import { TestClock } from '../helpers/clock';
import { ANNA, BENGT, buttons, cardText, channel, inputValues, type Card } from '../helpers/teamsClient';
import { shownTexts } from '../helpers/foreignWords';
import { unswedishNumbers } from '../helpers/swedishNumbers';

const county = channel('Länsgemensam samverkan', '19:lan@thread.tacv2');
const ostersund = channel('Östersund', '19:ostersund@thread.tacv2');
const krokom = channel('Krokom', '19:krokom@thread.tacv2');
const berg = channel('Berg', '19:berg@thread.tacv2');

/** Monday 30 November 2026, 09:15 in Stockholm: the channels' default delivery hour. */
const MONDAY = '2026-11-30T08:15:00.000Z';

describe('uppföljning: the yearly follow-up round', function () {
  this.timeout(60_000);
  const clock = new TestClock();
  const bot = useBot({}, () => ({ now: clock.now }));

  beforeEach(async () => {
    clock.set('2026-11-25T09:00:00Z');
    await bot.teams.say(county, 'koppla Länsgemensam samverkan');
    await bot.teams.say(ostersund, 'koppla Östersund');
    await bot.teams.say(krokom, 'koppla Krokom');
    await bot.teams.say(berg, 'koppla Berg');
    bot.connector.reset();
  });

  const api = async <T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${bot.app.url}${path}`, { method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: res.status, body: (await res.json()) as T };
  };
  const rounds = async () => (await api<{ rounds: Round[]; mayManage: boolean }>('GET', '/api/rounds')).body;

  /** The cards the bot posted on its own (not answers), per channel. */
  function posted(place: { channelId: string }): Card[] {
    return bot.connector.calls
      .filter((c) => c.method === 'POST' && /\/activities/.test(c.path) && c.conversationId === place.channelId)
      .map((c) => (c.body.attachments as Array<{ content: Card }> | undefined)?.[0]?.content)
      .filter((c): c is Card => c !== undefined);
  }

  async function openRound(lastDay = '2026-12-04', inputs: Record<string, unknown> = {}): Promise<Card> {
    const form = (await bot.teams.say(county, 'uppföljning')).cards[0]!;
    assert.match(cardText(form), /Ingen uppföljningsomgång är öppen/);
    return bot.teams.click(county, form, 'Öppna', { roundLastDay: lastDay, ...inputs });
  }

  it('opens from the county channel and posts one card in each linked arena channel, and only there', async () => {
    const form = (await bot.teams.say(county, 'uppföljning')).cards[0]!;
    const inputs = Object.fromEntries(((form.body ?? []) as Array<Record<string, unknown>>).flatMap(function walk(e): Array<[string, unknown]> {
      return [...(typeof e.id === 'string' ? [[e.id, e.value] as [string, unknown]] : []), ...((e.columns ?? e.items ?? []) as Array<Record<string, unknown>>).flatMap(walk)];
    }));
    // The defaults: this year's name, from the plan's start (no round before) to today.
    // The period has no end to choose: it runs until the round closes.
    assert.deepEqual(inputs, { roundName: 'Uppföljning 2026', roundFrom: '2023-12-01', roundLastDay: '2026-12-16' });
    const opened = await bot.teams.click(county, form, 'Öppna', { roundLastDay: '2026-12-04' });
    assert.match(cardText(opened), /Uppföljning 2026 är öppen\. Arenornas kort skickades till 3 kanaler/);
    assert.match(cardText(opened), /0 av 8 har lämnat in/);
    for (const [place, name] of [[ostersund, 'Östersund'], [krokom, 'Krokom'], [berg, 'Berg']] as const) {
      const cards = posted(place);
      assert.equal(cards.length, 1, `${name} gets one card`);
      const text = cardText(cards[0]!);
      assert.match(text, new RegExp(`Uppföljning 2026: ${name}`));
      assert.match(text, /lämna in senast 4 december 2026/);
      assert.match(text, /Bilaga 1: /, 'its follow-up of Bilaga 1 is listed');
      assert.ok(buttons(cards[0]!).some((b) => b.title === 'Lämna in'));
      assert.ok(buttons(cards[0]!).filter((b) => b.title === 'Spara').length > 0, 'each item has the inline form');
      assert.ok(JSON.stringify(cards[0]).length < 28_000, 'the card stays within Teams\' size limit');
    }
    assert.equal(posted(county).length, 0, 'the county is answered on its card, not sent one');
    const list = await rounds();
    assert.deepEqual(list.rounds.map((r) => [r.id, r.name, r.status, r.period.from, r.period.to, r.lastDay]), [['2026', 'Uppföljning 2026', 'open', '2023-12-01', '2026-11-25', '2026-12-04']]);
  });

  it('two arenas update items inline and submit; the county sees 2 of 8; only the others are reminded, once', async () => {
    await openRound('2026-12-04');
    const ostersundCard = posted(ostersund)[0]!;
    const firstSave = buttons(ostersundCard).find((b) => b.title === 'Spara')!;
    const subId = String(firstSave.data.subActivityId);
    // Teams sends every input of the card with the click; Anna chose a status for the first item.
    const saved = await bot.teams.click(ostersund, ostersundCard, 'Spara', { [`status-${subId}`]: 'pagar', [`comment-${subId}`]: 'Arbetet har kommit igång.' }, ANNA, { subActivityId: subId });
    assert.match(cardText(saved), /Sparat av Anna Andersson: .* – Pågår\./);
    // The rest of the card is still there for the one who saved: the other items and Lämna in.
    assert.match(cardText(saved), /Uppföljning 2026: Östersund/);
    assert.ok(buttons(saved).filter((b) => b.title === 'Spara').length >= 7);
    assert.ok(buttons(saved).some((b) => b.title === 'Lämna in'));
    const submitted = await bot.teams.click(ostersund, saved, 'Lämna in', { roundComment: 'Genomgånget på arenamötet.' });
    assert.match(cardText(submitted), /Östersunds uppföljning är inlämnad av Anna Andersson/);
    assert.match(cardText(submitted), /Lämna in igen/);

    const krokomCard = (await bot.teams.say(krokom, 'uppföljning', BENGT)).cards[0]!;
    const krokomSub = String(buttons(krokomCard).find((b) => b.title === 'Spara')!.data.subActivityId);
    const krokomSaved = await bot.teams.click(krokom, krokomCard, 'Spara', { [`status-${krokomSub}`]: 'klar' }, BENGT, { subActivityId: krokomSub });
    await bot.teams.click(krokom, krokomSaved, 'Lämna in', {}, BENGT);

    const progress = cardText((await bot.teams.say(county, 'uppföljning')).cards[0]!);
    assert.match(progress, /2 av 8 har lämnat in/);
    assert.match(progress, /Östersund\nBolder\nInlämnad 25 november 2026 av Anna Andersson/);
    assert.match(progress, /"Genomgånget på arenamötet\."/);
    assert.match(progress, /Berg\nBolder\nInte inlämnad/);
    const detail = (await api<{ progress: { submitted: number; total: number; arenas: Array<{ arenaId: string; submission?: { comment: string } }> } }>('GET', '/api/rounds/2026')).body.progress;
    assert.equal(detail.submitted, 2);
    assert.equal(detail.total, 8);
    assert.equal(detail.arenas.find((a) => a.arenaId === 'ostersund')?.submission?.comment, 'Genomgånget på arenamötet.');

    // Monday 30 November: four days before the last day. Only Berg has not submitted among the linked arenas.
    bot.connector.reset();
    const sweep = async () => {
      clock.set(MONDAY);
      return bot.app.reminderSweep.run({ at: new Date(MONDAY) });
    };
    const first = await sweep();
    const second = await sweep();
    const sent = (report: typeof first) => report.items.filter((i) => i.key.rule === 'roundLastDay' && i.outcome === 'sent').map((i) => `${i.arenaName} ${i.key.subject} ${i.key.duePeriod}`);
    assert.deepEqual(sent(first), ['Berg berg 2026-12-04']);
    assert.deepEqual(sent(second), [], 'the second sweep sends nothing again');
    assert.deepEqual(second.items.filter((i) => i.key.rule === 'roundLastDay').map((i) => i.outcome), ['done']);
    const bergPosts = posted(berg).map(cardText).filter((t) => /uppföljning senast/.test(t));
    assert.equal(bergPosts.length, 1);
    assert.match(bergPosts[0]!, /Lämna in Bergs uppföljning senast 4 december 2026/);
    assert.equal(posted(ostersund).concat(posted(krokom)).map(cardText).filter((t) => /uppföljning senast/.test(t)).length, 0);
  });

  it('counts what an arena saves three days after the opening as updated in the period, in the progress and the report\'s changes', async () => {
    await openRound('2026-12-10');
    const card = posted(ostersund)[0]!;
    const save = buttons(card).find((b) => b.title === 'Spara')!;
    const subId = String(save.data.subActivityId);
    const before = (await api<{ progress: { arenas: Array<{ arenaId: string; notUpdatedInPeriod: number; items: number }> } }>('GET', '/api/rounds/2026')).body.progress.arenas.find((a) => a.arenaId === 'ostersund')!;
    assert.equal(before.notUpdatedInPeriod, before.items, 'nothing is updated on the opening day');

    clock.set('2026-11-28T10:00:00Z');
    const saved = await bot.teams.click(ostersund, card, 'Spara', { [`status-${subId}`]: 'pagar', [`comment-${subId}`]: 'Igång sedan i veckan.' }, ANNA, { subActivityId: subId });
    assert.match(cardText(saved), /Sparat av Anna Andersson/);
    assert.match(cardText(saved), new RegExp(`${before.items - 1} av ${before.items} delaktiviteter har inte uppdaterats under perioden`));

    const after = (await api<{ round: Round; progress: { arenas: Array<{ arenaId: string; notUpdatedInPeriod: number }> } }>('GET', '/api/rounds/2026')).body;
    assert.equal(after.progress.arenas.find((a) => a.arenaId === 'ostersund')!.notUpdatedInPeriod, before.items - 1);
    assert.equal(after.round.period.to, '2026-11-28', 'an open round\'s period runs to today');
    const progress = cardText((await bot.teams.say(county, 'uppföljning')).cards[0]!);
    assert.match(progress, new RegExp(`Östersund[\\s\\S]*${before.items - 1} av ${before.items} ej uppdaterade under perioden`));

    const report = (await api<{ period: { to: string }; changes: { listed: Array<{ scopeId: string; subActivityId?: string; lines: string[] }> } }>('GET', '/api/report/2026')).body;
    assert.equal(report.period.to, '2026-11-28');
    assert.ok(report.changes.listed.some((e) => e.scopeId === 'ostersund' && e.lines.some((l) => /Pågår/.test(l))), JSON.stringify(report.changes.listed.slice(0, 3)));

    // Closing two days later ends the period on the closing day; the closed report keeps the save.
    clock.set('2026-11-30T10:00:00Z');
    const county2 = (await bot.teams.say(county, 'uppföljning')).cards[0]!;
    const ask = await bot.teams.click(county, county2, 'Stäng omgången');
    await bot.teams.click(county, ask, 'Stäng och frys');
    clock.set('2027-01-10T10:00:00Z');
    const closed = (await rounds()).rounds[0]!;
    assert.deepEqual(closed.period, { from: '2023-12-01', to: '2026-11-30' });
    const frozen = (await api<{ changes: { listed: Array<{ scopeId: string; lines: string[] }> } }>('GET', '/api/report/2026')).body;
    assert.ok(frozen.changes.listed.some((e) => e.scopeId === 'ostersund' && e.lines.some((l) => /Pågår/.test(l))));
  });

  it('closing freezes the snapshot: a later change does not alter the closed round', async () => {
    await openRound('2026-12-04');
    const card = posted(ostersund)[0]!;
    const save = buttons(card).find((b) => b.title === 'Spara')!;
    const subId = String(save.data.subActivityId);
    await bot.teams.click(ostersund, card, 'Spara', { [`status-${subId}`]: 'pagar' }, ANNA, { subActivityId: subId });
    await bot.teams.click(ostersund, (await bot.teams.say(ostersund, 'uppföljning')).cards[0]!, 'Lämna in', { roundComment: 'Klart från oss.' });

    const progress = (await bot.teams.say(county, 'uppföljning')).cards[0]!;
    const ask = await bot.teams.click(county, progress, 'Stäng omgången');
    assert.match(cardText(ask), /Stänga Uppföljning 2026\?/);
    assert.match(cardText(ask), /1 av 8 har lämnat in\. Inte inlämnat: Berg, Bräcke/);
    const back = await bot.teams.click(county, ask, 'Avbryt');
    assert.match(cardText(back), /Öppen\./);
    const closed = await bot.teams.click(county, ask, 'Stäng och frys');
    assert.match(cardText(closed), /Uppföljning 2026 är stängd och läget är fryst/);
    assert.ok(!buttons(closed).some((b) => b.title === 'Stäng omgången'));

    const frozen = (await api<FollowUpState>('GET', '/api/rounds/2026/state')).body;
    const frozenItem = (state: FollowUpState) => state.arenas.find((a) => a.arena.id === 'ostersund')!.bilaga1.concat(state.arenas.find((a) => a.arena.id === 'ostersund')!.local).flatMap((a) => a.subActivities).find((s) => s.id === subId)!;
    assert.equal(frozenItem(frozen).status, 'pagar');
    assert.equal(frozen.arenas.find((a) => a.arena.id === 'ostersund')?.submission?.comment, 'Klart från oss.');
    assert.equal(frozen.arenas.length, 8);
    assert.ok(frozen.county.length > 0);

    // A change after closing: the live plan moves, the closed round does not.
    const item = frozenItem(frozen);
    await bot.app.channels.recordMember('ostersund', DEV_USER.id);
    const res = await fetch(`${bot.app.url}/api/activities/ostersund/${subId}`, { method: 'PATCH', headers: { 'content-type': 'application/json', 'if-match': (await liveItem(subId)).etag }, body: JSON.stringify({ status: 'klar', comment: 'Klar efter stängningen.' }) });
    assert.equal(res.status, 200, await res.text());
    assert.equal((await liveItem(subId)).status, 'klar');
    const after = (await api<FollowUpState>('GET', '/api/rounds/2026/state')).body;
    assert.deepEqual(after, frozen);
    assert.equal(frozenItem(after).version, item.version);

    // The arena's card now says the round is closed, without forms; submitting is refused.
    const arenaNow = (await bot.teams.say(ostersund, 'uppföljning')).cards[0]!;
    assert.match(cardText(arenaNow), /Uppföljning 2026 är stängd/);
    assert.ok(!buttons(arenaNow).some((b) => b.title === 'Spara' || b.title.startsWith('Lämna in')));
    const late = await bot.teams.execute(ostersund, 'roundSubmit', { roundId: '2026' });
    assert.match(cardText(late), /är stängd: det går inte längre att lämna in/);
  });

  it('leaves the round open when closing stops half-way, and completes the snapshot when closed again', async () => {
    await openRound('2026-12-04');
    const ask = await bot.teams.click(county, (await bot.teams.say(county, 'uppföljning')).cards[0]!, 'Stäng omgången');
    // The store stops answering after two of the snapshot's transactions (a crash, a lost connection).
    const table = bot.app.tables.rounds;
    const submit = table.submitTransaction.bind(table);
    let calls = 0;
    table.submitTransaction = async (actions) => {
      if (++calls === 3) throw Object.assign(new Error('connection reset'), { code: 'ECONNRESET' });
      return submit(actions);
    };
    await bot.teams.click(county, ask, 'Stäng och frys').catch(() => undefined);
    table.submitTransaction = submit;
    assert.ok(calls >= 3, 'the closing was interrupted while writing the snapshot');
    assert.equal((await rounds()).rounds[0]!.status, 'open', 'a half-written snapshot does not close the round');
    assert.equal((await api('GET', '/api/rounds/2026/state')).status, 200);

    clock.set('2026-11-25T09:05:00Z');
    const closed = await bot.teams.click(county, ask, 'Stäng och frys');
    assert.match(cardText(closed), /Uppföljning 2026 är stängd och läget är fryst/);
    const [round] = (await rounds()).rounds;
    const state = (await api<FollowUpState>('GET', '/api/rounds/2026/state')).body;
    assert.equal(state.takenAt, round!.closedAt);
    assert.equal(state.arenas.length, 8);
    // Exactly the rows of the completed closing make up the state: as many items as the live plan has.
    const arena = (await bot.app.plan.content()).arenas.find((a) => a.id === 'ostersund')!;
    const live = await bot.app.plan.arenaPlan(arena);
    const frozen = state.arenas.find((a) => a.arena.id === 'ostersund')!;
    assert.equal(frozen.bilaga1.flatMap((a) => a.subActivities).length, live.bilaga1.flatMap((a) => a.subActivities).length);
    assert.equal(state.county.length, (await bot.app.plan.scope('lan')).length);
  });

  /** The item as it stands now, in Östersund's own follow-up. */
  async function liveItem(subId: string): Promise<{ status: string; etag: string }> {
    const arena = (await bot.app.plan.content()).arenas.find((a) => a.id === 'ostersund')!;
    const { local, bilaga1 } = await bot.app.plan.arenaPlan(arena);
    return [...local, ...bilaga1].flatMap((a) => a.subActivities).find((d) => d.id === subId)!;
  }

  it('the inline form carries status, note and the municipality\'s answer, preselects no status for an item never followed up, and a comment alone keeps it Ej uppföljd', async () => {
    await openRound('2026-12-10');
    const card = posted(ostersund)[0]!;
    const values = inputValues(card);
    const ids = buttons(card).filter((b) => b.title === 'Spara').map((b) => String(b.data.subActivityId));
    for (const id of ids) {
      assert.equal(values[`status-${id}`], '', `no status preselected for ${id}, never followed up`);
      assert.ok(`statusNote-${id}` in values, `the note of ${id} is on the inline form`);
    }
    // A Bilaga 1 measure each municipality answers for itself has its answer on the inline form too.
    const live = await bot.app.plan.arenaPlan((await bot.app.plan.content()).arenas.find((a) => a.id === 'ostersund')!);
    const own = [...live.local, ...live.bilaga1].flatMap((a) => a.subActivities).filter((d) => ids.includes(d.id) && d.measure !== '' && (d.kind === 'own' || d.answeredBy === 'municipality'));
    assert.ok(own.length > 0, 'the first page has an item the municipality answers');
    // A compound measure has one input per question ("answer-<question>-<item>") instead of one for the cell.
    for (const d of own) {
      const inputs = d.questions ? d.questions.map((q) => `answer-${q.id}-${d.id}`) : [`measureAnswer-${d.id}`];
      for (const input of inputs) assert.ok(input in values, `the answer of ${d.id} is on the inline form (${input})`);
    }

    // Östersund's own follow-up of a Bilaga 1 item: it has no status until Östersund gives one.
    const subId = [...live.local, ...live.bilaga1].flatMap((a) => a.subActivities).find((d) => ids.includes(d.id) && d.kind === 'followUp')!.id;
    const answer = await bot.teams.click(ostersund, card, 'Spara', { [`comment-${subId}`]: 'Vi har pratat om det på arenamötet.' }, ANNA, { subActivityId: subId });
    assert.match(cardText(answer), /Välj en status: ingen har följt upp delaktiviteten ännu/);
    assert.equal(inputValues(answer).comment, 'Vi har pratat om det på arenamötet.', 'what she wrote comes back');
    const item = await liveItem(subId);
    assert.equal((item as unknown as { followedUp: boolean }).followedUp, false, 'still Ej uppföljd');
    const county = (await api<{ progress: { arenas: Array<{ arenaId: string; notFollowedUp: number; items: number }> } }>('GET', '/api/rounds/2026')).body.progress.arenas.find((a) => a.arenaId === 'ostersund')!;
    assert.equal(county.notFollowedUp, county.items);
    const report = (await api<{ arenas: Array<{ arenaId: string; bilaga1: Array<{ subId: string; overdue: boolean; followedUp: boolean }>; local: Array<{ subId: string; overdue: boolean; followedUp: boolean }> }> }>('GET', '/api/report/2026')).body;
    const row = report.arenas.find((a) => a.arenaId === 'ostersund')!.bilaga1.concat(report.arenas.find((a) => a.arenaId === 'ostersund')!.local).find((r) => r.subId === subId)!;
    assert.deepEqual([row.followedUp, row.overdue], [false, false], 'never Försenad by a comment');

    // With a status chosen, the note and the comment are saved with it.
    const saved = await bot.teams.click(ostersund, card, 'Spara', { [`status-${subId}`]: 'pagar', [`statusNote-${subId}`]: 'Planering klar.', [`comment-${subId}`]: 'Start i januari.' }, ANNA, { subActivityId: subId });
    assert.match(cardText(saved), /Sparat av Anna Andersson: .* – Pågår\./);
    const after = (await liveItem(subId)) as unknown as { status: string; statusNote: string; followedUp: boolean };
    assert.deepEqual([after.status, after.statusNote, after.followedUp], ['pagar', 'Planering klar.', true]);
  });

  it('moving the last day tells the arenas that have not submitted, and reminds each once for the new date', async () => {
    await openRound('2026-12-01');
    await bot.teams.click(krokom, posted(krokom)[0]!, 'Lämna in', {}, BENGT);
    // Monday 30 November: one day before the first last day; Östersund and Berg have not submitted.
    clock.set(MONDAY);
    const first = await bot.app.reminderSweep.run({ at: new Date(MONDAY) });
    const sent = (report: typeof first) => report.items.filter((i) => i.key.rule === 'roundLastDay' && i.outcome === 'sent').map((i) => `${i.arenaName} ${i.key.duePeriod}`).sort();
    assert.deepEqual(sent(first), ['Berg 2026-12-01', 'Östersund 2026-12-01']);

    bot.connector.reset();
    const progress = (await bot.teams.say(county, 'uppföljning')).cards[0]!;
    const moved = await bot.teams.click(county, progress, 'Spara sista dag', { roundLastDay: '2026-12-11' });
    assert.match(cardText(moved), /Sista dag för arenorna att lämna in är nu 11 december 2026\. 2 arenakanaler har fått veta det/);
    const told = (place: { channelId: string }) => posted(place).map(cardText).filter((t) => /Ny sista dag/.test(t));
    assert.equal(told(ostersund).length, 1);
    assert.match(told(ostersund)[0]!, /Ny sista dag för Uppföljning 2026: 11 december 2026[\s\S]*Östersund har inte lämnat in ännu/);
    assert.equal(told(berg).length, 1);
    assert.equal(told(krokom).length, 0, 'Krokom has submitted');

    // Monday 7 December: four days before the new last day, one reminder each for the new date, once.
    const monday = '2026-12-07T08:15:00.000Z';
    clock.set(monday);
    const again = await bot.app.reminderSweep.run({ at: new Date(monday) });
    assert.deepEqual(sent(again), ['Berg 2026-12-11', 'Östersund 2026-12-11']);
    assert.deepEqual(sent(await bot.app.reminderSweep.run({ at: new Date(monday) })), [], 'once per arena and date');
    assert.match(posted(berg).map(cardText).filter((t) => /uppföljning senast/.test(t)).pop()!, /senast 11 december 2026/);
  });

  it('closing before the last day asks first, says so, and tells every arena', async () => {
    await openRound('2026-12-10');
    await bot.teams.click(krokom, posted(krokom)[0]!, 'Lämna in', {}, BENGT);
    bot.connector.reset();
    const ask = await bot.teams.click(county, (await bot.teams.say(county, 'uppföljning')).cards[0]!, 'Stäng omgången');
    assert.match(cardText(ask), /Sista dag för arenorna är 10 december 2026: omgången stängs före den/);
    assert.equal(posted(ostersund).length, 0, 'asking tells nobody');
    const closed = await bot.teams.click(county, ask, 'Stäng och frys');
    assert.match(cardText(closed), /är stängd och läget är fryst\. 3 arenakanaler har fått veta det/);
    assert.match(cardText(posted(ostersund)[0]!), /Länsgemensam samverkan stängde Uppföljning 2026 25 november 2026, före sista dagen 10 december 2026[\s\S]*Östersund lämnade inte in/);
    assert.match(cardText(posted(krokom)[0]!), /Krokom lämnade in/);
  });

  it('refuses to open or close a round from an arena channel, with a clear answer, and changes nothing', async () => {
    const form = (await bot.teams.say(ostersund, 'uppföljning')).cards[0]!;
    assert.match(cardText(form), /Ingen uppföljningsomgång är öppen/);
    assert.ok(!buttons(form).some((b) => b.title === 'Öppna'));
    const refused = await bot.teams.execute(ostersund, 'roundOpen', { roundLastDay: '2026-12-10' });
    assert.match(cardText(refused), /öppnas, ändras och stängs i kanalen för länsgemensam samverkan, eller av projektledarna\. Ingenting har ändrats\./);
    assert.deepEqual((await rounds()).rounds, []);

    await openRound('2026-12-10');
    const [round] = (await rounds()).rounds;
    const close = await bot.teams.execute(ostersund, 'roundClose', { roundId: '2026', etag: round!.etag });
    assert.match(cardText(close), /stängs i kanalen för länsgemensam samverkan/);
    const change = await bot.teams.execute(krokom, 'roundChange', { roundId: '2026', etag: round!.etag, roundLastDay: '2026-12-20' });
    assert.match(cardText(change), /kanalen för länsgemensam samverkan/);
    assert.deepEqual((await rounds()).rounds, [round]);
  });

  it('answers bad input clearly and opens nothing', async () => {
    const past = await openRound('2026-11-01');
    assert.match(cardText(past), /Sista dag att lämna in \(2026-11-01\) har redan passerat/);
    assert.ok(buttons(past).some((b) => b.title === 'Öppna'), 'the form comes back to correct');
    const backwards = await bot.teams.click(county, past, 'Öppna', { roundFrom: '2026-06-01', roundTo: '2026-01-01', roundLastDay: '2026-12-10' });
    assert.match(cardText(backwards), /Perioden kan inte börja \(2026-06-01\) efter att den slutar \(2026-01-01\)/);
    await bot.app.channels.recordMember('lan', DEV_USER.id);
    const nonsense = await api<{ error: string; errors: string[] }>('POST', '/api/rounds', { lastDay: '10 december' });
    assert.equal(nonsense.status, 400);
    assert.match(nonsense.body.errors.join(' '), /skriv datumet som ÅÅÅÅ-MM-DD/);
    assert.deepEqual((await rounds()).rounds, []);
    assert.equal(posted(ostersund).length, 0);
  });

  it('treats a stale ETag as a conflict: in the channel and in the tab', async () => {
    await openRound('2026-12-10');
    const before = (await bot.teams.say(county, 'uppföljning')).cards[0]!;
    const moved = await bot.teams.click(county, before, 'Spara sista dag', { roundLastDay: '2026-12-14' });
    assert.match(cardText(moved), /Sista dag för arenorna att lämna in är nu 14 december 2026/);
    // The card from before the change: closing from it is a conflict, and nothing is closed.
    const ask = await bot.teams.click(county, before, 'Stäng omgången');
    const stale = await bot.teams.click(county, ask, 'Stäng och frys');
    assert.match(cardText(stale), /Någon annan hann ändra omgången först: ingenting har sparats/);
    assert.equal((await rounds()).rounds[0]!.status, 'open');

    await bot.app.channels.recordMember('lan', DEV_USER.id);
    const { rounds: [round] } = await rounds();
    const patch = await api<{ error: string; current: Round }>('PATCH', '/api/rounds/2026', { etag: 'W/"old"', lastDay: '2026-12-20' });
    assert.equal(patch.status, 409);
    assert.equal(patch.body.current.lastDay, '2026-12-14');
    const ok = await api<{ round: Round }>('PATCH', '/api/rounds/2026', { etag: round!.etag, name: 'Uppföljning 2026 (SVOM)' });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.round.name, 'Uppföljning 2026 (SVOM)');

    const first = await api<{ analysis: { etag: string; version: number } }>('PUT', '/api/rounds/2026/analysis/s1', { etag: 'not-yet-written', text: 'Delaktigheten har ökat.' });
    assert.equal(first.status, 200);
    const again = await api<{ error: string; current: { text: string } }>('PUT', '/api/rounds/2026/analysis/s1', { etag: 'not-yet-written', text: 'Något annat.' });
    assert.equal(again.status, 409);
    assert.equal(again.body.current.text, 'Delaktigheten har ökat.');
    await api('PUT', '/api/rounds/2026/analysis/s1', { etag: first.body.analysis.etag, text: 'Delaktigheten har ökat i alla arenor.' });
    const history = (await api<{ history: Array<{ text: string; version: number; by: string }> }>('GET', '/api/rounds/2026/analysis/s1/history')).body.history;
    assert.deepEqual(history.map((h) => `${h.version} ${h.text}`), ['2 Delaktigheten har ökat i alla arenor.', '1 Delaktigheten har ökat.']);
  });

  it('serves the tab: the list, a round with every arena and strategy, submissions for the user\'s own arena only', async () => {
    const none = await api<{ error: string }>('POST', '/api/rounds', { lastDay: '2026-12-10' });
    assert.equal(none.status, 403, 'the development user is not in the county channel');
    await bot.app.channels.recordMember('lan', DEV_USER.id);
    await bot.app.channels.recordMember('ostersund', DEV_USER.id);
    assert.equal((await rounds()).mayManage, true);
    const created = await api<{ round: Round }>('POST', '/api/rounds', { lastDay: '2026-12-10', from: '2025-12-01' });
    assert.equal(created.status, 201);
    assert.deepEqual(created.body.round.period, { from: '2025-12-01', to: '2026-11-25' });
    assert.equal(posted(ostersund).length, 1, 'opening from the tab posts the arenas\' cards too');
    const twice = await api<{ current: Round }>('POST', '/api/rounds', { lastDay: '2026-12-10' });
    assert.equal(twice.status, 409);

    const own = await api<{ submission: { arenaId: string; version: number } }>('POST', '/api/rounds/2026/submission', { arenaId: 'ostersund', comment: 'Från fliken.' });
    assert.equal(own.status, 200);
    assert.equal(own.body.submission.version, 1);
    const other = await api<{ error: string }>('POST', '/api/rounds/2026/submission', { arenaId: 'krokom' });
    assert.equal(other.status, 403);
    const again = await api<{ submission: { version: number } }>('POST', '/api/rounds/2026/submission', { arenaId: 'ostersund' });
    assert.equal(again.body.submission.version, 2, 'submitting again is kept as a new version');

    const view = (await api<{ round: Round; mayManage: boolean; progress: { submitted: number; total: number; arenas: Array<{ arenaId: string; arenaName: string; items: number; notFollowedUp: number; notUpdatedInPeriod: number }> }; analysis: Array<{ strategyId: string; strategyTitle: string; text: string; etag: string; version: number }> }>('GET', '/api/rounds/2026')).body;
    assert.equal(view.mayManage, true);
    assert.equal(view.progress.total, 8);
    assert.equal(view.progress.submitted, 1);
    const ost = view.progress.arenas.find((a) => a.arenaId === 'ostersund')!;
    assert.ok(ost.items > 0 && ost.notFollowedUp === ost.items && ost.notUpdatedInPeriod > 0);
    assert.deepEqual(view.analysis.map((a) => [a.strategyId, a.text, a.etag, a.version]), [['s1', '', 'not-yet-written', 0], ['s2', '', 'not-yet-written', 0], ['s3', '', 'not-yet-written', 0], ['s4', '', 'not-yet-written', 0], ['s5', '', 'not-yet-written', 0], ['slutsatser', '', 'not-yet-written', 0], ['forslag-infor-nasta-ar', '', 'not-yet-written', 0]]);
    assert.match(view.analysis[0]!.strategyTitle, /^1\. Ökad delaktighet/);
    assert.equal((await api('GET', '/api/rounds/2025')).status, 404);
  });

  it('answers every button of the round\'s cards with a valid card, never a failure', async () => {
    const FAILED = /Det gick inte att spara|Det gick inte att läsa kortet|Något gick fel hos mig/;
    const start: Array<{ place: typeof county; card: Card }> = [{ place: county, card: (await bot.teams.say(county, 'uppföljning')).cards[0]! }];
    await openRound('2026-12-04');
    start.push({ place: county, card: (await bot.teams.say(county, 'uppföljning')).cards[0]! }, { place: ostersund, card: posted(ostersund)[0]! });
    const seen = new Set<string>();
    let clicks = 0;
    for (const { place, card } of start) {
      for (const button of buttons(card)) {
        // Closing is pressed last, on its own: it would end the walk.
        if (button.verb === 'roundClose' || button.verb === 'roundOpen' || seen.has(`${button.verb} ${JSON.stringify(button.data)}`)) continue;
        seen.add(`${button.verb} ${JSON.stringify(button.data)}`);
        clicks++;
        const answer = await bot.teams.click(place, card, button.title, {}, ANNA, button.data);
        assert.equal(answer.type, 'AdaptiveCard');
        assert.doesNotMatch(cardText(answer), FAILED, `${button.title} (${button.verb})`);
        // Dates and numbers the Swedish way (the progress card's period read "2023-12-01").
        assert.deepEqual(shownTexts(answer).flatMap(unswedishNumbers), [], `${button.title} (${button.verb})`);
      }
      assert.deepEqual(shownTexts(card).flatMap(unswedishNumbers), []);
    }
    assert.ok(clicks >= 20, `${clicks} buttons pressed`);
  });

  it('renders the round cards in light and dark', async () => {
    const openForm = (await bot.teams.say(county, 'uppföljning')).cards[0]!;
    await openRound('2026-12-04');
    const arena = posted(ostersund)[0]!;
    const saveId = String(buttons(arena).find((b) => b.title === 'Spara')!.data.subActivityId);
    const saved = await bot.teams.click(ostersund, arena, 'Spara', { [`status-${saveId}`]: 'pagar' }, ANNA, { subActivityId: saveId });
    const form = await bot.teams.execute(county, 'roundCancel', {});
    const progress = (await bot.teams.say(county, 'uppföljning')).cards[0]!;
    const confirm = await bot.teams.click(county, progress, 'Stäng omgången');
    const next = await bot.teams.click(ostersund, arena, 'Visa fler');
    assert.match(cardText(next), /Visar 9–16 av \d+/);
    clock.set(MONDAY);
    await bot.app.reminderSweep.run({ at: new Date(MONDAY) });
    const reminder = posted(berg).find((c) => /uppföljning senast/.test(cardText(c)))!;
    const submitted = await bot.teams.click(ostersund, saved, 'Lämna in', { roundComment: 'Genomgånget på arenamötet.' });
    const closed = await bot.teams.click(county, confirm, 'Stäng och frys');
    const arenaClosed = (await bot.teams.say(ostersund, 'uppföljning')).cards[0]!;
    const camera = await new CardCamera().start();
    try {
      for (const [name, card] of Object.entries({ 'round-arena': arena, 'round-arena-saved': saved, 'round-arena-page2': next, 'round-arena-submitted': submitted, 'round-arena-closed': arenaClosed, 'round-progress': progress, 'round-progress-closed': closed, 'round-confirm-close': confirm, 'round-cancelled': form, 'round-reminder': reminder })) {
        for (const theme of ['light', 'dark'] as const) {
          const shot = await camera.shoot(name, card, theme);
          assert.ok(shot.height > 50, `${name} renders`);
        }
      }
      for (const theme of ['light', 'dark'] as const) await camera.shoot('round-open', openForm, theme);
    } finally {
      await camera.stop();
    }
  });
});
