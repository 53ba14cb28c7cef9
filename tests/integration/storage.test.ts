// The plan in Table Storage, against a real Azurite: seeding, atomic updates with history,
// optimistic concurrency, newest-first history and safe filters.
import assert from 'node:assert/strict';
import { odata } from '@azure/data-tables';
import { loadPlanContent } from '../../bot/content/loadPlan';
import type { Actor } from '../../bot/domain/activityState';
import type { PlanContent } from '../../bot/domain/plan';
import { ActivityStore } from '../../bot/storage/activityStore';
import { historyFields } from '../../bot/storage/entities';
import { ROW, scopePartition } from '../../bot/storage/keys';
import { countyArena, PlanStore } from '../../bot/storage/planStore';
import type { Tables } from '../../bot/storage/tables';
import { TestClock } from '../helpers/clock';
import { freshTables, snapshot } from '../helpers/storage';

const anna: Actor = { id: 'aad-anna', name: 'Anna Andersson' };
const bengt: Actor = { id: 'aad-bengt', name: 'Bengt Berg' };

describe('the plan in Table Storage', () => {
  let content: PlanContent;
  let tables: Tables;
  let plan: PlanStore;
  let clock: TestClock;
  let store: ActivityStore;
  let county: string;
  const first = () => content.strategies[0]!.activities[0]!.subActivities[0]!;

  beforeEach(async () => {
    content = loadPlanContent();
    county = countyArena(content).id;
    tables = await freshTables();
    plan = new PlanStore(tables.plan);
    await plan.seed(content);
    clock = new TestClock();
    store = new ActivityStore(tables.plan, clock.now);
  });

  async function setStatus(as: Actor, status: 'pagar' | 'klar' | 'avbruten', comment = '') {
    const current = (await store.getSubActivity(county, first().id))!;
    return store.update({ scopeId: county, subActivityId: first().id, etag: current.etag, request: { status, comment }, actor: as });
  }

  describe('seeding', () => {
    it('seeding twice changes nothing', async () => {
      const before = await snapshot(tables);
      const again = await plan.seed(content);
      assert.equal(again.created, 0);
      assert.equal(again.existing, before.size);
      assert.deepEqual(await snapshot(tables), before);
    });

    it('stores the appendix prose as the status note and maps it to the status set', async () => {
      const stored = (await store.getSubActivity(county, first().id))!;
      assert.equal(stored.state.statusNote, first().statusAsWritten);
      assert.equal(stored.state.status, first().status);
      assert.equal(stored.state.version, 0);
    });

    it('a restart never resets a status someone set', async () => {
      assert.notEqual(first().status, 'klar');
      const outcome = await setStatus(anna, 'klar');
      assert.equal(outcome.kind, 'updated');
      await plan.seed(content);
      const after = (await store.getSubActivity(county, first().id))!;
      assert.equal(after.state.status, 'klar');
      assert.equal(after.state.updatedBy, 'Anna Andersson');
    });

    it('seeding an edited file of the same plan version only adds what is missing', async () => {
      await setStatus(anna, 'klar');
      const before = await snapshot(tables);
      const next = structuredClone(content);
      const strategy = next.strategies[1]!;
      strategy.activities.push({
        id: 's2-a99',
        title: 'Ny aktivitet i reviderad plan',
        period: { from: 2027, to: 2028 },
        subActivities: [
          { id: 's2-a99-d1', title: 'Ny delaktivitet', details: [], status: 'ej_paborjat', statusAsWritten: 'Ej påbörjat', measure: 'Finns rutin?', target: 'ja/nej' },
        ],
      });
      // A revised text of an existing row is not applied by seeding: people's data stays as it is.
      next.strategies[0]!.activities[0]!.subActivities[0]!.title = 'Omskriven titel';

      const result = await plan.seed(next);
      assert.equal(result.created, 2);
      const after = await snapshot(tables);
      for (const [key, row] of before) assert.deepEqual(after.get(key), row, `${key} was changed`);
      const added = await store.getSubActivity(county, 's2-a99-d1');
      assert.equal(added?.title, 'Ny delaktivitet');
      const view = await plan.read();
      assert.ok(view.strategies[1]!.activities.some((a) => a.id === 's2-a99'));
    });

    it('two instances seeding at the same time both succeed and store each row once', async () => {
      const other = await freshTables();
      const a = new PlanStore(other.plan);
      const b = new PlanStore(other.plan);
      const [ra, rb] = await Promise.all([a.seed(content), b.seed(content)]);
      const rows = await snapshot(other);
      assert.equal(ra.created + rb.created, rows.size);
    });
  });

  describe('updating a sub-activity', () => {
    it('writes the new state and its history row together', async () => {
      const outcome = await setStatus(anna, 'klar', 'Begreppen är beslutade');
      assert.equal(outcome.kind, 'updated');
      const stored = (await store.getSubActivity(county, first().id))!;
      assert.equal(stored.state.status, 'klar');
      assert.equal(stored.state.version, 1);
      assert.equal(stored.state.updatedAt, clock.now().toISOString());
      const [entry] = await store.history(county, first().id);
      assert.equal(entry?.version, 1);
      assert.equal(entry?.actor.name, 'Anna Andersson');
      assert.equal(entry?.comment, 'Begreppen är beslutade');
      assert.deepEqual(entry?.changes, [{ field: 'status', from: first().status, to: 'klar' }]);
    });

    it('changes neither state nor history when the history write fails', async () => {
      // Occupy the row the change will be written to: the transaction must fail as a whole.
      await tables.plan.createEntity({ partitionKey: scopePartition(county), rowKey: ROW.log(clock.now(), first().id, 1), note: 'in the way' });
      const before = (await store.getSubActivity(county, first().id))!;
      const feedBefore = await store.latestChanges(county);
      await assert.rejects(setStatus(anna, 'klar'));
      const after = (await store.getSubActivity(county, first().id))!;
      assert.equal(after.state.status, before.state.status);
      assert.equal(after.state.version, 0);
      assert.equal(after.etag, before.etag);
      assert.deepEqual(await store.latestChanges(county), feedBefore, 'nothing but the row in the way');
      assert.deepEqual(await store.history(county, first().id), []);
    });

    it('answers a save with the stored row\'s new ETag, so the next save from the same screen goes through', async () => {
      const seen = (await store.getSubActivity(county, first().id))!;
      const written = await store.write({ current: seen, scopeId: county, request: { status: 'avbruten' }, actor: anna });
      assert.equal(written.kind, 'written');
      const stored = (await store.getSubActivity(county, first().id))!;
      assert.equal(written.kind === 'written' && written.sub.etag, stored.etag);
      const again = await store.write({ current: written.kind === 'written' ? written.sub : seen, scopeId: county, request: { status: 'klar' }, actor: anna });
      assert.equal(again.kind, 'written');
      assert.equal((await store.getSubActivity(county, first().id))!.state.status, 'klar');
    });

    it('refuses a stale ETag and returns the current state', async () => {
      const seen = (await store.getSubActivity(county, first().id))!;
      await setStatus(bengt, 'avbruten');
      const outcome = await store.update({ scopeId: county, subActivityId: first().id, etag: seen.etag, request: { status: 'klar' }, actor: anna });
      assert.equal(outcome.kind, 'conflict');
      assert.equal(outcome.kind === 'conflict' && outcome.current.state.status, 'avbruten');
      assert.equal(outcome.kind === 'conflict' && outcome.current.state.updatedBy, 'Bengt Berg');
      const stored = (await store.getSubActivity(county, first().id))!;
      assert.equal(stored.state.status, 'avbruten');
      assert.equal((await store.history(county, first().id)).length, 1);
    });

    it('lets exactly one of two simultaneous updates on the same card win', async () => {
      const seen = (await store.getSubActivity(county, first().id))!;
      const outcomes = await Promise.all(
        [anna, bengt].map((actor, i) =>
          store.update({ scopeId: county, subActivityId: first().id, etag: seen.etag, request: { status: i === 0 ? 'klar' : 'avbruten' }, actor }),
        ),
      );
      assert.deepEqual(outcomes.map((o) => o.kind).sort(), ['conflict', 'updated']);
      const winner = outcomes.find((o) => o.kind === 'updated')!;
      const stored = (await store.getSubActivity(county, first().id))!;
      assert.equal(stored.state.status, winner.kind === 'updated' ? winner.record.state.status : undefined);
      assert.equal((await store.history(county, first().id)).length, 1);
    });

    it('writes nothing when nothing changes', async () => {
      const seen = (await store.getSubActivity(county, first().id))!;
      const outcome = await store.update({ scopeId: county, subActivityId: first().id, etag: seen.etag, request: { status: seen.state.status }, actor: anna });
      assert.equal(outcome.kind, 'unchanged');
      assert.equal((await store.getSubActivity(county, first().id))!.etag, seen.etag);
    });

    it('answers notFound for an unknown sub-activity', async () => {
      const outcome = await store.update({ scopeId: county, subActivityId: 's9-a9-d9', etag: '*', request: { status: 'klar' }, actor: anna });
      assert.equal(outcome.kind, 'notFound');
    });
  });

  describe('history', () => {
    it('comes back newest first, per sub-activity and for the whole scope', async () => {
      const second = content.strategies[0]!.activities[0]!.subActivities[1]!;
      await setStatus(anna, 'klar');
      clock.advance(60_000);
      const other = (await store.getSubActivity(county, second.id))!;
      await store.update({ scopeId: county, subActivityId: second.id, etag: other.etag, request: { statusNote: 'Mall klar för remiss' }, actor: bengt });
      clock.advance(60_000);
      await setStatus(bengt, 'avbruten');
      clock.advance(60_000);
      await setStatus(anna, 'pagar', 'Återupptas');

      const mine = await store.history(county, first().id);
      assert.deepEqual(mine.map((e) => e.version), [3, 2, 1]);
      assert.deepEqual(mine.map((e) => e.changes[0]?.to), ['pagar', 'avbruten', 'klar']);
      const feed = await store.latestChanges(county);
      assert.deepEqual(feed.map((e) => [e.subActivityId, e.version]), [
        [first().id, 3],
        [first().id, 2],
        [second.id, 1],
        [first().id, 1],
      ]);
      assert.deepEqual((await store.latestChanges(county, 2)).map((e) => e.version), [3, 2]);
    });

    it('writes one row per change, and still shows the history rows of a store written before that, each version once', async () => {
      const partitionKey = scopePartition(county);
      const legacy = (version: number, to: string, at: string) => {
        const entry = { scopeId: county, subActivityId: first().id, version, at, actor: bengt, changes: [{ field: 'status' as const, from: 'ej_paborjat', to }], comment: `Gammal ${version}` };
        return { partitionKey, rowKey: ROW.history(first().id, version), ...historyFields(entry) };
      };
      // As stores before 2026-12 have it: version 1 only as a history row (from before the feed),
      // version 2 both as a history row and in the feed; the state row at version 2.
      const v2At = '2026-11-20T10:00:00.000Z';
      const v2 = legacy(2, 'pagar', v2At);
      await tables.plan.createEntity(legacy(1, 'klar', '2026-11-10T10:00:00.000Z'));
      await tables.plan.createEntity(v2);
      await tables.plan.createEntity({ ...v2, rowKey: ROW.log(new Date(v2At), first().id, 2) });
      await tables.plan.updateEntity({ partitionKey, rowKey: ROW.sub(first().id), status: 'pagar', version: 2 }, 'Merge');

      const before = await rowKeys();
      await setStatus(anna, 'avbruten', 'Ny');
      const added = (await rowKeys()).filter((k) => !before.includes(k));
      assert.deepEqual(added.map((k) => k.replace(/\|.*/, '')).sort(), ['!stamp', 'log'], 'the state row changed; one row was added for the change');

      const history = await store.history(county, first().id);
      assert.deepEqual(history.map((e) => [e.version, e.comment]), [[3, 'Ny'], [2, 'Gammal 2'], [1, 'Gammal 1']]);
      const shown = (await plan.scope(county, { history: true })).flatMap((a) => a.subActivities).find((d) => d.id === first().id)!;
      assert.deepEqual(shown.history?.map((e) => e.version), [3, 2, 1]);
      assert.deepEqual((await store.history(county, first().id, 2)).map((e) => e.version), [3, 2]);
    });

    async function rowKeys(): Promise<string[]> {
      const keys: string[] = [];
      for await (const r of tables.plan.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${scopePartition(county)}`, select: ['RowKey'] } })) keys.push(r.rowKey!);
      return keys;
    }

    it('does not mix up sub-activities whose ids share a beginning', async () => {
      const partitionKey = scopePartition(county);
      await tables.plan.createEntity({ partitionKey, rowKey: ROW.sub('s1-a1-d10'), id: 's1-a1-d10', title: 'x', status: 'pagar', version: 0 });
      const d10 = (await store.getSubActivity(county, 's1-a1-d10'))!;
      await store.update({ scopeId: county, subActivityId: 's1-a1-d10', etag: d10.etag, request: { status: 'klar' }, actor: anna });
      assert.deepEqual(await store.history(county, first().id), []);
      assert.equal((await store.history(county, 's1-a1-d10')).length, 1);
    });
  });

  describe('filters with user text', () => {
    beforeEach(async () => {
      await setStatus(anna, 'klar');
    });

    for (const hostile of [
      `s1-a1-d1' or RowKey ne '`,
      `' or PartitionKey ne '`,
      `s1-a1-d1'' or ''1'' eq ''1`,
      `s1-a1-d1|`,
      `ä"ö\\%&?#/`,
    ]) {
      it(`neither breaks nor widens a query for ${JSON.stringify(hostile)}`, async () => {
        assert.deepEqual(await store.history(county, hostile), []);
        assert.deepEqual(await store.latestChanges(hostile), []);
        assert.equal((await store.history(county, first().id)).length, 1);
      });
    }
  });
});
