import assert from 'node:assert/strict';
import { periodLabel, resolveMergedCells } from '../../bot/domain/planView';
import { invert, prefixRange } from '../../bot/storage/keys';

describe('reading the appendix table', () => {
  it('gives an empty Mått or Målvärde cell the value above it, each column on its own', () => {
    const rows = [
      { measure: 'Finns forum?', target: 'ja/nej' },
      { measure: '', target: '' },
      { measure: 'Pilot genomförd', target: '' },
    ];
    assert.deepEqual(resolveMergedCells(rows), [
      { measure: 'Finns forum?', target: 'ja/nej' },
      { measure: 'Finns forum?', target: 'ja/nej' },
      { measure: 'Pilot genomförd', target: 'ja/nej' },
    ]);
  });

  it('writes a priority period the way the plan does', () => {
    assert.equal(periodLabel({ from: 2024, to: 2025 }), '2024–2025');
    assert.equal(periodLabel({ from: 2026, to: 2026 }), '2026');
  });
});

describe('row keys', () => {
  it('sort newer versions and times first', () => {
    const keys = [1, 2, 10, 11].map((v) => invert(v, 10));
    assert.deepEqual([...keys].sort(), [...keys].reverse());
    assert.throws(() => invert(-1, 10), RangeError);
  });

  it('bound a prefix range so that it holds exactly the keys with that prefix', () => {
    const { from, to } = prefixRange('history|s1-a1-d1|');
    for (const inside of ['history|s1-a1-d1|9999', 'history|s1-a1-d1|']) assert.ok(inside >= from && inside < to, inside);
    for (const outside of ['history|s1-a1-d10|1', 'history|s1-a1-d1', 'sub|s1-a1-d1']) assert.ok(!(outside >= from && outside < to), outside);
  });
});
