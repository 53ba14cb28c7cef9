// The tab applies the PATCH answer to the plan it holds instead of loading the plan again.
import assert from 'node:assert/strict';
import type { PlanApiView } from '../../bot/api/planApi';
import type { ActivityView, SubActivityView } from '../../bot/domain/planView';
import { withSubActivity } from '../../tab/src/planPatch';

const sub = (scopeId: string, id: string, status: SubActivityView['status'] = 'ej_paborjat') => ({ scopeId, id, status, title: id }) as SubActivityView;
const activity = (scopeId: string, id: string, subs: SubActivityView[]) => ({ scopeId, id, subActivities: subs }) as ActivityView;

describe("applying a saved sub-activity to the tab's plan", () => {
  const plan = {
    strategies: [{ id: 's1', activities: [activity('lan', 'a1', [sub('lan', 'd1'), sub('lan', 'd2')])] }],
    arenas: [{ id: 'krokom', activities: [activity('krokom', 'a2', [sub('krokom', 'd1')])], bilaga1: [] }],
  } as unknown as PlanApiView;

  it('replaces only the sub-activity of the same scope and id', () => {
    const next = withSubActivity(plan, sub('krokom', 'd1', 'klar'));
    assert.equal(next.arenas[0]!.activities[0]!.subActivities[0]!.status, 'klar');
    assert.equal(next.strategies[0]!.activities[0]!.subActivities[0]!.status, 'ej_paborjat');
    assert.equal(plan.arenas[0]!.activities[0]!.subActivities[0]!.status, 'ej_paborjat', 'the old plan is left as it was');
  });
});
