// What a sentence refers to in the plan, read from anywhere in it: arenas ("Krokom", "Bergs
// kommun", "länet"), strategies ("strategi 2", "kontinuitet"), the plan's numbers of activities
// and sub-activities ("2.3", "2.3.1") and periods ("sedan 1 oktober", "förra mötet", "2025").
// Plain text in, references out: the bot's command parser and the compose-box search both read
// sentences with it. Exact readings and near misses are kept apart, because a near miss may only
// be offered ("Menade du …?"), never acted on.
import { PLAN_TIME_ZONE } from './followUp';
import { fold } from './text';

/** The plan's names the reader needs: arenas with their other names, strategies with their numbers. */
export interface ReferenceVocabulary {
  arenas: ReadonlyArray<{ id: string; name: string; kind?: string; aliases?: readonly string[] }>;
  strategies: ReadonlyArray<{ id: string; number: number; title: string }>;
}

/** A word of the sentence: folded (å/ä → a, ö → o, lower case), and as typed. */
export interface Token {
  folded: string;
  typed: string;
}

/** An arena named in the sentence; `exact`: its name or other name as written (case, å/ä/ö, "kommun", genitive -s forgiven), else a near miss. */
export interface ArenaReference {
  arenaId: string;
  name: string;
  exact: boolean;
  /** Which words of the sentence (indexes into tokens). */
  at: number[];
}

export interface StrategyReference {
  strategyId: string;
  number: number;
  exact: boolean;
  at: number[];
}

/** "2.3" (strategy 2, its third activity) or "2.3.1" (that activity's first sub-activity): the numbers as typed. */
export interface PlanNumberReference {
  text: string;
  strategy: number;
  activity: number;
  subActivity?: number;
  at: number[];
}

/** A period: since a date (ISO, YYYY-MM-DD), since the place's last meeting brief, or one calendar year. */
export type PeriodReference =
  | { kind: 'since'; date: string; typed: string; at: number[] }
  | { kind: 'lastMeeting'; typed: string; at: number[] }
  | { kind: 'year'; year: number; typed: string; at: number[] }
  /** A date that cannot be: "sedan 31 februari", "sedan 2026-13-01". */
  | { kind: 'invalid'; typed: string; at: number[] };

export interface PlanReferences {
  tokens: Token[];
  arenas: ArenaReference[];
  strategies: StrategyReference[];
  numbers: PlanNumberReference[];
  period?: PeriodReference;
  /** Indexes of the words no reference took: where command words and search words are. */
  free: number[];
}

/**
 * Splits a sentence into words: folded, punctuation gone, but "2.3.1" and "2026-10-01" kept whole
 * (a dot or dash between digits belongs to the number).
 */
export function tokenize(text: string): Token[] {
  const typed = text
    .slice(0, 300)
    .replace(/(\d)[.-](?=\d)/g, '$1\u0000')
    .replace(/[^\p{L}\p{N}\s\u0000]/gu, ' ')
    .split(/\s+/)
    .filter((w) => w !== '');
  return typed.map((w) => ({ folded: fold(w).replace(/\u0000/g, '.'), typed: restore(text, w) }));
}

/** The word as it was typed (the dot or dash of numbers back in place). */
function restore(text: string, word: string): string {
  if (!word.includes('\u0000')) return word;
  const pattern = new RegExp(word.split('\u0000').map(escapeRegExp).join('[.-]'));
  return pattern.exec(text)?.[0] ?? word.replace(/\u0000/g, '.');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Typos forgiven in a word of this length: none up to 4 letters, one in 5–6, two from 7. */
export function allowedTypos(word: string): number {
  return word.length <= 4 ? 0 : word.length <= 6 ? 1 : 2;
}

/**
 * Optimal string alignment distance (Levenshtein with adjacent transpositions): "statsu" is one
 * from "status", "aktivteter" one from "aktiviteter".
 */
export function distance(a: string, b: string): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > 3) return Math.abs(a.length - b.length);
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

// ---------------------------------------------------------------------------------------------
// Arenas

/** Words around a municipality's name that belong to it: "Bergs kommun", "kommunen Berg". */
const MUNICIPALITY_WORDS = new Set(['kommun', 'kommunen', 'kommuns', 'kommune']);

/**
 * Folded names that are also everyday words: read as the arena only when typed with the name's
 * own letters ("Åre", not "are" as in "what are"), or next to "kommun".
 */
const EVERYDAY_WORDS = new Set(['are', 'lan']);
/** Words after which such a name is the arena ("koppla are", "status lan", "i are"). */
const NAME_BEFORE = new Set(['koppla', 'link', 'status', 'forsenat', 'aktiviteter', 'matt', 'i', 'for', 'med', 'till', 'hos', 'om']);

interface ArenaName {
  arenaId: string;
  name: string;
  words: string[];
  /** The name as written in the plan, lower case (å/ä/ö kept). */
  lower: string;
}

function arenaNames(arenas: ReferenceVocabulary['arenas']): ArenaName[] {
  return arenas
    .flatMap((a) =>
      [a.name, ...(a.aliases ?? [])].map((n) => ({ arenaId: a.id, name: a.name, words: fold(n).replace(/[^\p{L}\p{N}\s]/gu, ' ').split(/\s+/).filter(Boolean), lower: n.toLocaleLowerCase('sv-SE') })),
    )
    .concat(arenas.map((a) => ({ arenaId: a.id, name: a.name, words: [a.id], lower: a.name.toLocaleLowerCase('sv-SE') })))
    .sort((x, y) => y.words.length - x.words.length);
}

/** The arenas named in the sentence, longest names first; each word is read once. */
export function findArenaReferences(tokens: Token[], arenas: ReferenceVocabulary['arenas'], taken: Set<number> = new Set()): ArenaReference[] {
  const names = arenaNames(arenas);
  const found: ArenaReference[] = [];
  const near: ArenaReference[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (taken.has(i)) continue;
    let hit: { name: ArenaName; n: number } | undefined;
    for (const name of names) {
      const n = name.words.length;
      if (i + n > tokens.length) continue;
      const span = tokens.slice(i, i + n);
      if (span.some((_, k) => taken.has(i + k))) continue;
      const last = span[n - 1]!.folded;
      const same = span.slice(0, -1).every((t, k) => t.folded === name.words[k]) && (last === name.words[n - 1] || genitiveOf(last, name.words[n - 1]!));
      if (!same) continue;
      if (n === 1 && EVERYDAY_WORDS.has(name.words[0]!)) {
        const ownLetters = span[0]!.typed.toLocaleLowerCase('sv-SE').startsWith(name.lower);
        const nextToKommun = MUNICIPALITY_WORDS.has(tokens[i + 1]?.folded ?? '') || MUNICIPALITY_WORDS.has(tokens[i - 1]?.folded ?? '');
        const afterNameWord = NAME_BEFORE.has(tokens[i - 1]?.folded ?? '') && !['what', 'how', 'you', 'they', 'we', 'there', 'these', 'those'].some((w) => tokens.some((t) => t.folded === w));
        if (!ownLetters && !nextToKommun && !afterNameWord && tokens.length > 1) continue;
      }
      hit = { name, n };
      break;
    }
    if (hit) {
      const at = range(i, hit.n);
      if (MUNICIPALITY_WORDS.has(tokens[i + hit.n]?.folded ?? '')) at.push(i + hit.n);
      else if (i > 0 && MUNICIPALITY_WORDS.has(tokens[i - 1]!.folded) && !taken.has(i - 1)) at.unshift(i - 1);
      if (!found.some((f) => f.arenaId === hit.name.arenaId)) found.push({ arenaId: hit.name.arenaId, name: hit.name.name, exact: true, at });
      for (const k of at) taken.add(k);
      i = Math.max(...at);
      continue;
    }
    // A near miss of a one-word name ("Krokm", "Östersnd"): offered, never acted on.
    const word = tokens[i]!.folded;
    if (word.length < 4 || /\d/.test(word)) continue;
    const close = names
      .filter((n) => n.words.length === 1 && n.words[0]!.length >= 4)
      .map((n) => ({ n, d: Math.min(distance(word, n.words[0]!), genitiveDistance(word, n.words[0]!)) }))
      .filter((x) => x.d > 0 && x.d <= allowedTypos(x.n.words[0]!))
      .sort((a, b) => a.d - b.d);
    const best = close[0];
    if (best && !close.some((c) => c.d === best.d && c.n.arenaId !== best.n.arenaId) && !near.some((f) => f.arenaId === best.n.arenaId)) {
      near.push({ arenaId: best.n.arenaId, name: best.n.name, exact: false, at: [i] });
    }
  }
  // Near misses only for words no exact reading took.
  return [...found, ...near.filter((n) => !n.at.some((k) => taken.has(k)))];
}

function genitiveOf(word: string, name: string): boolean {
  return !name.endsWith('s') && word === `${name}s`;
}

function genitiveDistance(word: string, name: string): number {
  return word.endsWith('s') && !name.endsWith('s') ? distance(word.slice(0, -1), name) : 99;
}

function range(from: number, n: number): number[] {
  return Array.from({ length: n }, (_, k) => from + k);
}

// ---------------------------------------------------------------------------------------------
// Strategies

/** Words of strategy titles that say nothing on their own. */
const TITLE_FILLERS = new Set(['okad', 'och', 'fokus']);
const STRATEGY_WORDS = new Set(['strategi', 'strategin', 'strategy', 'strategierna']);

/**
 * The strategies named in the sentence: "strategi 2", or a word of a title ("kontinuitet",
 * "hälsofrämjande"; its start from five letters, "tillgängl"). A bare number is left to the
 * command that takes one ("aktiviteter 2").
 */
export function findStrategyReferences(tokens: Token[], strategies: ReferenceVocabulary['strategies'], taken: Set<number> = new Set()): StrategyReference[] {
  const found: StrategyReference[] = [];
  const add = (s: ReferenceVocabulary['strategies'][number], exact: boolean, at: number[]) => {
    if (!found.some((f) => f.strategyId === s.id)) found.push({ strategyId: s.id, number: s.number, exact, at });
    if (exact) for (const k of at) taken.add(k);
  };
  const titleWords = strategies.map((s) => ({ s, words: fold(s.title).split(/[^\p{L}]+/u).filter((w) => w.length >= 5 && !TITLE_FILLERS.has(w)) }));
  for (let i = 0; i < tokens.length; i++) {
    if (taken.has(i)) continue;
    const word = tokens[i]!.folded;
    if (STRATEGY_WORDS.has(word)) {
      const next = tokens[i + 1]?.folded ?? '';
      const s = /^\d+$/.test(next) ? strategies.find((x) => x.number === Number(next)) : undefined;
      if (s) add(s, true, [i, i + 1]);
      continue;
    }
    if (word.length < 5) continue;
    // The word, its start ("tillgängl"), or it with a definite ending ("kontinuiteten", "tillgängligheten").
    const exact = titleWords.filter((t) => t.words.some((w) => w === word || (word.length >= 6 && w.startsWith(word)) || (word.startsWith(w) && word.length - w.length <= 3)));
    if (exact.length === 1) {
      add(exact[0]!.s, true, [i]);
      continue;
    }
    if (exact.length > 1) continue;
    if (word.length < 6) continue;
    const close = titleWords.filter((t) => t.words.some((w) => distance(word, w) <= 1 || (word.length >= 8 && distance(word, w) <= 2)));
    if (close.length === 1) add(close[0]!.s, false, [i]);
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// The plan's numbers

/** "2.3" and "2.3.1" anywhere in the sentence (strategy, activity, sub-activity; counted from 1). */
export function findPlanNumbers(tokens: Token[], taken: Set<number> = new Set()): PlanNumberReference[] {
  const found: PlanNumberReference[] = [];
  tokens.forEach((t, i) => {
    if (taken.has(i)) return;
    const m = /^(\d{1,2})\.(\d{1,2})(?:\.(\d{1,2}))?$/.exec(t.folded);
    if (!m || !t.typed.includes('.')) return;
    const ref: PlanNumberReference = { text: m[0], strategy: Number(m[1]), activity: Number(m[2]), at: [i] };
    if (m[3]) ref.subActivity = Number(m[3]);
    if (ref.strategy === 0 || ref.activity === 0 || ref.subActivity === 0) return;
    found.push(ref);
    taken.add(i);
  });
  return found;
}

/** What the plan's numbers are counted on: each strategy's activities in plan order, each with its sub-activities in order. */
export interface NumberedActivity {
  id: string;
  strategyId: string;
  /** `position`: the plan's number of a sub-activity where the list leaves some out (the region's own work in an arena's list). */
  subActivities: ReadonlyArray<{ id: string; position?: number }>;
}

/**
 * The plan's number of an activity ("2.3") or sub-activity ("2.3.1"): the strategy's number, the
 * activity's place under it in Bilaga 1, the sub-activity's place under the activity. Undefined
 * for what is not in Bilaga 1 (an arena's local activities have no plan number).
 */
export function planNumberOf(id: string, activities: readonly NumberedActivity[], strategies: ReferenceVocabulary['strategies']): string | undefined {
  for (const s of strategies) {
    const under = activities.filter((a) => a.strategyId === s.id);
    for (const [ai, a] of under.entries()) {
      if (a.id === id) return `${s.number}.${ai + 1}`;
      const di = a.subActivities.findIndex((d) => d.id === id);
      if (di >= 0) return `${s.number}.${ai + 1}.${a.subActivities[di]!.position ?? di + 1}`;
    }
  }
  return undefined;
}

/** The activity (and sub-activity) a plan number names, or undefined when the plan has no such number. */
export function resolvePlanNumber(
  ref: Pick<PlanNumberReference, 'strategy' | 'activity' | 'subActivity'>,
  activities: readonly NumberedActivity[],
  strategies: ReferenceVocabulary['strategies'],
): { strategyId: string; activityId: string; subActivityId?: string } | undefined {
  const strategy = strategies.find((s) => s.number === ref.strategy);
  if (!strategy) return undefined;
  const activity = activities.filter((a) => a.strategyId === strategy.id)[ref.activity - 1];
  if (!activity) return undefined;
  if (ref.subActivity === undefined) return { strategyId: strategy.id, activityId: activity.id };
  const sub = activity.subActivities.find((d, i) => (d.position ?? i + 1) === ref.subActivity);
  return sub ? { strategyId: strategy.id, activityId: activity.id, subActivityId: sub.id } : undefined;
}

// ---------------------------------------------------------------------------------------------
// Periods and dates

const MONTHS: Array<[number, string[]]> = [
  [1, ['januari', 'jan', 'january']],
  [2, ['februari', 'feb', 'february']],
  [3, ['mars', 'mar', 'march']],
  [4, ['april', 'apr']],
  [5, ['maj', 'may']],
  [6, ['juni', 'jun', 'june']],
  [7, ['juli', 'jul', 'july']],
  [8, ['augusti', 'aug', 'august']],
  [9, ['september', 'sep', 'sept']],
  [10, ['oktober', 'okt', 'oct', 'october']],
  [11, ['november', 'nov']],
  [12, ['december', 'dec']],
];
const monthOf = (w: string) => MONTHS.find(([, names]) => names.includes(w))?.[0];
const SINCE_WORDS = new Set(['sedan', 'sen', 'fran', 'efter', 'since', 'from', 'after']);
const MEETING_WORDS = new Set(['motet', 'mote', 'motesunderlaget', 'motesunderlag', 'moten', 'meeting', 'brief', 'traffen', 'samverkansmotet', 'arenamotet']);
const LAST_WORDS = new Set(['forra', 'senaste', 'sista', 'last', 'previous', 'forrra']);

/** Today's date in the plan's time zone, as YYYY-MM-DD. */
export function planToday(now: Date): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: PLAN_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

function isoDate(y: number, m: number, d: number): string | undefined {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The period the sentence speaks of: "sedan 1 oktober" (the latest 1 October that has been),
 * "sen 2026-10-01", "sedan förra mötet", "förra veckan", "förra månaden", "i år", "2025".
 */
export function findPeriod(tokens: Token[], now: Date, taken: Set<number> = new Set()): PeriodReference | undefined {
  const today = planToday(now);
  const [ty, tm] = today.split('-').map(Number) as [number, number, number];
  const w = (i: number) => (taken.has(i) ? '' : (tokens[i]?.folded ?? ''));
  const typedOf = (at: number[]) => at.map((k) => tokens[k]!.typed).join(' ');
  const take = <P extends PeriodReference>(p: P): P => {
    for (const k of p.at) taken.add(k);
    return p;
  };
  for (let i = 0; i < tokens.length; i++) {
    const since = SINCE_WORDS.has(w(i)) ? 1 : 0;
    const j = i + since;
    // "förra mötet", "senaste mötesunderlaget", "last meeting".
    if (LAST_WORDS.has(w(j)) && MEETING_WORDS.has(w(j + 1))) {
      const at = range(i, since + 2);
      return take({ kind: 'lastMeeting', typed: typedOf(at), at });
    }
    // "2026-10-01"
    const iso = /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/.exec(w(j));
    if (iso && tokens[j]!.typed.includes('-')) {
      const at = range(i, since + 1);
      const date = isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
      return take(date ? { kind: 'since', date, typed: typedOf(at), at } : { kind: 'invalid', typed: typedOf(at), at });
    }
    // "1 oktober", "1 okt 2025", "den 1 oktober"
    const dayAt = w(j) === 'den' ? j + 1 : j;
    const month = /^\d{1,2}$/.test(w(dayAt)) ? monthOf(w(dayAt + 1)) : undefined;
    if (month) {
      const day = Number(w(dayAt));
      const yearTyped = /^\d{4}$/.test(w(dayAt + 2)) ? Number(w(dayAt + 2)) : undefined;
      const at = range(i, dayAt + 2 - i + (yearTyped ? 1 : 0));
      let date = isoDate(yearTyped ?? ty, month, day);
      // Without a year: the latest such date that has been.
      if (date && !yearTyped && date > today) date = isoDate(ty - 1, month, day);
      return take(date ? { kind: 'since', date, typed: typedOf(at), at } : { kind: 'invalid', typed: typedOf(at), at });
    }
    if (since) {
      // "sedan oktober": the first of that month.
      const onlyMonth = monthOf(w(j));
      if (onlyMonth) {
        let date = isoDate(ty, onlyMonth, 1)!;
        if (date > today) date = isoDate(ty - 1, onlyMonth, 1)!;
        return take({ kind: 'since', date, typed: typedOf([i, j]), at: [i, j] });
      }
      if (/^\d{4}$/.test(w(j)) && Number(w(j)) >= 2000 && Number(w(j)) <= 2100) return take({ kind: 'since', date: `${w(j)}-01-01`, typed: typedOf([i, j]), at: [i, j] });
    }
    // "igår", "i dag" (also after "sedan")
    if (['igar', 'yesterday'].includes(w(j)) || (w(j) === 'i' && w(j + 1) === 'gar')) {
      const at = range(i, since + (w(j) === 'i' ? 2 : 1));
      return take({ kind: 'since', date: addDays(today, -1), typed: typedOf(at), at });
    }
    if (['idag', 'today'].includes(w(j)) || (w(j) === 'i' && w(j + 1) === 'dag')) {
      const at = range(i, since + (w(j) === 'i' ? 2 : 1));
      return take({ kind: 'since', date: today, typed: typedOf(at), at });
    }
    // "förra veckan", "förra månaden", "i år", "i fjol"
    if (LAST_WORDS.has(w(i)) && ['veckan', 'week'].includes(w(i + 1))) return take({ kind: 'since', date: addDays(today, -7), typed: typedOf([i, i + 1]), at: [i, i + 1] });
    if (LAST_WORDS.has(w(i)) && ['manaden', 'month'].includes(w(i + 1))) {
      const date = isoDate(tm === 1 ? ty - 1 : ty, tm === 1 ? 12 : tm - 1, 1)!;
      return take({ kind: 'since', date, typed: typedOf([i, i + 1]), at: [i, i + 1] });
    }
    if (w(i) === 'i' && ['ar', 'fjol'].includes(w(i + 1))) return take({ kind: 'year', year: w(i + 1) === 'ar' ? ty : ty - 1, typed: typedOf([i, i + 1]), at: [i, i + 1] });
    if (['this', 'last'].includes(w(i)) && w(i + 1) === 'year') return take({ kind: 'year', year: w(i) === 'this' ? ty : ty - 1, typed: typedOf([i, i + 1]), at: [i, i + 1] });
    // "2025", "år 2025"
    if (/^\d{4}$/.test(w(i)) && Number(w(i)) >= 2000 && Number(w(i)) <= 2100) return take({ kind: 'year', year: Number(w(i)), typed: tokens[i]!.typed, at: [i] });
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------

/**
 * Everything the sentence refers to in the plan. Plan numbers and dates are read first (so that
 * "2025" is a year, not a strategy), then arenas (so that "Länsgemensam samverkan" is the county,
 * not the strategy "samverkan"), then strategies.
 */
export function readPlanReferences(text: string, vocabulary: ReferenceVocabulary, now: Date = new Date()): PlanReferences {
  const tokens = tokenize(text);
  const taken = new Set<number>();
  const numbers = findPlanNumbers(tokens, taken);
  const period = findPeriod(tokens, now, taken);
  const arenas = findArenaReferences(tokens, vocabulary.arenas, taken);
  const strategies = findStrategyReferences(tokens, vocabulary.strategies, taken);
  const free = tokens.map((_, i) => i).filter((i) => !taken.has(i));
  return { tokens, arenas, strategies, numbers, ...(period ? { period } : {}), free };
}
