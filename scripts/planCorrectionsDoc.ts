// Writes the list of corrections of the plan's text into docs/plan-file.md (section "Rättelser av
// planens text", between its markers) from bot/content/planCorrections.sv.json:
//   npx tsx scripts/planCorrectionsDoc.ts
// tests/unit/planCorrections.test.ts fails while the two differ.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadPlanAsWritten } from '../bot/content/loadPlan';
import { correctionsMarkdown } from '../bot/domain/planCorrections';

export const DOC_FILE = path.join(__dirname, '..', 'docs', 'plan-file.md');
export const START = '<!-- rättelser: start (scripts/planCorrectionsDoc.ts skriver listan) -->';
export const END = '<!-- rättelser: slut -->';

const SECTION_INTRO = `## Rättelser av planens text

Planfilen (\`bot/content/plan.sv.json\`) har planens text precis som den är skriven. Där planen har en
uppenbar skrivmiss visar appen texten rättad. Rättelserna står i en egen fil,
\`bot/content/planCorrections.sv.json\` (punktens id, fält, planens text, rättad text, slag och
varför), och samma regel gäller för alla:

- bara det som uppenbart är en skrivmiss rättas: ett felstavat ord där det är säkert vilket ord
  som menas, ett bindestreck som blivit kvar från avstavningen i planens tabell, och två rader i
  samma tabellcell som skrivits ihop (de skiljs åt med punkt);
- ordval, formuleringar och ord som saknas lämnas som planen skriver dem;
- en rättelse gäller bara där fältet fortfarande har exakt planens text, så en reviderad plan som
  skriver om texten behåller sin nya text.

Rättelserna når också en lagring som redan finns: när appen startar (och före \`npm run plan -- apply\`)
skrivs den rättade texten in där lagringen fortfarande har planens text. En delaktivitets
statusanteckning följer med bara om ingen har ändrat den. Listan nedan skrivs från rättelsefilen
(\`npx tsx scripts/planCorrectionsDoc.ts\`), och ett test ser till att de säger samma sak.
`;

export function withCorrections(doc: string, list: string): string {
  const block = `${START}\n${list}\n${END}`;
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start >= 0 && end > start) return `${doc.slice(0, start)}${block}${doc.slice(end + END.length)}`;
  const base = doc.trimEnd();
  return `${base}${base ? '\n\n' : ''}${SECTION_INTRO}\n${block}\n`;
}

if (require.main === module) {
  const doc = existsSync(DOC_FILE) ? readFileSync(DOC_FILE, 'utf8') : '';
  writeFileSync(DOC_FILE, withCorrections(doc, correctionsMarkdown(loadPlanAsWritten())));
  console.log(`Wrote the corrections into ${DOC_FILE}`);
}
