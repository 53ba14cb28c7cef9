// One name for one thing (bot/domain/glossary.ts): the words the app shows come from the
// glossary, and the variants it replaced appear nowhere a person reads them (cards, bot, tab,
// exports, the user guide).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { decisionOf, WORDS } from '../../bot/domain/glossary';
import { stepLabel } from '../../bot/domain/revision';
import { loadPlanContent } from '../../bot/content/loadPlan';

const ROOT = path.join(__dirname, '..', '..');

function files(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return files(rel);
    return /\.(ts|tsx|json|md)$/.test(e.name) && !rel.endsWith('plan.sv.json') && !rel.endsWith('planCorrections.sv.json') ? [rel] : [];
  });
}

/** The text of a source file without its comments: what could reach a person. */
function shownText(file: string): string {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  if (!/\.(ts|tsx)$/.test(file)) return text;
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

// The variant, and the glossary's word a person sees instead.
const VARIANTS: Array<[RegExp, string]> = [
  [/[Ll]änsgemensamma aktiviteter/, WORDS.bilaga1],
  [/Länsgemensamt\b/, WORDS.bilaga1],
  [/Revisionen därefter/, WORDS.nextRevision],
  [/\(frivillig\)/, WORDS.optional],
  [/Ej inlämnat|Har inte lämnat in/, WORDS.notSubmitted],
  [/\bfrusen\b|\bfrusna\b/, WORDS.frozen],
  [/\b[Ll]änet (har öppnat|öppnar|stänger|stängde|lämnar|ser|skriver|har ingen)\b|besvaras av länet|till länet\b/, WORDS.countyActor],
];

describe('the glossary of the app\'s Swedish words', () => {
  const shown = [...files('bot'), ...files('tab/src'), ...files('docs')].map((f) => ({ file: f, text: shownText(f) }));

  it('finds the text it checks (guards the walk itself)', () => {
    assert.ok(shown.some((f) => f.file.endsWith('roundCards.ts')));
    assert.ok(shown.some((f) => f.file.endsWith('Overview.tsx')));
    assert.ok(shown.some((f) => f.file.endsWith('anvandarguide.md')));
  });

  for (const [variant, word] of VARIANTS) {
    it(`says "${word}", never ${variant}`, () => {
      const found = shown.filter((f) => variant.test(f.text)).map((f) => `${f.file}: ${variant.exec(f.text)![0]}`);
      assert.deepEqual(found, []);
    });
  }

  it('names Bilaga 1 as the plan does: "länsövergripande aktiviteter" (1.6 and 9)', () => {
    const plan = readFileSync(path.join(ROOT, 'tests', 'fixtures', 'gemensam-plan.txt'), 'utf8');
    assert.ok(plan.includes(`Handlingsplan för ${WORDS.bilaga1.toLocaleLowerCase('sv-SE')}`));
    assert.ok(plan.includes(`${WORDS.countyActor} ansvarar för genomförande och uppföljning`));
  });

  it('a municipality\'s decision in a revision is the municipality\'s: "Bergs kommuns beslut"', () => {
    const arenas = loadPlanContent().arenas;
    assert.equal(decisionOf({ kind: 'municipality', name: 'Berg' }), 'Bergs kommuns beslut');
    assert.equal(stepLabel('principal.berg', arenas), 'Bergs kommuns beslut');
    assert.equal(stepLabel('principal.lan', arenas), 'Regionens beslut');
  });
});
