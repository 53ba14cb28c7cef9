// Loading version 2 of the plan (tests/fixtures/plan.v2.sv.json, a made-up revision, not the
// county's decision) into a store that has been followed up under version 1, against a real
// Azurite: what `plan diff` lists, what `plan apply` keeps, writes and closes, that a second
// apply changes nothing, that a file breaking the rules is refused with the store unchanged, and
// that the reminder rhythm follows the new version.
import assert from 'node:assert/strict';
import path from 'node:path';
import { loadPlanContent } from '../../bot/content/loadPlan';
import { correctionsOf } from '../../bot/domain/planCorrections';
import type { Actor } from '../../bot/domain/activityState';
import type { PlanContent } from '../../bot/domain/plan';
import { diffCategories } from '../../bot/domain/planRevision';
import type { ActivityView } from '../../bot/domain/planView';
import { overdueItems, progressByStrategy } from '../../bot/domain/overview';
import { dueReminders } from '../../bot/reminders/rules';
import { ActivityStore } from '../../bot/storage/activityStore';
import { PlanRevisionStore } from '../../bot/storage/planRevisionStore';
import { PlanStore } from '../../bot/storage/planStore';
import { updateSubActivity } from '../../bot/useCases/updateSubActivity';
import type { Tables } from '../../bot/storage/tables';
import { main as planCommand } from '../../scripts/plan';
import { TestClock } from '../helpers/clock';
import { countStorageRequests } from '../helpers/storageRequests';
import { azuriteConnectionString, freshTables, snapshot, uniquePrefix } from '../helpers/storage';

const V2_FILE = path.join(__dirname, '../fixtures/plan.v2.sv.json');
const anna: Actor = { id: 'aad-anna', name: 'Anna Andersson' };

const ids = (items: Array<{ item: { id: string } }>) => items.map((d) => d.item.id).sort();

describe('loading a revised version of the plan', () => {
  let v1: PlanContent;
  let v2: PlanContent;
  let tables: Tables;
  let clock: TestClock;
  let plan: PlanStore;
  let revisions: PlanRevisionStore;
  let activities: ActivityStore;

  async function update(subId: string, status: 'pagar' | 'klar', comment: string) {
    const current = (await activities.getSubActivity('lan', subId))!;
    const outcome = await activities.update({ scopeId: 'lan', subActivityId: subId, etag: current.etag, request: { status, comment }, actor: anna });
    assert.equal(outcome.kind, 'updated');
  }

  async function sub(subId: string) {
    const view = await plan.read();
    for (const s of view.strategies) for (const a of s.activities) for (const d of a.subActivities) if (d.id === subId) return { activity: a, sub: d };
    throw new Error(`${subId} is not in the plan`);
  }

  beforeEach(async () => {
    v1 = loadPlanContent();
    v2 = loadPlanContent(V2_FILE);
    tables = await freshTables();
    clock = new TestClock(new Date('2027-05-10T08:00:00Z'));
    plan = new PlanStore(tables.plan, clock.now);
    revisions = new PlanRevisionStore(tables.plan, clock.now);
    activities = new ActivityStore(tables.plan, clock.now);
    await plan.seed(v1);
    // Version 1 has been followed up: statuses set, with history.
    await update('s2-a1-d1', 'klar', 'Handlingsplanen är uppföljd');
    await update('s1-a2-d1', 'pagar', 'Kartläggningen har börjat');
    await update('s3-a5-d1', 'pagar', 'Utredningen pågår');
  });

  it('plan diff lists exactly the changes of the sample version 2 and writes nothing', async () => {
    const before = await snapshot(tables);
    const diff = await revisions.diff(v2);
    const c = diffCategories(diff);
    assert.deepEqual(diff.problems, []);
    assert.deepEqual(diff.from, { version: 1, inForceFrom: '2023-12-01' });
    assert.deepEqual(diff.to, { version: 2, inForceFrom: '2027-07-01' });
    assert.deepEqual(ids(c.new), ['s1-a3', 's1-a3-d1', 's1-a3-d2', 's2-l4', 's4-a1-d5']);
    assert.deepEqual(ids(c.reworded), ['s2-a1-d1', 's3-a2-d1', 's5-a1']);
    assert.deepEqual(ids(c.reprioritised), ['s1-a2', 's5-a4']);
    assert.deepEqual(ids(c.retired), ['s2-a2-d5', 's3-a5', 's3-a5-d1', 's3-a5-d2', 's5-l5']);
    assert.deepEqual(ids(c.reordered), []);
    assert.deepEqual(diff.planFields.map((f) => f.field), ['validityText']);
    assert.deepEqual(
      c.reworded.map((d) => [d.item.id, d.fields.map((f) => f.field)]),
      // s3-a2-d1's reworded measure is one question again, no longer split into two.
      [['s2-a1-d1', ['title']], ['s3-a2-d1', ['measure', 'questions']], ['s5-a1', ['title']]],
    );
    assert.deepEqual(c.reprioritised.find((d) => d.item.id === 's1-a2')!.fields, [{ field: 'period', from: '2024–2025', to: '2027–2028' }]);
    // Everything else is unchanged: every id of the file is accounted for once.
    const fileIds = diff.items.length + diff.unchanged.length;
    assert.equal(fileIds, new Set([...diff.items.map((d) => d.item.id), ...diff.unchanged]).size);
    assert.deepEqual(await snapshot(tables), before);
  });

  it('apply keeps every kept item\'s state and history, records the changes, closes retired items and adds new ones', async () => {
    const outcome = await revisions.apply(v2);
    assert.equal(outcome.kind, 'applied');

    // Reworded, with its status and Anna's history kept and the change on top.
    const reworded = await sub('s2-a1-d1');
    assert.equal(reworded.sub.title, 'Handlingsplan för fasta kontakter, uppföljd årligen');
    assert.equal(reworded.sub.status, 'klar');
    assert.equal(reworded.sub.updatedBy, 'Anna Andersson');
    assert.deepEqual(
      reworded.sub.history!.map((h) => [h.version, h.actor.name, h.comment, h.changes.map((c) => c.field)]),
      [
        [2, 'Planens revidering (version 2)', 'Ändrad i revidering 2027', ['title']],
        [1, 'Anna Andersson', 'Handlingsplanen är uppföljd', ['status']],
      ],
    );

    // Re-prioritised: each kept sub-activity's history says so.
    const reprioritised = await sub('s1-a2-d1');
    assert.deepEqual(reprioritised.activity.period, { from: 2027, to: 2028, label: '2027–2028' });
    assert.equal(reprioritised.sub.status, 'pagar');
    assert.deepEqual(reprioritised.sub.history![0]!.changes, [{ field: 'period', from: '2024–2025', to: '2027–2028' }]);
    assert.equal(reprioritised.sub.history![0]!.comment, 'Ändrad i revidering 2027');
    assert.equal(reprioritised.sub.history!.length, 2);
    assert.equal((await sub('s1-a2-d2')).sub.history!.length, 1);
    // A reworded activity title is on its sub-activities' history.
    assert.deepEqual((await sub('s5-a1-d1')).sub.history![0]!.changes.map((c) => c.field), ['activityTitle']);
    // A changed measure.
    assert.deepEqual((await sub('s3-a2-d1')).sub.history![0]!.changes, [{ field: 'measure', from: 'Finns fungerande flöden', to: 'Finns fungerande flöden för konsultation?' }]);

    // Retired: closed with a status of its own, readable with all its history, neither open nor overdue.
    const retired = await sub('s3-a5-d1');
    assert.equal(retired.sub.status, 'avslutad_i_revidering');
    assert.equal(retired.sub.statusLabel, 'Avslutad i revidering');
    assert.equal(retired.activity.retired?.version, 2);
    assert.match(retired.activity.retired!.reason, /patientnära analyser/);
    assert.deepEqual(retired.sub.history!.map((h) => h.comment), [`Avslutad i revidering 2027: ${retired.activity.retired!.reason}`, 'Utredningen pågår']);
    assert.equal((await sub('s2-a2-d5')).sub.status, 'avslutad_i_revidering');
    const view = await plan.read();
    const county: ActivityView[] = view.strategies.flatMap((s) => s.activities);
    const later = new Date('2031-01-15T12:00:00Z');
    assert.ok(!overdueItems(county, later).some((o) => o.sub.id === 's3-a5-d1' || o.sub.id === 's2-a2-d5'));
    const s3 = progressByStrategy(view.strategies, county, later).find((p) => p.strategyId === 's3')!;
    assert.equal(s3.total, 6, 'the two retired sub-activities of s3-a5 are not counted');

    // New items start as seeding starts them; a retired recommendation is no longer offered.
    const added = await sub('s1-a3-d2');
    assert.equal(added.sub.status, 'ej_paborjat');
    assert.equal(added.sub.version, 0);
    assert.deepEqual(added.sub.history, []);
    assert.ok((await sub('s4-a1-d5')).sub);
    const content = await plan.content();
    const recommendations = content.strategies.flatMap((s) => s.localRecommendations.map((r) => r.id));
    assert.ok(recommendations.includes('s2-l4'));
    assert.ok(!recommendations.includes('s5-l5'));

    // The version in force comes from its date.
    assert.deepEqual(view.versions, [
      { version: 1, inForceFrom: '2023-12-01' },
      { version: 2, inForceFrom: '2027-07-01' },
    ]);
    assert.deepEqual(view.inForce, { version: 1, inForceFrom: '2023-12-01' });
    assert.deepEqual(view.upcoming, { version: 2, inForceFrom: '2027-07-01' });
    clock.set('2027-07-01T08:00:00Z');
    const inForce = await plan.read();
    assert.deepEqual(inForce.inForce, { version: 2, inForceFrom: '2027-07-01' });
    assert.equal(inForce.upcoming, undefined);
  });

  it('a retired sub-activity cannot be reopened by anyone', async () => {
    await revisions.apply(v2);
    const retired = await sub('s3-a5-d1');
    const scope = v1.arenas.find((a) => a.kind === 'county')!;
    const outcome = await updateSubActivity(
      { plan, activities },
      { scope, subActivityId: 's3-a5-d1', etag: retired.sub.etag, input: { status: 'pagar' }, origin: { kind: 'channel', arenaId: scope.id }, actor: anna },
    );
    assert.equal(outcome.kind, 'refused');
    assert.match(outcome.kind === 'refused' ? outcome.message : '', /avslutades när planen reviderades \(version 2\): .*kan läsas med sin historik men inte ändras/);
    assert.equal((await sub('s3-a5-d1')).sub.status, 'avslutad_i_revidering');

    // Nor by an arena in its local follow-up of Bilaga 1 (plan 7.3): it is closed there too.
    const ostersund = v1.arenas.find((a) => a.id === 'ostersund')!;
    const followUp = (await plan.arenaPlan(ostersund)).bilaga1.flatMap((a) => a.subActivities).find((d) => d.id === 's3-a5-d1')!;
    assert.equal(followUp.status, 'avslutad_i_revidering');
    const byArena = await updateSubActivity(
      { plan, activities },
      { scope: ostersund, subActivityId: 's3-a5-d1', etag: followUp.etag, input: { status: 'pagar' }, origin: { kind: 'channel', arenaId: ostersund.id }, actor: anna },
    );
    assert.equal(byArena.kind, 'refused');
  });

  it('an empty store can start from a revised version, retired items closed from the start', async () => {
    const empty = await freshTables();
    const store = new PlanRevisionStore(empty.plan, clock.now);
    assert.equal((await store.apply(v2)).kind, 'applied');
    assert.equal((await store.apply(v2)).kind, 'unchanged');
    const view = await new PlanStore(empty.plan, clock.now).read();
    const retired = view.strategies[2]!.activities.find((a) => a.id === 's3-a5')!;
    assert.deepEqual(retired.subActivities.map((d) => d.status), ['avslutad_i_revidering', 'avslutad_i_revidering']);
    assert.deepEqual(view.versions, [{ version: 2, inForceFrom: '2027-07-01' }]);
  });

  it('start-up seeding reads row keys of the plan\'s content and of the county\'s activities only, never history', async () => {
    const counter = countStorageRequests(tables);
    counter.reset();
    const restarted = new PlanStore(tables.plan, clock.now);
    assert.equal((await restarted.seed(v1)).created, 0);
    const reads = counter.requests.filter((r) => r.startsWith('GET'));
    const allowed = [
      /\(PartitionKey='plan',RowKey='info'\)$/,
      / PartitionKey eq 'plan'$/,
      /PartitionKey eq 'plan' and RowKey ge 'measure\|'/,
      /PartitionKey eq 'scope:lan' and RowKey ge 'activity\|'.* or .*RowKey ge 'sub\|'/,
      // The county's sub-activities once more: the statuses the plan file gives (or does not
      // give) reach items nobody has followed up (PlanStore.syncSubActivityStructure).
      /\(\) \(PartitionKey eq 'scope:lan' and RowKey ge 'sub\|' and RowKey lt 'sub}'\)$/,
    ];
    // And a point read of each row a correction of the plan's text names (planCorrectionSync.ts).
    const corrected = new Set(correctionsOf(v1.plan.id).map((c) => c.id));
    const correctionRead = (read: string) => { const m = /\(PartitionKey='[^']+',RowKey='[a-z]+\|([a-z0-9-]+)'\)$/.exec(read); return m !== null && corrected.has(m[1]!); };
    assert.ok(reads.length <= allowed.length + corrected.size, reads.join('\n'));
    for (const read of reads) assert.ok(allowed.some((a) => a.test(read)) || correctionRead(read), `unexpected read at start-up: ${read}`);
    assert.ok(reads.some((r) => /scope:lan/.test(r)));
  });

  it('apply carries who reports an effect measure, its level and period, which items are the region\'s own work, and a measure\'s questions', async () => {
    // A store seeded from an earlier reading of the plan: no region-own items, the measures reported by the arenas, no measure split into questions.
    const earlier = structuredClone(v1);
    const split = v2.strategies.flatMap((s) => s.activities.filter((a) => !a.retired).flatMap((a) => a.subActivities)).filter((d) => d.questions && !d.retired).map((d) => d.id);
    assert.ok(split.length > 0, 'the plan file splits some compound measures');
    for (const s of earlier.strategies) for (const a of s.activities) for (const d of a.subActivities) delete d.questions;
    for (const s of earlier.strategies) {
      for (const m of s.effectMeasures) {
        delete m.reportedBy;
        if (m.id === 's3-e2' || m.id === 's4-e2') Object.assign(m, { level: 'municipality', frequency: 'yearly' });
      }
      for (const a of s.activities) for (const d of a.subActivities) delete d.regionOwn;
    }
    const empty = await freshTables();
    const store = new PlanStore(empty.plan, clock.now);
    await new PlanRevisionStore(empty.plan, clock.now).apply(earlier);
    const ostersund = v1.arenas.find((a) => a.id === 'ostersund')!;
    const asked = async () => (await store.arenaPlan(ostersund)).bilaga1.flatMap((a) => a.subActivities).map((d) => d.id);
    assert.ok((await asked()).includes('s2-a2-d3'), 'before: the arenas are asked about habilitation');

    const outcome = await new PlanRevisionStore(empty.plan, clock.now).apply(v2);
    assert.equal(outcome.kind, 'applied');
    const reworded = diffCategories(outcome.diff).reworded;
    assert.deepEqual(reworded.find((d) => d.item.id === 's2-a2-d3')?.fields, [{ field: 'regionOwn', from: '', to: 'yes' }]);
    assert.deepEqual(reworded.find((d) => d.item.id === 's4-e2')?.fields.map((f) => f.field), ['frequency', 'level', 'reportedBy']);
    assert.ok(!(await asked()).includes('s2-a2-d3'), 'after: the region\'s own work, not asked of the arenas');
    assert.ok(!(await asked()).includes('s5-a2-d1'));
    const measures = (await new PlanStore(empty.plan, clock.now).read()).strategies.flatMap((s) => s.effectMeasures);
    assert.deepEqual(measures.map((m) => m.reportedBy), measures.map(() => 'county'));
    assert.deepEqual(measures.filter((m) => m.id === 's3-e2' || m.id === 's4-e2').map((m) => [m.level, m.frequency]), [['region', 'yearly'], ['county', 'surveyRound']]);
    // Each split measure asks its questions after the apply, without waiting for the next start.
    const asks = new Map((await store.arenaPlan(ostersund)).bilaga1.flatMap((a) => a.subActivities).map((d) => [d.id, d.questions?.map((q) => q.text) ?? []]));
    const inFile = new Map(v2.strategies.flatMap((s) => s.activities.flatMap((a) => a.subActivities)).map((d) => [d.id, d.questions?.map((q) => q.text) ?? []]));
    for (const id of split) if (asks.has(id)) assert.deepEqual(asks.get(id), inFile.get(id), id);
    assert.ok(split.some((id) => (asks.get(id) ?? []).length > 1), 'Östersund is asked at least one split measure');
    assert.ok(split.every((id) => reworded.some((d) => d.item.id === id && d.fields.some((f) => f.field === 'questions'))), 'the diff names each split');
  });

  it('a second apply changes nothing', async () => {
    await revisions.apply(v2);
    const before = await snapshot(tables);
    const again = await revisions.apply(v2);
    assert.equal(again.kind, 'unchanged');
    assert.deepEqual(diffCategories(again.diff).new, []);
    assert.equal(again.diff.items.length, 0);
    assert.deepEqual(await snapshot(tables), before);
  });

  it('refuses a file that drops an id without retiring it, and writes nothing', async () => {
    const broken = structuredClone(v2);
    broken.strategies[2]!.activities = broken.strategies[2]!.activities.filter((a) => a.id !== 's3-a4');
    const before = await snapshot(tables);
    const outcome = await revisions.apply(broken);
    assert.equal(outcome.kind, 'refused');
    assert.deepEqual(outcome.diff.problems, [
      'activity s3-a4 ("Ta fram vägledande principer för andra vårdformer") is missing from the file: ids are forever; keep it in the file and mark it "retired" with the version and a reason',
      'sub-activity s3-a4-d1 ("Utveckla principer") is missing from the file: ids are forever; keep it in the file and mark it "retired" with the version and a reason',
    ]);
    assert.deepEqual(await snapshot(tables), before);
  });

  it('refuses a file that reuses a released id for something else, and writes nothing', async () => {
    const broken = structuredClone(v2);
    // s1-l7 was released as a local recommendation of strategy 1; here it comes back as an effect measure.
    const s1 = broken.strategies[0]!;
    s1.localRecommendations = s1.localRecommendations.filter((r) => r.id !== 's1-l7');
    s1.effectMeasures.push({ ...s1.effectMeasures[0]!, id: 's1-l7', title: 'Ett nytt mått' });
    const before = await snapshot(tables);
    const outcome = await revisions.apply(broken);
    assert.equal(outcome.kind, 'refused');
    assert.deepEqual(outcome.diff.problems, ['id s1-l7 was released as local recommendation under s1 and cannot be reused as effect measure under s1: give the new item a new id']);
    assert.deepEqual(await snapshot(tables), before);
  });

  it('refuses to bring back a retired id, or to load an older version, and writes nothing', async () => {
    await revisions.apply(v2);
    const v3 = structuredClone(v2);
    v3.plan.version = 3;
    v3.plan.inForceFrom = '2030-07-01';
    delete v3.strategies[2]!.activities.find((a) => a.id === 's3-a5')!.retired;
    const before = await snapshot(tables);
    const outcome = await revisions.apply(v3);
    assert.equal(outcome.kind, 'refused');
    assert.equal(outcome.diff.problems.length, 3);
    assert.match(outcome.diff.problems[0]!, /^activity s3-a5 .* was retired in version 2 .*a retired id is never used again/);
    assert.equal((await revisions.apply(v1)).kind, 'refused');
    assert.match((await revisions.diff(v1)).problems[0]!, /the file is version 1, but the store already holds version 2/);
    assert.deepEqual(await snapshot(tables), before);
  });

  it('a store holds one plan: seeding or applying another region\'s plan is refused and writes nothing', async () => {
    const other = loadPlanContent(path.join(__dirname, '../fixtures/plan.other-region.sv.json'));
    const before = await snapshot(tables);
    await assert.rejects(plan.seed(other), /The store holds the plan "jh-primarvardsniva-2023", not "fjallmark-nara-vard-2025"/);
    assert.equal((await revisions.apply(other)).kind, 'refused');
    assert.deepEqual(await snapshot(tables), before);
  });

  it('after apply, the reminder rhythm points at the new version\'s dates', async () => {
    const countyArena = v1.arenas.find((a) => a.kind === 'county')!;
    const channel = { channelId: 'c1', arena: countyArena, rules: ['yearlyFollowUp', 'revision'] };
    const due = async (iso: string) => {
      const content = await plan.content();
      return dueReminders(content, channel, { activities: [], reported: new Set() }, new Date(iso)).map((r) => `${r.key.rule} ${r.key.duePeriod}`);
    };
    // Under version 1: revision every third year from 2023-12-01.
    assert.deepEqual(await due('2029-11-01T09:00:00Z'), ['yearlyFollowUp 2029-12-01', 'revision 2029-12-01']);
    await revisions.apply(v2);
    // (A running server takes up the applied version within a minute; here, at once.)
    plan.invalidate();
    // Version 1's own dates before version 2 comes into force still hold ...
    assert.deepEqual(await due('2026-11-20T09:00:00Z'), ['yearlyFollowUp 2026-12-01', 'revision 2026-12-01']);
    // ... and from 2027-07-01 the rhythm is version 2's: follow-up each 1 July, revision 2030-07-01.
    assert.deepEqual(await due('2027-11-20T09:00:00Z'), []);
    assert.deepEqual(await due('2028-06-15T09:00:00Z'), ['yearlyFollowUp 2028-07-01']);
    assert.deepEqual(await due('2029-11-01T09:00:00Z'), []);
    const revision = dueReminders(await plan.content(), channel, { activities: [], reported: new Set() }, new Date('2030-06-01T09:00:00Z')).find((r) => r.key.rule === 'revision')!;
    assert.equal(revision.key.duePeriod, '2030-07-01');
    assert.match(revision.reason, /Planen ska revideras 1 juli 2030: "Revidering av planen sker var tredje år\." Version 2 av planen trädde i kraft 1 juli 2027\./);
  });

  it('npm run plan -- diff and apply work on the configured store and say what they did', async () => {
    const prefix = uniquePrefix();
    const env = { TABLES_CONNECTION_STRING: azuriteConnectionString(), TABLE_PREFIX: prefix, LOG_LEVEL: 'silent', INIT_CWD: process.cwd() };
    const other = await freshTables(prefix);
    await new PlanStore(other.plan).seed(v1);
    const out: string[] = [];
    const file = path.relative(process.cwd(), V2_FILE);
    assert.equal(await planCommand(['diff', file], env, (t) => out.push(t)), 0);
    assert.match(out.join('\n'), /Store: version 1, in force from 2023-12-01\.[\s\S]*New: 5[\s\S]*Reworded: 3[\s\S]*Re-prioritised: 2[\s\S]*s1-a2 [\s\S]*period: 2024–2025 → 2027–2028[\s\S]*Retired: 5/);
    out.length = 0;
    assert.equal(await planCommand(['apply', file], env, (t) => out.push(t)), 0);
    assert.match(out.join('\n'), /Applied: the store now holds version 2/);
    out.length = 0;
    assert.equal(await planCommand(['apply', file], env, (t) => out.push(t)), 0);
    assert.match(out.join('\n'), /Nothing to apply/);
  });
});
