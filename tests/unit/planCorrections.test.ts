// Corrections of the plan's text (bot/content/planCorrections.sv.json): each one mends text the
// plan document really has, the app shows the corrected form, the plan file keeps the plan's
// words, and the plan file's documentation lists exactly these corrections.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadPlanAsWritten, loadPlanContent } from '../../bot/content/loadPlan';
import { applyCorrections, correctionsMarkdown, correctionsOf, fieldText, itemsById, uncorrectedOf } from '../../bot/domain/planCorrections';
import { DOC_FILE, END, START } from '../../scripts/planCorrectionsDoc';

const DOCUMENT = readFileSync(path.join(__dirname, '..', 'fixtures', 'gemensam-plan.txt'), 'utf8').replace(/<[^>]*>/g, ' ').replace(/[ \t]+/g, ' ');

describe('corrections of the plan\'s text', () => {
  const asWritten = loadPlanAsWritten();
  const shown = loadPlanContent();
  const corrections = correctionsOf(asWritten.plan.id);

  it('lists the slips a reader of the plan finds: typos, line-break hyphens, run-together cells', () => {
    const all = corrections.map((c) => `${c.asWritten} → ${c.corrected}`).join('\n');
    for (const slip of ['avvikelshantering', 'samverkandirektiv', 'Strukturerar samverkan', 'Kontinuitets-index', 'samverkans-avtalet', 'risk-bedömningar', 'samverkans-arena', 'korttids Fasta kontakter', 'Hälsöfrämjande']) {
      assert.ok(corrections.some((c) => c.asWritten.includes(slip) && !c.corrected.includes(slip)), `no correction of "${slip}":\n${all}`);
    }
    for (const kind of ['typo', 'lineBreakHyphen', 'runTogetherCells'] as const) assert.ok(corrections.some((c) => c.kinds.includes(kind)), kind);
  });

  it('each corrects text the plan document really has, and the plan file keeps it as written', () => {
    const items = itemsById(asWritten);
    for (const c of corrections) {
      assert.ok(DOCUMENT.includes(c.asWritten), `${c.id} ${c.field}: not the plan's text: ${c.asWritten}`);
      assert.equal(fieldText(items.get(c.id)!.item, c.field), c.asWritten, `${c.id} ${c.field} in plan.sv.json`);
      assert.notEqual(c.corrected, c.asWritten);
      assert.ok(c.why.trim().length > 0, `${c.id}: no reason`);
    }
  });

  it('the app shows the corrected text: every correction applies to the shipped plan', () => {
    const items = itemsById(shown);
    assert.equal(applyCorrections(asWritten).applied.length, corrections.length);
    for (const c of corrections) assert.equal(fieldText(items.get(c.id)!.item, c.field), c.corrected, `${c.id} ${c.field}`);
    assert.equal(shown.strategies[3]!.title, 'Hälsofrämjande och förebyggande fokus');
    assert.equal(asWritten.strategies[3]!.title, 'Hälsöfrämjande och förebyggande fokus');
  });

  it('changes nothing else, and nothing where a revised plan rewrote the text', () => {
    const revised = structuredClone(asWritten);
    revised.strategies[4]!.localRecommendations[3]!.title = 'Avvikelser i samverkan';
    const { content, applied } = applyCorrections(revised);
    assert.equal(content.strategies[4]!.localRecommendations[3]!.title, 'Avvikelser i samverkan');
    assert.equal(applied.length, corrections.length - 1);
    // Apart from the corrected fields, the shown plan is the file's.
    assert.deepEqual(applyCorrections(shown).applied, []);
    assert.equal(JSON.stringify(shown).length - JSON.stringify(asWritten).length, corrections.reduce((n, c) => n + JSON.stringify(c.corrected).length - JSON.stringify(c.asWritten).length, 0));
  });

  it("another region's plan gets none of them", () => {
    assert.deepEqual(correctionsOf('another-plan'), []);
    assert.deepEqual(uncorrectedOf('another-plan'), []);
  });

  it('docs/plan-file.md lists exactly these corrections (npx tsx scripts/planCorrectionsDoc.ts writes the list)', () => {
    const doc = readFileSync(DOC_FILE, 'utf8');
    assert.ok(doc.includes('## Rättelser av planens text'));
    const start = doc.indexOf(START);
    const end = doc.indexOf(END);
    assert.ok(start >= 0 && end > start, 'no corrections markers in docs/plan-file.md');
    assert.equal(doc.slice(start + START.length, end).trim(), correctionsMarkdown(asWritten).trim(), 'docs/plan-file.md is out of date: run npx tsx scripts/planCorrectionsDoc.ts');
    for (const c of corrections) assert.ok(doc.includes(c.corrected));
  });
});
