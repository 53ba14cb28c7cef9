// status, aktiviteter and updating a sub-activity through Action.Execute, end to end.
import assert from 'node:assert/strict';
import { loadPlanContent } from '../../bot/content/loadPlan';
import { titleMatches } from '../../bot/conversation/activitySearch';
import type { PlanView } from '../../bot/domain/planView';
import { LIMITS } from '../../bot/domain/limits';
import { ROW, scopePartition } from '../../bot/storage/keys';
import { useBot } from '../helpers/botHarness';
import { TestClock } from '../helpers/clock';
import { ANNA, BENGT, buttons, cardText, channel, type Card } from '../helpers/teamsClient';

const content = loadPlanContent();
const county = channel('Länsgemensam samverkan', '19:lan@thread.tacv2');
const ostersund = channel('Östersund');

describe('the county channel follows up Bilaga 1', () => {
  const clock = new TestClock();
  const bot = useBot({}, () => ({ now: clock.now }));

  beforeEach(async () => {
    clock.set('2026-11-23T09:00:00Z');
    await bot.teams.say(county, 'koppla Länsgemensam samverkan');
  });

  async function plan(): Promise<PlanView> {
    return (await (await fetch(`${bot.app.url}/api/plan`)).json()) as PlanView;
  }

  async function openEdit(subTitle: string, as = ANNA, place = county): Promise<Card> {
    const strategy = content.strategies.find((s) => s.activities.some((a) => a.subActivities.some((d) => d.title === subTitle)))!;
    const list = (await bot.teams.say(place, `aktiviteter ${strategy.number}`, as)).cards[0]!;
    const button = buttons(list).find((b) => b.verb === 'editSubActivity' && b.data.subActivityId === subId(subTitle));
    assert.ok(button, `no Uppdatera for ${subTitle}`);
    return bot.teams.execute(place, button.verb, button.data, as);
  }

  function subId(title: string): string {
    for (const s of content.strategies) for (const a of s.activities) for (const d of a.subActivities) if (d.title === title) return d.id;
    throw new Error(title);
  }

  it('status shows per strategy how many sub-activities are in each status, and what is overdue', async () => {
    const card = (await bot.teams.say(county, 'status')).cards[0]!;
    const text = cardText(card);
    for (const s of content.strategies) assert.match(text, new RegExp(`${s.number}\\. ${s.title}`));
    const delaktighet = content.strategies[0]!.activities.flatMap((a) => a.subActivities);
    // Nobody has followed anything up yet: the plan's 2023 statuses are not counted as today's.
    assert.match(text, new RegExp(`${delaktighet.length} delaktiviteter: ${delaktighet.length} ej uppföljda\n`));
    // 2023–2024 and 2024–2025 periods have ended by November 2026, but nobody has followed them up:
    // not known to be late, and said so beside what is late, with the way to the list.
    assert.doesNotMatch(text, /Försenat: prioriteringsperioden har gått ut/);
    assert.match(text, /35 delaktiviteter har inte följts upp sedan planen antogs, \d+ av dem med en prioriteringsperiod som har gått ut\./);
    assert.ok(buttons(card).some((b) => b.title === 'Visa försenade'));
    assert.ok(buttons(card).some((b) => b.title === 'Visa aktiviteter'));
    assert.ok(JSON.stringify(card).includes('Öppna planen'));
  });

  it('lists one strategy by number or by name, each with its status and an Uppdatera button', async () => {
    for (const typed of ['aktiviteter 2', 'aktiviteter kontinuitet', 'AKTIVITETER Kontinuitet']) {
      const card = (await bot.teams.say(county, typed)).cards[0]!;
      const text = cardText(card);
      assert.match(text, /2\. Ökad kontinuitet/, typed);
      assert.match(text, /Handlingsplan fasta kontakter etc\./);
      assert.doesNotMatch(text, /Ta fram gemensamma begrepp/);
      assert.ok(buttons(card).filter((b) => b.title === 'Uppdatera').length > 0);
    }
  });

  it('pages through every county-wide sub-activity', async () => {
    let card = (await bot.teams.say(county, 'aktiviteter')).cards[0]!;
    const seen = new Set<string>();
    for (let guard = 0; guard < 20; guard++) {
      for (const b of buttons(card).filter((x) => x.verb === 'editSubActivity')) seen.add(String(b.data.subActivityId));
      assert.ok(JSON.stringify(card).length < 28_000, 'card stays below Teams\' size limit');
      if (!buttons(card).some((b) => b.title === 'Visa fler')) break;
      card = await bot.teams.click(county, card, 'Visa fler');
    }
    const all = content.strategies.flatMap((s) => s.activities.flatMap((a) => a.subActivities.map((d) => d.id)));
    assert.deepEqual([...seen].sort(), [...all].sort());
  });

  it('keeps the search on every page: "Visa fler" and "Föregående" list only the hits', async () => {
    // Not what the search matches, but that paging keeps it: the hits as the search finds them.
    const hits = content.strategies.flatMap((s) => s.activities.flatMap((a) => (titleMatches(a.title, 'personer') ? a.subActivities : a.subActivities.filter((d) => titleMatches(d.title, 'personer')))).map((d) => d.id));
    assert.ok(hits.length > 8, 'more hits than one page holds');
    let card = (await bot.teams.say(county, 'aktiviteter personer')).cards[0]!;
    const seen = new Set<string>();
    for (let page = 1; ; page++) {
      const text = cardText(card);
      assert.match(text, /Aktiviteter med "personer"/);
      assert.match(text, new RegExp(`${hits.length} träffar .* Sida ${page} av 2\\.`));
      for (const b of buttons(card).filter((x) => x.verb === 'editSubActivity')) seen.add(String(b.data.subActivityId));
      if (!buttons(card).some((b) => b.title === 'Visa fler')) break;
      card = await bot.teams.click(county, card, 'Visa fler');
    }
    assert.deepEqual([...seen].sort(), [...hits].sort());
    const back = await bot.teams.click(county, card, 'Föregående');
    assert.match(cardText(back), /Aktiviteter med "personer"[\s\S]*Sida 1 av 2\./);
  });

  it('answers an unknown strategy with the five to choose from', async () => {
    const text = cardText((await bot.teams.say(county, 'aktiviteter ekonomi')).cards[0]);
    assert.match(text, /Ingen aktivitet med "ekonomi"/);
    for (const s of content.strategies) assert.match(text, new RegExp(`${s.number}\\. ${s.title}`));
  });

  it('updates a sub-activity from the list and comes back to the list with the sentence of what changed, also in the plan', async () => {
    const form = await openEdit('Kartlägga behovet');
    assert.match(cardText(form), /Uppdatera: Kartlägga behovet/);
    assert.match(cardText(form), /Spara och Avbryt leder tillbaka till listan/);
    const saved = await bot.teams.click(county, form, 'Spara', { status: 'pagar', statusNote: 'Kartläggning startad av SamReKo HSI', measureAnswer: 'nej', comment: 'Beslut i Fredagsgruppen' });
    const text = cardText(saved);
    // The list again (the strategy's, with the plan's numbers), the item as saved, and what changed in one sentence.
    assert.match(text, /^1\. Ökad delaktighet$/m);
    assert.match(text, /Sparat av Anna Andersson: Kartlägga behovet: ändrade status från Ej påbörjat till Pågår, ändrade statusanteckningen till "Kartläggning startad av SamReKo HSI" och svarade "nej" på måttet, 23 nov: "Beslut i Fredagsgruppen"\./);
    assert.match(text, /1\.2\.1 Kartlägga behovet\nPågår · 2024–2025/);
    assert.match(text, /1\.1\.1 Ta fram gemensamma begrepp och synsätt/);
    assert.ok(buttons(saved).filter((b) => b.title === 'Uppdatera').length > 1, 'every item of the list keeps its Uppdatera');

    const sub = (await plan()).strategies[0]!.activities[1]!.subActivities[0]!;
    assert.equal(sub.title, 'Kartlägga behovet');
    assert.equal(sub.status, 'pagar');
    assert.equal(sub.measureAnswer, 'nej');
    assert.equal(sub.updatedBy, 'Anna Andersson');
    assert.deepEqual(sub.history?.map((h) => [h.actor.name, h.comment, h.changes.map((c) => c.field)]), [['Anna Andersson', 'Beslut i Fredagsgruppen', ['status', 'statusNote', 'measureAnswer']]]);
  });

  it('tells the second person that someone changed it first, keeps the first change and lets them apply theirs again', async () => {
    const annas = await openEdit('Kartlägga behovet', ANNA);
    const bengts = await openEdit('Kartlägga behovet', BENGT);
    await bot.teams.click(county, bengts, 'Spara', { status: 'avbruten', comment: 'Ersätts av regional kartläggning' }, BENGT);

    const conflict = await bot.teams.click(county, annas, 'Spara', { status: 'klar', statusNote: 'Kartläggningen är klar' }, ANNA);
    const text = cardText(conflict);
    assert.match(text, /Någon annan hann spara innan dig/);
    assert.match(text, /Bengt Berg ändrade status från Ej påbörjat till Avbruten, 23 nov: "Ersätts av regional kartläggning"/);
    // Theirs beside yours: Bengt's status and note, Anna's status and note.
    assert.match(text, /Sparat av Bengt Berg, 23 nov\n[\s\S]*Avbruten[\s\S]*Ditt förslag\n[\s\S]*Klar[\s\S]*Kartläggningen är klar/);
    let sub = (await plan()).strategies[0]!.activities[1]!.subActivities[0]!;
    assert.equal(sub.status, 'avbruten', 'the first change stands');
    // The form now carries the current ETag and Anna's own values.
    const status = (conflict.body as Array<Record<string, unknown>>).find((e) => e.id === 'status');
    assert.equal(status?.value, 'klar');

    const again = await bot.teams.click(county, conflict, 'Spara', { status: 'klar', statusNote: 'Kartläggningen är klar' }, ANNA);
    assert.match(cardText(again), /Sparat av Anna Andersson/);
    sub = (await plan()).strategies[0]!.activities[1]!.subActivities[0]!;
    assert.equal(sub.status, 'klar');
    assert.deepEqual(sub.history?.map((h) => h.actor.name), ['Anna Andersson', 'Bengt Berg']);
  });

  it('refuses an update of a county-wide activity from an arena channel, and nothing changes', async () => {
    await bot.teams.say(ostersund, 'koppla Östersund');
    const form = await openEdit('Kartlägga behovet');
    const button = buttons(form).find((b) => b.title === 'Spara')!;
    const refused = await bot.teams.execute(ostersund, button.verb, { ...button.data, status: 'klar' });
    assert.match(cardText(refused), /Länsövergripande aktiviteter ändras bara från kanalen för länsgemensam samverkan\. Ingenting har ändrats\./);
    const edit = await bot.teams.execute(ostersund, 'editSubActivity', { scopeId: 'lan', subActivityId: subId('Kartlägga behovet') });
    assert.match(cardText(edit), /Det här får du inte ändra här/);
    const sub = (await plan()).strategies[0]!.activities[1]!.subActivities[0]!;
    assert.equal(sub.status, 'ej_paborjat');
    assert.equal(sub.history?.length, 0);
  });

  it('refuses malformed, tampered and oversized submissions and changes nothing', async () => {
    const form = await openEdit('Kartlägga behovet');
    const save = buttons(form).find((b) => b.title === 'Spara')!;
    const bad: Array<[string, Record<string, unknown>]> = [
      ['unknown status', { ...save.data, status: 'done' }],
      ['note too long', { ...save.data, statusNote: 'x'.repeat(LIMITS.statusNote + 1) }],
      ['comment too long', { ...save.data, comment: 'x'.repeat(LIMITS.comment + 1) }],
      ['yes/no answered with text', { ...save.data, measureAnswer: 'kanske' }],
      ['unknown sub-activity', { ...save.data, subActivityId: 's9-a9-d9', status: 'klar' }],
      ['odata in the id', { ...save.data, subActivityId: "s1-a2-d1' or RowKey ne '", status: 'klar' }],
      ['another scope', { ...save.data, scopeId: 'berg', status: 'klar' }],
      ['no etag', { scopeId: save.data.scopeId, subActivityId: save.data.subActivityId, status: 'klar' }],
      ['not an object', { ...save.data, status: ['klar'] }],
    ];
    for (const [name, data] of bad) {
      const card = await bot.teams.execute(county, 'saveSubActivity', data);
      assert.match(cardText(card), /(Det gick inte att läsa kortet|Aktiviteten finns inte|kunde inte sparas|får du inte ändra)[\s\S]*ingenting har ändrats/i, name);
    }
    const unknownVerb = await bot.teams.execute(county, 'deleteEverything', { scopeId: 'lan' });
    assert.match(cardText(unknownVerb), /ingenting har ändrats/);
    const sub = (await plan()).strategies[0]!.activities[1]!.subActivities[0]!;
    assert.equal(sub.status, 'ej_paborjat');
    assert.equal(sub.version, 0);
  });

  it('brings the form back with what the person typed when a save fails for a reason that is not theirs', async () => {
    const form = await openEdit('Kartlägga behovet');
    // Something unexpected stands in the way of the write: the row the change goes to is taken.
    await bot.app.tables.plan.createEntity({ partitionKey: scopePartition('lan'), rowKey: ROW.log(clock.now(), subId('Kartlägga behovet'), 1), note: 'in the way' });
    const typed = { status: 'pagar', statusNote: 'Kartläggningen har börjat i tre kommuner', comment: 'Från mötet i Fredagsgruppen' };
    const answer = await bot.teams.click(county, form, 'Spara', typed);
    const text = cardText(answer);
    assert.match(text, /Det gick inte att spara just nu, så ingenting har sparats/);
    assert.doesNotMatch(text, /Sparat av/);
    assert.ok(JSON.stringify(answer).includes('"value":"Kartläggningen har börjat i tre kommuner"'), 'the note is back in the form');
    assert.ok(JSON.stringify(answer).includes('"value":"Från mötet i Fredagsgruppen"'), 'the comment is back in the form');
    assert.ok(buttons(answer).some((b) => b.title === 'Spara'), 'the person can save again');
    const sub = (await plan()).strategies[0]!.activities[1]!.subActivities[0]!;
    assert.equal(sub.version, 0);
  });

  it('never applies a field the form does not have, whatever a request carries', async () => {
    const form = await openEdit('Kartlägga behovet');
    const save = buttons(form).find((b) => b.title === 'Spara')!;
    await bot.teams.execute(county, 'saveSubActivity', { ...save.data, status: 'pagar', updatedBy: 'Someone else', version: 99 });
    const sub = (await plan()).strategies[0]!.activities[1]!.subActivities[0]!;
    assert.equal(sub.status, 'pagar');
    assert.equal(sub.updatedBy, ANNA.name);
    assert.equal(sub.version, 1);
  });

  it('closes the form without saving on Avbryt, with the inputs Teams sends along', async () => {
    const form = await openEdit('Kartlägga behovet');
    const closed = await bot.teams.click(county, form, 'Avbryt');
    // Back to the list it was opened from, nothing saved.
    assert.match(cardText(closed), /^1\. Ökad delaktighet$/m);
    assert.doesNotMatch(cardText(closed), /Sparat av/);
    assert.ok(buttons(closed).filter((b) => b.title === 'Uppdatera').length > 1);
  });

  it('shows the change in status afterwards: latest changes, overdue once followed up, then not', async () => {
    const form = await openEdit('Ta fram gemensamma begrepp och synsätt');
    await bot.teams.click(county, form, 'Spara', { status: 'pagar', statusNote: 'Begreppen tas fram i kommunikationsplanen' });
    const late = cardText((await bot.teams.say(county, 'status')).cards[0]);
    assert.match(late, /Ta fram gemensamma begrepp och synsätt \(2023–2024\): Pågår/);
    assert.match(late, /34 delaktiviteter har inte följts upp sedan planen antogs/);
    await bot.teams.click(county, await openEdit('Ta fram gemensamma begrepp och synsätt'), 'Spara', { status: 'klar' });
    const after = cardText((await bot.teams.say(county, 'status')).cards[0]);
    assert.match(after, /Senaste ändringar/);
    assert.match(after, /Ta fram gemensamma begrepp och synsätt: Anna Andersson ändrade status från Pågår till Klar, 23 nov/);
    assert.doesNotMatch(after, /Ta fram gemensamma begrepp och synsätt \(2023–2024\):/);
    assert.match(after, /1\. Ökad delaktighet\n[^]*?4 delaktiviteter: 3 ej uppföljda · 1 klar/);
  });
});

describe('an arena channel before it has local activities', () => {
  const bot = useBot();

  it('status and aktiviteter show Bilaga 1 to follow up, and say how to add the first local activity', async () => {
    await bot.teams.say(ostersund, 'koppla Östersund');
    const status = cardText((await bot.teams.say(ostersund, 'status')).cards[0]);
    assert.match(status, /Östersund har inga lokala aktiviteter ännu/);
    assert.match(status, /Länsövergripande aktiviteter \(Bilaga 1\)[\s\S]*Ej uppföljd sedan planen antogs: 33 av 33/);
    const list = cardText((await bot.teams.say(ostersund, 'aktiviteter')).cards[0]);
    assert.match(list, /ny aktivitet/);
    assert.match(list, /Länsövergripande aktiviteter \(Bilaga 1\)/);
  });
});
