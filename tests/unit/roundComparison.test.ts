import assert from 'node:assert/strict';
import type { FollowUpState } from '../../bot/domain/followUpState';
import type { MeasureValue } from '../../bot/domain/measureValues';
import type { ActivityView, SubActivityView } from '../../bot/domain/planView';
import { compareRounds, statusChangeText } from '../../bot/domain/roundComparison';
import { statusLabel, type StatusId } from '../../bot/domain/status';

type SubSpec = { id: string; status?: StatusId; note?: string; answer?: string; at?: string; kind?: 'own' | 'followUp' };

function sub(scopeId: string, s: SubSpec): SubActivityView {
  const status = s.status ?? 'ej_paborjat';
  return {
    scopeId, id: s.id, title: `Delaktivitet ${s.id}`, details: [], status, statusLabel: statusLabel(status), statusNote: s.note ?? '', statusAsWritten: '',
    measure: '', target: '', measureAnswer: s.answer ?? '', updatedAt: s.at ?? null, updatedBy: s.at ? 'Anna' : null, version: s.at ? 1 : 0, etag: 'e',
    answeredBy: 'county', followedUp: s.at !== undefined, kind: s.kind ?? 'own',
  };
}

function activity(scopeId: string, id: string, strategyId: string, subs: SubSpec[], kind?: 'followUp'): ActivityView {
  return { scopeId, id, strategyId, title: `Aktivitet ${id}`, period: { from: 2024, to: 2025, label: '2024–2025' }, subActivities: subs.map((s) => sub(scopeId, { ...s, ...(kind ? { kind } : {}) })) };
}

function value(measureId: string, arenaId: string, periodId: string, n: number): MeasureValue {
  return { measureId, arenaId, periodId, values: [{ category: null, value: n }], comment: '', reportedAt: `${periodId.slice(0, 4)}-06-01T10:00:00Z`, reportedBy: 'Anna', reportedById: 'a', version: 1 };
}

function state(year: number, parts: { county: ActivityView[]; ostersund?: { bilaga1?: ActivityView[]; local?: ActivityView[]; submitted?: string }; values?: MeasureValue[] }): FollowUpState {
  return {
    takenAt: `${year}-12-15T10:00:00Z`,
    period: { from: `${year}-01-01`, to: `${year}-12-15` },
    county: parts.county,
    arenas: [{
      arena: { id: 'ostersund', name: 'Östersund', kind: 'municipality' },
      local: parts.ostersund?.local ?? [],
      bilaga1: parts.ostersund?.bilaga1 ?? [],
      ...(parts.ostersund?.submitted ? { submission: { arenaId: 'ostersund', submittedAt: parts.ostersund.submitted, submittedBy: 'Olle', submittedById: 'o', comment: 'Klart från oss', version: 1 } } : {}),
    }],
    measureValues: parts.values ?? [],
    analysis: [],
  };
}

describe('comparing two follow-up rounds', () => {
  const y2025 = state(2025, {
    county: [activity('lan', 's1-a1', 's1', [{ id: 's1-a1-d1', status: 'ej_paborjat', at: '2025-03-01T10:00:00Z' }, { id: 's1-a1-d2', status: 'pagar', note: 'Arbete pågår', at: '2025-04-01T10:00:00Z' }, { id: 's1-a1-d3' }])],
    ostersund: { bilaga1: [activity('ostersund', 's1-a1', 's1', [{ id: 's1-a1-d1' }], 'followUp')], local: [activity('ostersund', 'ost-1', 's2', [{ id: 'ost-1-d1', status: 'pagar', at: '2025-05-01T10:00:00Z' }])], submitted: '2025-12-01T10:00:00Z' },
    values: [value('s1-e1', 'lan', '2024', 30), value('s1-e1', 'lan', '2025', 40)],
  });
  const y2026 = state(2026, {
    county: [activity('lan', 's1-a1', 's1', [
      { id: 's1-a1-d1', status: 'pagar', at: '2026-02-01T10:00:00Z' },
      { id: 's1-a1-d2', status: 'pagar', note: 'Pilot i två kommuner', at: '2026-05-01T10:00:00Z' },
      { id: 's1-a1-d3' },
    ])],
    ostersund: {
      bilaga1: [activity('ostersund', 's1-a1', 's1', [{ id: 's1-a1-d1', status: 'klar', at: '2026-09-01T10:00:00Z' }], 'followUp')],
      local: [activity('ostersund', 'ost-1', 's2', [{ id: 'ost-1-d1', status: 'pagar', at: '2025-05-01T10:00:00Z' }]), activity('ostersund', 'ost-2', 's2', [{ id: 'ost-2-d1' }])],
    },
    values: [value('s1-e1', 'lan', '2024', 30), value('s1-e1', 'lan', '2025', 40), value('s1-e1', 'lan', '2026', 35)],
  });
  const c = compareRounds(y2025, y2026, [{ id: 's1-e1', direction: 'increase' }]);
  const item = (part: string, scopeId: string, id: string) => c.items.find((i) => i.part === part && i.scopeId === scopeId && i.id === id)!;

  it('says which status moved, from what to what', () => {
    const moved = item('county', 'lan', 's1-a1-d1');
    assert.equal(moved.change, 'moved');
    assert.equal(statusChangeText(moved), 'Ej påbörjat → Pågår');
  });

  it('tells an arena\'s follow-up of Bilaga 1 from the county\'s own item with the same id', () => {
    const arena = item('followUp', 'ostersund', 's1-a1-d1');
    assert.equal(arena.change, 'moved');
    assert.equal(statusChangeText(arena), 'Ej uppföljd → Klar');
  });

  it('sees a changed note under the same status', () => {
    assert.equal(item('county', 'lan', 's1-a1-d2').change, 'noteChanged');
  });

  it('says what did not move and was not followed up in the later period', () => {
    const untouched = item('local', 'ostersund', 'ost-1-d1');
    assert.equal(untouched.change, 'notMoved');
    assert.equal(untouched.followedUpInPeriod, false);
    assert.equal(item('county', 'lan', 's1-a1-d3').change, 'notMoved');
    assert.equal(statusChangeText(item('county', 'lan', 's1-a1-d3')), 'Ej uppföljd');
  });

  it('marks an activity added in the later round', () => {
    assert.equal(item('local', 'ostersund', 'ost-2-d1').change, 'added');
    assert.equal(c.totals.added, 1);
  });

  it('counts statuses per strategy before and after, county and arenas apart', () => {
    const s1 = c.strategies.find((s) => s.strategyId === 's1')!;
    assert.deepEqual([s1.county.before.ej_paborjat, s1.county.before.pagar, s1.county.before.ej_uppfoljd], [1, 1, 1]);
    assert.deepEqual([s1.county.after.ej_paborjat, s1.county.after.pagar, s1.county.after.ej_uppfoljd], [0, 2, 1]);
    assert.deepEqual([s1.arenas.before.ej_uppfoljd, s1.arenas.after.klar], [1, 1]);
    assert.equal(s1.moved, 2);
  });

  it('compares each round\'s own year of an effect measure and whether it went the target\'s way', () => {
    const m = c.measures.find((x) => x.measureId === 's1-e1' && x.arenaId === 'lan')!;
    assert.equal(m.before?.periodId, '2025');
    assert.equal(m.after?.periodId, '2026');
    assert.equal(m.trend, 'down');
    assert.equal(m.towardsTarget, false);
  });

  it('lists each arena\'s submission in both rounds', () => {
    const s = c.submissions.find((x) => x.arenaId === 'ostersund')!;
    assert.equal(s.before?.submittedBy, 'Olle');
    assert.equal(s.after, undefined);
  });

  it('finds nothing moved when a round is compared with itself', () => {
    const same = compareRounds(y2026, y2026);
    assert.equal(same.totals.moved + same.totals.noteChanged + same.totals.added + same.totals.removed, 0);
  });
});
