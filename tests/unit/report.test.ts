// The yearly report's model (bot/domain/report.ts): counts per strategy told honestly, the change
// since the previous round, effect measures against the year before, and the period's changes
// grouped by strategy and by arena.
import assert from 'node:assert/strict';
import type { FollowUpState } from '../../bot/domain/followUpState';
import type { HistoryEvent } from '../../bot/domain/historyEvents';
import type { MeasureValue } from '../../bot/domain/measureValues';
import type { Arena, EffectMeasure } from '../../bot/domain/plan';
import type { ActivityView, StrategyInfo, SubActivityView } from '../../bot/domain/planView';
import { buildReport, CHANGES_LISTED_MAX, reportTitle, type ReportInput } from '../../bot/domain/report';
import { statusLabel, type StatusId } from '../../bot/domain/status';
import { parseReportYear, stockholmMidnight } from '../../bot/useCases/yearReport';

const VISITS: EffectMeasure = { id: 'm-visits', title: 'Läkarbesök i hemmet', target: 'Ska öka', direction: 'increase', followUp: '', frequency: 'yearly', level: 'municipality', breakdown: [] };
const CARE: EffectMeasure = { id: 'm-care', title: 'Påverkbar slutenvård', target: 'Ska minska', direction: 'decrease', followUp: '', frequency: 'yearly', level: 'county', breakdown: [] };
const SIP: EffectMeasure = { id: 'm-sip', title: 'SIP', target: 'Ska öka', direction: 'increase', followUp: '', frequency: 'halfYearly', level: 'municipality', breakdown: ['Barn och unga', 'Vuxna'] };
const STRATEGIES: StrategyInfo[] = [
  { id: 's1', number: 1, title: 'Ökad delaktighet', quotes: [], effectMeasures: [SIP], localRecommendations: [] },
  { id: 's3', number: 3, title: 'Ökad tillgänglighet', quotes: [], effectMeasures: [VISITS, CARE], localRecommendations: [] },
];
const ARENAS: Arena[] = [
  { id: 'berg', name: 'Berg', kind: 'municipality' },
  { id: 'are', name: 'Åre', kind: 'municipality' },
  { id: 'lan', name: 'Länsgemensam samverkan', kind: 'county' },
];

function sub(id: string, status: StatusId, followedUp: boolean, extra: Partial<SubActivityView> = {}): SubActivityView {
  return {
    scopeId: 'lan', id, title: `Delaktivitet ${id}`, details: [], status, statusLabel: statusLabel(status), statusNote: '', statusAsWritten: followedUp ? '' : 'Arbete pågår',
    measure: '', target: '', measureAnswer: '', updatedAt: followedUp ? '2026-05-01T10:00:00Z' : null, updatedBy: followedUp ? 'Anna' : null, version: followedUp ? 1 : 0,
    etag: 'e', answeredBy: 'county', followedUp, kind: 'own', ...extra,
  };
}

function activity(id: string, strategyId: string, to: number, subs: SubActivityView[]): ActivityView {
  return { scopeId: 'lan', id, strategyId, title: `Aktivitet ${id}`, period: { from: 2024, to, label: `2024–${to}` }, subActivities: subs };
}

function value(measureId: string, arenaId: string, periodId: string, ...amounts: number[]): MeasureValue {
  return { measureId, periodId, arenaId, values: amounts.map((v, i) => ({ category: amounts.length > 1 ? `k${i}` : null, value: v })), comment: '', reportedAt: '2026-03-01T10:00:00Z', reportedBy: 'Bengt', reportedById: 'b', version: 1 };
}

function state(county: ActivityView[], values: MeasureValue[] = [], takenAt = '2026-11-23T09:00:00Z'): FollowUpState {
  return {
    takenAt,
    period: { from: '2026-01-01', to: '2026-11-23' },
    county,
    arenas: [
      { arena: ARENAS[0]!, local: [], bilaga1: [], submission: { arenaId: 'berg', submittedAt: '2026-11-20T12:00:00Z', submittedBy: 'Cecilia', submittedById: 'c', comment: 'Klart från Berg', version: 2 } },
      { arena: ARENAS[1]!, local: [], bilaga1: [] },
    ],
    measureValues: values,
    analysis: [{ strategyId: 's3', text: 'Fler hembesök.', updatedAt: '2026-11-22T08:00:00Z', updatedBy: 'Anna' }],
  };
}

const NOW_COUNTY = [
  activity('a1', 's1', 2030, [sub('d1', 'klar', true), sub('d2', 'pagar', true), sub('d3', 'pagar', false)]),
  // Its priority period ended 2025: what is not done is late.
  activity('a2', 's3', 2025, [sub('d4', 'uppdrag_behovs', true), sub('d5', 'avbruten', true), sub('d6', 'avslutad_i_revidering', true)]),
];

function input(extra: Partial<ReportInput> = {}): ReportInput {
  return { year: 2026, planName: 'Planen', strategies: STRATEGIES, arenaList: ARENAS, state: state(NOW_COUNTY), source: { kind: 'live', takenAt: '2026-11-23T09:00:00Z' }, events: [], ...extra };
}

describe('the yearly report model', () => {
  it('counts each strategy by status, with the not followed up apart and retired items left out', () => {
    const report = buildReport(input());
    assert.equal(report.title, reportTitle(2026));
    const [s1, s3] = report.summary.strategies;
    assert.deepEqual({ ...s1!.counts }, { klar: 1, pagar: 1, ej_paborjat: 0, uppdrag_behovs: 0, avbruten: 0, notFollowedUp: 1, overdue: 0, periodEnded: 0, total: 3 });
    assert.deepEqual({ ...s3!.counts }, { klar: 0, pagar: 0, ej_paborjat: 0, uppdrag_behovs: 1, avbruten: 1, notFollowedUp: 0, overdue: 1, periodEnded: 0, total: 2 });
    assert.equal(report.summary.total.counts.total, 5);
    // No previous round: the change is told against the plan's own 2023 statuses, and says so.
    assert.match(report.baseline, /planens status 2023/);
    assert.equal(s1!.change!.klar, 1, 'one Klar now, none in the plan\'s words of 2023');
    // The not-followed-up item says so in its row, never the plan's 2023 prose as today's fact.
    assert.match(report.actionPlan.find((r) => r.subId === 'd3')!.statusText, /^Ej uppföljd sedan planen antogs/);
  });

  it('tells the change since the previous round per strategy and in total', () => {
    const before = state([
      activity('a1', 's1', 2030, [sub('d1', 'pagar', true), sub('d2', 'pagar', false), sub('d3', 'pagar', false)]),
      activity('a2', 's3', 2025, [sub('d4', 'uppdrag_behovs', true), sub('d5', 'pagar', true), sub('d6', 'pagar', true)]),
    ], [], '2025-12-15T09:00:00Z');
    const report = buildReport(input({ previous: { name: 'Uppföljning 2025', state: before } }));
    const [s1, s3] = report.summary.strategies;
    assert.equal(s1!.change!.klar, 1);
    assert.equal(s1!.change!.pagar, 0);
    assert.equal(s1!.change!.notFollowedUp, -1);
    assert.equal(s3!.change!.avbruten, 1);
    assert.equal(s3!.change!.pagar, -2);
    // d6 was open a year ago and has since been retired by a revision: one item fewer.
    assert.equal(s3!.change!.total, -1);
    assert.equal(report.summary.total.change!.klar, 1);
    assert.equal(report.previous!.name, 'Uppföljning 2025');
  });

  it('judges each measure against the same period the year before, per municipality, and counts who reported', () => {
    const values = [
      value('m-visits', 'berg', '2025', 100), value('m-visits', 'berg', '2026', 130),
      value('m-visits', 'are', '2025', 50), value('m-visits', 'are', '2026', 40),
      value('m-care', 'lan', '2025', 300), value('m-care', 'lan', '2026', 280),
      value('m-sip', 'berg', '2025-H1', 3, 4), value('m-sip', 'berg', '2026-H1', 5, 1),
    ];
    const report = buildReport(input({ state: state(NOW_COUNTY, values) }));
    const visits = report.measures.find((m) => m.id === 'm-visits')!;
    assert.deepEqual(visits.rows.map((r) => [r.arenaName, r.value, r.previous, r.target]), [['Berg', '130', '100', 'met'], ['Åre', '40', '50', 'notMet']]);
    assert.deepEqual([visits.reported, visits.reporters, visits.met], [2, 2, 1]);
    // Lower is better for this one; reported once for the county.
    const care = report.measures.find((m) => m.id === 'm-care')!;
    assert.deepEqual(care.rows.map((r) => [r.arenaName, r.target]), [['Länsgemensam samverkan', 'met']]);
    // Half-yearly: both halves of the year, categories compared by their sum (6 against 7).
    const sip = report.measures.find((m) => m.id === 'm-sip')!;
    assert.deepEqual(sip.periods, ['2026-H1', '2026-H2']);
    const bergH1 = sip.rows.find((r) => r.arenaId === 'berg' && r.periodId === '2026-H1')!;
    assert.deepEqual([bergH1.value, bergH1.total, bergH1.previousTotal, bergH1.target], ['k0: 5 · k1: 1', 6, 7, 'notMet']);
    assert.equal(sip.rows.find((r) => r.arenaId === 'are' && r.periodId === '2026-H2')!.target, 'notReported');
    assert.deepEqual([sip.reported, sip.reporters], [1, 2]);
  });

  it('counts an item never followed up whose period has ended beside Försenade, never inside it', () => {
    const county = [activity('a9', 's3', 2025, [sub('d9', 'ej_paborjat', false), sub('d10', 'pagar', true)])];
    const s3 = buildReport(input({ state: state(county) })).summary.strategies.find((s) => s.strategyId === 's3')!;
    assert.deepEqual([s3.counts.overdue, s3.counts.periodEnded, s3.counts.notFollowedUp], [1, 1, 1]);
  });

  it('shows every period since 2023 in time order, and judges the latest value against the year before or the latest earlier one, naming both years', () => {
    const values = [
      value('m-visits', 'berg', '2025', 120), value('m-visits', 'berg', '2023', 100), value('m-visits', 'berg', '2024', 110),
      value('m-visits', 'are', '2023', 50), value('m-visits', 'are', '2025', 40),
      value('m-visits', 'berg', '2022', 1),
    ];
    const visits = buildReport(input({ state: state(NOW_COUNTY, values) })).measures.find((m) => m.id === 'm-visits')!;
    assert.deepEqual(visits.allPeriodLabels, ['2023', '2024', '2025'], 'before the plan\'s start left out; 2026 not reported yet');
    const [berg, are] = visits.lines;
    assert.deepEqual(berg!.cells.map((c) => c.value ?? '–'), ['100', '110', '120']);
    assert.deepEqual([berg!.judgement.target, berg!.judgement.compared], ['met', '2025 jämfört med 2024']);
    assert.deepEqual([are!.judgement.target, are!.judgement.compared, are!.judgement.text], ['notMet', '2025 jämfört med 2023', 'Nås inte: 40 mot 50']);
  });

  it('lays out the arenas\' follow-up of each county sub-activity, one cell per municipality, and every submission of an arena', () => {
    const followed = { ...sub('d1', 'pagar', true), scopeId: 'berg', kind: 'followUp' as const, measureAnswer: 'ja' };
    const base = state(NOW_COUNTY);
    base.arenas[0] = { ...base.arenas[0]!, bilaga1: [{ ...NOW_COUNTY[0]!, scopeId: 'berg', subActivities: [followed] }] };
    const first = { arenaId: 'berg', submittedAt: '2026-11-10T12:00:00Z', submittedBy: 'Cecilia', submittedById: 'c', comment: 'Första', version: 1 };
    const report = buildReport(input({ state: base, submissions: [base.arenas[0]!.submission!, first] }));
    const d1 = report.matrix.rows.find((r) => r.subId === 'd1')!;
    assert.deepEqual(d1.cells.map((c) => c.text), ['Pågår · ja', 'Ej uppföljd']);
    assert.deepEqual(report.arenas[0]!.submissions.map((x) => x.comment), ['Första', 'Klart från Berg']);
    assert.equal(report.actionPlan.find((r) => r.subId === 'd3')!.statusAtStart, 'planen 2023: Pågår');
  });

  it('groups the changes by strategy and by arena, newest first, and keeps submissions and analysis', () => {
    const event = (key: string, at: string, scopeId: string, strategyId?: string): HistoryEvent => ({ kind: 'change', key, at, actor: 'Anna', scopeId, ...(strategyId ? { strategyId } : {}), title: key, lines: ['Status: Pågår → Klar'] });
    const report = buildReport(input({ events: [event('x1', '2026-02-01T10:00:00Z', 'lan', 's1'), event('x2', '2026-06-01T10:00:00Z', 'berg', 's3'), event('x3', '2026-04-01T10:00:00Z', 'berg'), event('x4', '2026-03-01T10:00:00Z', 'berg', 's1')] }));
    assert.deepEqual(report.changes.listed.map((e) => e.key), ['x2', 'x3', 'x4', 'x1']);
    assert.deepEqual(report.changes.byStrategy.map((g) => [g.id, g.events.map((e) => e.key)]), [['s1', ['x4', 'x1']], ['s3', ['x2']], ['ovrigt', ['x3']]]);
    assert.deepEqual(report.changes.byArena.map((g) => [g.title, g.count]), [['Berg', 3], ['Länsgemensam samverkan', 1]]);
    assert.equal(report.summary.submitted, 1);
    assert.equal(report.arenas[0]!.submission!.comment, 'Klart från Berg');
    assert.deepEqual(report.analysis.map((a) => a.text), ['', 'Fler hembesök.']);
  });

  it('counts more changes than a page per arena, and lists none of them (the Excel file has each)', () => {
    const events = Array.from({ length: CHANGES_LISTED_MAX + 1 }, (_, i): HistoryEvent => ({ kind: 'change', key: `x${i}`, at: `2026-03-${String((i % 28) + 1).padStart(2, '0')}T10:00:00Z`, actor: 'Anna', scopeId: i % 3 ? 'berg' : 'lan', strategyId: 's1', title: `x${i}`, lines: ['Kommentar'] }));
    const report = buildReport(input({ events }));
    assert.equal(report.changes.count, CHANGES_LISTED_MAX + 1);
    assert.deepEqual([report.changes.listed, report.changes.byStrategy], [[], []]);
    assert.deepEqual(report.changes.byArena.map((g) => [g.title, g.count]), [['Berg', 27], ['Länsgemensam samverkan', 14]]);
  });
});

describe("the report's year and period in Swedish time", () => {
  it('begins a day at midnight in Sweden, winter and summer time alike', () => {
    assert.equal(stockholmMidnight('2026-01-01').toISOString(), '2025-12-31T23:00:00.000Z');
    assert.equal(stockholmMidnight('2026-07-01').toISOString(), '2026-06-30T22:00:00.000Z');
    // New Year's Eve at 23:30 UTC is already the next year in Sweden.
    const now = new Date('2026-12-31T23:30:00Z');
    assert.deepEqual(parseReportYear('2027', now), { ok: true, year: 2027 });
    assert.equal(parseReportYear('2028', now).ok, false);
    assert.equal(parseReportYear('2022', now).ok, false);
    assert.equal(parseReportYear('26', now).ok, false);
  });
});
