// Mötesunderlag end to end: changes made through the bot since a channel's previous brief are
// listed, and nothing from before it; a brief right after lists nothing; "sedan <datum>" starts from
// that day; a bad date changes nothing; what became overdue between two briefs is listed; an
// arena's brief ends with the county's changes to Bilaga 1 (plan 7.3), the county's own brief does
// not. The card's link opens the printable page's data (GET /api/brief), which has the same items.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { MeetingBrief } from '../../bot/domain/meetingBrief';
import type { PlanView } from '../../bot/domain/planView';
import { lineOf } from '../../bot/cards/meetingBriefCard';
import { useBot } from '../helpers/botHarness';
import { CardCamera } from '../helpers/cardScreenshot';
import { countStorageRequests } from '../helpers/storageRequests';
import { TestClock } from '../helpers/clock';
import type { ChannelPlace } from '../helpers/teamsActivity';
import { ANNA, buttons, cardText, channel, inputValues, type Card } from '../helpers/teamsClient';

const county = channel('Länsgemensam samverkan', '19:lan@thread.tacv2');
const ostersund = channel('Östersund');
/** Bilaga 1, 9.2 "Rutin för läkarmedverkan vid LSS-boenden" (priority 2024–2025). */
const LSS = 's2-a3-d2';
/** Bilaga 1, 9.2 another sub-activity of the same period. */
const OTHER = 's2-a2-d1';
/** Bilaga 1, 9.3: priority 2025–2026, so it becomes overdue when 2027 begins. */
const ENDS_2026 = 's3-a1-d1';
/** Läkarbesök per municipality (an effect measure each municipality reports). */
const LAKARBESOK = 's3-e1';
const HOUR = 3_600_000;

describe('mötesunderlag: what changed since the channel\'s last brief', () => {
  const clock = new TestClock();
  const bot = useBot({}, () => ({ now: clock.now }));

  beforeEach(async () => {
    clock.set('2026-11-23T09:00:00Z');
    await bot.teams.say(county, 'koppla Länsgemensam samverkan');
    await bot.teams.say(ostersund, 'koppla Östersund');
  });

  async function plan(): Promise<PlanView> {
    return (await (await fetch(`${bot.app.url}/api/plan`)).json()) as PlanView;
  }

  async function subTitle(id: string): Promise<string> {
    return (await plan()).strategies.flatMap((s) => s.activities.flatMap((a) => a.subActivities)).find((d) => d.id === id)!.title;
  }

  /** Opens a Bilaga 1 item's form in the channel (paging the strategy's list) and saves a status. */
  async function setStatus(place: ChannelPlace, subId: string, status: string, comment = '', statusNote?: string): Promise<void> {
    let list = (await bot.teams.say(place, `aktiviteter ${subId.charAt(1)}`)).cards[0]!;
    for (let page = 0; page < 10; page++) {
      const button = buttons(list).find((b) => b.verb === 'editSubActivity' && b.data.subActivityId === subId);
      if (button) {
        const form = await bot.teams.execute(place, button.verb, button.data);
        const saved = await bot.teams.click(place, form, 'Spara', { status, ...(comment ? { comment } : {}), ...(statusNote !== undefined ? { statusNote } : {}) });
        assert.match(cardText(saved), /Sparat av/);
        return;
      }
      list = await bot.teams.click(place, list, 'Visa fler');
    }
    throw new Error(`no Uppdatera for ${subId}`);
  }

  /** "ny aktivitet" → strategy 1 → Anta the recommendation. */
  async function adopt(recommendationId: string): Promise<string> {
    const card = (await bot.teams.say(ostersund, 'ny aktivitet')).cards[0]!;
    const choose = buttons(card).find((b) => b.verb === 'chooseNewActivityStrategy' && b.data.strategyId === `s${recommendationId.charAt(1)}`)!;
    const step = await bot.teams.execute(ostersund, choose.verb, { ...inputValues(card), ...choose.data });
    const anta = buttons(step).find((b) => b.verb === 'adoptRecommendation' && b.data.recommendationId === recommendationId)!;
    const done = await bot.teams.execute(ostersund, anta.verb, { ...inputValues(step), ...anta.data });
    assert.match(cardText(done), /Östersund/);
    return (await plan()).arenas.find((a) => a.id === 'ostersund')!.activities.find((a) => a.recommendationId === recommendationId)!.title;
  }

  /** mått → Rapportera → Värde för Östersund → Spara in the county's channel (the county reports every measure): Östersund's value of the period asked for. */
  async function report(measureId: string, value: string): Promise<void> {
    const card = (await bot.teams.say(county, 'mått')).cards[0]!;
    const open = buttons(card).find((b) => b.title === 'Rapportera' && b.data.measureId === measureId)!;
    const countyForm = await bot.teams.execute(county, open.verb, open.data);
    const form = await bot.teams.click(county, countyForm, 'Visa värdet', { arena: 'ostersund' });
    const saved = await bot.teams.click(county, form, 'Spara', { value_0: value });
    assert.match(cardText(saved), /Sparat|sparat/);
  }

  async function brief(place: ChannelPlace, words = 'mötesunderlag'): Promise<Card> {
    const reply = await bot.teams.say(place, words, ANNA);
    assert.equal(reply.cards.length, 1);
    const card = reply.cards[0]!;
    assert.ok(Buffer.byteLength(JSON.stringify(card)) < 28 * 1024);
    return card;
  }

  /** The count the card gives a group ("Ändrad status" → 1). */
  function count(card: Card, group: string): number {
    if (/Inget nytt sedan/.test(cardText(card))) return 0;
    const m = new RegExp(`${group}\\n(\\d+)`).exec(cardText(card));
    assert.ok(m, `no count for ${group} in ${cardText(card)}`);
    return Number(m[1]);
  }

  /** An arena's lines in the county's brief: the button that shows them, and the element it shows. */
  function arenaLines(card: Card, arena: string): { title: string; hidden: boolean; text: string; element: Record<string, unknown> } {
    const found: Record<string, unknown>[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        found.push(v as Record<string, unknown>);
        Object.values(v).forEach(walk);
      }
    };
    walk(card);
    const toggle = found.find((o) => o.type === 'Action.ToggleVisibility' && String(o.title).startsWith(`Visa ${arena}s ändringar`));
    assert.ok(toggle, `no button for ${arena}'s lines`);
    const target = (toggle.targetElements as string[])[0];
    const element = found.find((o) => o.id === target);
    assert.ok(element, `the button shows ${target}, which is on the card`);
    return { title: String(toggle.title), hidden: element.isVisible === false, text: cardText(element.items).replace(/^\d+\n/, ''), element };
  }

  /** The printable page's data for the card's window (the card's link carries it). */
  async function page(card: Card): Promise<MeetingBrief> {
    const link = JSON.stringify(card).match(/"url":"([^"]+)"/)?.[1];
    assert.ok(link, 'the card links to the printable page');
    const url = new URL(link);
    assert.equal(url.searchParams.get('view'), 'motesunderlag');
    const q = new URLSearchParams({ arena: url.searchParams.get('arena')!, since: url.searchParams.get('since')!, until: url.searchParams.get('until')! });
    const res = await fetch(`${bot.app.url}/api/brief?${q.toString()}`);
    assert.equal(res.status, 200);
    return (await res.json()) as MeetingBrief;
  }

  it('lists exactly the status change, the new activity and the measure value made since the previous brief', async () => {
    await setStatus(ostersund, LSS, 'pagar', 'Före förra mötet');
    clock.advance(HOUR);
    const first = await brief(ostersund);
    assert.match(cardText(first), /Första mötesunderlaget här: de senaste 30 dagarna/);
    assert.match(cardText(first), new RegExp(await subTitle(LSS)));

    clock.advance(HOUR);
    await setStatus(ostersund, OTHER, 'klar', 'Klart i arenan');
    const adopted = await adopt('s1-l1');
    await report(LAKARBESOK, '1 250');
    clock.advance(HOUR);

    const second = await brief(ostersund);
    const text = cardText(second);
    assert.match(text, /Sedan förra mötesunderlaget 23 nov\. 2026 11:00/);
    assert.deepEqual(
      ['Ändrad status', 'Blev försenade', 'Nya aktiviteter', 'Rapporterade mätvärden', 'Andra uppdateringar'].map((g) => count(second, g)),
      [1, 0, 1, 1, 0],
    );
    // Östersund's first follow-up of the item: it had no status of its own before.
    assert.match(text, new RegExp(`${await subTitle(OTHER)}: Ej uppföljd → Klar \\("Klart i arenan"\\)`));
    assert.ok(text.includes(adopted), 'the adopted activity');
    assert.match(text, /Rapporterade \d{4}: 1\s250/);
    assert.ok(!text.includes(await subTitle(LSS)), 'nothing from before the previous brief');
    assert.ok(!text.includes('Före förra mötet'));

    // The printable page has the same items.
    const data = await page(second);
    const lines = data.groups.flatMap((g) => g.items.map(lineOf));
    assert.equal(lines.length, 3);
    for (const line of lines) assert.ok(text.includes(line), line);
  });

  it('says plainly that nothing is new when asked again right after, and remembers that brief', async () => {
    await setStatus(ostersund, LSS, 'klar');
    await brief(ostersund);
    const again = await brief(ostersund);
    assert.match(cardText(again), /Inget nytt sedan förra mötesunderlaget 23 nov\. 2026 10:00\./);
    assert.doesNotMatch(cardText(again), /Ändrad status \(/);
  });

  it('lists from a given date, and the next plain brief starts from that one', async () => {
    await setStatus(ostersund, LSS, 'klar');
    clock.advance(HOUR);
    await brief(ostersund);
    clock.advance(HOUR);
    const since = await brief(ostersund, 'mötesunderlag sedan 2026-10-01');
    assert.match(cardText(since), /Sedan 1 oktober 2026, till 23 nov\. 2026 12:00/);
    assert.match(cardText(since), new RegExp(`${await subTitle(LSS)}: Ej uppföljd → Klar`), 'from the date, not from the previous brief');
    assert.equal((await page(since)).from, '2026-09-30T22:00:00.000Z', 'the start of 1 October in Swedish time');
    assert.match(cardText(await brief(ostersund)), /Inget nytt sedan förra mötesunderlaget 23 nov\. 2026 12:00/);
    // Swedish words for the date work too.
    assert.match(cardText(await brief(ostersund, 'mötesunderlag sedan 1 oktober')), /Sedan 1 oktober 2026/);
  });

  it('answers a bad or future date with how to write it, and keeps the remembered time', async () => {
    await brief(ostersund);
    clock.advance(HOUR);
    await setStatus(ostersund, LSS, 'klar');
    clock.advance(HOUR);
    for (const [words, title] of [
      ['mötesunderlag sedan blåmåndag', /Jag förstår inte datumet "blåmåndag"/],
      ['mötesunderlag sedan 2026-02-30', /Jag förstår inte datumet "2026-02-30"/],
      ['mötesunderlag sedan 2027-01-15', /2027-01-15 har inte kommit än/],
    ] as const) {
      const text = cardText(await brief(ostersund, words));
      assert.match(text, title);
      assert.match(text, /Skriv datumet som ÅÅÅÅ-MM-DD/);
      assert.match(text, /Ingenting har ändrats/);
    }
    // The printable page's API answers the same way, and reading it remembers nothing.
    for (const [query, status, error] of [
      ['arena=ostersund&since=igår', 400, /Skriv det som ÅÅÅÅ-MM-DD/],
      ['arena=ostersund&since=2027-01-15', 400, /har inte kommit än/],
      ['arena=ingenstans&since=2026-10-01', 404, /ingen arena/],
    ] as const) {
      const res = await fetch(`${bot.app.url}/api/brief?${query}`);
      assert.equal(res.status, status, query);
      assert.match(((await res.json()) as { error: string }).error, error);
    }
    assert.equal((await fetch(`${bot.app.url}/api/brief?arena=ostersund&since=2026-10-01`)).status, 200);
    const next = cardText(await brief(ostersund));
    assert.match(next, /Sedan förra mötesunderlaget 23 nov\. 2026 10:00/, 'the refused briefs were not remembered');
    assert.match(next, new RegExp(await subTitle(LSS)));
  });

  it('lists what became overdue between two briefs, and not what was overdue already', async () => {
    await setStatus(ostersund, LSS, 'pagar'); // 2024–2025: overdue already
    await setStatus(ostersund, ENDS_2026, 'pagar'); // 2025–2026
    clock.set('2026-12-31T12:00:00Z');
    const before = await brief(ostersund);
    assert.equal(count(before, 'Blev försenade'), 0);
    clock.set('2027-01-02T08:00:00Z');
    const after = await brief(ostersund);
    assert.equal(count(after, 'Blev försenade'), 1);
    assert.match(cardText(after), new RegExp(`${await subTitle(ENDS_2026)}: Pågår\\n.*prioritet 2025–2026, slut 31 december 2026`));
    assert.ok(!cardText(after).includes(await subTitle(LSS)));
  });

  it("gives the county channel Bilaga 1 as the county follows it up and every reported measure value, and the arenas' changes counted per arena", async () => {
    await brief(county);
    clock.advance(HOUR);
    await setStatus(county, OTHER, 'klar');
    await setStatus(ostersund, LSS, 'klar');
    await report(LAKARBESOK, '900');
    clock.advance(HOUR);
    const card = await brief(county);
    const text = cardText(card);
    assert.equal(count(card, 'Ändrad status'), 1);
    assert.match(text, new RegExp(`${await subTitle(OTHER)}: Pågår → Klar`));
    assert.equal(count(card, 'Arenornas ändringar'), 1);
    assert.match(text, /Östersund: 1 ändring\n/);
    // Östersund's own follow-up is counted, and its line is one click away on the card: hidden until its button is pressed.
    const lines = arenaLines(card, 'Östersund');
    assert.equal(lines.title, 'Visa Östersunds ändringar (1)');
    assert.equal(lines.hidden, true);
    assert.match(lines.text, new RegExp(`^${await subTitle(LSS)}: Status: [^\\n]+ → Klar \\(Anna Andersson, `));
    assert.equal(count(card, 'Rapporterade mätvärden'), 1);
    assert.match(text, /Östersund/, 'a municipality\'s value says whose it is');
  });

  it('gives an arena the county\'s changes to Bilaga 1 in a group of its own, with who and when; the county\'s own brief is unchanged', async function () {
    this.timeout(120_000);
    clock.set('2026-12-31T12:00:00Z');
    // The county follows up an item whose period ends with the year: only what someone followed up
    // can become late; the rest stays "not followed up".
    await setStatus(county, ENDS_2026, 'uppdrag_behovs', 'Läget i december');
    await brief(ostersund);
    await brief(county);
    clock.set('2027-01-02T08:00:00Z');
    // The county decides on an item in Fredagsgruppen; Östersund follows up another one.
    await setStatus(county, OTHER, 'klar', 'Beslut i Fredagsgruppen', 'Forum finns i alla kommuner');
    await setStatus(ostersund, LSS, 'pagar', 'Vi har börjat');
    clock.advance(HOUR);

    const card = await brief(ostersund);
    const text = cardText(card);
    const other = await subTitle(OTHER);
    // Counts first: the arena's own groups, then the county's.
    assert.match(text, /Ändrad status\n1\nBlev försenade\n0\nNya aktiviteter\n0\nRapporterade mätvärden\n0\nAndra uppdateringar\n0\nLänets ändringar i Bilaga 1\n\d+/);
    // The county's items whose priority period (2025–2026) ended with the new year and that the
    // county has not closed became overdue at county level, beside its one change.
    const endedAtCounty = (await plan()).strategies.flatMap((s) => s.activities).filter((a) => a.period.to === 2026).flatMap((a) => a.subActivities).filter((d) => d.followedUp && !['klar', 'avbruten'].includes(d.status) && !d.retired);
    assert.deepEqual(endedAtCounty.map((d) => d.id), [ENDS_2026]);
    assert.equal(count(card, 'Länets ändringar i Bilaga 1'), 1 + endedAtCounty.length);
    assert.match(text, /Länets ändringar i Bilaga 1 \(\d+\)\n(?:[A-Za-z]+\n)*Det länsgemensam samverkan har ändrat i Bilaga 1, som arenan följer upp lokalt/);
    // The county's change with who and when, status and note in one line.
    assert.match(text, new RegExp(`${other}: Status: Pågår → Klar; Statusanteckning: [^\\n]*→ Forum finns i alla kommuner; Kommentar: "Beslut i Fredagsgruppen"\\n[^\\n]*Anna Andersson, 2 jan\\.?\\n`));
    assert.match(text, new RegExp(`${await subTitle(ENDS_2026)}: Blev försenad – länets status: `));
    if (endedAtCounty.length + 1 > 5) assert.match(text, new RegExp(`och ${endedAtCounty.length + 1 - 5} till på den utskriftsvänliga sidan`));

    // The printable page: the arena's own change stays in its own group, the county's in the county's, last.
    const data = await page(card);
    assert.deepEqual(data.groups.map((g) => g.id), ['status', 'overdue', 'activities', 'measures', 'updates', 'county']);
    const ids = (id: string) => data.groups.find((g) => g.id === id)!.items.map((i) => i.title);
    assert.deepEqual(ids('status'), [await subTitle(LSS)]);
    assert.match(data.groups[0]!.items[0]!.text, /^Ej uppföljd → Pågår/);
    assert.equal(ids('overdue').length, 0, 'Östersund had not followed those items up');
    assert.deepEqual(ids('county').slice(0, 1), [other]);
    assert.equal(ids('county').length, 1 + endedAtCounty.length, 'every item is on the page');
    const countyChange = data.groups.find((g) => g.id === 'county')!.items[0]!;
    assert.equal(countyChange.actor, 'Anna Andersson');
    assert.ok(countyChange.at && countyChange.at > '2027-01-02T07:00:00Z');
    assert.ok(!countyChange.context.includes('Länsgemensam samverkan'), 'the group says whose it is');

    // The county's own brief: its five groups with its own change, no county group, and what the
    // arenas changed counted per arena, the lines on the page one click away.
    const own = await brief(county);
    const ownText = cardText(own);
    assert.doesNotMatch(ownText, /Länets ändringar/);
    assert.equal(count(own, 'Ändrad status'), 1);
    assert.match(ownText, new RegExp(`${other}: Pågår → Klar \\("Beslut i Fredagsgruppen"\\)`));
    // Östersund's change is counted, and its line is behind Östersund's button, not in the county's own groups.
    const ownLines = arenaLines(own, 'Östersund');
    assert.equal(ownLines.hidden, true);
    assert.match(ownLines.text, new RegExp(`^${await subTitle(LSS)}: `));
    assert.equal(ownText.split(await subTitle(LSS)).length - 1, 1, "Östersund's change is on the card once: behind its button");
    assert.equal(count(own, 'Blev försenade'), endedAtCounty.length);
    assert.equal(count(own, 'Arenornas ändringar'), 1);
    assert.match(ownText, /Östersund: 1 ändring\n/);
    const ownPage = await page(own);
    assert.deepEqual(ownPage.groups.map((g) => g.id), ['status', 'overdue', 'activities', 'measures', 'updates', 'arenas']);
    const arenas = ownPage.groups.find((g) => g.id === 'arenas')!.items;
    assert.deepEqual(arenas.map((i) => [i.title, i.text]), [['Östersund', '1 ändring']]);
    assert.match(arenas[0]!.lines![0]!, new RegExp(`^${await subTitle(LSS)}: .*Pågår.*Kommentar: "Vi har börjat" \\(Anna Andersson, `));

    const camera = await new CardCamera().start();
    try {
      for (const theme of ['light', 'dark'] as const) {
        const { height } = await camera.shoot('meetingBrief-arena-county', card, theme);
        assert.ok(height < 1800, `the card is ${height} px tall`);
      }
    } finally {
      await camera.stop();
    }
  });

  it('looks compact in light and dark: counts first, a handful per group, "och N till"', async function () {
    this.timeout(120_000);
    clock.set('2026-12-31T12:00:00Z');
    await brief(county);
    clock.set('2027-01-02T08:00:00Z');
    for (const [id, status] of [['s1-a1-d1', 'klar'], ['s1-a1-d2', 'avbruten'], ['s2-a1-d1', 'klar'], ['s3-a3-d2', 'pagar'], ['s4-a1-d2', 'pagar'], ['s5-a1-d1', 'uppdrag_behovs'], ['s5-a3-d1', 'pagar']] as const) {
      await setStatus(county, id, status, id === 's1-a1-d1' ? 'Beslut i Fredagsgruppen 2 januari' : '');
    }
    await report(LAKARBESOK, '1 310');
    const card = await brief(county);
    const text = cardText(card);
    assert.match(text, /och 2 till på den utskriftsvänliga sidan/, 'seven status changes, five shown');
    assert.ok(count(card, 'Blev försenade') > 0);
    const camera = await new CardCamera().start();
    try {
      for (const theme of ['light', 'dark'] as const) {
        const { height } = await camera.shoot('meetingBrief', card, theme);
        assert.ok(height < 1600, `the card is ${height} px tall`);
      }
    } finally {
      await camera.stop();
    }
  });

  it("puts each arena's lines one click away on the county's card, capped with \"och N till\"; closed and open in light and dark", async function () {
    this.timeout(120_000);
    const krokom = channel('Krokom');
    await bot.teams.say(krokom, 'koppla Krokom');
    await brief(county);
    clock.advance(HOUR);
    await setStatus(krokom, LSS, 'klar', 'Klart i Krokom');
    const ids = ['s1-a1-d1', 's1-a1-d2', 's2-a1-d1', 's3-a3-d2', 's4-a1-d2', 's5-a1-d1', 's5-a3-d1', OTHER, LSS, ENDS_2026];
    for (const id of ids) await setStatus(ostersund, id, 'pagar');
    clock.advance(HOUR);
    const card = await brief(county);
    const ost = arenaLines(card, 'Östersund');
    assert.equal(ost.title, `Visa Östersunds ändringar (${ids.length})`);
    assert.equal(ost.hidden, true);
    assert.equal(ost.text.split('\n').filter((l) => / \(Anna Andersson, /.test(l)).length, 8);
    assert.match(ost.text, new RegExp(`och ${ids.length - 8} till på den utskriftsvänliga sidan`));
    const krok = arenaLines(card, 'Krokom');
    assert.match(krok.text, new RegExp(`^${await subTitle(LSS)}: .*Kommentar: "Klart i Krokom"`));
    assert.doesNotMatch(krok.text, /och \d+ till/);
    // Every line behind the buttons is on the printable page too.
    const arenasGroup = (await page(card)).groups.find((g) => g.id === 'arenas')!;
    assert.equal(arenasGroup.items.find((i) => i.title === 'Östersund')!.lines!.length, ids.length);
    const camera = await new CardCamera().start();
    try {
      for (const theme of ['light', 'dark'] as const) {
        await camera.shoot('meetingBriefArenas', card, theme, `meetingBriefArenas-closed-${theme}.png`);
        // What the button does in Teams: the element becomes visible.
        const open = JSON.parse(JSON.stringify(card)) as Card;
        arenaLines(open, 'Östersund').element.isVisible = true;
        const { height } = await camera.shoot('meetingBriefArenas', open, theme, `meetingBriefArenas-open-${theme}.png`);
        assert.ok(height < 1800, `the open card is ${height} px tall`);
      }
    } finally {
      await camera.stop();
    }
  });

  it("costs the county's brief two requests per arena (its plan's stamp and its feed's window), and reading the page moves no window", async () => {
    const krokom = channel('Krokom');
    await bot.teams.say(krokom, 'koppla Krokom');
    await brief(county);
    clock.advance(HOUR);
    await setStatus(krokom, LSS, 'klar');
    await setStatus(ostersund, LSS, 'pagar');
    await setStatus(ostersund, OTHER, 'pagar');
    clock.advance(HOUR);
    const counter = countStorageRequests(bot.app.tables);
    counter.reset();
    const card = await brief(county);
    const requests = [...counter.requests];
    assert.match(cardText(card), /Östersund: 2 ändringar\n/);
    assert.match(cardText(card), /Krokom: 1 ändring\n/);
    const arenas = (await plan()).arenas.length;
    // One feed window per arena and the county's, each arena's plan (its cached stamp); then the last
    // brief, the measure values, the revision's pointer and the brief row: 22 for nine arenas.
    const feeds = requests.filter((r) => r.includes("RowKey ge 'log|"));
    assert.equal(feeds.length, arenas, `one feed window per arena:\n${requests.join('\n')}`);
    assert.ok(feeds.every((r) => /RowKey ge 'log\|\d+' and RowKey lt 'log\|\d+'$/.test(decodeURIComponent(r))), 'a range of exactly the window, not the whole feed');
    assert.ok(requests.length <= 2 * arenas + 4, `${requests.length} requests:\n${requests.join('\n')}`);
    fs.mkdirSync('test-results', { recursive: true });
    fs.writeFileSync('test-results/county-brief-requests.txt', `${requests.length} requests for ${arenas} arenas\n${requests.join('\n')}\n`);

    // Reading the brief's page (as the tab and the meeting panel do) remembers nothing: the next brief starts where the card's did end.
    const data = await page(card);
    assert.equal(data.groups.find((g) => g.id === 'arenas')!.items.length, 2);
    clock.advance(HOUR);
    const next = await brief(county);
    assert.match(cardText(next), /Inget nytt sedan förra mötesunderlaget/);
  });

  it('costs a handful of storage requests, reading only the arena\'s and the county\'s partitions', async () => {
    const krokom = channel('Krokom');
    await bot.teams.say(krokom, 'koppla Krokom');
    await setStatus(krokom, LSS, 'klar');
    await brief(ostersund);
    clock.advance(HOUR);
    await setStatus(ostersund, LSS, 'pagar');
    const counter = countStorageRequests(bot.app.tables);
    counter.reset();
    const card = await brief(ostersund);
    const requests = [...counter.requests];
    assert.equal(count(card, 'Ändrad status'), 1);
    // Last brief, the county's Bilaga 1, Östersund's partition, its feed's window, the county's feed's
    // window (its changes to Bilaga 1), the measure values, the current revision's pointer (an
    // arena's local revision in the window), the brief row.
    assert.ok(requests.length <= 8, `${requests.length} requests:\n${requests.join('\n')}`);
    const feeds = requests.filter((r) => r.includes("RowKey ge 'log|"));
    assert.equal(feeds.length, 2, `the arena's and the county's feed:\n${requests.join('\n')}`);
    assert.ok(feeds.some((r) => r.includes("'scope:lan'")) && feeds.some((r) => r.includes("'scope:ostersund'")));
    assert.ok(feeds.every((r) => /RowKey ge 'log\|\d+' and RowKey lt 'log\|\d+'$/.test(decodeURIComponent(r))), 'a range of exactly the window, not the whole feed');
    assert.ok(!requests.some((r) => r.includes('scope:krokom')), `another arena's partition was read:\n${requests.join('\n')}`);
  });
});
