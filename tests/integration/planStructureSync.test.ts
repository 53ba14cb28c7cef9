// A store seeded from an earlier reading of the plan takes up what the plan file says now about
// each Bilaga 1 item's structure at start: no status where the plan gives none (s4-a1-d4 once
// took the row above's), who answers, the region's own work. What someone followed up stays.
import assert from 'node:assert/strict';
import { loadPlanContent } from '../../bot/content/loadPlan';
import { PlanStore } from '../../bot/storage/planStore';
import { scopePartition } from '../../bot/storage/keys';
import { freshTables } from '../helpers/storage';

describe('the plan file reaches a store that already exists', () => {
  const content = loadPlanContent();

  it("drops a status taken from the row above, resets who answers, and keeps what was followed up", async () => {
    const tables = await freshTables();
    await new PlanStore(tables.plan).seed(content);
    // As an earlier version of the app stored them.
    const inherited = 'Se status samsjuklighetsutredningen ovan.';
    await tables.plan.updateEntity({ partitionKey: scopePartition('lan'), rowKey: 'sub|s4-a1-d4', statusAsWritten: inherited, statusNote: inherited }, 'Merge');
    await tables.plan.updateEntity({ partitionKey: scopePartition('lan'), rowKey: 'sub|s2-a2-d4', answeredBy: 'county' }, 'Merge');
    const followed = { partitionKey: scopePartition('lan'), rowKey: 'sub|s1-a2-d2', statusAsWritten: 'Ej påbörjat', statusNote: 'Pilot planeras', status: 'pagar', version: 1 };
    await tables.plan.updateEntity(followed, 'Merge');

    const store = new PlanStore(tables.plan);
    await store.seed(content);
    const subs = (await store.scope('lan')).flatMap((a) => a.subActivities);
    const d4 = subs.find((d) => d.id === 's4-a1-d4')!;
    assert.deepEqual([d4.statusAsWritten, d4.statusNote, d4.followedUp], ['', '', false]);
    assert.equal(subs.find((d) => d.id === 's2-a2-d4')!.answeredBy, 'municipality');
    const pilot = subs.find((d) => d.id === 's1-a2-d2')!;
    assert.deepEqual([pilot.status, pilot.statusNote, pilot.followedUp], ['pagar', 'Pilot planeras', true]);
  });
});
