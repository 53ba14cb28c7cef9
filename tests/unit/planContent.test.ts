// Proves that bot/content/plan.sv.json says what the plan document says, word for word.
// The document (tests/fixtures/gemensam-plan.txt) is parsed here on its own terms: nothing
// below is copied from the JSON, so a changed, missing or extra word in the JSON fails a test.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadPlanAsWritten, loadPlanContent } from '../../bot/content/loadPlan';
import type { PlanContent, Strategy } from '../../bot/domain/plan';
import { mapWrittenStatus } from '../../bot/domain/status';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'gemensam-plan.txt');

// ---------------------------------------------------------------------------------------------
// A small parser of the plan document
// ---------------------------------------------------------------------------------------------

const SUPERSCRIPTS = /[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g;

/** Strips HTML tags, collapses whitespace, trims. */
function clean(cell: string): string {
  return cell.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
}

interface Section {
  number: string;
  heading: string;
  lines: string[];
}

/**
 * Splits the document into numbered sections. Body headings are "3.3.1 Vad behöver …" (number,
 * space); the table of contents uses a tab after the number and is skipped that way. Numbered
 * list items ("1. Vad är …") do not match either, since the number is followed by a dot.
 */
function parseSections(text: string): { title: string; sections: Map<string, Section> } {
  const lines = text.split(/\r?\n/);
  const title = lines.find((l) => l.trim() !== '')!.trim();
  const sections = new Map<string, Section>();
  let current: Section | undefined;
  for (const line of lines) {
    const m = /^(\d+(?:\.\d+)*) (\S.*)$/.exec(line);
    if (m) {
      assert.ok(!sections.has(m[1]!), `section ${m[1]} appears twice in the document`);
      current = { number: m[1]!, heading: m[2]!.trim(), lines: [] };
      sections.set(current.number, current);
    } else if (current) {
      current.lines.push(line);
    }
  }
  return { title, sections };
}

interface DocSubActivity {
  title: string;
  details: string[];
  statusAsWritten: string;
  measure: string;
  target: string;
}
interface DocActivity {
  title: string;
  period: { from: number; to: number };
  subActivities: DocSubActivity[];
}
interface DocEffectMeasure {
  title: string;
  target: string;
  followUp: string;
}
interface DocStrategy {
  number: number;
  /** Title as written in the appendix heading "9.N Strategi: …". */
  appendixTitle: string;
  quotes: string[];
  effectMeasures: DocEffectMeasure[];
  activities: DocActivity[];
  localRecommendations: string[];
}

/**
 * Bullet items of a `<ul>` cell. The document's lists lost their `<li>` tags in conversion
 * (items are separated by a single space), so where no `<li>` is present an item starts at
 * each word that begins with a capital letter.
 */
function listItems(ulHtml: string): string[] {
  if (/<li\b/i.test(ulHtml)) {
    return ulHtml
      .split(/<li\b[^>]*>/i)
      .slice(1)
      .map(clean)
      .filter((s) => s !== '');
  }
  const flat = clean(ulHtml);
  return flat === '' ? [] : flat.split(/ (?=\p{Lu})/u);
}

function parsePeriod(cell: string): { from: number; to: number } {
  const m = /^\s*(\d{4})\s*[–-]\s*(\d{4})\s*$/.exec(cell);
  assert.ok(m, `cannot read the priority period ${JSON.stringify(cell)}`);
  return { from: Number(m[1]), to: Number(m[2]) };
}

const EFFECT_HEADER = ['Effektmått', 'Målvärde', 'Uppföljning'];
const ACTIVITY_HEADER = ['Prioritet', 'Aktivitet', 'Delaktivitet', 'Status', 'Mått', 'Målvärde'];

function parseEffectMeasures(section: Section): DocEffectMeasure[] {
  const start = section.lines.findIndex((l) => l.split('\t').join('|') === EFFECT_HEADER.join('|'));
  assert.ok(start >= 0, `no Effektmått table in ${section.number}`);
  const out: DocEffectMeasure[] = [];
  for (const line of section.lines.slice(start + 1)) {
    if (line.trim() === '') break;
    const cells = line.split('\t').map(clean);
    assert.equal(cells.length, EFFECT_HEADER.length, `odd Effektmått row in ${section.number}: ${line}`);
    out.push({ title: cells[0]!, target: cells[1]!, followUp: cells[2]! });
  }
  return out;
}

function parseActivities(section: Section): DocActivity[] {
  const start = section.lines.findIndex((l) => l.split('\t').join('|') === ACTIVITY_HEADER.join('|'));
  assert.ok(start >= 0, `no activity table in ${section.number}`);
  const activities: DocActivity[] = [];
  // The table runs to the end of the section; blank lines inside it are layout only.
  for (const line of section.lines.slice(start + 1)) {
    if (line.trim() === '') continue;
    const raw = line.split('\t');
    assert.ok(raw.length <= ACTIVITY_HEADER.length, `too many cells in ${section.number}: ${line}`);
    while (raw.length < ACTIVITY_HEADER.length) raw.push('');
    const [prio, activity, sub, status, measure, target] = raw as [string, string, string, string, string, string];

    if (clean(prio) !== '') {
      activities.push({ title: clean(activity), period: parsePeriod(prio), subActivities: [] });
    } else {
      assert.equal(clean(activity), '', `activity without a priority in ${section.number}: ${line}`);
    }
    const current = activities.at(-1);
    assert.ok(current, `row before the first activity in ${section.number}: ${line}`);

    const ulAt = sub.search(/<ul\b/i);
    const head = clean(ulAt >= 0 ? sub.slice(0, ulAt) : sub);
    const details = ulAt >= 0 ? listItems(sub.slice(ulAt)) : [];
    if (head === '') {
      // A bullet row: details of the sub-activity above, with no cells of its own.
      const previous = current.subActivities.at(-1);
      assert.ok(previous, `bullet row without a sub-activity above it in ${section.number}: ${line}`);
      assert.ok(details.length > 0, `row without a sub-activity in ${section.number}: ${line}`);
      assert.deepEqual([status, measure, target].map(clean), ['', '', ''], `bullet row with cells: ${line}`);
      previous.details.push(...details);
    } else {
      current.subActivities.push({
        title: head,
        details,
        statusAsWritten: clean(status),
        measure: clean(measure),
        target: clean(target),
      });
    }
  }
  return activities;
}

/** The quoted paragraphs (”…”) under a strategy heading, without the quotation marks. */
function parseQuotes(section: Section): string[] {
  return section.lines
    .map((l) => l.trim())
    .filter((l) => l.startsWith('”'))
    .map((l) => {
      // ”Text.” or ”Text”. (the closing mark sometimes stands before the full stop)
      const m = /^”(.*)”(\.?)$/.exec(l);
      assert.ok(m, `cannot read the quote ${l}`);
      return clean(m[1]! + m[2]!);
    });
}

function parseBullets(section: Section): string[] {
  return section.lines
    .map((l) => /^- \*(.+)\*\s*$/.exec(l.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => clean(m[1]!.replace(SUPERSCRIPTS, '')));
}

interface Doc {
  title: string;
  sections: Map<string, Section>;
  strategies: DocStrategy[];
}

function parseDocument(text: string): Doc {
  const { title, sections } = parseSections(text);
  const appendix = [...sections.values()].filter((s) => /^9\.\d+$/.test(s.number));
  assert.ok(appendix.length > 0, 'no strategies in Bilaga 1');
  const strategies = appendix.map((sec): DocStrategy => {
    const number = Number(sec.number.split('.')[1]);
    const m = /^Strategi: (.+?)\.*$/.exec(sec.heading);
    assert.ok(m, `unexpected appendix heading ${sec.heading}`);
    // The strategy's chapter ("3 Strategi Ökad delaktighet") holds its quotes and, in a
    // "Vad behöver göras lokalt och verksamhetsnära" subsection, its local recommendations.
    const chapter = [...sections.values()].filter(
      (s) => !s.number.includes('.') && s.heading.startsWith('Strategi ') && clean(s.heading.slice(9)) === clean(m[1]!),
    );
    assert.equal(chapter.length, 1, `no single chapter for strategy ${m[1]}`);
    const local = [...sections.values()].filter(
      (s) => s.number.startsWith(`${chapter[0]!.number}.`) && s.heading === 'Vad behöver göras lokalt och verksamhetsnära',
    );
    assert.equal(local.length, 1, `no single local list for strategy ${m[1]}`);
    return {
      number,
      appendixTitle: clean(m[1]!),
      quotes: parseQuotes(chapter[0]!),
      effectMeasures: parseEffectMeasures(sec),
      activities: parseActivities(sec),
      localRecommendations: parseBullets(local[0]!),
    };
  });
  return { title, sections, strategies };
}

function sectionText(doc: Doc, number: string): string {
  const s = doc.sections.get(number);
  assert.ok(s, `no section ${number} in the document`);
  return clean(s.lines.filter((l) => l.trim() !== '').join(' '));
}

/** The projection of a strategy that the document determines. */
function asWritten(s: Strategy) {
  return {
    quotes: s.quotes,
    effectMeasures: s.effectMeasures.map((e) => ({ title: e.title, target: e.target, followUp: e.followUp })),
    activities: s.activities.map((a) => ({
      title: a.title,
      period: a.period,
      subActivities: a.subActivities.map((d) => ({
        title: d.title,
        details: d.details,
        statusAsWritten: d.statusAsWritten,
        measure: d.measure,
        target: d.target,
      })),
    })),
    localRecommendations: s.localRecommendations.map((l) => l.title),
  };
}

// ---------------------------------------------------------------------------------------------

describe('plan content (bot/content/plan.sv.json) matches the plan document', () => {
  const doc = parseDocument(readFileSync(FIXTURE, 'utf8'));
  // The plan file keeps the plan's text as written; the app shows it corrected (planCorrections.test.ts).
  const content: PlanContent = loadPlanAsWritten();

  it('parses something substantial from the document (guards the parser itself)', () => {
    assert.ok(doc.strategies.length > 1);
    for (const s of doc.strategies) {
      assert.ok(s.activities.length > 0, `strategy ${s.number} has no activities`);
      assert.ok(s.effectMeasures.length > 0, `strategy ${s.number} has no effect measures`);
      assert.ok(s.localRecommendations.length > 0, `strategy ${s.number} has no local recommendations`);
      assert.ok(s.quotes.length > 0, `strategy ${s.number} has no quotes`);
    }
    const allDetails = doc.strategies.flatMap((s) => s.activities.flatMap((a) => a.subActivities.flatMap((d) => d.details)));
    assert.ok(allDetails.length > 0, 'no bullet details found');
  });

  it('has the strategies of the document, in order, numbered as in Bilaga 1', () => {
    assert.deepEqual(
      content.strategies.map((s) => s.number),
      doc.strategies.map((s) => s.number),
    );
    assert.deepEqual(
      content.strategies.map((s) => s.id),
      doc.strategies.map((s) => `s${s.number}`),
    );
  });

  it('names the strategies as section 1.3 does', () => {
    const m = /De fem strategierna är (.+)\.$/.exec(sectionText(doc, '1.3'));
    assert.ok(m, 'no list of strategies in 1.3');
    const listed = m[1]!.split(/, | samt /);
    // As the app shows them: 1.3 spells "hälsofrämjande" as the correction of the heading does.
    assert.deepEqual(
      loadPlanContent().strategies.map((s) => s.title.toLocaleLowerCase('sv-SE')),
      listed,
    );
    // The plan file keeps the appendix headings as written ("Hälsöfrämjande").
    assert.deepEqual(
      content.strategies.map((s) => s.title),
      doc.strategies.map((s) => s.appendixTitle),
    );
  });

  for (const fromDoc of doc.strategies) {
    it(`strategy ${fromDoc.number}: quotes, effect measures, activities, sub-activities, details and local recommendations are exactly the document's`, () => {
      const strategy = content.strategies.find((s) => s.number === fromDoc.number);
      assert.ok(strategy, `strategy ${fromDoc.number} missing`);
      const { number: _n, appendixTitle: _t, ...expected } = fromDoc;
      assert.deepEqual(asWritten(strategy), expected);
    });
  }

  it('every status is mapWrittenStatus(statusAsWritten), and none where the plan writes none', () => {
    for (const s of content.strategies)
      for (const a of s.activities)
        for (const d of a.subActivities)
          assert.equal(d.status, d.statusAsWritten === '' ? undefined : mapWrittenStatus(d.statusAsWritten), `${d.id}: ${JSON.stringify(d.statusAsWritten)}`);
  });

  // The level each measure is reported at is a reading of the plan, decided and argued in
  // docs/plan-file.md ("Effektmått"): per municipality where the figure exists per municipality
  // and means something there, for the county where the plan follows it "på systemnivå" or the
  // survey's municipal samples are small, for the region where the title says "(region)" or a
  // municipality's figure would be noise.
  const LEVELS: Record<string, string> = {
    's1-e1': 'municipality', // SIP in Cosmic LINK, counted per municipality
    's1-e2': 'county', // "uppföljning på systemnivå"
    's2-e1': 'region', // "primärvård (region)"
    's3-e1': 'municipality', // läkarbesök i hemmet (inkl. SÄBO), per municipality of residence
    's3-e2': 'region', // påverkbar slutenvård: per municipality of 5,000 people the figure is noise
    's4-e1': 'municipality', // åk 9 behörighet, per municipality (Skolverket)
    's4-e2': 'county', // Hälsa på lika villkor: every other year, small municipal samples
    's5-e1': 'municipality', // "i varje kommun/närvårdsområde": ja/nej per kommun
  };

  it('effect measures carry direction, frequency, level, breakdown and source as their text says', () => {
    for (const s of content.strategies) {
      for (const e of s.effectMeasures) {
        const target = e.target.toLocaleLowerCase('sv-SE');
        const direction = /^ja\/nej/.test(target) ? 'yes' : /minska/.test(target) ? 'decrease' : /ök/.test(target) ? 'increase' : undefined;
        assert.equal(e.direction, direction, `${e.id} direction`);
        // Hälsa på lika villkor is a survey made every other year: reported per survey round.
        assert.equal(e.frequency, /halvårsvis/.test(e.followUp) ? 'halfYearly' : /Hälsa på lika villkor/.test(e.title) ? 'surveyRound' : 'yearly', `${e.id} frequency`);
        assert.equal(e.level, LEVELS[e.id], `${e.id} level`);
        const source = ['Cosmic LINK', 'Vård och omsorgskollen', 'Hälsa på lika villkor'].find((name) => `${e.title} ${e.followUp}`.includes(name));
        assert.equal(e.source, source, `${e.id} source`);
        const breakdown = /fördelat på barn och unga resp\. vuxna/.test(e.title) ? ['Barn och unga', 'Vuxna'] : [];
        assert.deepEqual(e.breakdown, breakdown, `${e.id} breakdown`);
      }
    }
  });

  it('ids follow the first edition convention s<N>-e<M>, s<N>-a<M>-d<K>, s<N>-l<M>', () => {
    content.strategies.forEach((s, si) => {
      assert.equal(s.id, `s${si + 1}`);
      s.effectMeasures.forEach((e, ei) => assert.equal(e.id, `${s.id}-e${ei + 1}`));
      s.activities.forEach((a, ai) => {
        assert.equal(a.id, `${s.id}-a${ai + 1}`);
        a.subActivities.forEach((d, di) => assert.equal(d.id, `${a.id}-d${di + 1}`));
      });
      s.localRecommendations.forEach((l, li) => assert.equal(l.id, `${s.id}-l${li + 1}`));
    });
  });

  it("plan name, target picture, purpose, principles and validity are the document's", () => {
    assert.equal(content.plan.name, doc.title);
    const target = /målbild "([^"]+)"/.exec(sectionText(doc, '1.2'));
    assert.ok(target, 'no target picture in 1.2');
    assert.equal(content.plan.targetPicture, target[1]);
    assert.ok(sectionText(doc, '1.3').includes(`"${content.plan.targetPicture}"`));

    assert.equal(content.plan.purpose, sectionText(doc, '1.1'));

    const principles = doc.sections
      .get('1.7')!
      .lines.map((l) => /^\d+\. (.+)$/.exec(l.trim()))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => clean(m[1]!));
    assert.ok(principles.length > 0, 'no principles in 1.7');
    assert.deepEqual(content.plan.principles, principles);

    const validity = sectionText(doc, '1.6');
    const inForce = /Planen träder i kraft (\d{4}-\d{2}-\d{2})\./.exec(validity);
    assert.ok(inForce);
    assert.equal(content.plan.inForceFrom, inForce[1]);
    const sentences = content.plan.validityText.split(/(?<=[.?!]) (?=\p{Lu})/u);
    for (const sentence of sentences) assert.ok(validity.includes(sentence), `not in 1.6: ${sentence}`);
    assert.match(content.plan.validityText, /Planen träder i kraft 2023-12-01\./);
    assert.match(content.plan.validityText, /följs upp årligen/);
    assert.equal(content.plan.followUpIntervalMonths, 12);
    assert.match(content.plan.validityText, /Revidering av planen sker var tredje år\./);
    assert.equal(content.plan.revisionIntervalYears, 3);
  });

  it('has one arena per municipality (1.5: "länets åtta kommuner") and one county arena', () => {
    assert.ok(sectionText(doc, '1.5').includes('länets åtta kommuner'));
    assert.equal(content.arenas.filter((a) => a.kind === 'municipality').length, 8);
    assert.deepEqual(
      content.arenas.filter((a) => a.kind === 'county').map((a) => a.id),
      ['lan'],
    );
  });
});
