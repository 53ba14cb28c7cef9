// Plan versions, the version in force, and the follow-up rhythm that follows it (1.6: "följs upp
// årligen ... Revidering av planen sker var tredje år"), and the file rules of a revised plan.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadPlanContent } from '../../bot/content/loadPlan';
import type { PlanContent } from '../../bot/domain/plan';
import { helpExamples, versionText } from '../../bot/conversation/help';
import { comparePlan, flattenPlan, planFieldValues, type StoredPlan } from '../../bot/domain/planRevision';
import { parsePlanContent } from '../../bot/domain/planSchema';
import { nextFollowUp, nextRevision, upcomingVersion, versionInForce } from '../../bot/domain/planVersion';
import { isClosedStatus, isSelectableStatusId, isStatusId, RETIRED_STATUS, STATUS_IDS, statusLabel } from '../../bot/domain/status';
import { changeRequestSchema } from '../../bot/domain/validation';

const FIXTURES = path.join(__dirname, '../fixtures');
const v1 = loadPlanContent();
const v2 = loadPlanContent(path.join(FIXTURES, 'plan.v2.sv.json'));
const rhythm = { version: 2, inForceFrom: '2027-07-01', followUpIntervalMonths: 12, revisionIntervalYears: 3 };
const versions = [
  { version: 1, inForceFrom: '2023-12-01' },
  { version: 2, inForceFrom: '2027-07-01' },
];

function stored(content: PlanContent): StoredPlan {
  return { id: content.plan.id, version: content.plan.version, inForceFrom: content.plan.inForceFrom, plan: planFieldValues(content.plan), items: flattenPlan(content) };
}

describe('plan versions', () => {
  it('the version in force is the newest whose date has come', () => {
    assert.equal(versionInForce(versions, '2027-06-30').version, 1);
    assert.equal(versionInForce(versions, '2027-07-01').version, 2);
    assert.equal(versionInForce(versions, '2020-01-01').version, 1, 'before the first plan, the plan about to come into force');
    assert.deepEqual(upcomingVersion(versions, '2027-06-30'), versions[1]);
    assert.equal(upcomingVersion(versions, '2027-07-01'), undefined);
  });

  it('counts follow-ups and revisions from the version in force', () => {
    assert.deepEqual(nextFollowUp(rhythm, versions.slice(0, 1), '2026-12-01'), { date: '2027-12-01', version: versions[0] });
    assert.deepEqual(nextFollowUp(rhythm, versions, '2026-12-01'), { date: '2028-07-01', version: versions[1] });
    assert.deepEqual(nextFollowUp(rhythm, versions, '2026-11-30'), { date: '2026-12-01', version: versions[0] });
    assert.deepEqual(nextRevision(rhythm, versions, '2025-01-01'), { date: '2026-12-01', version: versions[0] });
    assert.deepEqual(nextRevision(rhythm, versions, '2026-12-01'), { date: '2030-07-01', version: versions[1] });
    assert.equal(nextRevision(rhythm, versions.slice(0, 1), '2026-12-01')!.date, '2029-12-01');
  });
});

describe('what the help card says about the plan', () => {
  it('names the version in force, and a decided one not yet in force', () => {
    const view = { plan: v2.plan, versions };
    assert.equal(versionText(view, new Date('2027-05-10T10:00:00Z')), 'Version 1 av planen gäller sedan 1 december 2023. Version 2 gäller från 1 juli 2027.');
    assert.equal(versionText(view, new Date('2027-07-01T10:00:00Z')), 'Version 2 av planen gäller sedan 1 juli 2027.');
  });

  it('takes its examples from the loaded plan', () => {
    assert.deepEqual(helpExamples(v1), { arenaName: 'Berg', strategyNumber: 2, strategyWord: 'kontinuitet' });
    const other = loadPlanContent(path.join(FIXTURES, 'plan.other-region.sv.json'));
    assert.deepEqual(helpExamples(other), { arenaName: 'Björkvik', strategyNumber: 2, strategyWord: 'glesbygd' });
  });
});

describe('the revision status', () => {
  it('is a status of its own that nobody can choose', () => {
    assert.equal(statusLabel(RETIRED_STATUS.id), 'Avslutad i revidering');
    assert.ok(isStatusId(RETIRED_STATUS.id));
    assert.ok(!isSelectableStatusId(RETIRED_STATUS.id));
    assert.ok(!(STATUS_IDS as readonly string[]).includes(RETIRED_STATUS.id));
    assert.ok(isClosedStatus(RETIRED_STATUS.id));
    assert.ok(!changeRequestSchema.safeParse({ status: RETIRED_STATUS.id }).success);
  });

  it('cannot be written in a plan file: retirement is its own marker', () => {
    const file = structuredClone(v1) as unknown as { strategies: Array<{ activities: Array<{ subActivities: Array<{ status: string }> }> }> };
    file.strategies[0]!.activities[0]!.subActivities[0]!.status = RETIRED_STATUS.id;
    assert.throws(() => parsePlanContent(file), /unknown status "avslutad_i_revidering"/);
  });
});

describe('a revised plan file', () => {
  it('keeps every released id, with its kind and parent, retired or not (tests/fixtures/released-ids.json)', () => {
    const released = JSON.parse(readFileSync(path.join(FIXTURES, 'released-ids.json'), 'utf8')) as { ids: Record<string, { kind: string; parent: string | null }> };
    const items = new Map(flattenPlan(v2).map((i) => [i.id, i]));
    for (const [id, placed] of Object.entries(released.ids)) {
      assert.deepEqual({ kind: items.get(id)?.kind, parent: items.get(id)?.parent ?? null }, placed, id);
    }
  });

  it('refuses a retirement in a later version than the file, and an activity whose sub-activities are all retired', () => {
    const file = structuredClone(v2);
    file.strategies[0]!.activities[0]!.subActivities.forEach((d) => (d.retired = { version: 2, reason: 'Klart' }));
    file.strategies[1]!.activities[0]!.retired = { version: 3, reason: 'Senare' };
    assert.throws(() => parsePlanContent(file), (err: Error) => /retired in version 3, but this file is version 2/.test(err.message) && /every sub-activity of activity "s1-a1" is retired/.test(err.message));
  });

  it('an empty store takes a file as all new; a new id already retired in a revision of a loaded plan is refused', () => {
    const first = comparePlan(undefined, v1);
    assert.deepEqual(first.problems, []);
    assert.equal(first.items.length, flattenPlan(v1).length);
    // A store that starts with a revised version takes its retired items as they are.
    assert.deepEqual(comparePlan(undefined, v2).problems, []);
    const odd = comparePlan(stored(v1), (() => {
      const f = structuredClone(v2);
      f.strategies[0]!.localRecommendations.push({ id: 's1-l99', title: 'Aldrig använd', retired: { version: 2, reason: 'Fel' } });
      return f;
    })());
    assert.deepEqual(odd.problems, ['local recommendation s1-l99 ("Aldrig använd") is new and already retired: leave it out of the file instead']);
  });

  it('refuses another plan than the one in the store', () => {
    const other = loadPlanContent(path.join(FIXTURES, 'plan.other-region.sv.json'));
    assert.deepEqual(comparePlan(stored(v1), other).problems, [
      'the file is the plan "fjallmark-nara-vard-2025", but the store holds the plan "jh-primarvardsniva-2023": one store holds one plan; a revised version keeps the plan\'s id',
    ]);
  });

  it('refuses a new version that does not come into force after the one in the store', () => {
    const early = structuredClone(v2);
    early.plan.inForceFrom = '2023-12-01';
    assert.match(comparePlan(stored(v1), early).problems[0]!, /version 2 comes into force 2023-12-01, not after version 1/);
  });

  it('never lets an arena or a strategy go, nor an arena change kind', () => {
    const file = structuredClone(v2);
    file.arenas = file.arenas.filter((a) => a.id !== 'berg');
    file.arenas.find((a) => a.id === 'bracke')!.kind = 'county';
    file.arenas.find((a) => a.id === 'lan')!.kind = 'municipality';
    const problems = comparePlan(stored(v1), file).problems;
    assert.ok(problems.some((p) => /arena berg .* missing from the file: arena ids cannot be retired/.test(p)), problems.join('\n'));
    assert.ok(problems.some((p) => /arena bracke .* changes kind from municipality to county/.test(p)), problems.join('\n'));
  });
});
