// Every status in the plan file comes from the plan's own Status cell (Bilaga 1), and where the
// plan gives none the file gives none: no status taken from the row above, none made up.
import assert from 'node:assert/strict';
import { loadPlanAsWritten } from '../../bot/content/loadPlan';
import { mapWrittenStatus } from '../../bot/domain/status';
import { readBilaga1 } from '../helpers/bilaga1Text';

describe("the plan file's statuses, against Bilaga 1 as written", () => {
  // As written: the corrections file may separate run-together cells (docs/plan-file.md).
  const content = loadPlanAsWritten();
  const subs = content.strategies.flatMap((s) => s.activities.flatMap((a) => a.subActivities.map((d) => ({ strategy: s.number, d }))));
  const { rows } = readBilaga1();

  it('has the 35 sub-activities of Bilaga 1, in its order', () => {
    assert.equal(rows.length, 35);
    assert.equal(subs.length, rows.length);
    assert.deepEqual(subs.map((x) => x.strategy), rows.map((r) => r.strategy));
  });

  it("keeps each Status cell word for word, and maps it only where the plan writes one", () => {
    rows.forEach((row, i) => {
      const { d } = subs[i]!;
      assert.equal(d.statusAsWritten, row.status, d.id);
      assert.equal(d.status, row.status === '' ? undefined : mapWrittenStatus(row.status), d.id);
    });
  });

  it('gives no status where the plan gives none: 9.1 Pilot, 9.3 Analys, 9.4 komplexa behov, 9.5 kompetensförsörjning and vårdförlopp', () => {
    const empty = subs.filter(({ d }) => d.status === undefined).map(({ d }) => d.id);
    assert.deepEqual(empty, ['s1-a2-d2', 's3-a1-d2', 's4-a1-d4', 's5-a1-d1', 's5-a1-d2', 's5-a2-d4']);
  });
});
