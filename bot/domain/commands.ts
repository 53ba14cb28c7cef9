// The bot's commands: short Swedish words with English aliases, read the way people type them.
// Parsing is plain text in, a typed command out; the Teams edge has already removed the @mention.
// The whole sentence is read (planReferences.ts): command words, arenas, strategies, the plan's
// numbers and dates, wherever they stand ("vilka är försenade i Krokom?"). Exact words act; a
// near miss only offers ("Menade du …?"), and nothing that writes or records (koppla, a new
// mötesunderlag) ever starts from one. The arenas' names come from the loaded plan, never from here.
import type { Arena, Strategy } from './plan';
import { allowedTypos, distance, readPlanReferences, type PlanReferences } from './planReferences';
import { fold } from './text';

export { distance } from './planReferences';

export type Command =
  | { kind: 'help' }
  /** "tack!": a short friendly answer. */
  | { kind: 'thanks' }
  /** The arena's status; `arenaId`: another arena's (read-only); `strategy`: one strategy's, as findStrategy reads it. */
  | { kind: 'status'; arenaId?: string; strategy?: string }
  /** What is overdue (försenat); `arenaId`: another arena's (read-only). */
  | { kind: 'overdue'; arenaId?: string }
  /**
   * `strategy`: as findStrategy reads it ("2"); `search`: words to find in the activities' titles;
   * `number`: the plan's number of one activity or sub-activity ("2.3", "2.3.1"); `arenaId`: another arena's (read-only).
   */
  | { kind: 'activities'; strategy?: string; search?: string; number?: string; arenaId?: string }
  /** Every arena's local follow-up of Bilaga 1 side by side, a page at a time (the county's view). */
  | { kind: 'localFollowUp'; page?: number }
  /** `arenaId`: another arena was named, which these commands do not show (the router says so and offers what does). */
  | { kind: 'measures'; arenaId?: string; page?: number }
  | { kind: 'newActivity'; arenaId?: string }
  | { kind: 'reminders'; arenaId?: string }
  /** `arena`: the arena's name when the sentence named one exactly; `near`: a near miss, offered, never linked. */
  | { kind: 'link'; arena?: string }
  | { kind: 'revision'; arenaId?: string }
  /** The yearly follow-up round (uppföljningsomgång): where it stands, the arena's card, opening it in the county's channel. */
  | { kind: 'followUpRound' }
  /**
   * What changed since the channel's last brief, or since `since` (YYYY-MM-DD; a date that cannot
   * be is passed as typed, and the feature refuses it). `record`: only the exact command word
   * ("mötesunderlag") starts a new brief and moves the window; a question ("vad har hänt sedan
   * förra mötet?") reads one without recording it.
   */
  | { kind: 'meetingBrief'; since?: string; record: boolean; arenaId?: string }
  /** The yearly report and the Excel export: they live in the plan's tab. */
  | { kind: 'report'; year?: number }
  /** "Vilken arena är den här kanalen?" */
  | { kind: 'whereAmI' }
  /** Not understood: `suggestions` are whole commands to offer as "Menade du …?", best first. */
  | { kind: 'unknown'; text: string; suggestions: string[] };

export type CommandKind = Command['kind'];

/** One command word as people see it: in the help card and in the app manifest's command list. */
export interface CommandWord {
  kind: Exclude<CommandKind, 'unknown' | 'thanks' | 'report' | 'whereAmI'>;
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
    aliases: ['help', 'hej', 'hejsan', 'hallo', 'hi', 'hello', 'meny', 'kommandon', 'vad kan du', 'vad kan du gora', 'vad kan du hjalpa', 'instruktioner', 'what can you do', 'what do you do', 'hur funkar', 'hur fungerar', 'manual', 'guide', 'instruktion'],
    inManifest: true,
  },
  {
    kind: 'status',
    word: 'status',
    usage: 'status [arena eller strategi]',
    description: 'Läget per strategi, senaste ändringar och det som är försenat; också för en strategi eller en annan arena.',
    aliases: ['oversikt', 'overview', 'laget', 'lage', 'ligger till', 'hur gar det', 'hur gick det', 'hur ser det ut', 'hur manga', 'how is', 'how are', 'progress', 'lagesbild', 'sammanfattning', 'summary', 'historik', 'history', 'senaste andringar', 'senaste andringarna'],
    inManifest: true,
  },
  {
    kind: 'overdue',
    word: 'försenat',
    usage: 'försenat',
    description: 'Det som är försenat: delaktiviteter vars prioriteringsperiod har gått ut, med knapp för att uppdatera.',
    aliases: ['forsenade', 'forsenad', 'forsening', 'forseningar', 'overdue', 'late', 'delayed', 'sena aktiviteter', 'ligger efter', 'forsenats', 'forsenas'],
    inManifest: true,
  },
  {
    kind: 'activities',
    word: 'aktiviteter',
    usage: 'aktiviteter [strategi eller sökord]',
    description: 'Aktiviteterna med status och knapp för att uppdatera; för en strategi, eller med ord ur aktivitetens titel.',
    aliases: ['aktivitet', 'aktiviteterna', 'aktiviteten', 'delaktiviteter', 'delaktivitet', 'delaktiviteten', 'activities', 'activity', 'bilaga 1', 'bilaga', 'bilagan', 'handlingsplan', 'handlingsplanen', 'uppdatera', 'update', 'tasks'],
    inManifest: true,
  },
  {
    kind: 'localFollowUp',
    word: 'lokalt',
    usage: 'lokalt [sida]',
    description: 'Arenornas egen uppföljning av Bilaga 1 sida vid sida, med en sammanfattning per rad.',
    aliases: ['lokal uppfoljning', 'kommunerna', 'alla kommuner', 'arenorna', 'alla arenor', 'jamfor', 'jamfora', 'compare', 'local'],
    inManifest: false,
  },
  {
    kind: 'measures',
    word: 'mått',
    usage: 'mått',
    description: 'Effektmåtten: senaste värden, om målvärdet nås, och rapportering för perioden.',
    aliases: ['matt', 'matten', 'mattet', 'effektmatt', 'effektmatten', 'effektmattet', 'measures', 'measure', 'indikatorer', 'indikator', 'nyckeltal', 'malvarde', 'malvarden', 'kpi'],
    inManifest: true,
  },
  {
    kind: 'newActivity',
    word: 'ny aktivitet',
    usage: 'ny aktivitet',
    description: 'Anta en av planens rekommenderade lokala aktiviteter eller lägg till en egen.',
    aliases: ['ny', 'nya aktiviteter', 'ny lokal aktivitet', 'lagg till aktivitet', 'lagga till aktivitet', 'lagg till en aktivitet', 'anta aktivitet', 'new activity', 'new', 'add activity'],
    inManifest: true,
  },
  {
    kind: 'reminders',
    word: 'påminnelser',
    usage: 'påminnelser',
    description: 'Kanalens inställningar för påminnelser om uppföljning.',
    aliases: ['paminnelse', 'paminnelserna', 'paminnelsen', 'paminn', 'paminna', 'reminders', 'reminder', 'notiser', 'aviseringar', 'notifications'],
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
    aliases: ['uppfoljningen', 'arlig uppfoljning', 'arsuppfoljning', 'uppfoljningsomgang', 'uppfoljningsomgangen', 'lamna in', 'lamnat in', 'lamnar in', 'inlamning', 'inlamnat', 'submitted', 'submit', 'follow up', 'followup'],
    inManifest: true,
  },
  {
    kind: 'meetingBrief',
    word: 'mötesunderlag',
    usage: 'mötesunderlag [sedan datum]',
    description: 'Vad som har ändrats sedan kanalens förra mötesunderlag, eller sedan ett datum: underlag till nästa möte.',
    aliases: ['motesunderlaget', 'meeting brief', 'underlag', 'underlaget', 'mote', 'motet', 'agenda', 'brief', 'hant', 'andrats', 'andrat', 'nytt', 'nyheter', 'what changed', 'what happened', 'changes'],
    inManifest: true,
  },
  {
    kind: 'link',
    word: 'koppla',
    usage: 'koppla [arena]',
    description: 'Koppla kanalen till sin arena: "koppla" och arenans namn. I personlig chatt: välj vilken arena du följer.',
    aliases: ['koppla till', 'koppla om', 'byt arena', 'byta arena', 'link', 'connect'],
    inManifest: true,
  },
];

/** What the parser needs from the loaded plan: the arenas (and their other names) and the strategies. */
export interface Vocabulary {
  arenas: ReadonlyArray<Pick<Arena, 'id' | 'name' | 'kind'> & { aliases?: readonly string[] }>;
  strategies: ReadonlyArray<Pick<Strategy, 'id' | 'number' | 'title'>>;
}

/** Words that carry no command and no search: politeness, questions, pronouns ("kan du visa vad som är försenat för oss?"). */
const FILLERS = new Set(
  (
    'visa visar lista se kolla kika titta ge fa hamta ta fram oppna sok soka kan du ni jag vi vill ville skulle vilja garna snalla tack tusen hej hejsan hallo god goddag morgon ' +
    'dag kvall mig oss dig er min mitt mina var vart vara vi ert era de den det dom som ar var vad vilka vilken vilket hur nar finns fanns har hade i pa for med till av och eller om ' +
    'att en ett nu just alla allt hela lite bara ocksa aven tills under fran efter innan ut upp ner man kanske skriv skriva please show me my our the a an all list what which is are ' +
    'of for to in on can you could would like get give tell do does hi hello hey thanks thank pls plz ok okej jo ja nej it going gar gick ligger ser blir gors sta star good morning afternoon evening dear'
  ).split(' '),
);
const THANKS_WORDS = new Set(['tack', 'tackar', 'tacktack', 'tusen', 'sa', 'mycket', 'for', 'hjalpen', 'det', 'thanks', 'thank', 'you', 'thx', 'toppen', 'perfekt', 'kanon', 'bra', 'super', 'ok', 'okej', 'hej', 'da', 'sa', 'fint', 'great']);
const THANKS_CORE = ['tack', 'tackar', 'tacktack', 'thanks', 'thank', 'thx'];
/** Words that turn a request around ("koppla inte om kanalen"): nothing that writes acts on them. */
const NEGATIONS = new Set(['inte', 'ej', 'icke', 'not', 'dont', 'aldrig', 'never']);
const REPORT_WORDS = new Set(['arsrapport', 'arsrapporten', 'rapport', 'rapporten', 'report', 'excel', 'exportera', 'export', 'exportera', 'word', 'ladda', 'nedladdning', 'download']);
const WHERE_WORDS = new Set(['arena', 'arenan', 'kanal', 'kanalen', 'channel', 'kopplad', 'kopplat', 'linked']);
const WHICH_WORDS = new Set(['vilken', 'vilket', 'which', 'vem', 'ar', 'is']);

/** Which command wins when a sentence has more than one ("försenade aktiviteter" is försenat). */
const PRECEDENCE: ReadonlyArray<CommandWord['kind']> = ['link', 'newActivity', 'overdue', 'followUpRound', 'revision', 'reminders', 'measures', 'localFollowUp', 'meetingBrief', 'activities', 'status', 'help'];
/** Aliases that are a command only on their own ("ny", "hej"), never inside a longer sentence. */
const ONLY_ALONE = new Set(['ny', 'new', 'hej', 'hejsan', 'hallo', 'hi', 'hello', 'uppdatera', 'update']);
/** The command words that start a new meeting brief (the others read one). */
const RECORDING_BRIEF = new Set(['motesunderlag', 'meeting brief']);

/** Text as the parser compares it: folded, punctuation gone ("Status!" → "status"). */
export function normalise(text: string): string {
  return fold(text)
    .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
    .replace(/-/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

interface Hit {
  kind: CommandWord['kind'];
  alias: string;
  /** Word indexes the alias took. */
  at: number[];
  typos: number;
}

let aliases: Array<{ kind: CommandWord['kind']; alias: string; words: string[] }> | undefined;

/** Every command word and alias, normalised once (every message is matched against them all). */
function commandAliases(): NonNullable<typeof aliases> {
  aliases ??= COMMAND_WORDS.flatMap((command) => [normalise(command.word), ...command.aliases].map((alias) => ({ kind: command.kind, alias, words: alias.split(' ') })));
  return aliases;
}

/**
 * Exact command words anywhere among the free words; an alias of several words may have filler
 * words between its own ("lägga till en aktivitet").
 */
function exactHits(free: Array<{ i: number; w: string }>): Hit[] {
  const hits: Hit[] = [];
  for (const { kind, alias, words } of commandAliases()) {
    for (let k = 0; k < free.length; k++) {
      if (free[k]!.w !== words[0]) continue;
      const at = [free[k]!.i];
      let j = k + 1;
      for (const wanted of words.slice(1)) {
        let skipped = 0;
        while (j < free.length && free[j]!.w !== wanted && FILLERS.has(free[j]!.w) && skipped < 2 && free[j]!.i === at[at.length - 1]! + skipped + 1) {
          j++;
          skipped++;
        }
        if (j < free.length && free[j]!.w === wanted && free[j]!.i === at[at.length - 1]! + skipped + 1) at.push(free[j++]!.i);
        else break;
      }
      if (at.length === words.length) hits.push({ kind, alias, at, typos: 0 });
    }
  }
  return hits;
}

/** Near misses of one-word command words ("statsu", "påminelser"): the best per word, when only one command is that near. */
function nearHits(free: Array<{ i: number; w: string }>): Hit[] {
  const hits: Hit[] = [];
  for (const { i, w } of free) {
    if (w.length < 4 || FILLERS.has(w) || /\d/.test(w)) continue;
    const scored = commandAliases()
      .filter((a) => a.words.length === 1 && a.alias.length >= 5 && !ONLY_ALONE.has(a.alias))
      .map((a) => ({ ...a, d: distance(w, a.alias) }))
      .filter((a) => a.d > 0 && a.d <= allowedTypos(a.alias))
      .sort((a, b) => a.d - b.d);
    const best = scored[0];
    if (best && !scored.some((s) => s.d === best.d && s.kind !== best.kind)) hits.push({ kind: best.kind, alias: best.alias, at: [i], typos: best.d });
  }
  return hits;
}

/** The nearest command words to any word of the sentence, for "Menade du …?" (looser than nearHits). */
function looseWords(free: Array<{ i: number; w: string }>): Array<CommandWord['kind']> {
  const found: Array<{ kind: CommandWord['kind']; d: number }> = [];
  for (const { w } of free) {
    if (w.length < 5 || FILLERS.has(w)) continue;
    for (const a of commandAliases()) {
      if (ONLY_ALONE.has(a.alias)) continue;
      // Any word of the alias ("rapporter" near "rapportera"), or the word's start ("påminn" of "påminnelser").
      const d = Math.min(...a.words.map((aw) => (aw.length >= 5 ? distance(w, aw) : 99)), ...a.words.map((aw) => (aw.length >= 5 && aw.startsWith(w) ? 1 : 99)));
      if (d <= allowedTypos(w) + 1 && d <= Math.floor(w.length / 3)) found.push({ kind: a.kind, d });
    }
  }
  found.sort((a, b) => a.d - b.d);
  return [...new Set(found.map((f) => f.kind))];
}

export function parseCommand(text: string, vocabulary?: Vocabulary, now: Date = new Date()): Command {
  return parse(text, vocabulary, now, true);
}

/** `correct`: whether near misses may be corrected to build an offer (once: the corrected sentence is not corrected again). */
function parse(text: string, vocabulary: Vocabulary | undefined, now: Date, correct: boolean): Command {
  const raw = text.slice(0, 300);
  if (/^\s*\?+\s*$/.test(raw)) return { kind: 'help' };
  const refs = readPlanReferences(raw, vocabulary ?? { arenas: [], strategies: [] }, now);
  const all = refs.tokens.map((t) => t.folded);
  if (all.length === 0) return { kind: 'help' };
  if (isThanks(all)) return { kind: 'thanks' };

  const free = refs.free.map((i) => ({ i, w: refs.tokens[i]!.folded }));
  const content = free.filter((f) => !FILLERS.has(f.w));
  const arenas = refs.arenas.filter((a) => a.exact);
  const commandWordAt = new Set(exactHits(free).flatMap((h) => h.at));
  // A word that is a command word exactly is not a near miss of a name ("läget" is not "länet", "agenda" not "Ragunda").
  const nearArenas = refs.arenas.filter((a) => !a.exact && !a.at.some((k) => commandWordAt.has(k)));
  const strategies = refs.strategies.filter((s) => s.exact);
  const number = refs.numbers[0];
  const negated = all.some((w) => NEGATIONS.has(w));

  let hits = exactHits(free.filter((f) => !nearArenas.some((a) => a.at.includes(f.i))));
  // "ny" and "hej" only on their own; a bare number is a strategy only after a command ("aktiviteter 2").
  if (content.length > 1 || arenas.length + strategies.length + refs.numbers.length > 0) hits = hits.filter((h) => !ONLY_ALONE.has(h.alias));
  const used = new Set(hits.flatMap((h) => h.at));
  const near = nearHits(free.filter((f) => !used.has(f.i) && !FILLERS.has(f.w)));
  const exact = pick(hits);
  // Words left for a search: what no command word, name, number or date took, and not a filler.
  const leftover = content.filter((f) => !used.has(f.i) && !near.some((n) => n.at.includes(f.i)));
  const typedWords = (list: Array<{ i: number }>) => list.map((f) => refs.tokens[f.i]!.typed).join(' ');

  // The sentence with its near misses put right ("försenst Krokm" → "försenat Krokom"): what it
  // then says is offered first, never done.
  const corrected = (): Command | undefined => {
    if (!correct || (near.length === 0 && nearArenas.length === 0)) return undefined;
    const words = refs.tokens.map((t) => t.typed);
    for (const n of near) words[n.at[0]!] = n.alias;
    for (const a of nearArenas) words[a.at[0]!] = a.name;
    const c = parse(words.join(' '), vocabulary, now, false);
    return c.kind === 'unknown' ? undefined : c;
  };

  // The arena named by name: a near miss is only offered.
  if (nearArenas.length > 0 && arenas.length === 0) {
    const named = nearArenas[0]!.name;
    const kind = exact?.kind ?? (near.length === 1 ? near[0]!.kind : undefined);
    const word = kind ? commandWordFor(kind) : undefined;
    const offers = word && word !== 'hjälp' ? [`${word} ${named}`, kind === 'link' ? `status ${named}` : word] : [`status ${named}`, `försenat ${named}`];
    const fixed = corrected();
    return unknown(raw, [...(fixed ? [commandText(fixed, vocabulary)] : []), ...offers]);
  }

  if (exact) return commandFor(exact, { raw, refs, arenas, strategies, number, leftover: typedWords(leftover), leftoverFolded: leftover.map((f) => f.w), negated, hasNear: near.length > 0 });

  // No command word: a name, number or date is enough to show something that only reads.
  if (number) return { kind: 'activities', number: number.text, ...arenaOf(arenas) };
  if (REPORT_WORDS_IN(all)) return refs.period?.kind === 'year' ? { kind: 'report', year: refs.period.year } : { kind: 'report' };
  if (isWhereAmI(all, arenas.length)) return { kind: 'whereAmI' };
  if (near.length > 0) {
    // A typo of a command word: read-only commands are shown when the typo is the whole request;
    // commands that write or record are only offered.
    const kinds = [...new Set(near.map((n) => n.kind))];
    const only = kinds.length === 1 ? kinds[0]! : undefined;
    if (only && only !== 'link' && only !== 'meetingBrief' && leftover.length === 0) {
      return commandFor({ ...near[0]!, kind: only }, { raw, refs, arenas, strategies, number, leftover: '', leftoverFolded: [], negated, hasNear: false });
    }
    const fixed = corrected();
    return unknown(raw, [...(fixed ? [commandText(fixed, vocabulary)] : []), ...kinds.map((k) => suggestionFor(k, arenas[0]?.name)), ...fallbacks(arenas, strategies)]);
  }
  if (arenas.length === 1) return strategies.length === 1 ? { kind: 'activities', strategy: String(strategies[0]!.number), arenaId: arenas[0]!.arenaId } : { kind: 'status', arenaId: arenas[0]!.arenaId };
  if (arenas.length > 1) return unknown(raw, arenas.slice(0, 2).map((a) => `status ${a.name}`).concat(arenas.length > 2 ? ['lokalt'] : ['lokalt']));
  if (strategies.length === 1 && leftover.length === 0) return { kind: 'activities', strategy: String(strategies[0]!.number) };
  if (refs.period && refs.period.kind !== 'year') return briefFor(refs.period, false);
  return unknown(raw, [...looseWords(free).map((k) => suggestionFor(k, undefined)), ...fallbacks(arenas, refs.strategies)]);
}

function REPORT_WORDS_IN(words: string[]): boolean {
  return words.some((w) => REPORT_WORDS.has(w));
}

/** "vilken arena är den här kanalen?", "är kanalen kopplad?" */
function isWhereAmI(words: string[], arenasNamed: number): boolean {
  return arenasNamed === 0 && words.some((w) => WHERE_WORDS.has(w)) && words.some((w) => WHICH_WORDS.has(w) || w === 'kopplad');
}

/** The command that wins among the exact hits. */
function pick(hits: Hit[]): Hit | undefined {
  return [...hits].sort((a, b) => PRECEDENCE.indexOf(a.kind) - PRECEDENCE.indexOf(b.kind) || b.at.length - a.at.length)[0];
}

interface Reading {
  raw: string;
  refs: PlanReferences;
  arenas: PlanReferences['arenas'];
  strategies: PlanReferences['strategies'];
  number: PlanReferences['numbers'][number] | undefined;
  leftover: string;
  leftoverFolded: string[];
  negated: boolean;
  hasNear: boolean;
}

const arenaOf = (arenas: PlanReferences['arenas']) => (arenas.length === 1 ? { arenaId: arenas[0]!.arenaId } : {});

function commandFor(hit: Hit, r: Reading): Command {
  const { arenas, strategies, number, refs } = r;
  // A bare number after the command: a strategy's ("aktiviteter 2", "status 3").
  const bare = r.leftoverFolded.length === 1 && /^\d{1,2}$/.test(r.leftoverFolded[0]!) ? Number(r.leftoverFolded[0]) : undefined;
  const strategyNumber = strategies.length === 1 ? strategies[0]!.number : bare;
  const otherWords = bare !== undefined ? [] : r.leftoverFolded;
  switch (hit.kind) {
    case 'help':
      return { kind: 'help' };
    case 'status':
      if (number) return { kind: 'activities', number: number.text, ...arenaOf(arenas) };
      if (arenas.length > 1) return unknown(r.raw, [...arenas.slice(0, 2).map((a) => `status ${a.name}`), 'lokalt']);
      if (strategyNumber !== undefined) return { kind: 'status', strategy: String(strategyNumber), ...arenaOf(arenas) };
      if (arenas.length === 1) return { kind: 'status', arenaId: arenas[0]!.arenaId };
      // "status Narnia": words after the command word itself that name nothing are asked about, not dropped.
      if (otherWords.length > 0 && !r.hasNear && hit.alias === 'status') {
        const nearStrategy = refs.strategies.find((x) => !x.exact);
        return unknown(r.raw, [nearStrategy ? `status ${nearStrategy.number}` : 'status', `aktiviteter ${r.leftover.slice(0, 40)}`, 'hjälp']);
      }
      return { kind: 'status' };
    case 'overdue':
      if (arenas.length > 1) return unknown(r.raw, [...arenas.slice(0, 2).map((a) => `försenat ${a.name}`), 'hjälp']);
      return { kind: 'overdue', ...arenaOf(arenas) };
    case 'activities': {
      if (arenas.length > 1) return unknown(r.raw, [...arenas.slice(0, 2).map((a) => `aktiviteter ${a.name}`), 'hjälp']);
      if (number) return { kind: 'activities', number: number.text, ...arenaOf(arenas) };
      if (strategyNumber !== undefined) return { kind: 'activities', strategy: String(strategyNumber), ...arenaOf(arenas) };
      const nearStrategy = refs.strategies.find((x) => !x.exact);
      if (otherWords.length > 0 && nearStrategy) return unknown(r.raw, [`aktiviteter ${nearStrategy.number}`, 'aktiviteter']);
      if (otherWords.length > 0) return { kind: 'activities', search: r.leftover, ...arenaOf(arenas) };
      return { kind: 'activities', ...arenaOf(arenas) };
    }
    case 'link': {
      if (r.negated) return unknown(r.raw, ['status', 'hjälp']);
      if (arenas.length === 1) return { kind: 'link', arena: arenas[0]!.name };
      if (arenas.length > 1) return unknown(r.raw, arenas.slice(0, 3).map((a) => `koppla ${a.name}`));
      // Words after "koppla" that name no arena: the link card shows the arenas to choose from.
      const typed = r.leftoverFolded.some((w) => !WHERE_WORDS.has(w)) ? r.leftover : '';
      return typed ? { kind: 'link', arena: typed } : { kind: 'link' };
    }
    case 'meetingBrief': {
      const record = RECORDING_BRIEF.has(hit.alias) && !r.negated;
      // "vem har ändrat 2.2.1?": a question about one item is that item's rows.
      if (number && !record) return { kind: 'activities', number: number.text, ...arenaOf(arenas) };
      // "sedan blåmåndag": a date the reader does not know is passed as typed, and the feature says how to write one.
      const sinceAt = refs.period ? -1 : refs.tokens.findIndex((t, i) => ['sedan', 'sen', 'fran', 'since', 'from'].includes(t.folded) && i < refs.tokens.length - 1);
      if (sinceAt >= 0) return { kind: 'meetingBrief', since: refs.tokens.slice(sinceAt + 1).map((t) => t.typed).join(' '), record, ...arenaOf(arenas) };
      const brief = briefFor(refs.period, record);
      return { ...brief, ...arenaOf(arenas) };
    }
    case 'localFollowUp': {
      const page = r.leftoverFolded.find((w) => /^\d{1,3}$/.test(w));
      return page ? { kind: 'localFollowUp', page: Number(page) } : { kind: 'localFollowUp' };
    }
    case 'followUpRound':
      return { kind: 'followUpRound' };
    case 'measures':
      // "mått 2": the card's second page.
      return { kind: 'measures', ...arenaOf(arenas), ...(bare !== undefined && arenas.length === 0 ? { page: bare } : {}) };
    default:
      // The other commands take no argument; another arena named is passed on for the router to answer honestly.
      return { kind: hit.kind, ...arenaOf(arenas) } as Command;
  }
}

function briefFor(period: PlanReferences['period'], record: boolean): Extract<Command, { kind: 'meetingBrief' }> {
  if (!period || period.kind === 'lastMeeting') return { kind: 'meetingBrief', record };
  if (period.kind === 'since') return { kind: 'meetingBrief', since: period.date, record };
  if (period.kind === 'year') return { kind: 'meetingBrief', since: `${period.year}-01-01`, record };
  return { kind: 'meetingBrief', since: period.typed.replace(/^(?:sedan|sen|från|fran|efter|since|from|after)\s+/i, ''), record };
}

/**
 * The words that show a command again, as exactly as the parser reads them: for buttons
 * ("Menade du …?") and for cards that refresh by running their command again.
 */
export function commandText(command: Command, vocabulary?: Pick<Vocabulary, 'arenas'>): string {
  const arenaName = (id: string | undefined) => (id ? vocabulary?.arenas.find((a) => a.id === id)?.name : undefined);
  const withArena = (words: string, id: string | undefined) => [words, arenaName(id)].filter(Boolean).join(' ');
  switch (command.kind) {
    case 'status':
      return command.strategy ? withArena(`status ${command.strategy}`, command.arenaId) : withArena('status', command.arenaId);
    case 'overdue':
      return withArena('försenat', command.arenaId);
    case 'activities':
      return withArena(['aktiviteter', command.number ?? command.strategy ?? command.search].filter(Boolean).join(' '), command.arenaId);
    case 'localFollowUp':
      return command.page ? `lokalt ${command.page}` : 'lokalt';
    case 'link':
      return command.arena ? `koppla ${command.arena}` : 'koppla';
    case 'meetingBrief':
      return command.since ? `mötesunderlag sedan ${command.since}` : 'mötesunderlag';
    case 'report':
      return command.year ? `årsrapport ${command.year}` : 'årsrapport';
    case 'measures':
      return command.page ? `mått ${command.page}` : withArena('mått', command.arenaId);
    case 'whereAmI':
      return 'vilken arena är kanalen';
    case 'thanks':
      return 'tack';
    case 'unknown':
      return 'hjälp';
    default:
      return commandWordFor(command.kind);
  }
}

function commandWordFor(kind: CommandWord['kind']): string {
  return COMMAND_WORDS.find((c) => c.kind === kind)!.word;
}

/** A whole command for a "Menade du …?" button: with the arena named, where the command takes one. */
function suggestionFor(kind: CommandWord['kind'], arenaName: string | undefined): string {
  const word = commandWordFor(kind);
  return arenaName && ['status', 'overdue', 'activities', 'link'].includes(kind) ? `${word} ${arenaName}` : word;
}

function fallbacks(arenas: PlanReferences['arenas'], strategies: PlanReferences['strategies']): string[] {
  const out: string[] = [];
  if (arenas[0]) out.push(`status ${arenas[0].name}`);
  if (strategies[0]) out.push(`aktiviteter ${strategies[0].number}`);
  return [...out, 'status', 'aktiviteter', 'hjälp'];
}

/** At most three distinct suggestions, "hjälp" always among them. */
function unknown(raw: string, suggestions: string[]): Command {
  const distinct = [...new Set(suggestions)].filter((s) => s !== 'hjälp').slice(0, 2);
  return { kind: 'unknown', text: raw, suggestions: [...distinct, 'hjälp'] };
}

function isThanks(words: string[]): boolean {
  return words.some((w) => THANKS_CORE.includes(w)) && words.every((w) => THANKS_WORDS.has(w));
}

/** "Östersunds kommun", "Åre kommun", "kommunen Berg" → the name itself. */
function withoutMunicipality(t: string): string[] {
  const forms = [t];
  const stripped = t.replace(/^(?:kommunen|kommun) /, '').replace(/ (?:kommun|kommunen|kommuns)$/, '');
  if (stripped !== t) forms.push(stripped);
  // The genitive of "Östersunds kommun": only when the name itself does not end in s.
  if (stripped.endsWith('s')) forms.push(stripped.slice(0, -1));
  return forms;
}

/**
 * Finds an arena by what someone typed: its name, id or one of its other names in the plan
 * ("länet", "regionen"), with "kommun"/"s kommun", genitive -s, case, punctuation and å/ä/ö
 * forgiven. `near`: also a typo or two (for offering, never for acting). Undefined when nothing,
 * or more than one arena, fits.
 */
export function findArena<A extends Vocabulary['arenas'][number]>(arenas: readonly A[], typed: string, options: { near?: boolean } = {}): A | undefined {
  const wanted = normalise(typed);
  if (!wanted) return undefined;
  const forms = withoutMunicipality(wanted);
  const names = (a: A) => [normalise(a.name), a.id, ...(a.aliases ?? []).map(normalise)];
  const exact = arenas.filter((a) => names(a).some((n) => forms.includes(n)));
  if (exact.length === 1) return exact[0];
  if (exact.length > 1 || !options.near) return undefined;
  const main = forms[forms.length - 1]!;
  if (main.length < 4) return undefined;
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
