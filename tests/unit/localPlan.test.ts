// The arena's own local plan in plain TypeScript (issue 27): what an edit may change and how the
// history tells it, the local revision's form, and "Ej aktuellt lokalt" in the matrix's summary.
import assert from 'node:assert/strict';
import { diffChange } from '../../bot/domain/activityState';
import { changePhrase, describeChange } from '../../bot/domain/format';
import { localActivityChanges, parseLocalActivityEdit, type LocalActivityEdit } from '../../bot/domain/localActivity';
import { localSummary, type LocalCell } from '../../bot/domain/localFollowUp';
import { parseLocalRevision } from '../../bot/domain/localRevision';
import type { PlanContent } from '../../bot/domain/plan';
import content from '../../bot/content/plan.sv.json';

const strategies = (content as PlanContent).strategies;
const NOW = new Date('2026-11-23T09:00:00Z');
const current: LocalActivityEdit = { strategyId: 's2', title: 'Implementera arbetssätt för fasta kontakter', description: '', period: { from: 2026, to: 2027 }, measure: '', target: '' };
const name = (id: string) => `Strategi ${strategies.find((s) => s.id === id)!.number}`;

describe('editing a local activity', () => {
  it('keeps what the form leaves out and reports each changed field once, in order', () => {
    const parsed = parseLocalActivityEdit({ title: '  Fasta   kontakter i hemtjänsten ', target: 'Ja', periodTo: '2028', strategyId: 's3' }, current, strategies, NOW, 2000);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.value, { ...current, title: 'Fasta kontakter i hemtjänsten', target: 'Ja', period: { from: 2026, to: 2028 }, strategyId: 's3' });
    assert.deepEqual(localActivityChanges(current, parsed.value, name).map((c) => [c.field, c.from, c.to]), [
      ['activityTitle', 'Implementera arbetssätt för fasta kontakter', 'Fasta kontakter i hemtjänsten'],
      ['strategy', 'Strategi 2', 'Strategi 3'],
      ['target', '', 'Ja'],
      ['period', '2026–2027', '2026–2028'],
    ]);
  });

  it('refuses a title too short, an unknown strategy and a period backwards, changing nothing', () => {
    const parsed = parseLocalActivityEdit({ title: 'x', strategyId: 's99', periodFrom: '2028', periodTo: '2026' }, current, strategies, NOW, 2000);
    assert.ok(!parsed.ok);
    assert.ok(parsed.errors.some((e) => /minst 3 tecken/.test(e)));
    assert.ok(parsed.errors.some((e) => /Strategin finns inte/.test(e)));
    assert.ok(parsed.errors.some((e) => /baklänges/.test(e)));
  });

  it('tells a change from or to nothing without quoting nothing', () => {
    assert.equal(changePhrase({ field: 'target', from: '', to: 'Ja' }), 'angav målvärde "Ja"');
    assert.equal(changePhrase({ field: 'measure', from: 'Finns rutin?', to: '' }), 'tog bort mått');
    assert.equal(changePhrase({ field: 'strategy', from: 'Strategi 2', to: 'Strategi 3' }), 'flyttade aktiviteten från Strategi 2 till Strategi 3');
  });
});

describe('ending a local activity and Ej aktuellt lokalt', () => {
  const state = { status: 'pagar' as const, statusNote: '', measureAnswer: '', version: 3 };
  it('is a change of its own field: marked with a reason, undone with ""', () => {
    assert.deepEqual(diffChange(state, { notApplicable: 'Regionens egen uppgift' }), [{ field: 'notApplicable', from: '', to: 'Regionens egen uppgift' }]);
    assert.deepEqual(diffChange({ ...state, notApplicable: 'Regionens egen uppgift' }, { notApplicable: '' }), [{ field: 'notApplicable', from: 'Regionens egen uppgift', to: '' }]);
    assert.deepEqual(diffChange(state, { endedLocally: '' }), [], 'nothing to take up again');
    assert.equal(describeChange({ field: 'endedLocally', from: '', to: 'Ersatt' }), 'Avslutad lokalt: Ersatt');
    assert.equal(describeChange({ field: 'notApplicable', from: 'x', to: '' }), 'Aktuellt lokalt igen');
  });

  it('counts the arenas it does not apply to apart from those that have not followed it up', () => {
    const cell = (name: string, sub: Partial<LocalCell['sub']>): LocalCell => ({ arena: { id: name, name }, sub: { followedUp: false, statusLabel: '', measureAnswer: '', updatedAt: null, ...sub } });
    const cells = [cell('Berg', { notApplicable: 'Görs av regionen', followedUp: true }), cell('Krokom', { followedUp: true, statusLabel: 'Pågår' }), cell('Åre', {}), cell('Bräcke', { notApplicable: 'Ingen SÄBO' })];
    const summary = localSummary({ measure: '', target: '', answeredBy: 'county' }, cells);
    assert.equal(summary.text, 'Uppföljd i 1 av 4 kommuner · Ej aktuellt i 2 av 4 kommuner');
    assert.equal(summary.notApplicable, 2);
  });
});

describe('a local revision', () => {
  it('needs a day not after today, a decision reference and what changed', () => {
    const ok = parseLocalRevision({ date: '2026-11-20', reference: ' Protokoll § 4 ', changes: 'Två aktiviteter omformulerade.' }, '2026-11-23');
    assert.deepEqual(ok, { ok: true, value: { date: '2026-11-20', reference: 'Protokoll § 4', changes: 'Två aktiviteter omformulerade.' } });
    const bad = parseLocalRevision({ date: '2026-02-30', reference: '', changes: '' }, '2026-11-23');
    assert.ok(!bad.ok);
    assert.deepEqual(bad.errors, ['Datum: det datumet finns inte.', 'Beslutsreferensen saknas.', 'Vad som ändrades saknas.']);
    const future = parseLocalRevision({ date: '2026-12-01', reference: 'x', changes: 'y' }, '2026-11-23');
    assert.ok(!future.ok && /har inte varit än/.test(future.errors[0]!));
  });
});
