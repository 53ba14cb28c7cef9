// Finding plan items from what someone typed in the compose box: a plan number ("2.3", "2.3.1"),
// an arena ("Krokom"), a strategy ("kontinuitet") or words of a title ("fasta kontakter"), alone
// or together ("2.3 Krokom"), as the domain's reader of plan references reads them. Each hit is one
// sub-activity as one scope follows it up.
import { planNumberOf, readPlanReferences } from '../domain/planReferences';
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

/** Reads a compose-box query with the domain's one reader of plan references (planReferences.ts). */
export function readPlanQuery(typed: string, view: PlanContentView): PlanQuery {
  const refs = readPlanReferences(typed.slice(0, 100), view);
  const query: PlanQuery = { words: '' };
  const number = refs.numbers[0];
  if (number) query.number = [number.strategy, number.activity, ...(number.subActivity !== undefined ? [number.subActivity] : [])];
  const arenaRef = refs.arenas.find((a) => a.exact);
  const arena = arenaRef ? view.arenas.find((a) => a.id === arenaRef.arenaId) : undefined;
  if (arena) query.arena = arena;
  // Words near an arena's or strategy's name are only near misses: they stay words to search for.
  const taken = new Set([...(arenaRef?.at ?? []), ...refs.strategies.filter((x) => x.exact).flatMap((x) => x.at)]);
  let free = refs.tokens.filter((_, i) => !taken.has(i) && !refs.numbers.some((n) => n.at.includes(i)) && !(refs.period?.at ?? []).includes(i)).map((t) => t.typed);
  const strategyRef = refs.strategies.find((x) => x.exact);
  // A bare number ("2") is a strategy here: the compose box has no command to take it.
  const bare = !number && free.length === 1 && /^\d{1,2}$/.test(free[0]!) ? view.strategies.find((x) => x.number === Number(free[0])) : undefined;
  const strategy = bare ?? (!number && strategyRef ? view.strategies.find((x) => x.id === strategyRef.strategyId) : undefined);
  if (strategy) query.strategy = strategy;
  if (bare) free = [];
  query.words = free.join(' ');
  return query;
}

export interface PlanHit {
  scope: Arena;
  activity: ActivityView;
  sub: SubActivityView;
  /** The plan's number of a Bilaga 1 item ("2.3.1"); '' for an arena's local activity. */
  number: string;
}

/** The plan's numbers of Bilaga 1's sub-activities, by id (planReferences.ts counts them). */
export function bilaga1Numbers(view: PlanContentView, bilaga1: ActivityView[]): Map<string, string> {
  return new Map(bilaga1.flatMap((a) => a.subActivities.map((d) => [d.id, planNumberOf(d.id, bilaga1, view.strategies) ?? ''] as const)));
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
