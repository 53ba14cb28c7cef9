// Finding plan items from what someone typed in the compose box: a plan number ("2.3", "2.3.1"),
// an arena ("Krokom"), a strategy ("kontinuitet") or words of a title ("fasta kontakter"), alone
// or together ("2.3 Krokom"). Each hit is one sub-activity as one scope follows it up.
import { findArena, findStrategy, normalise } from '../domain/commands';
import type { Arena } from '../domain/plan';
import type { ActivityView, PlanContentView, StrategyInfo, SubActivityView } from '../domain/planView';
import type { PlanStore } from '../storage/planStore';
import { titleMatches } from './activitySearch';

export interface PlanQuery {
  /** "2.3.1" as [2, 3, 1]; "2.3" as [2, 3]. */
  number?: number[];
  arena?: Arena;
  strategy?: StrategyInfo;
  /** What is left to match against titles. */
  words: string;
}

/**
 * Reads a compose-box query. Kept in this one function so that the domain's shared parser of plan
 * numbers and arena names can take its place.
 */
export function readPlanQuery(typed: string, view: PlanContentView): PlanQuery {
  let rest = typed.trim().slice(0, 100);
  const query: PlanQuery = { words: '' };
  const number = /(?:^|\s)(\d{1,2}(?:\.\d{1,2}){1,2})\.?(?=\s|$)/.exec(rest);
  if (number) {
    query.number = number[1]!.split('.').map(Number);
    rest = (rest.slice(0, number.index) + ' ' + rest.slice(number.index + number[0].length)).trim();
  }
  if (rest) {
    // An arena named anywhere ("Krokom", "2.3 Krokom", "fasta kontakter Östersund"): the last word
    // or the whole text, so that titles are not read as arenas.
    const words = rest.split(/\s+/);
    const whole = findArena(view.arenas, rest);
    const last = words.length > 1 ? findArena(view.arenas, words[words.length - 1]!) : undefined;
    const first = words.length > 1 ? findArena(view.arenas, words[0]!) : undefined;
    const exactly = (a: Arena | undefined, word: string) => a && normalise(word).length >= 3 && normalise(a.name).startsWith(normalise(word));
    if (whole && exactly(whole, rest)) {
      query.arena = whole;
      rest = '';
    } else if (last && exactly(last, words[words.length - 1]!)) {
      query.arena = last;
      rest = words.slice(0, -1).join(' ');
    } else if (first && exactly(first, words[0]!)) {
      query.arena = first;
      rest = words.slice(1).join(' ');
    }
  }
  if (rest && !query.number) {
    const strategy = /^\d+$/.test(rest.trim()) || rest.trim().length >= 4 ? findStrategy(view.strategies, rest) : undefined;
    if (strategy) {
      query.strategy = strategy;
      rest = '';
    }
  }
  query.words = rest.trim();
  return query;
}

export interface PlanHit {
  scope: Arena;
  activity: ActivityView;
  sub: SubActivityView;
  /** The plan's number of a Bilaga 1 item ("2.3.1"); '' for an arena's local activity. */
  number: string;
}

/** Numbers of Bilaga 1's activities and sub-activities, by id, in the plan's order per strategy. */
export function bilaga1Numbers(view: PlanContentView, bilaga1: ActivityView[]): Map<string, string> {
  const numbers = new Map<string, string>();
  for (const strategy of view.strategies) {
    bilaga1
      .filter((a) => a.strategyId === strategy.id)
      .forEach((a, i) => {
        const activityNumber = `${strategy.number}.${i + 1}`;
        numbers.set(a.id, activityNumber);
        a.subActivities.forEach((d, j) => numbers.set(d.id, `${activityNumber}.${j + 1}`));
      });
  }
  return numbers;
}

/** The items a query finds, in the plan's order: an arena's local activities first, then Bilaga 1. */
export async function searchPlan(plan: Pick<PlanStore, 'arenaPlan'>, view: PlanContentView, query: PlanQuery): Promise<PlanHit[]> {
  const county = view.arenas.find((a) => a.kind === 'county');
  if (!county) return [];
  const countyPlan = await plan.arenaPlan(county);
  const numbers = bilaga1Numbers(view, countyPlan.bilaga1);
  const nothingAsked = !query.number && !query.arena && !query.strategy && !query.words;
  if (nothingAsked) return [];
  const matches = (activity: ActivityView, sub: SubActivityView, numbered: boolean): boolean => {
    if (sub.retired || activity.retired) return false;
    if (query.number) {
      if (!numbered) return false;
      const wanted = query.number.join('.');
      const own = numbers.get(sub.id) ?? '';
      if (!(own === wanted || own.startsWith(`${wanted}.`))) return false;
    }
    if (query.strategy && activity.strategyId !== query.strategy.id) return false;
    if (query.words && !titleMatches(activity.title, query.words) && !titleMatches(sub.title, query.words)) return false;
    return true;
  };
  const hitsOf = (scope: Arena, activities: ActivityView[], numbered: boolean): PlanHit[] =>
    activities.flatMap((activity) => activity.subActivities.filter((sub) => matches(activity, sub, numbered)).map((sub) => ({ scope, activity, sub, number: numbered ? (numbers.get(sub.id) ?? '') : '' })));

  if (query.arena && query.arena.kind !== 'county') {
    const own = await plan.arenaPlan(query.arena);
    return [...hitsOf(query.arena, own.local, false), ...hitsOf(query.arena, own.bilaga1, true)];
  }
  const hits = hitsOf(county, countyPlan.bilaga1, true);
  if (query.number || query.arena) return hits;
  // Words or a strategy without an arena: the county's Bilaga 1 and every arena's local activities.
  const locals = await Promise.all(view.arenas.filter((a) => a.kind !== 'county').map(async (arena) => hitsOf(arena, (await plan.arenaPlan(arena)).local, false)));
  return [...hits, ...locals.flat()];
}
