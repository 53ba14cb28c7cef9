// The words people actually type, and what the bot reads in them: one table, read against the
// plan the app ships with (its arenas and their other names come from plan.sv.json).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadPlanContent } from '../../bot/content/loadPlan';
import { COMMAND_WORDS, findArena, findStrategy, parseCommand, type Command } from '../../bot/domain/commands';

const plan = loadPlanContent();
const vocabulary = { arenas: plan.arenas, strategies: plan.strategies };
const parse = (text: string) => parseCommand(text, vocabulary, new Date('2026-12-06T10:00:00Z'));

const PHRASES: Array<[string, Command | ((c: Command) => boolean)]> = [
  // The phrases, word for word.
  // Linking names the arena by the plan's name, whatever other name was typed.
  ['koppla länet', { kind: 'link', arena: 'Länsgemensam samverkan' }],
  ['koppla regionen', { kind: 'link', arena: 'Länsgemensam samverkan' }],
  ['koppla Östersunds kommun', { kind: 'link', arena: 'Östersund' }],
  ['koppla Åre kommun', { kind: 'link', arena: 'Åre' }],
  ['vad är försenat?', { kind: 'overdue' }],
  ['försenade', { kind: 'overdue' }],
  ['Status!', { kind: 'status' }],
  ['statsu', { kind: 'status' }],
  ['aktivteter', { kind: 'activities' }],
  ['påminelser', { kind: 'reminders' }],
  ['status Östersund', { kind: 'status', arenaId: 'ostersund' }],
  ['hur går det för kontinuitet', { kind: 'status', strategy: '2' }],
  ['aktiviteter fasta kontakter', { kind: 'activities', search: 'fasta kontakter' }],
  ['tack!', { kind: 'thanks' }],
  // The yearly round and the meeting brief (#12).
  ['uppföljning', { kind: 'followUpRound' }],
  ['Uppföljningen?', { kind: 'followUpRound' }],
  ['uppfoljnign', { kind: 'followUpRound' }],
  ['mötesunderlag', { kind: 'meetingBrief', record: true }],
  ['motesunderlag sedan 2026-10-01', { kind: 'meetingBrief', since: '2026-10-01', record: true }],
  ['mötesunderlag 2026-10-01', { kind: 'meetingBrief', since: '2026-10-01', record: true }],
  // The date read as the latest 1 October that has been (this table reads on 6 December 2026).
  ['Mötesunderlag sedan 1 oktober', { kind: 'meetingBrief', since: '2026-10-01', record: true }],
  // Case, punctuation, å/ä/ö.
  ['STATUS', { kind: 'status' }],
  ['status.', { kind: 'status' }],
  ['  status  ', { kind: 'status' }],
  ['Hjälp', { kind: 'help' }],
  ['hjalp', { kind: 'help' }],
  ['HJÄLP!', { kind: 'help' }],
  ['?', { kind: 'help' }],
  ['', { kind: 'help' }],
  ['matt', { kind: 'measures' }],
  ['Mått', { kind: 'measures' }],
  ['effektmått', { kind: 'measures' }],
  ['paminnelser', { kind: 'reminders' }],
  ['Påminnelser?', { kind: 'reminders' }],
  ['forsenat', { kind: 'overdue' }],
  ['Försenat', { kind: 'overdue' }],
  ['ny aktivitet', { kind: 'newActivity' }],
  ['Ny aktivitet!', { kind: 'newActivity' }],
  ['nya aktiviteter', { kind: 'newActivity' }],
  // One or two letters wrong.
  ['stauts', { kind: 'status' }],
  ['aktivitter', { kind: 'activities' }],
  ['aktiviterer', { kind: 'activities' }],
  ['paminnelsr', { kind: 'reminders' }],
  ['försenst', { kind: 'overdue' }],
  ['hjälpp', { kind: 'help' }],
  // A typo of a word that writes is only offered; a typo of one that reads is read.
  ['kopla Krokom', (c) => c.kind === 'unknown' && c.suggestions[0] === 'koppla Krokom'],
  ['ny aktivitte', (c) => c.kind === 'unknown' && c.suggestions[0] === 'ny aktivitet'],
  // Questions and filler words around the command.
  ['visa status', { kind: 'status' }],
  ['visa mig aktiviteterna', { kind: 'activities' }],
  ['kan du visa mått', { kind: 'measures' }],
  ['vad är försenat', { kind: 'overdue' }],
  ['vilka är försenade?', { kind: 'overdue' }],
  ['försenade aktiviteter', { kind: 'overdue' }],
  ['aktiviteter som är försenade', { kind: 'overdue' }],
  ['status tack', { kind: 'status' }],
  ['hur går det?', { kind: 'status' }],
  ['hur går det för Krokom', { kind: 'status', arenaId: 'krokom' }],
  ['hur ligger vi till med delaktighet?', { kind: 'status', strategy: '1' }],
  ['läget i Åre', { kind: 'status', arenaId: 'are' }],
  // Arenas: "kommun", "s kommun", the county level's other names, typos.
  ['status Östersunds kommun', { kind: 'status', arenaId: 'ostersund' }],
  ['status länet', { kind: 'status', arenaId: 'lan' }],
  ['status regionen', { kind: 'status', arenaId: 'lan' }],
  ['status strömsund', { kind: 'status', arenaId: 'stromsund' }],
  ['status Härjedalens kommun', { kind: 'status', arenaId: 'harjedalen' }],
  ['status ostersnd', (c) => c.kind === 'unknown' && c.suggestions[0] === 'status Östersund'],
  ['status 3', { kind: 'status', strategy: '3' }],
  ['status kontinuitet', { kind: 'status', strategy: '2' }],
  // Strategies and searches.
  ['aktiviteter 2', { kind: 'activities', strategy: '2' }],
  ['aktiviteter kontinuitet', { kind: 'activities', strategy: '2' }],
  ['aktiviteter kontinutet', (c) => c.kind === 'unknown' && c.suggestions[0] === 'aktiviteter 2'],
  ['aktiviteter strategi 5', { kind: 'activities', strategy: '5' }],
  ['aktiviteter Ökad delaktighet', { kind: 'activities', strategy: '1' }],
  ['aktiviteter hälsofrämjande', { kind: 'activities', strategy: '4' }],
  ['aktiviteter SIP', { kind: 'activities', search: 'SIP' }],
  // Thanks.
  ['Tack så mycket!', { kind: 'thanks' }],
  ['tusen tack', { kind: 'thanks' }],
  ['toppen, tack', { kind: 'thanks' }],
  ['thanks', { kind: 'thanks' }],
  // English aliases.
  ['help', { kind: 'help' }],
  ['activities 2', { kind: 'activities', strategy: '2' }],
  ['reminders', { kind: 'reminders' }],
  ['link Berg', { kind: 'link', arena: 'Berg' }],
  // Not understood: a short answer with two or three suggestions, "hjälp" among them.
  ['blablabla', (c) => c.kind === 'unknown' && c.suggestions.length >= 2 && c.suggestions.length <= 3 && c.suggestions.includes('hjälp')],
  // A name alone shows it.
  ['Krokom', { kind: 'status', arenaId: 'krokom' }],
  ['kontinuitet', { kind: 'activities', strategy: '2' }],
  ['statistik', (c) => c.kind === 'unknown' && c.suggestions.includes('status')],
  ['att göra', (c) => c.kind === 'unknown'],
  ['status Narnia', (c) => c.kind === 'unknown' && c.suggestions.includes('status')],
];

describe('the commands people type', () => {
  it('has at least 60 phrases in the table', () => assert.ok(PHRASES.length >= 60, `${PHRASES.length}`));
  for (const [text, expected] of PHRASES) {
    it(`reads ${JSON.stringify(text)}`, () => {
      const got = parse(text);
      if (typeof expected === 'function') assert.ok(expected(got), JSON.stringify(got));
      else assert.deepEqual(got, expected);
    });
  }
});

describe('finding an arena by what was typed', () => {
  const cases: Array<[string, string | undefined]> = [
    ['länet', 'lan'],
    ['regionen', 'lan'],
    ['Region Jämtland Härjedalen', 'lan'],
    ['Länsgemensam samverkan', 'lan'],
    ['Östersunds kommun', 'ostersund'],
    ['Åre kommun', 'are'],
    ['åre', 'are'],
    ['Bräcke kommun', 'bracke'],
    ['Bergs kommun', 'berg'],
    ['krokm', undefined],
    ['Narnia', undefined],
    ['', undefined],
  ];
  for (const [typed, id] of cases) it(`finds ${JSON.stringify(typed)} → ${id ?? 'nothing'}`, () => assert.equal(findArena(plan.arenas, typed)?.id, id));

  it('reads arena names and other names from the plan, not from code', () => {
    const arenas = [
      { id: 'a', name: 'Sundsvall', kind: 'municipality' as const },
      { id: 'c', name: 'Länsnivån', kind: 'county' as const, aliases: ['Region Västernorrland'] },
    ];
    assert.equal(findArena(arenas, 'Sundsvalls kommun')?.id, 'a');
    assert.equal(findArena(arenas, 'region västernorrland')?.id, 'c');
    assert.equal(findArena(arenas, 'regionen'), undefined);
  });
});

describe('finding a strategy by what was typed', () => {
  it('reads numbers and words, and refuses what fits more than one', () => {
    assert.equal(findStrategy(plan.strategies, '2')?.id, 's2');
    assert.equal(findStrategy(plan.strategies, 'samverkan')?.id, 's5');
    assert.equal(findStrategy(plan.strategies, 'ökad'), undefined);
    assert.equal(findStrategy(plan.strategies, '9'), undefined);
  });
});

describe('the command words, listed once', () => {
  const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'appPackage', 'manifest.json'), 'utf8')) as {
    bots: Array<{ commandLists: Array<{ scopes: string[]; commands: Array<{ title: string; description: string }> }> }>;
  };
  it("are the manifest's command lists, in every scope, word and description", () => {
    for (const list of manifest.bots[0]!.commandLists) {
      assert.deepEqual(
        list.commands,
        COMMAND_WORDS.filter((c) => c.inManifest).map((c) => ({ title: c.word, description: c.description })),
        `scopes ${list.scopes.join(', ')}`,
      );
    }
  });
  it('fit the manifest (title at most 32 characters, description at most 128, at most 10 commands)', () => {
    assert.ok(COMMAND_WORDS.filter((c) => c.inManifest).length <= 10);
    for (const c of COMMAND_WORDS) {
      assert.ok(c.word.length <= 32, c.word);
      assert.ok(c.description.length <= 128, c.description);
    }
  });
  it('each parse to their own command', () => {
    for (const c of COMMAND_WORDS) assert.equal(parse(c.word).kind, c.kind, c.word);
  });
});
