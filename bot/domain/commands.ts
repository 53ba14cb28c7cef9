// The bot's commands: short Swedish words with English aliases. Parsing is plain text in,
// a typed command out; the Teams edge has already removed the @mention.
import type { Arena, Strategy } from './plan';
import { fold } from './text';

export type Command =
  | { kind: 'help' }
  | { kind: 'status' }
  | { kind: 'activities'; strategy?: string }
  | { kind: 'overdue' }
  | { kind: 'localFollowUp'; page?: number }
  | { kind: 'measures' }
  | { kind: 'newActivity' }
  | { kind: 'reminders' }
  | { kind: 'link'; arena?: string }
  | { kind: 'revision' }
  | { kind: 'unknown'; text: string };

/** Command words after folding (see text.ts); the first of each list is the Swedish word shown in help. */
const WORDS: Array<[Command['kind'], string[]]> = [
  ['help', ['hjalp', 'help', '?', 'hej', 'hi', 'hello']],
  ['status', ['status', 'oversikt', 'overview']],
  ['activities', ['aktiviteter', 'aktivitet', 'activities', 'activity']],
  ['overdue', ['forsenat', 'forsenade', 'forsenad', 'overdue']],
  ['localFollowUp', ['lokalt', 'lokal uppfoljning', 'kommunerna', 'local']],
  ['measures', ['matt', 'effektmatt', 'measures', 'measure']],
  ['newActivity', ['ny aktivitet', 'ny', 'new activity', 'new', 'add activity']],
  ['reminders', ['paminnelser', 'paminnelse', 'reminders', 'reminder']],
  ['link', ['koppla', 'link']],
  ['revision', ['revidering', 'revision', 'revidera']],
];

export function parseCommand(text: string): Command {
  const folded = fold(text);
  if (folded === '') return { kind: 'help' };
  // Longest word first, so that "ny aktivitet" is not read as "ny" + argument.
  const candidates = WORDS.flatMap(([kind, words]) => words.map((w) => [kind, w] as const)).sort((a, b) => b[1].length - a[1].length);
  for (const [kind, word] of candidates) {
    if (folded === word || folded.startsWith(`${word} `)) {
      const rest = text.trim().split(/\s+/).slice(word.split(' ').length).join(' ').trim();
      if (kind === 'activities') return rest ? { kind, strategy: rest } : { kind };
      if (kind === 'link') return rest ? { kind, arena: rest } : { kind };
      if (kind === 'localFollowUp' && /^(sida )?\d{1,3}$/i.test(rest)) return { kind, page: Number(rest.replace(/\D/g, '')) };
      if (rest && kind !== 'help') return { kind: 'unknown', text };
      return { kind } as Command;
    }
  }
  return { kind: 'unknown', text };
}

/** Finds an arena by what someone typed: its name or id, case and å/ä/ö-insensitive. */
export function findArena(arenas: Arena[], typed: string): Arena | undefined {
  const wanted = fold(typed);
  const exact = arenas.find((a) => fold(a.name) === wanted || a.id === wanted);
  if (exact || wanted.length < 3) return exact;
  const byPrefix = arenas.filter((a) => fold(a.name).startsWith(wanted));
  return byPrefix.length === 1 ? byPrefix[0] : undefined;
}

/**
 * Finds a strategy by number ("2") or by a word of its title ("kontinuitet"), case and
 * å/ä/ö-insensitive. Returns undefined when nothing or more than one strategy matches.
 */
export function findStrategy(strategies: Array<Pick<Strategy, 'id' | 'number' | 'title'>>, typed: string): Pick<Strategy, 'id' | 'number' | 'title'> | undefined {
  const wanted = fold(typed);
  if (/^\d+$/.test(wanted)) return strategies.find((s) => s.number === Number(wanted));
  const matches = strategies.filter((s) => fold(s.title) === wanted || fold(s.title).split(' ').some((w) => w.length >= 4 && w.startsWith(wanted) && wanted.length >= 4));
  return matches.length === 1 ? matches[0] : undefined;
}
