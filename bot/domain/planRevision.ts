// Loading a revised version of the plan (1.6: "Revidering av planen sker var tredje år"): what a
// new plan file changes against the plan in the store, and whether the file keeps the rules.
//
// Ids are forever. A kept id keeps its state and its whole history; a changed title, period,
// measure or target is updated and written to the item's history ("Ändrad i revidering <år>");
// an id the revised plan no longer has stays in the file marked `retired` with a reason, and is
// closed ("Avslutad i revidering"); a retired id is never used again, and an id never changes
// kind or moves to another parent. A file that breaks a rule is refused as a whole.
import type { PlanContent, Retirement } from './plan';
import { periodLabel } from './planView';
import type { PlanVersion } from './planVersion';

export type ItemKind = 'arena' | 'strategy' | 'effectMeasure' | 'localRecommendation' | 'activity' | 'subActivity';

/** One id of the plan with the text a revision may change, as strings (lists as JSON). */
export interface PlanItem {
  kind: ItemKind;
  id: string;
  /** The strategy of a measure, recommendation or activity; the activity of a sub-activity. */
  parent: string | null;
  title: string;
  /** Compared fields (besides the title), e.g. period, measure, target. */
  fields: Record<string, string>;
  /** Place in its list; a changed order is applied but is not a change of content. */
  order: number;
  retired?: Retirement;
}

/** The plan as the store holds it, for comparison. */
export interface StoredPlan {
  /** The plan's id: one store holds one plan (one region's). */
  id: string;
  version: number;
  inForceFrom: string;
  /** The plan's own facts (PLAN_FIELDS), as strings. */
  plan: Record<string, string>;
  items: PlanItem[];
}

export interface FieldDiff {
  field: string;
  from: string;
  to: string;
}

export type ItemChange = 'new' | 'changed' | 'retired';

export interface ItemDiff {
  change: ItemChange;
  /** The item as the new file has it. */
  item: PlanItem;
  /** The item as stored (absent for a new one). */
  stored?: PlanItem;
  /** The fields that differ (title included); empty for new and retired items. */
  fields: FieldDiff[];
  /** Only the order in its list differs. */
  reordered: boolean;
}

export interface RevisionDiff {
  /** The version in the store (absent: the store has no plan yet). */
  from?: PlanVersion;
  to: PlanVersion;
  /** The plan's own facts (name, texts, rhythm) that differ. */
  planFields: FieldDiff[];
  items: ItemDiff[];
  /** Ids whose content is the same in the file and the store. */
  unchanged: string[];
  /** Rules the file breaks: when there is any, nothing may be written. */
  problems: string[];
}

export const KIND_LABEL: Record<ItemKind, string> = {
  arena: 'arena',
  strategy: 'strategy',
  effectMeasure: 'effect measure',
  localRecommendation: 'local recommendation',
  activity: 'activity',
  subActivity: 'sub-activity',
};

/** Kinds a plan file may retire; arenas and strategies stay (their ids key channels and views). */
const RETIRABLE: readonly ItemKind[] = ['effectMeasure', 'localRecommendation', 'activity', 'subActivity'];

/** The fields of the plan's own facts that a revision may change. */
export const PLAN_FIELDS = ['name', 'followUpIntervalMonths', 'revisionIntervalYears', 'validityText', 'targetPicture', 'purpose', 'principles'] as const;

export function planFieldValues(plan: PlanContent['plan']): Record<string, string> {
  return {
    name: plan.name,
    followUpIntervalMonths: String(plan.followUpIntervalMonths),
    revisionIntervalYears: String(plan.revisionIntervalYears),
    validityText: plan.validityText,
    targetPicture: plan.targetPicture,
    purpose: plan.purpose,
    principles: JSON.stringify(plan.principles),
  };
}

/** Every id of a plan file as a PlanItem; a retired activity's sub-activities are retired with it. */
export function flattenPlan(content: PlanContent): PlanItem[] {
  const items: PlanItem[] = [];
  content.arenas.forEach((a, order) => items.push({ kind: 'arena', id: a.id, parent: null, title: a.name, fields: { kind: a.kind }, order }));
  for (const s of content.strategies) {
    items.push({ kind: 'strategy', id: s.id, parent: null, title: s.title, fields: { number: String(s.number), quotes: JSON.stringify(s.quotes) }, order: s.number });
    s.effectMeasures.forEach((m, order) =>
      items.push({
        kind: 'effectMeasure',
        id: m.id,
        parent: s.id,
        title: m.title,
        fields: { target: m.target, direction: m.direction, followUp: m.followUp, frequency: m.frequency, level: m.level, reportedBy: m.reportedBy ?? '', breakdown: JSON.stringify(m.breakdown), source: m.source ?? '' },
        order,
        ...(m.retired ? { retired: m.retired } : {}),
      }),
    );
    s.localRecommendations.forEach((r, order) => items.push({ kind: 'localRecommendation', id: r.id, parent: s.id, title: r.title, fields: {}, order, ...(r.retired ? { retired: r.retired } : {}) }));
    s.activities.forEach((a, order) => {
      items.push({ kind: 'activity', id: a.id, parent: s.id, title: a.title, fields: { period: periodLabel(a.period) }, order, ...(a.retired ? { retired: a.retired } : {}) });
      a.subActivities.forEach((d, subOrder) => {
        const retired = d.retired ?? a.retired;
        items.push({
          kind: 'subActivity',
          id: d.id,
          parent: a.id,
          title: d.title,
          fields: { measure: d.measure, target: d.target, details: JSON.stringify(d.details), answeredBy: d.answeredBy ?? 'county', regionOwn: d.regionOwn ? 'yes' : '', questions: d.questions ? JSON.stringify(d.questions) : '' },
          order: subOrder,
          ...(retired ? { retired } : {}),
        });
      });
    });
  }
  return items;
}

function describe(item: PlanItem): string {
  return `${KIND_LABEL[item.kind]} ${item.id} ("${item.title.length > 60 ? `${item.title.slice(0, 57)}…` : item.title}")`;
}

/**
 * What loading `content` would change in a store that holds `stored` (undefined: an empty
 * store), and the rules the file breaks. Pure: the store reads, this decides.
 */
export function comparePlan(stored: StoredPlan | undefined, content: PlanContent): RevisionDiff {
  const to: PlanVersion = { version: content.plan.version, inForceFrom: content.plan.inForceFrom };
  const problems: string[] = [];
  const items: ItemDiff[] = [];
  const unchanged: string[] = [];
  const fileItems = flattenPlan(content);

  if (!stored) {
    // An empty store takes the file as it is, retired items included (as start-up seeding does).
    for (const item of fileItems) items.push({ change: 'new', item, fields: [], reordered: false });
    return { to, planFields: [], items, unchanged, problems };
  }

  const from: PlanVersion = { version: stored.version, inForceFrom: stored.inForceFrom };
  if (stored.id !== content.plan.id) {
    problems.push(`the file is the plan "${content.plan.id}", but the store holds the plan "${stored.id}": one store holds one plan; a revised version keeps the plan's id`);
    return { from, to, planFields: [], items, unchanged, problems };
  }
  if (to.version < from.version) {
    problems.push(`the file is version ${to.version}, but the store already holds version ${from.version}: a plan is never loaded backwards`);
  } else if (to.version === from.version && to.inForceFrom !== from.inForceFrom) {
    problems.push(`the file is version ${to.version} in force from ${to.inForceFrom}, but the store holds version ${from.version} in force from ${from.inForceFrom}: a revised plan needs a new version number`);
  } else if (to.version > from.version && to.inForceFrom <= from.inForceFrom) {
    problems.push(`version ${to.version} comes into force ${to.inForceFrom}, not after version ${from.version} (${from.inForceFrom}): a new version must come into force later`);
  }

  const storedById = new Map(stored.items.map((i) => [i.id, i]));
  const fileById = new Map(fileItems.map((i) => [i.id, i]));

  for (const old of stored.items) {
    if (fileById.has(old.id)) continue;
    problems.push(
      RETIRABLE.includes(old.kind)
        ? `${describe(old)} is missing from the file: ids are forever; keep it in the file and mark it "retired" with the version and a reason`
        : `${describe(old)} is missing from the file: ${KIND_LABEL[old.kind]} ids cannot be retired; keep it in the file`,
    );
  }

  for (const item of fileItems) {
    const old = storedById.get(item.id);
    if (!old) {
      if (item.retired) problems.push(`${describe(item)} is new and already retired: leave it out of the file instead`);
      else items.push({ change: 'new', item, fields: [], reordered: false });
      continue;
    }
    if (old.kind !== item.kind || old.parent !== item.parent) {
      const was = `${KIND_LABEL[old.kind]}${old.parent ? ` under ${old.parent}` : ''}`;
      const is = `${KIND_LABEL[item.kind]}${item.parent ? ` under ${item.parent}` : ''}`;
      problems.push(`id ${item.id} was released as ${was} and cannot be reused as ${is}: give the new item a new id`);
      continue;
    }
    if (old.retired && !item.retired) {
      problems.push(`${describe(item)} was retired in version ${old.retired.version} ("${old.retired.reason}"): a retired id is never used again; give the item a new id`);
      continue;
    }
    if (old.retired) {
      unchanged.push(item.id);
      continue;
    }
    if (item.retired) {
      if (!RETIRABLE.includes(item.kind)) problems.push(`${describe(item)} cannot be retired: ${KIND_LABEL[item.kind]} ids stay`);
      else items.push({ change: 'retired', item, stored: old, fields: [], reordered: false });
      continue;
    }
    if (item.kind === 'arena' && old.fields.kind !== item.fields.kind) {
      problems.push(`${describe(item)} changes kind from ${old.fields.kind} to ${item.fields.kind}: an arena keeps its kind`);
      continue;
    }
    const fields: FieldDiff[] = [];
    if (old.title !== item.title) fields.push({ field: 'title', from: old.title, to: item.title });
    for (const [field, value] of Object.entries(item.fields)) {
      const was = old.fields[field] ?? '';
      if (was !== value) fields.push({ field, from: was, to: value });
    }
    const reordered = old.order !== item.order;
    if (fields.length > 0 || reordered) items.push({ change: 'changed', item, stored: old, fields, reordered });
    else unchanged.push(item.id);
  }

  const fileFacts = planFieldValues(content.plan);
  const planFields = PLAN_FIELDS.filter((f) => stored.plan[f] !== fileFacts[f]).map((f) => ({ field: f, from: stored.plan[f] ?? '', to: fileFacts[f]! }));
  return { from, to, planFields, items, unchanged, problems };
}

/** The diff in the issue's words: new, reworded, re-prioritised, retired (and only reordered). */
export function diffCategories(diff: RevisionDiff): { new: ItemDiff[]; reworded: ItemDiff[]; reprioritised: ItemDiff[]; retired: ItemDiff[]; reordered: ItemDiff[] } {
  const changed = diff.items.filter((d) => d.change === 'changed');
  return {
    new: diff.items.filter((d) => d.change === 'new'),
    reworded: changed.filter((d) => d.fields.some((f) => f.field !== 'period')),
    reprioritised: changed.filter((d) => d.fields.some((f) => f.field === 'period')),
    retired: diff.items.filter((d) => d.change === 'retired'),
    reordered: changed.filter((d) => d.fields.length === 0 && d.reordered),
  };
}

/** Whether applying the file would write anything. */
export function changesAnything(diff: RevisionDiff): boolean {
  return diff.items.length > 0 || diff.planFields.length > 0 || diff.from?.version !== diff.to.version;
}

/** "Ändrad i revidering 2027": the year is the year the version comes into force. */
export function revisionYear(version: PlanVersion): number {
  return Number(version.inForceFrom.slice(0, 4));
}

/** The history comment of a change a revision makes. */
export function changedInRevision(version: PlanVersion): string {
  return `Ändrad i revidering ${revisionYear(version)}`;
}

export function retiredInRevision(version: PlanVersion, reason: string): string {
  return `Avslutad i revidering ${revisionYear(version)}: ${reason}`;
}

/** Who a revision's history rows are written by. */
export function revisionActor(version: PlanVersion): { id: string; name: string } {
  return { id: `plan-version-${version.version}`, name: `Planens revidering (version ${version.version})` };
}
