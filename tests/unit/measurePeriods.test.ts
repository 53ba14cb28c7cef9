// Reporting periods of the effect measures: half-years and years in Europe/Stockholm.
import assert from 'node:assert/strict';
import {
  comparePeriods,
  currentPeriod,
  frequencyLabel,
  isPeriodOf,
  parsePeriodId,
  periodLabel,
  periodTitle,
  previousComparablePeriod,
  previousPeriod,
  reportablePeriods,
} from '../../bot/domain/measurePeriods';

describe('measure periods', () => {
  it('puts a date in its half-year and year', () => {
    assert.equal(currentPeriod('halfYearly', new Date('2026-11-23T09:00:00Z')), '2026-H2');
    assert.equal(currentPeriod('halfYearly', new Date('2026-03-01T12:00:00Z')), '2026-H1');
    assert.equal(currentPeriod('yearly', new Date('2026-11-23T09:00:00Z')), '2026');
  });

  it('follows the calendar in Stockholm, not in UTC', () => {
    // 30 June 22:30 UTC is already 1 July 00:30 in Stockholm (summer time, UTC+2).
    assert.equal(currentPeriod('halfYearly', new Date('2026-06-30T22:30:00Z')), '2026-H2');
    assert.equal(currentPeriod('halfYearly', new Date('2026-06-30T21:59:59Z')), '2026-H1');
    // 31 December 23:30 UTC is already New Year in Stockholm (winter time, UTC+1).
    assert.equal(currentPeriod('yearly', new Date('2026-12-31T23:30:00Z')), '2027');
    assert.equal(currentPeriod('halfYearly', new Date('2026-12-31T23:30:00Z')), '2027-H1');
    assert.equal(currentPeriod('yearly', new Date('2026-12-31T22:59:59Z')), '2026');
  });

  it('compares a period with the same period the year before', () => {
    assert.equal(previousComparablePeriod('2026-H1'), '2025-H1');
    assert.equal(previousComparablePeriod('2026-H2'), '2025-H2');
    assert.equal(previousComparablePeriod('2026'), '2025');
  });

  it('knows the period just before', () => {
    assert.equal(previousPeriod('2026-H2'), '2026-H1');
    assert.equal(previousPeriod('2026-H1'), '2025-H2');
    assert.equal(previousPeriod('2026'), '2025');
  });

  it('keeps every period from the plan\'s baseline year up to the current one open for reporting', () => {
    assert.deepEqual(reportablePeriods('halfYearly', new Date('2026-07-01T08:00:00Z'), 2023), ['2026-H2', '2026-H1', '2025-H2', '2025-H1', '2024-H2', '2024-H1', '2023-H2', '2023-H1']);
    assert.deepEqual(reportablePeriods('yearly', new Date('2026-11-23T09:00:00Z'), 2023), ['2026', '2025', '2024', '2023']);
  });

  it('labels periods in Swedish', () => {
    assert.equal(periodLabel('2026-H1'), 'första halvåret 2026');
    assert.equal(periodLabel('2026-H2'), 'andra halvåret 2026');
    assert.equal(periodLabel('2026'), '2026');
    assert.equal(periodTitle('2026-H1'), 'Första halvåret 2026');
    assert.equal(frequencyLabel('halfYearly'), 'halvårsvis');
    assert.equal(frequencyLabel('yearly'), 'årligen');
  });

  it('reads only well-formed period ids of the right kind', () => {
    assert.deepEqual(parsePeriodId('2026-H2'), { id: '2026-H2', year: 2026, half: 2 });
    assert.deepEqual(parsePeriodId('2026'), { id: '2026', year: 2026 });
    for (const bad of ['2026-H3', '2026-h1', '26', '2026 ', "2026' or '1'='1", '1999', '2101', '', 2026, null, undefined]) {
      assert.equal(parsePeriodId(bad), undefined, String(bad));
    }
    assert.equal(isPeriodOf('halfYearly', '2026-H1'), true);
    assert.equal(isPeriodOf('halfYearly', '2026'), false);
    assert.equal(isPeriodOf('yearly', '2026'), true);
    assert.equal(isPeriodOf('yearly', '2026-H2'), false);
  });

  it('orders periods oldest first', () => {
    assert.deepEqual(['2026-H1', '2025-H2', '2026-H2', '2025-H1'].sort(comparePeriods), ['2025-H1', '2025-H2', '2026-H1', '2026-H2']);
    assert.deepEqual(['2026', '2024', '2025'].sort(comparePeriods), ['2024', '2025', '2026']);
  });

  it('refuses to label or compare something that is not a period', () => {
    assert.throws(() => periodLabel('nästa år'), RangeError);
    assert.throws(() => previousComparablePeriod('2026-H9'), RangeError);
  });
});
