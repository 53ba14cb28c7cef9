// docs/plan-file.md and the plan file say the same: who answers each Bilaga 1 measure, which
// items are the region's own work, and at which level each effect measure is reported. The
// page's tables are read and compared with bot/content/plan.sv.json.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { loadPlanContent } from '../../bot/content/loadPlan';

const SECTION = '## Beslut: vem svarar, nivåer och perioder';

/** The rows of a section's tables whose first cell is an id: id → the other cells. */
function decisions(section = SECTION): Map<string, string[]> {
  const page = fs.readFileSync(path.resolve('docs/plan-file.md'), 'utf8');
  const start = page.indexOf(section);
  assert.ok(start >= 0, `docs/plan-file.md has no section "${section}"`);
  const end = page.indexOf('\n## ', start + section.length);
  const rows = new Map<string, string[]>();
  for (const line of page.slice(start, end < 0 ? undefined : end).split('\n')) {
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    if (/^s\d+-(a\d+-d\d+|e\d+)$/.test(cells[0] ?? '')) rows.set(cells[0]!, cells.slice(1));
  }
  return rows;
}

describe('docs/plan-file.md and the plan file agree', () => {
  const content = loadPlanContent();
  const written = decisions();
  const subs = content.strategies.flatMap((s) => s.activities.flatMap((a) => a.subActivities));

  it('on who answers each sub-activity, and which are the region\'s own work', () => {
    const WORD = { kommun: 'municipality', 'regionens eget': 'region-own' } as const;
    const fromPage = [...written].filter(([id]) => id.includes('-a')).map(([id, [who]]) => [id, WORD[who as keyof typeof WORD] ?? `unknown word "${who}"`]);
    const fromFile = subs.filter((d) => d.regionOwn || d.answeredBy === 'municipality').map((d) => [d.id, d.regionOwn ? 'region-own' : 'municipality']);
    assert.deepEqual(fromPage, fromFile);
    // The transitions under 2.2: per municipality, but habilitation is the region's (plan 9.2).
    assert.deepEqual(['s2-a2-d1', 's2-a2-d2', 's2-a2-d3', 's2-a2-d4', 's2-a2-d5'].map((id) => written.get(id)?.[0]), ['kommun', 'kommun', 'regionens eget', 'kommun', 'kommun']);
  });

  it('on the level, reporter and period every effect measure has in the app now, equal to the decision, with the reasoning for each', () => {
    const LEVEL = { kommun: 'municipality', län: 'county', region: 'region' } as const;
    const REPORTER = { länet: 'county', arenan: 'arena' } as const;
    const PERIOD = { halvår: 'halfYearly', år: 'yearly', undersökningsomgång: 'surveyRound' } as const;
    const measures = content.strategies.flatMap((s) => s.effectMeasures);
    // Columns: nivå (beslut), rapporterar, period, i appen nu, skäl.
    const row = (id: string) => written.get(id) ?? [];
    assert.deepEqual(
      measures.map((m) => [m.id, LEVEL[row(m.id)[3] as keyof typeof LEVEL], REPORTER[row(m.id)[1] as keyof typeof REPORTER], PERIOD[row(m.id)[2] as keyof typeof PERIOD]]),
      measures.map((m) => [m.id, m.level, m.reportedBy ?? 'arena', m.frequency]),
    );
    for (const m of measures) {
      assert.equal(row(m.id)[0], row(m.id)[3], `${m.id}: the app follows the decided level`);
      assert.ok((row(m.id)[4] ?? '').length > 40, `${m.id}: the page gives the plan's reason`);
    }
    // The three decided in issue 25: SIP reported by the county per municipality, påverkbar
    // slutenvård at region level, Hälsa på lika villkor for the county per survey round.
    const byId = new Map(measures.map((m) => [m.id, m]));
    assert.deepEqual([byId.get('s1-e1')?.level, byId.get('s1-e1')?.reportedBy], ['municipality', 'county']);
    assert.equal(byId.get('s3-e2')?.level, 'region');
    assert.deepEqual([byId.get('s4-e2')?.level, byId.get('s4-e2')?.frequency], ['county', 'surveyRound']);
  });

  it('on which compound measures are split into questions, each with its Mått cell as written and a reason', () => {
    const split = decisions('## Sammansatta mått: en fråga i taget');
    const fromFile = subs.filter((d) => d.questions && d.questions.length > 0);
    assert.deepEqual([...split.keys()], fromFile.map((d) => d.id));
    for (const d of fromFile) {
      const [measure, questions, reason] = split.get(d.id)!;
      assert.equal(measure, d.measure, `${d.id}: the page quotes the Mått cell as the plan writes it`);
      assert.ok((questions ?? '').length > 0 && (reason ?? '').length > 5, `${d.id}: the page names the questions and why`);
    }
  });
});
