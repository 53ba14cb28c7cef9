// The follow-up round's domain rules: what the county may type to open or change a round (with
// its defaults), and the progress of a round from a follow-up state.
import assert from 'node:assert/strict';
import { loadPlanContent } from '../../bot/content/loadPlan';
import {
  defaultPeriodFrom, parseAnalysisText, parseChangeRound, parseOpenRound, parseSubmissionComment, roundItems, roundProgressOf, setAsideCounts, submittedText, type Round,
} from '../../bot/domain/followUpRound';
import type { FollowUpState } from '../../bot/domain/followUpState';
import type { Arena } from '../../bot/domain/plan';
import type { ActivityView, SubActivityView } from '../../bot/domain/planView';
import type { StatusId } from '../../bot/domain/status';

const content = loadPlanContent();
const day = (iso: string) => iso.slice(0, 10);
const defaults = { year: '2026', today: '2026-11-25', from: '2025-11-20' };

const round: Round = { id: '2026', name: 'Uppföljning 2026', period: { from: '2025-11-20', to: '2026-11-25' }, lastDay: '2026-12-10', status: 'open', openedAt: '2026-11-25T09:00:00Z', openedBy: 'Anna', version: 1, etag: 'e1' };

function sub(id: string, fields: { status?: StatusId; updatedAt?: string | null; followedUp?: boolean; kind?: 'own' | 'followUp'; retired?: boolean; answeredBy?: 'county' | 'municipality'; notApplicable?: string; endedLocally?: string } = {}): SubActivityView {
  return {
    scopeId: 'ostersund', id, title: `Delaktivitet ${id}`, details: [], status: fields.status ?? 'ej_paborjat', statusLabel: '', statusNote: '', statusAsWritten: '',
    measure: '', target: '', measureAnswer: '', updatedAt: fields.updatedAt ?? null, updatedBy: null, version: 0, etag: 'x', answeredBy: fields.answeredBy ?? 'county',
    followedUp: fields.followedUp ?? fields.updatedAt != null, kind: fields.kind ?? 'own', ...(fields.retired ? { retired: { version: 2, reason: 'Avslutad' } } : {}),
    ...(fields.notApplicable ? { notApplicable: fields.notApplicable } : {}), ...(fields.endedLocally ? { endedLocally: fields.endedLocally } : {}),
  };
}

function activity(id: string, subs: SubActivityView[]): ActivityView {
  return { scopeId: 'ostersund', id, strategyId: 's1', title: `Aktivitet ${id}`, period: { from: 2024, to: 2025, label: '2024–2025' }, subActivities: subs };
}

describe('opening a follow-up round', () => {
  it('fills in the name and the period, and needs only the last day', () => {
    assert.deepEqual(parseOpenRound({ lastDay: '2026-12-10' }, defaults), { ok: true, value: { name: 'Uppföljning 2026', period: { from: '2025-11-20', to: '2026-11-25' }, lastDay: '2026-12-10' } });
    assert.deepEqual(parseOpenRound({ name: '  Uppföljning   2026 (SVOM) ', from: '2026-01-01', to: '2026-10-31', lastDay: '2026-11-25' }, defaults), { ok: true, value: { name: 'Uppföljning 2026 (SVOM)', period: { from: '2026-01-01', to: '2026-10-31' }, lastDay: '2026-11-25' } });
  });

  it('refuses a last day that has passed, a period that ends before it starts, and dates that do not exist, in Swedish', () => {
    const past = parseOpenRound({ lastDay: '2026-11-24' }, defaults);
    assert.deepEqual(past, { ok: false, errors: ['Sista dag att lämna in (2026-11-24) har redan passerat: välj i dag eller ett senare datum.'] });
    const backwards = parseOpenRound({ from: '2026-06-01', to: '2026-01-01', lastDay: '2026-12-10' }, defaults);
    assert.deepEqual(backwards, { ok: false, errors: ['Perioden kan inte börja (2026-06-01) efter att den slutar (2026-01-01).'] });
    const missing = parseOpenRound({ from: '2026-02-30' }, defaults);
    assert.deepEqual(missing, { ok: false, errors: ['Periodens första dag: skriv datumet som ÅÅÅÅ-MM-DD (till exempel 2026-12-15).', 'Sista dag att lämna in saknas.'] });
    assert.equal(parseOpenRound({ name: 'x'.repeat(101), lastDay: '2026-12-10' }, defaults).ok, false);
  });

  it('starts the period where the previous round closed, or at the plan\'s start for the first round', () => {
    assert.equal(defaultPeriodFrom(content, undefined, day), '2023-12-01');
    assert.equal(defaultPeriodFrom(content, { closedAt: '2025-11-20T15:00:00Z', period: { from: '2024-12-01', to: '2025-11-15' } }, day), '2025-11-20');
  });
});

describe('changing a follow-up round', () => {
  it('keeps what is not given, and refuses a last day that has passed', () => {
    assert.deepEqual(parseChangeRound({ lastDay: '2026-12-20' }, round, '2026-11-25'), { ok: true, value: { name: 'Uppföljning 2026', lastDay: '2026-12-20' } });
    assert.deepEqual(parseChangeRound({ name: 'Årets uppföljning' }, round, '2026-11-25'), { ok: true, value: { name: 'Årets uppföljning', lastDay: '2026-12-10' } });
    assert.equal(parseChangeRound({ lastDay: '2026-11-01' }, round, '2026-11-25').ok, false);
    // The stored last day may have passed: leaving it as it is is no error.
    assert.equal(parseChangeRound({ lastDay: '2026-12-10' }, round, '2026-12-15').ok, true);
  });

  it('limits the analysis and the submission comment', () => {
    assert.deepEqual(parseAnalysisText(' Rad 1\r\nRad 2 '), { ok: true, value: 'Rad 1\nRad 2' });
    assert.equal(parseAnalysisText('x'.repeat(8001)).ok, false);
    assert.equal(parseAnalysisText(42).ok, false);
    assert.deepEqual(parseSubmissionComment(undefined), { ok: true, value: '' });
    assert.equal(parseSubmissionComment('x'.repeat(1001)).ok, false);
  });
});

describe('a round\'s progress', () => {
  const arena = (id: string): Arena => ({ id, name: id.charAt(0).toUpperCase() + id.slice(1), kind: 'municipality' });
  const ostersund = {
    arena: arena('ostersund'),
    local: [activity('l1', [sub('l1-d1', { updatedAt: '2026-03-01T10:00:00Z' }), sub('l1-d2')])],
    bilaga1: [activity('b1', [sub('b1-d1', { kind: 'followUp', updatedAt: '2025-01-01T10:00:00Z' }), sub('b1-d2', { kind: 'followUp', status: 'klar', updatedAt: '2025-01-01T10:00:00Z' }), sub('b1-d3', { kind: 'followUp', retired: true })])],
    submission: { arenaId: 'ostersund', submittedAt: '2026-11-26T10:00:00Z', submittedBy: 'Anna', submittedById: 'a', comment: '', version: 1 },
  };
  const krokom = { arena: arena('krokom'), local: [], bilaga1: [activity('b1', [sub('b1-d1', { kind: 'followUp' })])] };
  const state: FollowUpState = { takenAt: '2026-11-26T10:00:00Z', period: round.period, county: [], arenas: [ostersund, krokom], measureValues: [], analysis: [] };

  it('puts the items not updated during the period first, and leaves out retired ones', () => {
    const items = roundItems(ostersund, round.period, day);
    assert.deepEqual(items.map((i) => `${i.sub.id} ${i.notUpdatedInPeriod}`), ['l1-d2 true', 'b1-d1 true', 'l1-d1 false', 'b1-d2 false']);
  });

  it('puts what the municipality answers for itself first, and leaves out what the arena set aside', () => {
    const arenaPlan = {
      local: [activity('l1', [sub('l1-d1'), sub('l1-d2', { endedLocally: 'Ersatt' })])],
      bilaga1: [activity('b1', [sub('b1-d1', { kind: 'followUp' }), sub('b1-d2', { kind: 'followUp', answeredBy: 'municipality' }), sub('b1-d3', { kind: 'followUp', notApplicable: 'Regionens egen' })])],
    };
    assert.deepEqual(roundItems(arenaPlan, round.period, day).map((i) => i.sub.id), ['l1-d1', 'b1-d2', 'b1-d1']);
    assert.deepEqual(setAsideCounts(arenaPlan), { notApplicable: 1, ended: 1 });
  });

  it('counts who has submitted and what is still to be followed up', () => {
    const progress = roundProgressOf(state, round.period, day);
    assert.equal(submittedText(progress), '1 av 2 har lämnat in');
    assert.deepEqual(progress.arenas.map((a) => [a.arenaId, Boolean(a.submission), a.items, a.notFollowedUp, a.notUpdatedInPeriod]), [['ostersund', true, 4, 1, 2], ['krokom', false, 1, 1, 1]]);
  });
});
