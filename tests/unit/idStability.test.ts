// Ids are the keys of stored state and history: once released, an id keeps its meaning forever,
// whatever happens to its title.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadPlanContent } from '../../bot/content/loadPlan';
import type { PlanContent } from '../../bot/domain/plan';

type Kind = 'arena' | 'strategy' | 'effectMeasure' | 'localRecommendation' | 'activity' | 'subActivity';
interface Placed {
  kind: Kind;
  parent: string | null;
}

function idsOf(content: PlanContent): Map<string, Placed> {
  const ids = new Map<string, Placed>();
  for (const a of content.arenas) ids.set(a.id, { kind: 'arena', parent: null });
  for (const s of content.strategies) {
    ids.set(s.id, { kind: 'strategy', parent: null });
    for (const m of s.effectMeasures) ids.set(m.id, { kind: 'effectMeasure', parent: s.id });
    for (const r of s.localRecommendations) ids.set(r.id, { kind: 'localRecommendation', parent: s.id });
    for (const a of s.activities) {
      ids.set(a.id, { kind: 'activity', parent: s.id });
      for (const d of a.subActivities) ids.set(d.id, { kind: 'subActivity', parent: a.id });
    }
  }
  return ids;
}

describe('stable ids', () => {
  const released = JSON.parse(readFileSync(path.join(__dirname, '../fixtures/released-ids.json'), 'utf8')) as { ids: Record<string, Placed> };

  it('keeps every released id, with the same kind and parent, in the shipped plan', () => {
    const current = idsOf(loadPlanContent());
    for (const [id, placed] of Object.entries(released.ids)) {
      assert.deepEqual(current.get(id), placed, `released id ${id} was dropped, moved or reused`);
    }
  });
});
