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
import { updateSubActivity } from '../../bot/useCases/updateSubActivity';

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

  describe('a save, which reads its own row afresh (unless this instance holds it at the form\'s ETag) and the rest of its scope as this instance last read it', () => {
    const countyScope = content.arenas.find((x) => x.kind === 'county')!;
    const ostersund = content.arenas.find((x) => x.id === 'ostersund')!;
    const save = (i: typeof a, scope: typeof countyScope, id: string, etag: string, input: Record<string, unknown>) =>
      updateSubActivity({ plan: i.plan, activities: i.activities }, { scope, subActivityId: id, etag, input, origin: { kind: 'channel', arenaId: scope.id }, actor: anna });
    const seen = async (i: typeof a, id: string) => (await i.plan.scope(county)).flatMap((x) => x.subActivities).find((d) => d.id === id)!;

    it('applies saves of different items made on two instances, refuses a stale form as a conflict, and costs the transaction alone where the form was made', async () => {
      const otherId = content.strategies[0]!.activities[0]!.subActivities[1]?.id ?? content.strategies[0]!.activities[1]!.subActivities[0]!.id;
      await a.plan.content(); // as a running server has it
      const [mine, other] = [await seen(a, subId), await seen(a, otherId)];
      const fromB = await save(b, countyScope, subId, (await seen(b, subId)).etag, { status: 'klar', comment: 'Från B' });
      assert.equal(fromB.kind, 'saved');

      // A made this form and holds the row at the form's ETag: the transaction alone.
      const counter = countStorageRequests(a.tables);
      counter.reset();
      const first = await save(a, countyScope, otherId, other.etag, { status: 'avbruten' });
      assert.equal(first.kind, 'saved');
      assert.deepEqual(counter.requests.map((r) => r.replace(/ .*/s, '') + (r.includes('$batch') ? ' $batch' : '')), ['POST $batch'], counter.requests.join('\n'));
      // The next save of it, from the answer's ETag: A knows the row as it wrote it.
      counter.reset();
      const second = await save(a, countyScope, otherId, first.kind === 'saved' ? first.after.sub.etag : '', { status: 'pagar', comment: 'Igen' });
      assert.equal(second.kind, 'saved');
      assert.equal(counter.requests.length, 1, counter.requests.join('\n'));
      // A form made on B (B's answer, an ETag A has never seen): a point read, then the transaction.
      counter.reset();
      const onB = await save(a, countyScope, subId, fromB.kind === 'saved' ? fromB.after.sub.etag : '', { status: 'pagar', comment: 'Från A' });
      assert.equal(onB.kind, 'saved');
      assert.equal(counter.requests.length, 2, counter.requests.join('\n'));
      assert.match(counter.requests[0]!, /^GET /);
      assert.match(counter.requests[1]!, /\$batch/);
      assert.equal(await statusOf(b, county, subId), 'pagar');
      // Put back as B left it, for the stale form below.
      const back = await save(b, countyScope, subId, (await seen(b, subId)).etag, { status: 'klar', comment: 'Från B' });
      assert.equal(back.kind, 'saved');

      // A's form for the item B saved is stale, though A's cached read of the scope is older still.
      const stale = await save(a, countyScope, subId, mine.etag, { status: 'avbruten' });
      assert.equal(stale.kind, 'conflict');
      assert.equal(stale.kind === 'conflict' ? stale.current.sub.status : '', 'klar');
      assert.deepEqual(stale.kind === 'conflict' ? stale.since.map((e) => e.comment) : [], ['Från B', 'Från A', 'Från B']);
      // A stale form that changes nothing is not "unchanged" either: the person sees what moved.
      const staleUnchanged = await save(a, countyScope, subId, mine.etag, { status: mine.status });
      assert.equal(staleUnchanged.kind, 'conflict');
      assert.deepEqual([await statusOf(b, county, subId), await statusOf(b, county, otherId)], ['klar', 'pagar']);
    });

    it('refuses an item a revision on another instance retired, in the county and in an arena\'s follow-up, though both were read before', async () => {
      const retiredId = 's3-a5-d1';
      const county0 = await seen(a, retiredId);
      const arena0 = (await a.plan.arenaPlan(ostersund)).bilaga1.flatMap((x) => x.subActivities).find((d) => d.id === retiredId)!;
      assert.equal((await new PlanRevisionStore(b.tables.plan).apply(loadPlanContent(path.join(__dirname, '../fixtures/plan.v2.sv.json')))).kind, 'applied');
      assert.equal((await save(a, countyScope, retiredId, county0.etag, { status: 'klar' })).kind, 'refused');
      assert.equal((await save(a, ostersund, retiredId, arena0.etag, { status: 'klar' })).kind, 'refused');
    });
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
