// Reads Bilaga 1's tables from the plan's text (tests/fixtures/gemensam-plan.txt, section 9): each
// sub-activity row's cells as written, and each effect measure's. What the plan file says is
// compared with this, cell by cell.
import fs from 'node:fs';
import path from 'node:path';

export interface Bilaga1Row {
  /** The strategy's section number, 1–5 (9.1–9.5). */
  strategy: number;
  activity: string;
  subActivity: string;
  status: string;
  measure: string;
  target: string;
  /** The bullet rows written under the sub-activity. */
  details: string[];
}

export interface Bilaga1Measure {
  strategy: number;
  title: string;
  target: string;
  followUp: string;
}

const clean = (cell: string | undefined) => (cell ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

export function readBilaga1(): { rows: Bilaga1Row[]; measures: Bilaga1Measure[] } {
  const lines = fs.readFileSync(path.resolve('tests/fixtures/gemensam-plan.txt'), 'utf8').split('\n');
  // The section itself, not its line in the table of contents.
  const start = lines.findIndex((l) => /^9 Bilaga 1:/.test(l));
  const rows: Bilaga1Row[] = [];
  const measures: Bilaga1Measure[] = [];
  let strategy = 0;
  let table: 'measures' | 'activities' | undefined;
  let activity = '';
  for (const line of lines.slice(start + 1)) {
    const section = /^9\.(\d) Strategi/.exec(line);
    if (section) {
      strategy = Number(section[1]);
      table = undefined;
      continue;
    }
    if (line.startsWith('Effektmått\t')) table = 'measures';
    else if (line.startsWith('Prioritet\t')) table = 'activities';
    else if (line.includes('\t') && table === 'measures') {
      const [title, target, followUp] = line.split('\t').map((c) => clean(c));
      measures.push({ strategy, title: title!, target: target!, followUp: followUp! });
    } else if (line.includes('\t') && table === 'activities') {
      const cells = line.split('\t');
      if (clean(cells[1])) activity = clean(cells[1]);
      const sub = cells[2] ?? '';
      // A row of bullets only ("<ul …> Regionintern analys av möjligheter"): the sub-activity's details.
      if (/^\s*<ul/.test(sub)) {
        rows[rows.length - 1]!.details.push(clean(sub));
        continue;
      }
      // Bullets in the sub-activity's own cell.
      const [title, ...bullets] = sub.split(/<ul[^>]*>/);
      rows.push({ strategy, activity, subActivity: clean(title), status: clean(cells[3]), measure: clean(cells[4]), target: clean(cells[5]), details: bullets.map(clean).filter(Boolean) });
    }
  }
  return { rows, measures };
}
