// Issue 27: each arena owns its local plan (plan 1.6), and says what of Bilaga 1 does not apply
// locally. End to end through /api/messages (and the tab's API to read what the county sees):
// Östersund adopts, rewords, changes the target, ends with a reason and takes up again, each a
// history row; Krokom cannot change it; Ej aktuellt lokalt leaves the round card and the counts;
// a local revision is recorded with its decision reference.
import assert from 'node:assert/strict';
import type { HistoryPage } from '../../bot/domain/historyEvents';
import type { PlanView, SubActivityView } from '../../bot/domain/planView';
import type { Report } from '../../bot/domain/report';
import type { RoundProgress } from '../../bot/domain/followUpRound';
import { useBot } from '../helpers/botHarness';
import { TestClock } from '../helpers/clock';
import { ANNA, BENGT, buttons, cardText, channel, type Card } from '../helpers/teamsClient';

const county = channel('Länsgemensam samverkan', '19:lan@thread.tacv2');
const ostersund = channel('Östersund', '19:ostersund@thread.tacv2');
const krokom = channel('Krokom', '19:krokom@thread.tacv2');
/** 9.1 s1-a1-d1, a Bilaga 1 sub-activity every arena follows up. */
const ITEM = 's1-a1-d1';

describe('an arena\'s own local plan', function () {
  this.timeout(60_000);
  const clock = new TestClock();
  const bot = useBot({}, () => ({ now: clock.now }));

  beforeEach(async () => {
    clock.set('2026-11-23T09:00:00Z');
    await bot.teams.say(county, 'koppla Länsgemensam samverkan');
    await bot.teams.say(ostersund, 'koppla Östersund');
    await bot.teams.say(krokom, 'koppla Krokom', BENGT);
  });

  const get = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${bot.app.url}${path}`);
    assert.equal(res.status, 200, path);
    return (await res.json()) as T;
  };
  const arenaOf = async (id: string) => (await get<PlanView>('/api/plan')).arenas.find((a) => a.id === id)!;

  /** Östersund adopts "Implementera arbetssätt för fasta kontakter" (s2-l1): the card that says so. */
  async function adopt(): Promise<Card> {
    const overview = (await bot.teams.say(ostersund, 'ny aktivitet')).cards[0]!;
    const step = await bot.teams.click(ostersund, overview, 'Välj', {}, ANNA, { strategyId: 's2' });
    return bot.teams.click(ostersund, step, 'Anta', {}, ANNA, { recommendationId: 's2-l1' });
  }

  it('Östersund adopts a recommendation, rewords it, changes its target, ends it with a reason and takes it up again, each a history row', async () => {
    const added = await adopt();
    assert.match(cardText(added), /Aktiviteten är tillagd i Östersunds lokala plan/);
    const form = await bot.teams.click(ostersund, added, 'Ändra aktiviteten');
    assert.match(cardText(form), /Östersunds lokala plan/);
    assert.match(cardText(form), /Ändra: Implementera arbetssätt för fasta kontakter/);

    clock.set('2026-11-24T10:00:00Z');
    const saved = await bot.teams.click(ostersund, form, 'Spara', {
      title: 'Fasta kontakter i Östersunds hemtjänst',
      description: 'Varje brukare får en namngiven kontakt.',
      target: 'Ja, i alla hemtjänstgrupper',
      measure: 'Har alla brukare en fast kontakt?',
      periodTo: '2028',
      comment: 'Beslut i arenan 24 nov',
    });
    const text = cardText(saved);
    assert.match(text, /Sparat av Anna Andersson/);
    assert.match(text, /Fasta kontakter i Östersunds hemtjänst/);
    assert.match(text, /Ja, i alla hemtjänstgrupper/);
    assert.match(text, /Ändrade aktivitet från "Implementera arbetssätt för fasta kontakter" till "Fasta kontakter i Östersunds hemtjänst"/);
    assert.match(text, /angav målvärde "Ja, i alla hemtjänstgrupper"/);

    let local = (await arenaOf('ostersund')).activities.find((a) => a.recommendationId === 's2-l1')!;
    assert.equal(local.title, 'Fasta kontakter i Östersunds hemtjänst');
    assert.equal(local.period.label, '2026–2028');
    assert.deepEqual(local.subActivities[0]!.details, ['Varje brukare får en namngiven kontakt.']);
    assert.equal(local.subActivities[0]!.target, 'Ja, i alla hemtjänstgrupper');

    // The form that was open before the save is stale now: Spara on it changes nothing.
    const stale = await bot.teams.click(ostersund, form, 'Spara', { title: 'Något helt annat' });
    assert.match(cardText(stale), /Någon annan hann ändra aktiviteten innan dig/);
    assert.equal((await arenaOf('ostersund')).activities.find((a) => a.id === local.id)!.title, 'Fasta kontakter i Östersunds hemtjänst');

    // Ending needs a reason; with one, it is ended and kept.
    clock.set('2026-11-25T10:00:00Z');
    const endForm = await bot.teams.click(ostersund, saved, 'Ändra aktiviteten');
    const noReason = await bot.teams.click(ostersund, endForm, 'Avsluta lokalt', { endReason: '  ' });
    assert.match(cardText(noReason), /Skriv ett kort skäl/);
    assert.equal((await arenaOf('ostersund')).activities.find((a) => a.id === local.id)!.subActivities[0]!.endedLocally, undefined);
    const ended = await bot.teams.click(ostersund, endForm, 'Avsluta lokalt', { endReason: 'Ersatt av regionens rutin för fast vårdkontakt' });
    assert.match(cardText(ended), /Avslutad lokalt av Anna Andersson/);
    assert.match(cardText(ended), /Status\s+Avslutad lokalt/);
    local = (await arenaOf('ostersund')).activities.find((a) => a.id === local.id)!;
    assert.equal(local.subActivities[0]!.endedLocally, 'Ersatt av regionens rutin för fast vårdkontakt');

    clock.set('2026-11-26T10:00:00Z');
    const again = await bot.teams.click(ostersund, await bot.teams.click(ostersund, ended, 'Ändra aktiviteten'), 'Ta upp igen');
    assert.match(cardText(again), /Upptagen igen av Anna Andersson/);
    assert.match(cardText(again), /Tog upp aktiviteten igen, 26 nov/);
    assert.equal((await arenaOf('ostersund')).activities.find((a) => a.id === local.id)!.subActivities[0]!.endedLocally, undefined);

    // Every change is a history row with who and when, told in sentences in Historik.
    const history = await get<HistoryPage>(`/api/history?scope=ostersund&activity=${local.id}`);
    const changes = history.events.filter((e) => e.kind === 'change');
    assert.equal(changes.length, 3);
    assert.ok(changes.every((e) => e.actor === 'Anna Andersson'));
    assert.deepEqual(changes.map((e) => e.at.slice(0, 10)), ['2026-11-26', '2026-11-25', '2026-11-24']);
    assert.deepEqual(changes[0]!.lines, ['Upptagen igen']);
    assert.deepEqual(changes[1]!.lines, ['Avslutad lokalt: Ersatt av regionens rutin för fast vårdkontakt']);
    assert.ok(changes[2]!.lines.includes('Målvärde: (tomt) → Ja, i alla hemtjänstgrupper'), changes[2]!.lines.join(' | '));
    assert.ok(changes[2]!.lines.includes('Prioritet: 2026–2027 → 2026–2028'), changes[2]!.lines.join(' | '));
    assert.equal(changes[2]!.comment, 'Beslut i arenan 24 nov');
    assert.ok(history.events.some((e) => e.kind === 'activityAdopted' && e.activityId === local.id));

    // The arena's meeting brief tells the same rows: the adoption, the rewording, the ending.
    const brief = await get<{ groups: Array<{ items: Array<{ title: string; text: string }> }> }>('/api/brief?arena=ostersund&since=2026-11-20');
    const told = brief.groups.flatMap((g) => g.items).filter((i) => i.title === 'Fasta kontakter i Östersunds hemtjänst').map((i) => i.text).join(' | ');
    assert.match(told, /Målvärde: \(tomt\) → Ja, i alla hemtjänstgrupper/);
    assert.match(told, /Avslutad lokalt: Ersatt av regionens rutin för fast vårdkontakt/);
    assert.match(told, /Upptagen igen/);
  });

  it('Krokom cannot change Östersund\'s local activity; the county sees it, read-only', async () => {
    const added = await adopt();
    const subActivityId = buttons(added).find((b) => b.verb === 'editLocalActivity')!.data.subActivityId as string;
    const form = await bot.teams.click(ostersund, added, 'Ändra aktiviteten');
    const before = (await arenaOf('ostersund')).activities.find((a) => a.recommendationId === 's2-l1')!;

    const open = await bot.teams.execute(krokom, 'editLocalActivity', { scopeId: 'ostersund', subActivityId }, BENGT);
    assert.match(cardText(open), /Det här får du inte ändra här/);
    assert.match(cardText(open), /ändras bara från Östersunds kanal/);
    const save = buttons(form).find((b) => b.verb === 'saveLocalActivity')!;
    const refused = await bot.teams.execute(krokom, save.verb, { ...save.data, title: 'Krokoms titel' }, BENGT);
    assert.match(cardText(refused), /Ingenting har ändrats/);
    const end = buttons(form).find((b) => b.verb === 'endLocalActivity')!;
    assert.match(cardText(await bot.teams.execute(krokom, end.verb, { ...end.data, endReason: 'Krokom vill' }, BENGT)), /Det här får du inte ändra här/);
    const fromCounty = await bot.teams.execute(county, save.verb, { ...save.data, title: 'Länets titel' });
    assert.match(cardText(fromCounty), /Ingenting har ändrats/);

    const after = (await arenaOf('ostersund')).activities.find((a) => a.id === before.id)!;
    assert.equal(after.title, before.title);
    assert.equal(after.subActivities[0]!.version, before.subActivities[0]!.version);

    // The county reads Östersund's local plan: the card, without a way to change it from there.
    await bot.teams.click(ostersund, form, 'Spara', { title: 'Fasta kontakter i Östersunds hemtjänst' });
    const seen = await bot.teams.execute(county, 'showSubActivity', { scopeId: 'ostersund', subActivityId });
    assert.match(cardText(seen), /Fasta kontakter i Östersunds hemtjänst/);
    assert.match(cardText(await bot.teams.click(county, seen, 'Ändra aktiviteten')), /Det här får du inte ändra här/);
    assert.equal((await arenaOf('ostersund')).activities.find((a) => a.id === before.id)!.title, 'Fasta kontakter i Östersunds hemtjänst');
  });

  it('Ej aktuellt lokalt: leaves Östersund\'s round card and counts, is shown in the matrix and the report, and can be undone', async () => {
    // Through the activity list: Uppdatera on the item, then Ej aktuellt lokalt.
    let list = (await bot.teams.say(ostersund, 'aktiviteter 1')).cards[0]!;
    const edit = buttons(list).find((b) => b.verb === 'editSubActivity' && b.data.subActivityId === ITEM)!;
    const form = await bot.teams.execute(ostersund, edit.verb, edit.data);
    const naForm = await bot.teams.click(ostersund, form, 'Ej aktuellt lokalt');
    assert.match(cardText(naForm), /Ej aktuellt lokalt:/);
    const empty = await bot.teams.click(ostersund, naForm, 'Spara: ej aktuellt lokalt', { notApplicableReason: '' });
    assert.match(cardText(empty), /Skriv ett kort skäl/);
    const marked = await bot.teams.click(ostersund, naForm, 'Spara: ej aktuellt lokalt', { notApplicableReason: 'Regionens egen analys; görs inte i kommunen' });
    assert.match(cardText(marked), /Ej aktuellt lokalt, sparat av Anna Andersson/);
    assert.match(cardText(marked), /Angav att delaktiviteten inte är aktuell lokalt: "Regionens egen analys; görs inte i kommunen"/);
    const sub = (await arenaOf('ostersund')).bilaga1.flatMap((a) => a.subActivities).find((d) => d.id === ITEM)! as SubActivityView;
    assert.equal(sub.notApplicable, 'Regionens egen analys; görs inte i kommunen');
    list = (await bot.teams.say(ostersund, 'aktiviteter 1')).cards[0]!;

    // Östersund's status counts it apart, never as work left.
    assert.match(cardText((await bot.teams.say(ostersund, 'status')).cards[0]), /\(dessutom 1 ej aktuell lokalt\)/);

    // The county's matrix says it in the plan's words.
    const matrix = cardText((await bot.teams.say(county, 'lokalt')).cards[0]);
    assert.match(matrix, /Ej aktuellt i 1 av 8 kommuner/);
    assert.match(matrix, /Östersund: ej aktuellt lokalt \(Regionens egen analys; görs inte i kommunen\)/);

    // A round: Östersund's card leaves the item out and says so; the progress counts it apart.
    const roundForm = (await bot.teams.say(county, 'uppföljning')).cards[0]!;
    await bot.teams.click(county, roundForm, 'Öppna', { roundLastDay: '2026-12-04' });
    const roundCard = (await bot.teams.say(ostersund, 'uppföljning')).cards[0]!;
    assert.ok(!buttons(roundCard).some((b) => b.data.subActivityId === ITEM), 'the item is not on the round card');
    assert.match(cardText(roundCard), /Inte med här: 1 delaktivitet i Bilaga 1 som ni har markerat som ej aktuella lokalt/);
    const { progress } = await get<{ progress: RoundProgress }>('/api/rounds/2026');
    const o = progress.arenas.find((a) => a.arenaId === 'ostersund')!;
    const k = progress.arenas.find((a) => a.arenaId === 'krokom')!;
    assert.equal(o.items, k.items - 1);
    assert.equal(o.notFollowedUp, k.notFollowedUp - 1);
    assert.equal(o.notApplicable, 1);
    assert.match(cardText((await bot.teams.say(county, 'uppföljning')).cards[0]), /Östersund[\s\S]*1 ej aktuella lokalt/);

    // The report: the county's row says in how many municipalities, Östersund's part says which and why.
    const report = await get<Report>('/api/report/2026');
    assert.equal(report.actionPlan.find((r) => r.subId === ITEM)!.localNotApplicable, 'Ej aktuellt i 1 av 8 kommuner');
    const ost = report.arenas.find((a) => a.arenaId === 'ostersund')!;
    const kro = report.arenas.find((a) => a.arenaId === 'krokom')!;
    assert.deepEqual(ost.notApplicable.map((r) => [r.subId, r.notApplicable]), [[ITEM, 'Regionens egen analys; görs inte i kommunen']]);
    assert.equal(ost.followUpTotal, kro.followUpTotal - 1);

    // Undone: back on the round card, and counted again.
    const undone = await bot.teams.click(ostersund, marked, 'Aktuellt lokalt igen');
    assert.match(cardText(undone), /Aktuell lokalt igen, sparat av Anna Andersson/);
    const back = (await bot.teams.say(ostersund, 'uppföljning')).cards[0]!;
    assert.doesNotMatch(cardText(back), /Inte med här/);
    const after = (await get<{ progress: RoundProgress }>('/api/rounds/2026')).progress.arenas.find((a) => a.arenaId === 'ostersund')!;
    assert.equal(after.items, k.items);
    assert.equal(after.notApplicable, 0);
    assert.doesNotMatch(cardText((await bot.teams.say(county, 'lokalt')).cards[0]), /Ej aktuellt i/);
    const history = await get<HistoryPage>(`/api/history?scope=ostersund`);
    assert.deepEqual(history.events.filter((e) => e.subActivityId === ITEM).map((e) => e.lines[0]), ['Aktuellt lokalt igen', 'Ej aktuellt lokalt: Regionens egen analys; görs inte i kommunen']);
  });

  it('Krokom cannot mark Östersund\'s follow-up Ej aktuellt lokalt, and the county\'s own items cannot be', async () => {
    const refused = await bot.teams.execute(krokom, 'saveNotApplicable', { scopeId: 'ostersund', subActivityId: ITEM, etag: 'not-yet-written', version: 0, notApplicableReason: 'Krokom tycker' }, BENGT);
    assert.match(cardText(refused), /Det här får du inte ändra här/);
    const own = await bot.teams.execute(county, 'notApplicableForm', { scopeId: 'lan', subActivityId: ITEM });
    assert.match(cardText(own), /Bara en lokal arena kan säga att en delaktivitet i Bilaga 1 inte är aktuell lokalt/);
    assert.equal((await arenaOf('ostersund')).bilaga1.flatMap((a) => a.subActivities).find((d) => d.id === ITEM)!.notApplicable, undefined);
  });

  it('a local revision: Östersund records its local plan as revised with its decision reference while the county\'s revision is open; the county sees it', async () => {
    const none = await bot.teams.execute(ostersund, 'localRevisionForm', {});
    assert.match(cardText(none), /Ingen revidering av planen är öppen/);

    const status = (await bot.teams.say(county, 'revidering')).cards[0]!;
    await bot.teams.click(county, status, 'Öppna revideringen', { lastDay: '2026-12-10' });

    const arenaStatus = (await bot.teams.say(ostersund, 'revidering')).cards[0]!;
    assert.match(cardText(arenaStatus), /0 av 8 lokala arenor har reviderat sin lokala plan/);
    const form = await bot.teams.click(ostersund, arenaStatus, 'Lokal plan reviderad');
    assert.match(cardText(form), /Östersunds lokala plan är reviderad/);
    assert.match(cardText(form), /Inget huvudmannabeslut behövs/);

    const missing = await bot.teams.click(ostersund, form, 'Spara', { date: '2026-11-20', reference: '', changes: 'Två aktiviteter omformulerade.' });
    assert.match(cardText(missing), /Beslutsreferensen saknas/);
    const future = await bot.teams.click(ostersund, form, 'Spara', { date: '2026-12-24', reference: 'Protokoll § 4', changes: 'x' });
    assert.match(cardText(future), /har inte varit än/);

    const saved = await bot.teams.click(ostersund, form, 'Spara', { date: '2026-11-20', reference: 'Protokoll lokal samverkansarena 2026-11-20 § 4', changes: 'Två aktiviteter omformulerade, en avslutad.' });
    assert.match(cardText(saved), /Östersunds lokala revidering är registrerad: Reviderad 2026-11-20 av Anna Andersson · Protokoll lokal samverkansarena 2026-11-20 § 4/);

    const countyView = cardText((await bot.teams.say(county, 'revidering')).cards[0]);
    assert.match(countyView, /1 av 8 lokala arenor har reviderat sin lokala plan/);
    assert.match(countyView, /Östersund[\s\S]*Protokoll lokal samverkansarena 2026-11-20 § 4[\s\S]*Två aktiviteter omformulerade, en avslutad\./);
    assert.ok(!buttons((await bot.teams.say(county, 'revidering')).cards[0]!).some((b) => b.verb === 'localRevisionForm'), 'the county records no local revision');
    assert.match(cardText(await bot.teams.execute(county, 'saveLocalRevision', { date: '2026-11-20', reference: 'x', changes: 'y' })), /Lokal revidering registreras i varje lokal arenas kanal/);

    // Historik and the arena's meeting brief tell it from its history row.
    const history = await get<HistoryPage>('/api/history?scope=ostersund');
    const event = history.events.find((e) => e.kind === 'localRevision')!;
    assert.equal(event.actor, 'Anna Andersson');
    assert.deepEqual(event.lines, ['Lokal plan reviderad 2026-11-20 · Protokoll lokal samverkansarena 2026-11-20 § 4', 'Ändrat: Två aktiviteter omformulerade, en avslutad.']);
    const brief = cardText((await bot.teams.say(ostersund, 'mötesunderlag sedan 2026-11-20')).cards[0]);
    assert.match(brief, /Östersunds lokala plan[\s\S]*Lokal plan reviderad 2026-11-20 · Protokoll lokal samverkansarena 2026-11-20 § 4/);

    const api = await get<{ localRevisions: Array<{ arenaId: string; reference: string; by: string; date: string; changes: string }> }>('/api/revision');
    assert.deepEqual(api.localRevisions.map((r) => [r.arenaId, r.date, r.by, r.reference, r.changes]), [['ostersund', '2026-11-20', 'Anna Andersson', 'Protokoll lokal samverkansarena 2026-11-20 § 4', 'Två aktiviteter omformulerade, en avslutad.']]);
  });
});
