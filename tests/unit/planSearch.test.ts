// The compose box's reading of a query, with the domain's reader of plan references.
import assert from 'node:assert/strict';
import { loadPlanContent } from '../../bot/content/loadPlan';
import { readPlanQuery } from '../../bot/conversation/planSearch';
import type { PlanContentView } from '../../bot/domain/planView';

const content = loadPlanContent();
const view = { plan: content.plan, strategies: content.strategies, arenas: content.arenas } as unknown as PlanContentView;

describe('reading a compose-box query', () => {
  it('reads plan numbers, arenas, strategies and words, alone and together', () => {
    assert.deepEqual(readPlanQuery('2.3.1', view).number, [2, 3, 1]);
    const both = readPlanQuery('2.3 Östersund', view);
    assert.deepEqual(both.number, [2, 3]);
    assert.equal(both.arena?.id, 'ostersund');
    assert.equal(both.words, '');
    assert.equal(readPlanQuery('Bergs kommun', view).arena?.id, 'berg');
    assert.equal(readPlanQuery('kontinuitet', view).strategy?.id, 's2');
    assert.equal(readPlanQuery('2', view).strategy?.number, 2);
    const words = readPlanQuery('fasta kontakter', view);
    assert.equal(words.words, 'fasta kontakter');
    assert.equal(words.arena, undefined);
    assert.equal(words.strategy, undefined);
    // A near miss of an arena's name is not the arena: the word is searched for.
    assert.equal(readPlanQuery('Krokum', view).arena, undefined);
  });
});
