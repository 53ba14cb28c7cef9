import assert from 'node:assert/strict';
import { applyChanges, diffChange, type SubActivityState } from '../../bot/domain/activityState';
import { LIMITS } from '../../bot/domain/limits';
import { formatNumber } from '../../bot/domain/format';
import { parseChangeRequest, parseId } from '../../bot/domain/validation';

const seeded: SubActivityState = { status: 'ej_paborjat', statusNote: 'Ej påbörjat', measureAnswer: '', version: 0 };

describe('a change to a sub-activity', () => {
  it('lists only the fields that really change, in a fixed order', () => {
    const changes = diffChange(seeded, { measureAnswer: 'ja', status: 'pagar', statusNote: 'Ej påbörjat' });
    assert.deepEqual(changes, [
      { field: 'status', from: 'ej_paborjat', to: 'pagar' },
      { field: 'measureAnswer', from: '', to: 'ja' },
    ]);
  });

  it('stamps the new state with who and when, and a version one higher', () => {
    const at = new Date('2026-11-23T10:00:00Z');
    const next = applyChanges(seeded, diffChange(seeded, { status: 'klar' }), { id: 'aad-1', name: 'Anna' }, at);
    assert.deepEqual(next, { status: 'klar', statusNote: 'Ej påbörjat', measureAnswer: '', version: 1, updatedAt: at.toISOString(), updatedBy: 'Anna' });
    assert.equal(seeded.status, 'ej_paborjat', 'the current state is not modified');
  });
});

describe('validation of a change request', () => {
  it('accepts a status from the set with a note and trims the text', () => {
    const result = parseChangeRequest({ status: 'pagar', statusNote: '  Arbete pågår i SVOM\r\n', comment: '' });
    assert.deepEqual(result, { ok: true, value: { status: 'pagar', statusNote: 'Arbete pågår i SVOM', comment: '' } });
  });

  for (const [name, input, message] of [
    ['an unknown status', { status: 'done' }, /inte en av planens statusar/],
    ['a status in the wrong case', { status: 'Pagar' }, /inte en av planens statusar/],
    ['a note over the documented maximum', { statusNote: 'x'.repeat(LIMITS.statusNote + 1) }, new RegExp(`högst ${formatNumber(LIMITS.statusNote)} tecken`)],
    ['a comment over the documented maximum', { comment: 'x'.repeat(LIMITS.comment + 1) }, new RegExp(`högst ${formatNumber(LIMITS.comment)} tecken`)],
    ['a measure answer that is not text', { measureAnswer: 42 }, /måste vara text/],
    ['a field nobody may set', { status: 'klar', version: 99 }, /inte hör till/],
  ] as const) {
    it(`refuses ${name} with a Swedish message`, () => {
      const result = parseChangeRequest(input);
      assert.equal(result.ok, false);
      assert.match(result.ok ? '' : result.errors.join(' '), message);
    });
  }

  it('refuses ids that could be read as something else in a table key or filter', () => {
    for (const id of ["s1-a1-d1' or '1' eq '1", 's1/a1', 'S1-A1', '', 'x'.repeat(65), 's1 a1', 's1#a1']) {
      assert.equal(parseId(id).ok, false, id);
    }
    assert.deepEqual(parseId('s1-a1-d1'), { ok: true, value: 's1-a1-d1' });
  });
});
