// A compound measure answered one question at a time (issue 25): Bilaga 1's "Finns personcentrerat
// perspektiv? Finns fasta kontakter? Finns rutin?" (2.4.1) is three questions in one cell with one
// ja/nej target. Through the wire: the bot's update card and the round's inline card (sending the
// card's own input values, as Teams does), the tab's API, the arenas' matrix in the Word report,
// and a store written before the split, whose single answer is the first question's.
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { DEV_USER } from '../../bot/api/ssoAuth';
import type { PlanView, SubActivityView } from '../../bot/domain/planView';
import { stateFields } from '../../bot/storage/entities';
import { ROW, scopePartition } from '../../bot/storage/keys';
import { useBot } from '../helpers/botHarness';
import { CardCamera } from '../helpers/cardScreenshot';
import { TestClock } from '../helpers/clock';
import { ANNA, buttons, cardText, channel, inputValues, type Card } from '../helpers/teamsClient';

const county = channel('Länsgemensam samverkan', '19:lan@thread.tacv2');
const ostersund = channel('Östersund', '19:ostersund@thread.tacv2');
/** 2.4.1, "Läkarmedverkan i ordinärt boende inkl. korttids": three questions, each municipality answers. */
const HOME = 's2-a4-d1';

describe('each question of a compound measure is answered on its own', function () {
  this.timeout(60_000);
  const clock = new TestClock();
  const bot = useBot({}, () => ({ now: clock.now }));
  let camera: CardCamera;
  before(async () => {
    camera = await new CardCamera().start();
  });
  after(async () => camera?.stop());

  beforeEach(async () => {
    clock.set('2026-11-25T09:00:00Z');
    await bot.teams.say(county, 'koppla Länsgemensam samverkan');
    await bot.teams.say(ostersund, 'koppla Östersund');
    // The tab's signed-in person (development mode) is a member of Östersund's channel.
    await bot.app.channels.recordMember('ostersund', DEV_USER.id);
  });

  const mine = async (): Promise<SubActivityView> => {
    const view = (await (await fetch(`${bot.app.url}/api/plan`)).json()) as PlanView;
    return view.arenas.find((a) => a.id === 'ostersund')!.bilaga1.flatMap((a) => a.subActivities).find((d) => d.id === HOME)!;
  };

  async function form(): Promise<Card> {
    const list = (await bot.teams.say(ostersund, 'aktiviteter 2.4')).cards[0]!;
    const button = buttons(list).find((b) => b.verb === 'editSubActivity' && b.data.subActivityId === HOME)!;
    return bot.teams.execute(ostersund, button.verb, button.data);
  }

  it('asks the three questions apart on the update card, saves the one answered, and the history names it', async () => {
    const card = await form();
    const values = inputValues(card);
    assert.deepEqual(['answer-q1', 'answer-q2', 'answer-q3'].map((k) => values[k]), ['obesvarat', 'obesvarat', 'obesvarat']);
    assert.ok(!('measureAnswer' in values), 'no single answer for the whole cell');
    const text = cardText(card);
    for (const q of ['Finns personcentrerat perspektiv?', 'Finns fasta kontakter?', 'Finns rutin?']) assert.match(text, new RegExp(q.replace('?', '\\?')));

    const saved = await bot.teams.click(ostersund, card, 'Spara', { status: 'pagar', 'answer-q2': 'ja' });
    assert.match(cardText(saved), /Sparat av Anna Andersson/);
    const after = await mine();
    assert.deepEqual(after.answers, { q2: 'ja' });
    assert.equal(after.measureAnswer, '');
    assert.deepEqual(after.history![0]!.changes.map((c) => [c.field, c.question?.text ?? '', c.to]), [['status', '', 'pagar'], ['measureAnswer', 'Finns fasta kontakter?', 'ja']]);

    // The saved card says which question was answered; its own card shows each question's answer.
    const shown = cardText(await bot.teams.execute(ostersund, 'showSubActivity', { scopeId: 'ostersund', subActivityId: HOME }));
    assert.match(shown, /Finns personcentrerat perspektiv\? inte besvarad · Finns fasta kontakter\? ja · Finns rutin\? inte besvarad/);
    assert.match(cardText(saved), /svarade "ja" på frågan "Finns fasta kontakter\?"/);

    // The next form starts from what is saved: answering the third leaves the second as it is.
    await bot.teams.click(ostersund, await form(), 'Spara', { 'answer-q3': 'nej' });
    assert.deepEqual((await mine()).answers, { q2: 'ja', q3: 'nej' });
  });

  it('refuses an unknown question or a value that is not ja/nej, in Swedish, and changes nothing', async () => {
    const card = await form();
    const save = buttons(card).find((b) => b.title === 'Spara')!;
    const unknown = await bot.teams.execute(ostersund, save.verb, { ...save.data, ...inputValues(card), status: 'pagar', 'answer-q9': 'ja' });
    assert.match(cardText(unknown), /Svaret gäller en fråga som måttet inte har/);
    const maybe = await bot.teams.execute(ostersund, save.verb, { ...save.data, ...inputValues(card), status: 'pagar', 'answer-q1': 'kanske' });
    assert.match(cardText(maybe), /Svaret på frågan "Finns personcentrerat perspektiv\?" ska vara ja eller nej/);
    // A single answer for the whole cell (a card from before the split) is not spread over the questions.
    const whole = await bot.teams.execute(ostersund, save.verb, { ...save.data, status: 'pagar', measureAnswer: 'ja' });
    assert.match(cardText(whole), /Måttet har 3 frågor som besvaras var för sig/);
    const after = await mine();
    assert.equal(after.version, 0);
    assert.equal(after.answers, undefined);

    // The tab's API says the same, with 400, and no field name or id.
    const res = await fetch(`${bot.app.url}/api/activities/ostersund/${HOME}`, { method: 'PATCH', headers: { 'content-type': 'application/json', 'if-match': after.etag }, body: JSON.stringify({ version: 0, status: 'pagar', answers: { q7: 'ja' } }) });
    assert.equal(res.status, 400);
    const body = (await res.json()) as { error: string; details: string[] };
    assert.match(body.details.join(' '), /Svaret gäller en fråga som måttet inte har/);
    assert.doesNotMatch(JSON.stringify(body), /q7|answers/);
    assert.equal((await mine()).version, 0);
  });

  it('saves each question from the tab, and from the follow-up round\'s card', async () => {
    const before = await mine();
    const res = await fetch(`${bot.app.url}/api/activities/ostersund/${HOME}`, { method: 'PATCH', headers: { 'content-type': 'application/json', 'if-match': before.etag }, body: JSON.stringify({ version: 0, status: 'pagar', answers: { q1: 'Ja', q3: 'nej' } }) });
    assert.equal(res.status, 200);
    assert.deepEqual((await mine()).answers, { q1: 'ja', q3: 'nej' });

    // The round's card: the item's inputs are answer-<question>-<item>; Spara under it sends them all.
    clock.set('2026-11-26T09:00:00Z');
    const open = (await bot.teams.say(county, 'uppföljning')).cards[0]!;
    await bot.teams.click(county, open, 'Öppna', { roundLastDay: '2026-12-10' });
    let round = (await bot.teams.say(ostersund, 'uppföljning')).cards[0]!;
    for (let page = 0; page < 10 && !buttons(round).some((b) => b.title === 'Spara' && b.data.subActivityId === HOME); page++) round = await bot.teams.click(ostersund, round, /Nästa|Visa fler/);
    await camera.shoot('measure-questions-round', round, 'light');
    const values = inputValues(round);
    assert.deepEqual([`answer-q1-${HOME}`, `answer-q2-${HOME}`, `answer-q3-${HOME}`].map((k) => values[k]), ['ja', 'obesvarat', 'nej']);
    const saved = await bot.teams.click(ostersund, round, 'Spara', { [`answer-q2-${HOME}`]: 'nej' }, ANNA, { subActivityId: HOME });
    assert.match(cardText(saved), /Sparat av Anna Andersson/);
    const after = await mine();
    assert.deepEqual(after.answers, { q1: 'ja', q2: 'nej', q3: 'nej' });
    assert.deepEqual(after.history![0]!.changes.map((c) => c.question?.text), ['Finns fasta kontakter?']);
  });

  it('shows both answers in the arenas\' matrix of the Word report', async () => {
    const before = await mine();
    await fetch(`${bot.app.url}/api/activities/ostersund/${HOME}`, { method: 'PATCH', headers: { 'content-type': 'application/json', 'if-match': before.etag }, body: JSON.stringify({ version: 0, status: 'klar', answers: { q1: 'ja', q2: 'nej' } }) });
    const word = Buffer.from(await (await fetch(`${bot.app.url}/api/report/2026.docx`)).arrayBuffer());
    const text = (await (await JSZip.loadAsync(word)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    const matrix = text.slice(text.indexOf('Arenornas uppföljning av Bilaga 1'));
    assert.match(matrix, /Klar · Finns personcentrerat perspektiv\? ja · Finns fasta kontakter\? nej · Finns rutin\? inte besvarad/);
  });

  it('reads a store written before the split: its one answer is the first question\'s, and says so', async () => {
    // As stores before the split have them: the county's row without questions, and Östersund's
    // follow-up with one answer to the whole cell (no per-question column).
    const table = bot.app.tables.plan;
    await table.updateEntity({ partitionKey: scopePartition('lan'), rowKey: ROW.sub(HOME), questions: '' }, 'Merge');
    const { measureAnswers: _none, ...old } = stateFields({ status: 'pagar', statusNote: 'Gammalt svar', measureAnswer: 'ja', updatedAt: '2026-05-04T10:00:00.000Z', updatedBy: 'Bengt Berg', version: 1 });
    await table.createEntity({ partitionKey: scopePartition('ostersund'), rowKey: ROW.followUp(HOME), subActivityId: HOME, ...old });
    await bot.restart();

    const legacy = await mine();
    assert.deepEqual(legacy.questions?.map((q) => q.text), ['Finns personcentrerat perspektiv?', 'Finns fasta kontakter?', 'Finns rutin?'], 'the start carried the split to the stored plan');
    assert.equal(legacy.measureAnswer, 'ja');
    const shown = cardText(await bot.teams.execute(ostersund, 'showSubActivity', { scopeId: 'ostersund', subActivityId: HOME }));
    assert.match(shown, /Finns personcentrerat perspektiv\? ja \(svaret gavs innan frågorna delades upp och gäller den första frågan\) · Finns fasta kontakter\? inte besvarad/);
    const card = await form();
    // For a person to look at: test-results/cards/measure-questions-edit-*.png
    for (const theme of ['light', 'dark'] as const) await camera.shoot('measure-questions-edit', card, theme);
    assert.equal(inputValues(card)['answer-q1'], 'ja');
    assert.match(cardText(card), /Svaret gavs innan frågorna delades upp och gäller den första frågan\./);

    // Answering the second question keeps the first one's answer, still from before the split.
    await bot.teams.click(ostersund, card, 'Spara', { 'answer-q2': 'nej' });
    const after = await mine();
    assert.deepEqual([after.measureAnswer, after.answers], ['ja', { q2: 'nej' }]);
    assert.deepEqual(after.history![0]!.changes.map((c) => [c.question?.text, c.from, c.to]), [['Finns fasta kontakter?', '', 'nej']]);
    let card2 = (await bot.teams.say(county, 'lokalt')).cards[0]!;
    while (!cardText(card2).includes('Läkarmedverkan i ordinärt boende')) card2 = await bot.teams.click(county, card2, 'Visa fler');
    assert.match(cardText(card2), /Östersund: Pågår, Finns personcentrerat perspektiv\? ja \(svaret gavs innan frågorna delades upp/);
  });
});
