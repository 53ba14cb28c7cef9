// The app's custom metrics, counted where app.ts wires the reminders' sender and the stores.
import assert from 'node:assert/strict';
import { metrics } from '@opentelemetry/api';
import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { countConflict, countedSender } from '../../bot/telemetry/metrics';
import type { SendOutcome } from '../../bot/useCases/proactiveSender';

describe('custom metrics', () => {
  const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
  const provider = new MeterProvider({ readers: [reader] });

  before(() => assert.ok(metrics.setGlobalMeterProvider(provider), 'another meter provider is registered'));
  after(async () => {
    metrics.disable();
    await provider.shutdown();
  });

  /** Each counter's total per attribute set, e.g. { 'reminders.failed{"reason":"gone"}': 1 }. */
  async function totals(): Promise<Record<string, number>> {
    const { resourceMetrics } = await reader.collect();
    const result: Record<string, number> = {};
    for (const scope of resourceMetrics.scopeMetrics) {
      for (const metric of scope.metrics) {
        for (const point of metric.dataPoints) {
          const attributes = Object.keys(point.attributes).length ? JSON.stringify(point.attributes) : '';
          result[`${metric.descriptor.name}${attributes}`] = point.value as number;
        }
      }
    }
    return result;
  }

  it('counts reminders sent, failed (with the reason) and throttled', async () => {
    const outcomes: SendOutcome[] = [{ kind: 'sent' }, { kind: 'sent' }, { kind: 'throttled', retryAfterMs: 1000 }, { kind: 'gone', status: 403 }, { kind: 'transientFailure', error: 'HTTP 502' }];
    const sender = countedSender({ send: async () => outcomes.shift()! });
    for (let i = 0; i < 5; i++) await sender.send('{}', {} as never);
    const counted = await totals();
    assert.equal(counted['reminders.sent'], 2);
    assert.equal(counted['reminders.throttled'], 1);
    assert.equal(counted['reminders.failed{"reason":"gone"}'], 1);
    assert.equal(counted['reminders.failed{"reason":"transient"}'], 1);
  });

  it('hands the send hooks on to the sender it counts for', async () => {
    let seen: unknown;
    const hooks = { beforePost: async () => true };
    await countedSender({ send: async (_reference, _card, given) => ((seen = given), { kind: 'sent' }) }).send('{}', {} as never, hooks);
    assert.equal(seen, hooks);
  });

  it('counts conflicts per kind of item', async () => {
    countConflict('subActivity');
    countConflict('measure');
    countConflict('measure');
    const counted = await totals();
    assert.equal(counted['updates.conflicts{"subject":"subActivity"}'], 1);
    assert.equal(counted['updates.conflicts{"subject":"measure"}'], 2);
  });
});
