// The bot's commands: short Swedish words with English aliases, read the way people type them.
// Parsing is plain text in, a typed command out; the Teams edge has already removed the @mention.
// Forgiving on purpose: case, punctuation, å/ä/ö, a letter or two wrong, "kommun"/"s kommun",
// the county level's other names, a question around the word ("vad är försenat?"). The arenas'
// names and other names come from the loaded plan, never from this file.
import type { Arena, Strategy } from './plan';
import { fold } from './text';

export type Command =
  | { kind: 'help' }
  /** "tack!": a short friendly answer. */
  | { kind: 'thanks' }
  /** The arena's status; `arenaId`: another arena's (read-only); `strategy`: one strategy's, as findStrategy reads it. */
  | { kind: 'status'; arenaId?: string; strategy?: string }
  /** What is overdue (försenat). */
  | { kind: 'overdue' }
  /** `strategy`: as findStrategy reads it ("2"); `search`: words to find in the activities' titles. */
  | { kind: 'activities'; strategy?: string; search?: string }
  /** Every arena's local follow-up of Bilaga 1 side by side, a page at a time (the county's view). */
  | { kind: 'localFollowUp'; page?: number }
  | { kind: 'measures' }
  | { kind: 'newActivity' }
  | { kind: 'reminders' }
  /** `arena`: what was typed after "koppla" (findArena reads it). */
  | { kind: 'link'; arena?: string }
  | { kind: 'revision' }
  /** The yearly follow-up round (uppföljningsomgång): where it stands, the arena's card, opening it in the county's channel. */
  | { kind: 'followUpRound' }
  /** What changed since the channel's last brief, or since `since` (YYYY-MM-DD, as typed: validated by the feature). */
  | { kind: 'meetingBrief'; since?: string }
  /** Not understood: `suggestions` are whole commands to offer as "Menade du …?", best first. */
  | { kind: 'unknown'; text: string; suggestions: string[] };

export type CommandKind = Command['kind'];

/** One command word as people see it: in the help card and in the app manifest's command list. */
export interface CommandWord {
  kind: Exclude<CommandKind, 'unknown' | 'thanks'>;
  /** The word shown and sent by buttons. */
  word: string;
  /** How it is written with its argument, in the help card. */
  usage: string;
  /** What it does (help card and manifest; at most 128 characters, the manifest's limit). */
  description: string;
  /** Other ways to write it, after folding (see text.ts); typos are handled without listing them. */
  aliases: readonly string[];
  /**
   * Listed in appPackage/manifest.json's command menu. Teams allows at most 10 commands per
   * list; the words left out are still understood and shown in the help card.
   */
  inManifest: boolean;
}

/** The words, listed once: the help card shows them and appPackage/manifest.json is tested against them. */
export const COMMAND_WORDS: readonly CommandWord[] = [
  {
    kind: 'help',
    word: 'hjälp',
    usage: 'hjälp',
    description: 'Vad jag kan, med knappar för det vanligaste.',
    aliases: ['help', 'hej', 'hejsan', 'hallo', 'hi', 'hello', 'meny', 'kommandon', 'vad kan du', 'vad kan du gora', 'instruktioner'],
    inManifest: true,
  },
  {
    kind: 'status',
    word: 'status',
    usage: 'status [arena eller strategi]',
    description: 'Läget per strategi, senaste ändringar och det som är försenat; också för en strategi eller en annan arena.',
    aliases: ['oversikt', 'overview', 'laget', 'lage', 'status for'],
    inManifest: true,
  },
  {
    kind: 'overdue',
    word: 'försenat',
    usage: 'försenat',
    description: 'Det som är försenat: delaktiviteter vars prioriteringsperiod har gått ut, med knapp för att uppdatera.',
    aliases: ['forsenade', 'forsenad', 'forsening', 'forseningar', 'overdue', 'sena aktiviteter'],
    inManifest: true,
  },
  {
    kind: 'activities',
    word: 'aktiviteter',
    usage: 'aktiviteter [strategi eller sökord]',
    description: 'Aktiviteterna med status och knapp för att uppdatera; för en strategi, eller med ord ur aktivitetens titel.',
    aliases: ['aktivitet', 'aktiviteterna', 'delaktiviteter', 'activities', 'activity'],
    inManifest: true,
  },
  {
    kind: 'localFollowUp',
    word: 'lokalt',
    usage: 'lokalt [sida]',
    description: 'Arenornas egen uppföljning av Bilaga 1 sida vid sida, med en sammanfattning per rad.',
    aliases: ['lokal uppfoljning', 'kommunerna', 'local'],
    inManifest: false,
  },
  {
    kind: 'measures',
    word: 'mått',
    usage: 'mått',
    description: 'Effektmåtten: senaste värden, om målvärdet nås, och rapportering för perioden.',
    aliases: ['matt', 'matten', 'effektmatt', 'effektmatten', 'measures', 'measure', 'indikatorer'],
    inManifest: true,
  },
  {
    kind: 'newActivity',
    word: 'ny aktivitet',
    usage: 'ny aktivitet',
    description: 'Anta en av planens rekommenderade lokala aktiviteter eller lägg till en egen.',
    aliases: ['ny', 'nya aktiviteter', 'ny lokal aktivitet', 'lagg till aktivitet', 'new activity', 'new', 'add activity'],
    inManifest: true,
  },
  {
    kind: 'reminders',
    word: 'påminnelser',
    usage: 'påminnelser',
    description: 'Kanalens inställningar för påminnelser om uppföljning.',
    aliases: ['paminnelse', 'paminnelserna', 'reminders', 'reminder'],
    inManifest: false,
  },
  {
    kind: 'revision',
    word: 'revidering',
    usage: 'revidering',
    description: 'Planens revidering: var den står, arenans förslag (behåll, ändra, avsluta, ny aktivitet) och besluten.',
    aliases: ['revision', 'revidera', 'revideringen', 'revideringsforslag'],
    inManifest: true,
  },
  {
    kind: 'followUpRound',
    word: 'uppföljning',
    usage: 'uppföljning',
    description: 'Årets uppföljning av planen: arenans underlag att uppdatera och lämna in, och länets överblick över vilka som har lämnat in.',
    aliases: ['uppfoljningen', 'arlig uppfoljning', 'uppfoljningsomgang', 'lamna in', 'follow up', 'followup'],
    inManifest: true,
  },
  {
    kind: 'meetingBrief',
    word: 'mötesunderlag',
    usage: 'mötesunderlag [sedan ÅÅÅÅ-MM-DD]',
    description: 'Vad som har ändrats sedan kanalens förra mötesunderlag, eller sedan ett datum: underlag till nästa möte.',
    aliases: ['motesunderlaget', 'underlag', 'mote', 'motet', 'agenda', 'meeting brief', 'brief'],
    inManifest: true,
  },
  {
    kind: 'link',
    word: 'koppla',
    usage: 'koppla <arena>',
    description: 'Koppla kanalen till sin arena: "koppla" och arenans namn. I personlig chatt: välj vilken arena du följer.',
    aliases: ['koppla till', 'koppla om', 'byt arena', 'link', 'connect'],
    inManifest: true,
  },
];

/** What the parser needs from the loaded plan: the arenas (and their other names) and the strategies. */
export interface Vocabulary {
  arenas: ReadonlyArray<Pick<Arena, 'id' | 'name' | 'kind'> & { aliases?: readonly string[] }>;
  strategies: ReadonlyArray<Pick<Strategy, 'id' | 'number' | 'title'>>;
}

/** Words around a command that carry nothing: "visa", "vad är", "kan du visa", "snälla". */
const LEADING_FILLERS = ['kan du visa mig', 'kan du visa', 'visa mig', 'jag vill se', 'vad ar', 'vilka ar', 'vad finns', 'vad har vi', 'ge mig', 'visa', 'show me', 'show', 'what is', 'whats', 'please', 'snalla', 'lista'];
const TRAILING_FILLERS = ['tack', 'please', 'snalla', 'nu'];
const THANKS_WORDS = new Set(['tack', 'tackar', 'tacktack', 'tusen', 'sa', 'mycket', 'for', 'hjalpen', 'det', 'thanks', 'thank', 'you', 'thx', 'toppen', 'perfekt', 'kanon', 'bra', 'super', 'ok', 'okej', 'hej', 'da']);
const THANKS_CORE = ['tack', 'tackar', 'tacktack', 'thanks', 'thank', 'thx'];
/** "hur går det för kontinuitet", "hur ligger vi till med Krokom", "läget i Åre". */
const HOW_IS_IT_GOING = /^(?:hur (?:gar|gick|ligger|ser) (?:det|vi|ni)(?: ut)?(?: till)?|laget)(?: (?:for|med|i|pa|inom))?(?: (.*))?$/;

/** Text as the parser compares it: folded, punctuation gone ("Status!" → "status"). */
export function normalise(text: string): string {
  return fold(text)
    .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
    .replace(/-/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function parseCommand(text: string, vocabulary?: Vocabulary): Command {
  const raw = text.slice(0, 300);
  if (/^\s*\?+\s*$/.test(raw)) return { kind: 'help' };
  const all = normalise(raw);
  if (all === '') return { kind: 'help' };
  if (isThanks(all)) return { kind: 'thanks' };
  const t = stripFillers(all);
  if (t === '') return { kind: 'help' };

  const going = HOW_IS_IT_GOING.exec(t);
  if (going) return statusOf(going[1] ?? '', raw, vocabulary);

  const match = matchWord(t);
  if (!match) return notUnderstood(raw, t, vocabulary);
  const rest = t.split(' ').slice(match.words).join(' ');
  // The argument as typed (punctuation trimmed), so that names keep their letters in answers.
  const restTyped = raw.trim().replace(/[?!.,;:]+$/g, '').split(/\s+/).slice(match.words).join(' ').trim();
  switch (match.kind) {
    case 'status':
      return rest ? statusOf(restTyped, raw, vocabulary) : { kind: 'status' };
    case 'activities': {
      if (!rest) return { kind: 'activities' };
      if (isOverdueWord(rest)) return { kind: 'overdue' };
      if (!vocabulary) return { kind: 'activities', strategy: restTyped };
      const strategy = findStrategy(vocabulary.strategies, rest);
      return strategy ? { kind: 'activities', strategy: String(strategy.number) } : { kind: 'activities', search: restTyped };
    }
    case 'link':
      return rest ? { kind: 'link', arena: restTyped } : { kind: 'link' };
    case 'meetingBrief': {
      // Whatever follows ("sedan" dropped) is the date as typed; the feature validates it and says how to write it.
      const since = restTyped.replace(/^(?:sedan|från|fran|since)\s*/i, '').trim();
      return since ? { kind: 'meetingBrief', since } : { kind: 'meetingBrief' };
    }
    case 'localFollowUp': {
      const page = /^(?:sida )?(\d{1,3})$/.exec(rest);
      return page ? { kind: 'localFollowUp', page: Number(page[1]) } : { kind: 'localFollowUp' };
    }
    default:
      // The other commands take no argument: "försenade aktiviteter", "mått nu", "hjälp mig" mean the command.
      return { kind: match.kind } as Command;
  }
}

function isThanks(t: string): boolean {
  const words = t.split(' ');
  return words.some((w) => THANKS_CORE.includes(w)) && words.every((w) => THANKS_WORDS.has(w));
}

function stripFillers(t: string): string {
  let out = t;
  for (let changed = true; changed; ) {
    changed = false;
    for (const f of LEADING_FILLERS) {
      if (out === f) continue;
      if (out.startsWith(`${f} `)) {
        out = out.slice(f.length + 1);
        changed = true;
      }
    }
    for (const f of TRAILING_FILLERS) {
      if (out.endsWith(` ${f}`)) {
        out = out.slice(0, -(f.length + 1));
        changed = true;
      }
    }
  }
  return out.trim();
}

function isOverdueWord(t: string): boolean {
  const overdue = COMMAND_WORDS.find((c) => c.kind === 'overdue')!;
  return t.split(' ').some((w) => [normalise(overdue.word), ...overdue.aliases].some((a) => a.length > 4 && distance(w, a) <= allowedTypos(a)));
}

/** "status Krokom" / "hur går det för kontinuitet": another arena's status or one strategy's. */
function statusOf(typed: string, raw: string, vocabulary: Vocabulary | undefined): Command {
  const t = normalise(typed);
  if (!t) return { kind: 'status' };
  if (isOverdueWord(t)) return { kind: 'overdue' };
  if (!vocabulary) return { kind: 'unknown', text: raw, suggestions: ['status', 'hjälp'] };
  const arena = findArena(vocabulary.arenas, t);
  if (arena) return { kind: 'status', arenaId: arena.id };
  const strategy = findStrategy(vocabulary.strategies, t);
  if (strategy) return { kind: 'status', strategy: String(strategy.number) };
  return { kind: 'unknown', text: raw, suggestions: ['status', `aktiviteter ${typed.slice(0, 40)}`, 'hjälp'] };
}

interface WordMatch {
  kind: CommandWord['kind'];
  /** How many words of the text the command word took. */
  words: number;
  typos: number;
}

/** Typos forgiven in a word of this length: none up to 4 letters ("att" is not "mått"), one in 5, two from 6. */
function allowedTypos(word: string): number {
  return word.length <= 4 ? 0 : word.length === 5 ? 1 : 2;
}

/** The command word the text starts with: exact first, longest first, then the fewest typos. */
function matchWord(t: string): WordMatch | undefined {
  const words = t.split(' ');
  let best: WordMatch | undefined;
  for (const { kind, alias, n, allowed } of commandAliases()) {
    if (words.length < n) continue;
    const head = n === 1 ? words[0]! : words.slice(0, n).join(' ');
    // The distance is at least the difference in length: most aliases are out of reach at once.
    if (Math.abs(head.length - alias.length) > allowed) continue;
    const typos = head === alias ? 0 : distance(head, alias);
    if (typos > allowed) continue;
    if (!best || typos < best.typos || (typos === best.typos && n > best.words)) best = { kind, words: n, typos };
  }
  return best;
}

let aliases: Array<{ kind: CommandWord['kind']; alias: string; n: number; allowed: number }> | undefined;

/** Every command word and alias, normalised once (every message is matched against them all). */
function commandAliases(): NonNullable<typeof aliases> {
  aliases ??= COMMAND_WORDS.flatMap((command) => [normalise(command.word), ...command.aliases].map((alias) => ({ kind: command.kind, alias, n: alias.split(' ').length, allowed: allowedTypos(alias) })));
  return aliases;
}

function notUnderstood(raw: string, t: string, vocabulary: Vocabulary | undefined): Command {
  const suggestions: string[] = [];
  // Just a name: "Krokom" or "kontinuitet".
  const arena = vocabulary && findArena(vocabulary.arenas, t);
  const strategy = vocabulary && !arena ? findStrategy(vocabulary.strategies, t) : undefined;
  if (arena) suggestions.push(`status ${arena.name}`, `koppla ${arena.name}`);
  else if (strategy) suggestions.push(`aktiviteter ${strategy.number}`, `status ${strategy.number}`);
  else {
    // The nearest command words to the first word, then the common ones.
    const first = t.split(' ')[0] ?? '';
    const near = COMMAND_WORDS.map((c) => ({ word: c.word, d: Math.min(...[normalise(c.word), ...c.aliases].map((a) => distance(first, a.split(' ')[0]!))) }))
      .filter((c) => c.d <= 3 && c.word !== 'hjälp')
      .sort((a, b) => a.d - b.d)
      .slice(0, 2)
      .map((c) => c.word);
    suggestions.push(...near);
  }
  for (const common of ['status', 'aktiviteter', 'hjälp']) if (suggestions.length < 3 && !suggestions.includes(common)) suggestions.push(common);
  if (!suggestions.includes('hjälp')) suggestions[2] = 'hjälp';
  return { kind: 'unknown', text: raw, suggestions: suggestions.slice(0, 3) };
}

/**
 * Optimal string alignment distance (Levenshtein with adjacent transpositions): "statsu" is one
 * from "status", "aktivteter" one from "aktiviteter".
 */
export function distance(a: string, b: string): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > 3) return Math.abs(a.length - b.length);
  // Three rows of the table are enough (this one, the one above, the one above that).
  let before = new Int32Array(b.length + 1);
  let above = Int32Array.from({ length: b.length + 1 }, (_, j) => j);
  let row = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(above[j]! + 1, row[j - 1]! + 1, above[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, before[j - 2]! + 1);
    }
    [before, above, row] = [above, row, before];
  }
  return above[b.length]!;
}

/** "Östersunds kommun", "Åre kommun", "kommunen Berg" → the name itself. */
function withoutMunicipality(t: string): string[] {
  const forms = [t];
  const stripped = t.replace(/^(?:kommunen|kommun) /, '').replace(/ (?:kommun|kommunen|kommuns)$/, '');
  if (stripped !== t) forms.push(stripped);
  // The genitive of "Östersunds kommun": only when the name itself does not end in s.
  if (stripped !== t && stripped.endsWith('s')) forms.push(stripped.slice(0, -1));
  return forms;
}

/**
 * Finds an arena by what someone typed: its name, id or one of its other names in the plan
 * ("länet", "regionen"), with "kommun"/"s kommun", case, punctuation, å/ä/ö and a typo or two
 * forgiven. Undefined when nothing, or more than one arena, fits.
 */
export function findArena<A extends Vocabulary['arenas'][number]>(arenas: readonly A[], typed: string): A | undefined {
  const wanted = normalise(typed);
  if (!wanted) return undefined;
  const forms = withoutMunicipality(wanted);
  const names = (a: A) => [normalise(a.name), a.id, ...(a.aliases ?? []).map(normalise)];
  const exact = arenas.filter((a) => names(a).some((n) => forms.includes(n)));
  if (exact.length === 1) return exact[0];
  if (exact.length > 1) return undefined;
  const main = forms[forms.length - 1]!;
  if (main.length < 3) return undefined;
  const byPrefix = arenas.filter((a) => names(a).some((n) => n.startsWith(main)));
  if (byPrefix.length === 1) return byPrefix[0];
  const scored = arenas
    .map((a) => ({ a, d: Math.min(...names(a).flatMap((n) => forms.map((f) => (distance(f, n) <= allowedTypos(n) ? distance(f, n) : 99)))) }))
    .filter((x) => x.d < 99)
    .sort((x, y) => x.d - y.d);
  if (scored.length === 0 || (scored.length > 1 && scored[1]!.d === scored[0]!.d)) return undefined;
  return scored[0]!.a;
}

/**
 * Finds a strategy by number ("2", "strategi 2", "2.") or by words of its title ("kontinuitet",
 * "ökad delaktighet"), with a typo forgiven in longer words. Undefined when nothing or more than
 * one strategy matches.
 */
export function findStrategy<S extends Pick<Strategy, 'id' | 'number' | 'title'>>(strategies: readonly S[], typed: string): S | undefined {
  const wanted = normalise(typed).replace(/^strategi(?:n)? /, '');
  if (/^\d+$/.test(wanted)) return strategies.find((s) => s.number === Number(wanted));
  if (wanted.length < 4) return undefined;
  const exact = strategies.filter((s) => normalise(s.title) === wanted);
  if (exact.length === 1) return exact[0];
  const typedWords = wanted.split(' ').filter((w) => w.length >= 4 && !['okad', 'och'].includes(w));
  if (typedWords.length === 0) return undefined;
  // Every meaningful typed word must be (the start of, or a near miss of) a word of the title.
  const fits = (s: S) =>
    typedWords.every((w) =>
      normalise(s.title)
        .split(' ')
        .some((tw) => tw.length >= 4 && (tw.startsWith(w) || (w.length >= 6 && distance(w, tw) <= 1))),
    );
  const matches = strategies.filter(fits);
  return matches.length === 1 ? matches[0] : undefined;
}
