// What coordinators write to the bot, in their own words, and what they should get: a table of
// sentences (questions, politeness, typos, English, names, numbers, dates) read against the plan
// the app ships with. Written from how people in the arenas write, not from the command list.
// The rule it guards: an exact word acts; a near miss only offers ("Menade du …?", at most three
// buttons, "hjälp" among them); nothing that writes or records starts from a guess.
import assert from 'node:assert/strict';
import { loadPlanContent } from '../../bot/content/loadPlan';
import { parseCommand, type Command } from '../../bot/domain/commands';

const plan = loadPlanContent();
const vocabulary = { arenas: plan.arenas, strategies: plan.strategies };
// A Sunday in December 2026 (dates without a year are the latest that has been).
const now = new Date('2026-12-06T09:00:00Z');
const parse = (text: string) => parseCommand(text, vocabulary, now);

type Expected = Command | ((c: Command) => boolean);
/** A "Menade du …?" whose buttons include these (and never more than three, "hjälp" among them). */
const offers =
  (...wanted: string[]) =>
  (c: Command) =>
    c.kind === 'unknown' && c.suggestions.length <= 3 && c.suggestions.includes('hjälp') && wanted.every((w) => c.suggestions.includes(w));
const briefRead = (since?: string): Command => (since ? { kind: 'meetingBrief', since, record: false } : { kind: 'meetingBrief', record: false });
const briefNew = (since?: string): Command => (since ? { kind: 'meetingBrief', since, record: true } : { kind: 'meetingBrief', record: true });

export const SENTENCES: Array<[string, Expected]> = [
  // --- Status, in many words
  ['status', { kind: 'status' }],
  ['Hur går det för oss?', { kind: 'status' }],
  ['hur ser det ut just nu', { kind: 'status' }],
  ['Kan du ge mig en översikt?', { kind: 'status' }],
  ['läget?', { kind: 'status' }],
  ['Vad är läget', { kind: 'status' }],
  ['sammanfattning tack', { kind: 'status' }],
  ['how is it going', { kind: 'status' }],
  ['overview please', { kind: 'status' }],
  ['stauts', { kind: 'status' }],
  ['statsu', { kind: 'status' }],
  ['Status för kontinuitet', { kind: 'status', strategy: '2' }],
  ['status strategi 3', { kind: 'status', strategy: '3' }],
  ['hur går det med tillgängligheten', { kind: 'status', strategy: '3' }],
  ['status 4', { kind: 'status', strategy: '4' }],
  // --- Another arena's status: a name alone, with kommun, genitive, in a question
  ['Krokom', { kind: 'status', arenaId: 'krokom' }],
  ['Ragunda', { kind: 'status', arenaId: 'ragunda' }],
  ['Ragunda kommun', { kind: 'status', arenaId: 'ragunda' }],
  ['ragunda?', { kind: 'status', arenaId: 'ragunda' }],
  ['Bräcke', { kind: 'status', arenaId: 'bracke' }],
  ['Bergs kommun', { kind: 'status', arenaId: 'berg' }],
  ['Hur ligger Berg till?', { kind: 'status', arenaId: 'berg' }],
  ['hur går det för Strömsund', { kind: 'status', arenaId: 'stromsund' }],
  ['status Härjedalens kommun', { kind: 'status', arenaId: 'harjedalen' }],
  ['status för Östersunds kommun', { kind: 'status', arenaId: 'ostersund' }],
  ['kommunen Åre', { kind: 'status', arenaId: 'are' }],
  ['Åre', { kind: 'status', arenaId: 'are' }],
  ['länet', { kind: 'status', arenaId: 'lan' }],
  ['status länet', { kind: 'status', arenaId: 'lan' }],
  ['hur går det för regionen?', { kind: 'status', arenaId: 'lan' }],
  ['Länsgemensam samverkan', { kind: 'status', arenaId: 'lan' }],
  ['status Region Jämtland Härjedalen', { kind: 'status', arenaId: 'lan' }],
  ['Hur ligger Krokom till med kontinuiteten?', { kind: 'activities', strategy: '2', arenaId: 'krokom' }],
  // --- Overdue, in many words and for another arena
  ['försenat', { kind: 'overdue' }],
  ['Vad är försenat?', { kind: 'overdue' }],
  ['vilka aktiviteter är försenade', { kind: 'overdue' }],
  ['God morgon! Kan du visa vad som är försenat för oss?', { kind: 'overdue' }],
  ['vad ligger efter', { kind: 'overdue' }],
  ['förseningar', { kind: 'overdue' }],
  ['what is overdue', { kind: 'overdue' }],
  ['late activities', { kind: 'overdue' }],
  ['försenst', { kind: 'overdue' }],
  ['forsenat', { kind: 'overdue' }],
  ['försenat Krokom', { kind: 'overdue', arenaId: 'krokom' }],
  ['vilka är försenade i Krokom', { kind: 'overdue', arenaId: 'krokom' }],
  ['Krokoms försenade aktiviteter', { kind: 'overdue', arenaId: 'krokom' }],
  ['försenat för länet', { kind: 'overdue', arenaId: 'lan' }],
  ['Vad har Bräcke som är försenat?', { kind: 'overdue', arenaId: 'bracke' }],
  ['aktiviteter som är försenade', { kind: 'overdue' }],
  // --- Activities: lists, strategies, searches, the plan's numbers
  ['aktiviteter', { kind: 'activities' }],
  ['visa mina aktiviteter', { kind: 'activities' }],
  ['mina aktiviteter', { kind: 'activities' }],
  ['lista alla aktiviteter', { kind: 'activities' }],
  ['Våra aktiviteter tack', { kind: 'activities' }],
  ['aktivteter', { kind: 'activities' }],
  ['Bilaga 1', { kind: 'activities' }],
  ['visa handlingsplanen', { kind: 'activities' }],
  ['activities', { kind: 'activities' }],
  ['aktiviteter 2', { kind: 'activities', strategy: '2' }],
  ['aktiviteter strategi 5', { kind: 'activities', strategy: '5' }],
  ['aktiviteter kontinuitet', { kind: 'activities', strategy: '2' }],
  ['kontinuitet', { kind: 'activities', strategy: '2' }],
  ['hälsofrämjande', { kind: 'activities', strategy: '4' }],
  ['visa aktiviteterna om delaktighet', { kind: 'activities', strategy: '1' }],
  ['aktiviteter fasta kontakter', { kind: 'activities', search: 'fasta kontakter' }],
  ['aktiviteter SIP', { kind: 'activities', search: 'SIP' }],
  ['aktiviteter Krokom', { kind: 'activities', arenaId: 'krokom' }],
  ['Bergs aktiviteter om kontinuitet', { kind: 'activities', strategy: '2', arenaId: 'berg' }],
  ['2.3', { kind: 'activities', number: '2.3' }],
  ['uppdatera 2.3', { kind: 'activities', number: '2.3' }],
  ['aktiviteter 2.3', { kind: 'activities', number: '2.3' }],
  ['sätt 3.2 till klar', { kind: 'activities', number: '3.2' }],
  ['Hur går det med 2.3.1?', { kind: 'activities', number: '2.3.1' }],
  ['status 5.2', { kind: 'activities', number: '5.2' }],
  ['2.3 Krokom', { kind: 'activities', number: '2.3', arenaId: 'krokom' }],
  ['uppdatera', { kind: 'activities' }],
  // --- Measures
  ['mått', { kind: 'measures' }],
  ['effektmått', { kind: 'measures' }],
  ['rapportera mått', { kind: 'measures' }],
  ['Jag vill rapportera effektmåtten', { kind: 'measures' }],
  ['visa målvärdena', { kind: 'measures' }],
  ['nyckeltal', { kind: 'measures' }],
  ['measures', { kind: 'measures' }],
  ['mått Krokom', { kind: 'measures', arenaId: 'krokom' }],
  ['effektmåt', { kind: 'measures' }],
  ['mått 2', { kind: 'measures', page: 2 }],
  // --- Reminders
  ['påminnelser', { kind: 'reminders' }],
  ['stäng av påminnelserna', { kind: 'reminders' }],
  ['Kan vi få färre påminnelser?', { kind: 'reminders' }],
  ['påminelser', { kind: 'reminders' }],
  ['reminders', { kind: 'reminders' }],
  // --- New activity
  ['ny aktivitet', { kind: 'newActivity' }],
  ['Jag vill lägga till en aktivitet', { kind: 'newActivity' }],
  ['lägg till aktivitet', { kind: 'newActivity' }],
  ['ny', { kind: 'newActivity' }],
  ['new activity', { kind: 'newActivity' }],
  // --- The yearly round and the report
  ['uppföljning', { kind: 'followUpRound' }],
  ['årets uppföljning', { kind: 'followUpRound' }],
  ['har Krokom lämnat in?', { kind: 'followUpRound' }],
  ['vilka har lämnat in', { kind: 'followUpRound' }],
  ['Hur lämnar vi in?', { kind: 'followUpRound' }],
  ['årsrapport', { kind: 'report' }],
  ['årsrapporten för 2025', { kind: 'report', year: 2025 }],
  ['exportera till excel', { kind: 'report' }],
  ['Kan jag få rapporten i Word?', { kind: 'report' }],
  ['export', { kind: 'report' }],
  // --- Revision
  ['revidering', { kind: 'revision' }],
  ['Hur går revideringen?', { kind: 'revision' }],
  ['revision', { kind: 'revision' }],
  ['revidera planen', { kind: 'revision' }],
  // --- Local follow-up side by side
  ['jämför kommunerna', { kind: 'localFollowUp' }],
  ['lokalt', { kind: 'localFollowUp' }],
  ['lokalt 2', { kind: 'localFollowUp', page: 2 }],
  ['alla kommuner', { kind: 'localFollowUp' }],
  // --- Meeting briefs: only the exact word starts a new one; questions read without recording
  ['mötesunderlag', briefNew()],
  ['Mötesunderlag!', briefNew()],
  ['mötesunderlag sedan 2026-10-01', briefNew('2026-10-01')],
  ['mötesunderlag sedan 1 oktober', briefNew('2026-10-01')],
  ['mötesunderlag sedan förra mötet', briefNew()],
  ['vad har hänt sedan förra mötet?', briefRead()],
  ['vad har ändrats sen 1 oktober', briefRead('2026-10-01')],
  ['Vad är nytt sedan förra veckan?', briefRead('2026-11-29')],
  ['underlag till mötet', briefRead()],
  ['agenda', briefRead()],
  ['inför mötet', briefRead()],
  ['sedan 24 december', briefRead('2025-12-24')],
  ['what changed since last meeting', briefRead()],
  ['motesunderlg', offers('mötesunderlag')],
  ['mötesunderlag sedan 31 februari', (c) => c.kind === 'meetingBrief' && c.record && c.since === '31 februari'],
  // --- Linking: the exact word and an exact name, nothing less
  ['koppla Krokom', { kind: 'link', arena: 'Krokom' }],
  ['koppla länet', { kind: 'link', arena: 'Länsgemensam samverkan' }],
  ['koppla Östersunds kommun', { kind: 'link', arena: 'Östersund' }],
  ['Kan du koppla kanalen till Bergs kommun?', { kind: 'link', arena: 'Berg' }],
  ['koppla', { kind: 'link' }],
  ['byt arena', { kind: 'link' }],
  ['link Berg', { kind: 'link', arena: 'Berg' }],
  ['koppla Narnia', { kind: 'link', arena: 'Narnia' }],
  ['kopla Krokom', offers('koppla Krokom')],
  ['koppla Krokm', offers('koppla Krokom')],
  ['öppna planen', (c) => c.kind === 'unknown' && !c.suggestions.some((s) => s.startsWith('koppla'))],
  ['koppla inte om kanalen', (c) => c.kind === 'unknown'],
  ['vilken arena är den här kanalen?', { kind: 'whereAmI' }],
  ['är kanalen kopplad?', { kind: 'whereAmI' }],
  // --- Near misses of names: offered, never acted on
  ['Krokm', offers('status Krokom')],
  ['status ostersnd', offers('status Östersund')],
  ['försenat Krokm', offers('försenat Krokom')],
  ['bra', (c) => c.kind === 'unknown' && !c.suggestions.some((s) => s.includes('Bräcke'))],
  ['Ragnda', offers('status Ragunda')],
  ['vem har ändrat 2.2.1?', { kind: 'activities', number: '2.2.1' }],
  ['senaste ändringarna', { kind: 'status' }],
  ['Hur många är klara?', { kind: 'status' }],
  ['Good morning, show me the status', { kind: 'status' }],
  ['kan du påminna oss', { kind: 'reminders' }],
  ["what's overdue in Berg?", { kind: 'overdue', arenaId: 'berg' }],
  ['regionens mått', { kind: 'measures', arenaId: 'lan' }],
  ['status Ragunda och Berg', offers('status Ragunda', 'status Berg')],
  // --- Help, thanks, politeness
  ['hjälp', { kind: 'help' }],
  ['Hej!', { kind: 'help' }],
  ['?', { kind: 'help' }],
  ['', { kind: 'help' }],
  ['vad kan du?', { kind: 'help' }],
  ['what can you do', { kind: 'help' }],
  ['Hur funkar det här?', { kind: 'help' }],
  ['help', { kind: 'help' }],
  ['hjälpp', { kind: 'help' }],
  ['tack!', { kind: 'thanks' }],
  ['Tack så mycket!', { kind: 'thanks' }],
  ['tusen tack', { kind: 'thanks' }],
  ['thanks', { kind: 'thanks' }],
  ['toppen, tack', { kind: 'thanks' }],
  // --- Not understood: a short answer with at most three buttons, hjälp among them
  ['blablabla', offers()],
  ['asdf', offers()],
  ['att göra', offers()],
  ['statistik', offers('status')],
  ['status Narnia', offers('status')],
  ['vad tycker du om vädret', offers()],
  ['jämför Krokom och Berg', { kind: 'localFollowUp' }],
  ['Krokom och Berg', offers('status Krokom', 'status Berg')],
];

describe('sentences coordinators write', () => {
  it('has at least 150 sentences', () => assert.ok(SENTENCES.length >= 150, `${SENTENCES.length}`));
  it('has each sentence once', () => assert.equal(new Set(SENTENCES.map(([s]) => s)).size, SENTENCES.length));
  for (const [text, expected] of SENTENCES) {
    it(`reads ${JSON.stringify(text)}`, () => {
      const got = parse(text);
      if (typeof expected === 'function') assert.ok(expected(got), JSON.stringify(got));
      else assert.deepEqual(got, expected);
    });
  }
  it('never offers more than three buttons, and every offer is a command the bot reads exactly', () => {
    for (const [text] of SENTENCES) {
      const got = parse(text);
      if (got.kind !== 'unknown') continue;
      assert.ok(got.suggestions.length <= 3, text);
      for (const s of got.suggestions) assert.notEqual(parse(s).kind, 'unknown', `${text} → ${s}`);
    }
  });
});
