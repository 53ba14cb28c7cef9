// Corrections of the plan's text (bot/content/planCorrections.sv.json). The plan file keeps the
// plan's words as written; the app shows them corrected where the plan has a plain slip of the
// pen, and can say what the plan itself wrote ("Planens text: …"). One rule for every correction:
// a correction applies only where the field still holds exactly what it corrects, so a revised
// plan that rewrites the text is never overwritten. Plain module (the tab imports it too).
import data from '../content/planCorrections.sv.json';
import type { PlanContent } from './plan';

export type CorrectionKind = 'typo' | 'lineBreakHyphen' | 'runTogetherCells';

/** What kind of slip a correction mends, in the words a reader of the list sees. */
export const CORRECTION_KIND_LABELS: Record<CorrectionKind, string> = {
  typo: 'Stavfel',
  lineBreakHyphen: 'Bindestreck från radbrytning',
  runTogetherCells: 'Två rader i en cell ihopskrivna',
};

export interface PlanCorrection {
  /** The item's id (a strategy, effect measure, activity, sub-activity or recommendation). */
  id: string;
  /** The field corrected; a list item as "details.1" (0-based). */
  field: string;
  asWritten: string;
  corrected: string;
  kinds: CorrectionKind[];
  /** Why, in Swedish (shown in the list of corrections). */
  why: string;
}

/** A questionable text the rule leaves as written, with the reason. */
export interface UncorrectedText {
  id: string;
  field: string;
  text: string;
  why: string;
}

interface CorrectionsFile {
  planId: string;
  corrections: PlanCorrection[];
  notCorrected: UncorrectedText[];
}

const FILE = data as CorrectionsFile;

/** The corrections of a plan's text (none for another plan than the one they were written for). */
export function correctionsOf(planId: string): readonly PlanCorrection[] {
  return planId === FILE.planId ? FILE.corrections : [];
}

/** The texts the rule leaves as written, for the same plan. */
export function uncorrectedOf(planId: string): readonly UncorrectedText[] {
  return planId === FILE.planId ? FILE.notCorrected : [];
}

/** Where an item's stored text lives: content rows of the plan, or the county's Bilaga 1 rows. */
export type CorrectedItemKind = 'strategy' | 'effectMeasure' | 'activity' | 'subActivity' | 'localRecommendation';

type Item = Record<string, unknown>;

/** Every item of the plan a correction can name, by id, with its kind. */
export function itemsById(content: PlanContent): Map<string, { kind: CorrectedItemKind; item: Item }> {
  const items = new Map<string, { kind: CorrectedItemKind; item: Item }>();
  const add = (kind: CorrectedItemKind, item: { id: string }) => items.set(item.id, { kind, item: item as unknown as Item });
  for (const s of content.strategies) {
    add('strategy', s);
    s.effectMeasures.forEach((m) => add('effectMeasure', m));
    s.localRecommendations.forEach((r) => add('localRecommendation', r));
    for (const a of s.activities) {
      add('activity', a);
      a.subActivities.forEach((d) => add('subActivity', d));
    }
  }
  return items;
}

/** A field's text ("details.1": the list's second item), or undefined if there is none. */
export function fieldText(item: Item, field: string): string | undefined {
  const [name, index] = field.split('.');
  const value = item[name!];
  if (index === undefined) return typeof value === 'string' ? value : undefined;
  const entry = Array.isArray(value) ? (value as unknown[])[Number(index)] : undefined;
  return typeof entry === 'string' ? entry : undefined;
}

function setFieldText(item: Item, field: string, text: string): void {
  const [name, index] = field.split('.');
  if (index === undefined) item[name!] = text;
  else (item[name!] as string[])[Number(index)] = text;
}

/**
 * The plan with its corrections applied, and which corrections applied (a field that no longer
 * holds the text as written, e.g. after a revision, keeps what it holds). The input is not changed.
 */
export function applyCorrections(content: PlanContent, corrections: readonly PlanCorrection[] = correctionsOf(content.plan.id)): { content: PlanContent; applied: PlanCorrection[] } {
  const corrected = structuredClone(content);
  const items = itemsById(corrected);
  const applied: PlanCorrection[] = [];
  for (const c of corrections) {
    const found = items.get(c.id);
    if (!found || fieldText(found.item, c.field) !== c.asWritten) continue;
    setFieldText(found.item, c.field, c.corrected);
    applied.push(c);
  }
  return { content: corrected, applied };
}

/** What the plan itself wrote in a field, where the app shows it corrected. */
export function asWrittenOf(planId: string, id: string, field: string): string | undefined {
  return correctionsOf(planId).find((c) => c.id === id && c.field === field)?.asWritten;
}

const KIND_OF_ITEM: Record<CorrectedItemKind, string> = {
  strategy: 'Strategi',
  effectMeasure: 'Effektmått',
  activity: 'Aktivitet',
  subActivity: 'Delaktivitet',
  localRecommendation: 'Rekommenderad lokal aktivitet',
};

const FIELD_NAMES: Record<string, string> = {
  title: 'rubrik',
  measure: 'Mått',
  target: 'Målvärde',
  statusAsWritten: 'Status',
  followUp: 'Uppföljning',
  details: 'punkt',
};

/** Where a correction is, for a reader: "Delaktivitet s4-a1-d4, punkt 2". */
export function correctionPlace(content: PlanContent, c: Pick<PlanCorrection, 'id' | 'field'>): string {
  const kind = itemsById(content).get(c.id)?.kind;
  const [name, index] = c.field.split('.');
  const field = `${FIELD_NAMES[name!] ?? name}${index === undefined ? '' : ` ${Number(index) + 1}`}`;
  return `${kind ? KIND_OF_ITEM[kind] : 'Punkt'} ${c.id}, ${field}`;
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

/**
 * The list of corrections as the plan file's documentation shows it (docs/plan-file.md, section
 * "Rättelser av planens text", between its markers): made from the corrections file, so the two
 * cannot say different things (tests/unit/planCorrections.test.ts).
 */
export function correctionsMarkdown(content: PlanContent): string {
  const lines = [
    '| Var | Planens text | Visas som | Slag | Varför |',
    '| --- | --- | --- | --- | --- |',
    ...correctionsOf(content.plan.id).map(
      (c) => `| ${correctionPlace(content, c)} | ${cell(c.asWritten)} | ${cell(c.corrected)} | ${c.kinds.map((k) => CORRECTION_KIND_LABELS[k]).join(', ')} | ${cell(c.why)} |`,
    ),
  ];
  const kept = uncorrectedOf(content.plan.id);
  if (kept.length > 0) {
    lines.push('', 'Inte rättat (texten står som den är skriven):', '');
    for (const u of kept) lines.push(`- ${correctionPlace(content, u)}: "${u.text}". ${u.why}`);
  }
  return lines.join('\n');
}
