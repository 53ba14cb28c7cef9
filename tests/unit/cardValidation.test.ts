// The card check used by every end-to-end test must itself catch broken cards.
import assert from 'node:assert/strict';
import { cardProblems } from '../helpers/cardValidation';

describe('checking an Adaptive Card', () => {
  const valid = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Hej', wrap: true }], actions: [{ type: 'Action.Execute', title: 'Spara', verb: 'save' }] };

  it('accepts a valid card', () => {
    assert.deepEqual(cardProblems(valid), []);
  });

  it('finds an unknown element, duplicate input ids, an older version, a binding left in and an oversized card', () => {
    assert.match(cardProblems({ ...valid, body: [{ type: 'TextBlok', text: 'x' }] }).join(), /Unknown element type/);
    assert.match(cardProblems({ ...valid, body: [{ type: 'Input.Text', id: 'a' }, { type: 'Input.Text', id: 'a' }] }).join(), /Duplicate Id|unique Id/);
    assert.match(cardProblems({ ...valid, version: '1.2' }).join(), /version 1\.2/);
    assert.match(cardProblems({ ...valid, body: [{ type: 'TextBlock', text: '${title}' }] }).join(), /unexpanded/);
    assert.match(cardProblems({ ...valid, body: [{ type: 'TextBlock', text: 'x'.repeat(30_000) }] }).join(), /above Teams/);
  });
});
