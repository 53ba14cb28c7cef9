// Applies a saved sub-activity (the PATCH answer) to the plan the tab holds, instead of loading
// the whole plan again after each save.
import type { ActivityView, SubActivityView } from '../../bot/domain/planView';
import type { PlanApiView } from '../../bot/api/planApi';

export function withSubActivity(plan: PlanApiView, sub: SubActivityView): PlanApiView {
  const patch = <T extends { id: string; scopeId: string; subActivities: SubActivityView[] }>(a: T): T =>
    a.scopeId === sub.scopeId && a.subActivities.some((d) => d.id === sub.id) ? { ...a, subActivities: a.subActivities.map((d) => (d.id === sub.id ? sub : d)) } : a;
  return {
    ...plan,
    strategies: plan.strategies.map((s) => ({ ...s, activities: s.activities.map(patch) })),
    arenas: plan.arenas.map((a) => ({ ...a, activities: a.activities.map(patch), bilaga1: a.bilaga1.map(patch) })),
  };
}

/** Applies a saved local activity (its text changed: title, strategy, period, its sub-activity). */
export function withLocalActivity(plan: PlanApiView, activity: ActivityView): PlanApiView {
  return { ...plan, arenas: plan.arenas.map((a) => (a.id === activity.scopeId ? { ...a, activities: a.activities.map((x) => (x.id === activity.id ? activity : x)) } : a)) };
}
