import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_PLAN_FILE, loadPlanContent } from '../../bot/content/loadPlan';
import type { PlanContent } from '../../bot/domain/plan';
import { parsePlanContent } from '../../bot/domain/planSchema';

const shipped: PlanContent = loadPlanContent();

/** A deep copy of the shipped content to spoil; `any` because the point is to break the type. */
function copy(): any {
  return structuredClone(shipped);
}

/** Asserts that parsing fails and returns the error's message lines. */
function problems(input: unknown): string[] {
  try {
    parsePlanContent(input);
  } catch (err) {
    assert.ok(err instanceof Error);
    const [first, ...rest] = err.message.split('\n');
    assert.match(first!, /^Invalid plan content \(\d+ problems?\):$/);
    return rest.map((l) => l.trim());
  }
  assert.fail('expected the content to be refused');
}

describe('plan schema', () => {
  it('accepts the shipped plan.sv.json', () => {
    assert.doesNotThrow(() => parsePlanContent(JSON.parse(JSON.stringify(shipped))));
    assert.equal(shipped.plan.id, 'jh-primarvardsniva-2023');
  });

  it('refuses a duplicate id anywhere in the file, naming both places', () => {
    const c = copy();
    c.strategies[2].activities[0].id = c.strategies[1].activities[0].id;
    // Keep the sub-activities consistent so that only the duplication is reported.
    c.strategies[2].activities[0].subActivities.forEach((d: { id: string }, i: number) => {
      d.id = `${c.strategies[2].activities[0].id}-x${i + 1}`;
    });
    const lines = problems(c);
    assert.deepEqual(lines, [
      'strategies[2].activities[0].id: duplicate id "s2-a1" (already used at strategies[1].activities[0].id)',
    ]);

    const c2 = copy();
    c2.arenas[3].id = 's1-l1';
    assert.deepEqual(problems(c2), [
      'arenas[3].id: duplicate id "s1-l1" (already used at strategies[0].localRecommendations[0].id)',
    ]);
  });

  it('refuses an unknown status', () => {
    const c = copy();
    c.strategies[0].activities[0].subActivities[1].status = 'Pågår';
    const lines = problems(c);
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /^strategies\[0\]\.activities\[0\]\.subActivities\[1\]\.status: unknown status "Pågår"; expected one of ej_paborjat, /);
  });

  for (const bad of ['s1/a1', 's1#a1', 's1?a1', 's1\\a1', 's1 a1', 'S1-A1', '', 'x'.repeat(65)]) {
    it(`refuses the id ${JSON.stringify(bad.length > 20 ? `${bad.slice(0, 5)}…` : bad)}`, () => {
      const c = copy();
      c.strategies[0].activities[0].id = bad;
      const lines = problems(c);
      assert.equal(lines.length, 1, lines.join('\n'));
      assert.equal(
        lines[0],
        `strategies[0].activities[0].id: id ${JSON.stringify(bad)} is not allowed: use 1–64 characters a–z, 0–9 and '-' only`,
      );
    });
  }

  it('refuses a period that runs backwards', () => {
    const c = copy();
    c.strategies[3].activities[0].period = { from: 2025, to: 2024 };
    assert.deepEqual(problems(c), [
      'strategies[3].activities[0].period.to: period runs backwards: from 2025 is after to 2024',
    ]);
  });

  it('refuses empty and untrimmed titles', () => {
    const c = copy();
    c.strategies[1].title = '';
    c.strategies[1].activities[1].subActivities[0].title = '';
    c.strategies[0].localRecommendations[0].title = ' Öka medskapande';
    assert.deepEqual(problems(c), [
      'strategies[0].localRecommendations[0].title: must not start or end with whitespace',
      'strategies[1].title: must not be empty',
      'strategies[1].activities[1].subActivities[0].title: must not be empty',
    ]);
  });

  it('allows empty status, measure and target cells but not a missing one', () => {
    const c = copy();
    const d = c.strategies[0].activities[1].subActivities[1];
    assert.equal(d.measure, 'Pilot genomförd');
    d.measure = '';
    assert.doesNotThrow(() => parsePlanContent(c));
    delete d.target;
    assert.equal(problems(c).length, 1);
    assert.match(problems(c)[0]!, /^strategies\[0\]\.activities\[1\]\.subActivities\[1\]\.target: /);
  });

  it('refuses a sub-activity id that does not start with its activity id', () => {
    const c = copy();
    c.strategies[0].activities[0].subActivities[0].id = 's1-a9-d1';
    assert.deepEqual(problems(c), [
      'strategies[0].activities[0].subActivities[0].id: sub-activity id "s1-a9-d1" must start with its activity\'s id "s1-a1-"',
    ]);
  });

  it('requires exactly one county arena', () => {
    const none = copy();
    none.arenas = none.arenas.filter((a: { kind: string }) => a.kind !== 'county');
    assert.deepEqual(problems(none), ['arenas: there must be exactly one arena of kind "county" (found 0)']);
    const two = copy();
    two.arenas.push({ id: 'lan-2', name: 'Annan länsnivå', kind: 'county' });
    assert.deepEqual(problems(two), ['arenas: there must be exactly one arena of kind "county" (found 2)']);
  });

  it('refuses unknown fields, a wrong schema version and a non-object', () => {
    const c = copy();
    c.strategies[0].colour = 'red';
    c.schemaVersion = 2;
    const lines = problems(c);
    assert.equal(lines.length, 2, lines.join('\n'));
    assert.ok(lines.some((l) => l.startsWith('schemaVersion: schemaVersion must be 1')));
    assert.ok(lines.some((l) => l.startsWith('strategies[0]: ') && l.includes('colour')));
    assert.equal(problems(null).length, 1);
    assert.match(problems(null)[0]!, /^\(root\): /);
  });

  it('lists several problems, one per line', () => {
    const c = copy();
    c.plan.inForceFrom = '1 december 2023';
    c.strategies[4].effectMeasures[0].direction = 'up';
    c.strategies[4].activities[0].subActivities[0].details = ['<li>Punkt</li>'];
    const lines = problems(c);
    assert.equal(lines.length, 3, lines.join('\n'));
    assert.match(lines[0]!, /^plan\.inForceFrom: must be an ISO date/);
    assert.match(lines[1]!, /^strategies\[4\]\.effectMeasures\[0\]\.direction: /);
    assert.equal(lines[2], 'strategies[4].activities[0].subActivities[0].details[0]: must not contain HTML tags');
  });
});

describe('loadPlanContent', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'plan-content-'));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads plan.sv.json beside the module by default', () => {
    assert.equal(path.basename(DEFAULT_PLAN_FILE), 'plan.sv.json');
    assert.deepEqual(loadPlanContent(DEFAULT_PLAN_FILE), shipped);
  });

  it('names the file and the problems of an invalid file', () => {
    const file = path.join(dir, 'bad.json');
    const c = copy();
    c.strategies[0].activities[0].subActivities[0].status = 'done';
    writeFileSync(file, JSON.stringify(c));
    assert.throws(
      () => loadPlanContent(file),
      (err: Error) =>
        err.message.includes(file) &&
        err.message.includes('strategies[0].activities[0].subActivities[0].status: unknown status "done"'),
    );
  });

  it('names the file when it is not JSON or does not exist', () => {
    const file = path.join(dir, 'broken.json');
    writeFileSync(file, '{ "schemaVersion": 1,');
    assert.throws(() => loadPlanContent(file), (err: Error) => err.message.includes(file) && /not valid JSON/.test(err.message));
    const missing = path.join(dir, 'missing.json');
    assert.throws(() => loadPlanContent(missing), (err: Error) => err.message.includes(missing));
  });
});
