// A scope's reads are kept per instance and checked against the partition's stamp: a change made
// on another instance is seen at once, and an unchanged scope costs one point read.
import assert from 'node:assert/strict';
import path from 'node:path';
import { loadPlanContent } from '../../bot/content/loadPlan';
import type { Actor } from '../../bot/domain/activityState';
import { ActivityStore } from '../../bot/storage/activityStore';
import { LocalActivityStore } from '../../bot/storage/localActivityStore';
import { PlanRevisionStore } from '../../bot/storage/planRevisionStore';
import { countyArena, PlanStore } from '../../bot/storage/planStore';
import { createTables, type Tables } from '../../bot/storage/tables';
import { azuriteConnectionString, freshTables, uniquePrefix } from '../helpers/storage';
import { countStorageRequests } from '../helpers/storageRequests';

const anna: Actor = { id: 'aad-anna', name: 'Anna Andersson' };

describe('scope reads shared by several instances', () => {
  const content = loadPlanContent();
  const county = countyArena(content).id;
  const subId = content.strategies[0]!.activities[0]!.subActivities[0]!.id;
  let a: { tables: Tables; plan: PlanStore; activities: ActivityStore; local: LocalActivityStore };
  let b: typeof a;

  const instance = (tables: Tables) => ({ tables, plan: new PlanStore(tables.plan), activities: new ActivityStore(tables.plan), local: new LocalActivityStore(tables.plan) });
  const statusOf = async (i: typeof a, scope: string, id: string) => (await i.plan.scope(scope)).flatMap((x) => x.subActivities).find((d) => d.id === id)?.status;

  beforeEach(async () => {
    const prefix = uniquePrefix();
    a = instance(await freshTables(prefix));
    // Another server on the same store: its own clients, so its own cache.
    b = instance(createTables({ kind: 'connectionString', connectionString: azuriteConnectionString() }, prefix));
    await a.plan.seed(content);
  });

  it('shows a save made on another instance at the next read, and its history and latest changes with it', async () => {
    assert.equal(await statusOf(a, county, subId), 'pagar');
    assert.deepEqual(await a.activities.latestChanges(county, 5), []);
    const current = (await b.activities.getSubActivity(county, subId))!;
    const outcome = await b.activities.update({ scopeId: county, subActivityId: subId, etag: current.etag, request: { status: 'klar', comment: 'Klart' }, actor: anna });
    assert.equal(outcome.kind, 'updated');
    assert.equal(await statusOf(a, county, subId), 'klar');
    assert.deepEqual((await a.activities.latestChanges(county, 5)).map((e) => e.comment), ['Klart']);
    assert.equal((await a.activities.history(county, subId)).length, 1);
    // And the next save from A carries the ETag B's save left.
    const seen = (await a.plan.scope(county)).flatMap((x) => x.subActivities).find((d) => d.id === subId)!;
    const again = await a.activities.write({ current: seen, scopeId: county, request: { status: 'avbruten' }, actor: anna });
    assert.equal(again.kind, 'written');
    assert.equal(await statusOf(b, county, subId), 'avbruten');
  });

  it('shows an arena\'s new local activity, added on another instance, at the next read', async () => {
    assert.deepEqual((await a.plan.arenaPlan({ id: 'ostersund', kind: 'municipality' })).local, []);
    const created = await b.local.createOwn('ostersund', { strategyId: content.strategies[0]!.id, title: 'Gemensam rutin för hembesök', period: { from: 2026, to: 2027 }, measure: '', target: '' }, anna);
    assert.equal(created.kind, 'created');
    assert.deepEqual((await a.plan.arenaPlan({ id: 'ostersund', kind: 'municipality' })).local.map((x) => x.title), ['Gemensam rutin för hembesök']);
  });

  it('shows a revised plan, applied from another process, at the next read (npm run plan -- apply)', async () => {
    const v2 = loadPlanContent(path.join(__dirname, '../fixtures/plan.v2.sv.json'));
    const retiredIds = v2.strategies.flatMap((s) => s.activities.flatMap((x) => x.subActivities.filter((d) => d.retired).map((d) => d.id)));
    assert.ok(retiredIds.length > 0);
    const before = (await a.plan.scope(county)).flatMap((x) => x.subActivities);
    assert.ok(before.filter((d) => retiredIds.includes(d.id)).every((d) => d.retired === undefined));
    assert.equal((await new PlanRevisionStore(b.tables.plan).apply(v2)).kind, 'applied');
    const after = (await a.plan.scope(county)).flatMap((x) => x.subActivities);
    assert.deepEqual(after.filter((d) => retiredIds.includes(d.id)).map((d) => d.retired !== undefined), retiredIds.map(() => true));
  });

  it('answers an unchanged scope from memory after one point read of its stamp', async () => {
    await a.plan.scope(county);
    await a.activities.latestChanges(county, 5);
    const counter = countStorageRequests(a.tables);
    counter.reset();
    // Asked at the same moment, as a status turn does: the two share the stamp's read.
    await Promise.all([a.plan.scope(county), a.activities.latestChanges(county, 5)]);
    assert.equal(counter.requests.length, 1, counter.requests.join('\n'));
    assert.match(counter.requests[0]!, /^GET .*RowKey='!stamp'/);
  });
});
