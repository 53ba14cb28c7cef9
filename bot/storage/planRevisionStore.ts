// Loading a revised version of the plan file into the store (`npm run plan -- diff|apply`).
// Reads what the comparison needs and nothing more: the content partition (the plan's own rows,
// no history) and the county scope's activity and sub-activity rows. The rules are in
// domain/planRevision.ts; this file turns an accepted diff into rows:
//
// - content rows (plan facts, strategies, measures, recommendations, arenas) are updated in place;
// - a kept sub-activity whose text changes (or whose activity's title or period changes) gets a
//   history row "Ändrad i revidering <år>" in the same transaction as the change, exactly like a
//   person's update (state version + 1, history row, the scope's change-feed row);
// - a retired sub-activity gets the status "Avslutad i revidering" the same way;
// - new activities and sub-activities start as seeding starts them.
//
// Writes happen only when the file keeps every rule. Each transaction holds one activity's rows,
// so if a write fails midway (someone saved a change at that very moment), running apply again
// finishes the job: what was applied is not applied twice.
import type { TableClient, TransactionAction } from '@azure/data-tables';
import type { FieldChange, HistoryEntry } from '../domain/activityState';
import type { PlanContent } from '../domain/plan';
import { changedInRevision, changesAnything, comparePlan, planFieldValues, retiredInRevision, revisionActor, type ItemDiff, type PlanItem, type RevisionDiff, type StoredPlan } from '../domain/planRevision';
import { periodLabel } from '../domain/planView';
import { RETIRED_STATUS } from '../domain/status';
import { historyFields, list, num, retirementOf, statusCodeOf, str, type Row } from './entities';
import { CONTENT_PARTITION, prefixRange, ROW, scopePartition } from './keys';
import { stampAction } from './scopeReads';
import { contentEntities, countyArena, rangeFilter, retirementFields, versionEntity, type Entity } from './planStore';

export type ApplyOutcome =
  | { kind: 'applied'; diff: RevisionDiff; historyRows: number }
  /** The store already holds exactly this file: nothing was written. */
  | { kind: 'unchanged'; diff: RevisionDiff }
  /** The file breaks a rule: nothing was written. */
  | { kind: 'refused'; diff: RevisionDiff };

/** Someone changed a sub-activity while the plan was applied: run apply again to finish. */
export class RevisionConflictError extends Error {}

interface StoredRows {
  plan: StoredPlan | undefined;
  /** County-scope rows by RowKey, with their ETags. */
  county: Map<string, Row>;
  countyId: string;
  countyScope: string;
}

export class PlanRevisionStore {
  constructor(
    private readonly table: TableClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** What applying the file would change, and what is wrong with it. Writes nothing. */
  async diff(content: PlanContent): Promise<RevisionDiff> {
    return comparePlan((await this.read(content)).plan, content);
  }

  /** Applies the file if it keeps every rule; a second apply of the same file writes nothing. */
  async apply(content: PlanContent): Promise<ApplyOutcome> {
    const stored = await this.read(content);
    const diff = comparePlan(stored.plan, content);
    if (diff.problems.length > 0) return { kind: 'refused', diff };
    if (stored.plan && !changesAnything(diff)) return { kind: 'unchanged', diff };

    const at = this.now();
    const rows = contentEntities(content);
    const byKey = new Map([...rows.values()].flat().map((e) => [`${e.partitionKey}/${e.rowKey}`, e]));
    const entityOf = (partitionKey: string, rowKey: string) => byKey.get(`${partitionKey}/${rowKey}`)!;
    const countyScope = stored.countyScope;

    // The county scope first: state and history, activity by activity.
    const subsOf = new Map<string, ItemDiff[]>();
    const activityDiffs = new Map<string, ItemDiff>();
    for (const d of diff.items) {
      if (d.item.kind === 'subActivity') subsOf.set(d.item.parent!, [...(subsOf.get(d.item.parent!) ?? []), d]);
      if (d.item.kind === 'activity') activityDiffs.set(d.item.id, d);
    }
    const activityIds = new Set([...subsOf.keys(), ...activityDiffs.keys()]);
    let historyRows = 0;
    for (const activityId of activityIds) {
      // Each group is written whole: a sub-activity's change with its history and feed rows.
      const groups: TransactionAction[][] = [];
      const activityDiff = activityDiffs.get(activityId);
      if (activityDiff) groups.push([activityAction(activityDiff, entityOf(countyScope, ROW.activity(activityId)))]);
      // Kept sub-activities of a changed activity carry the activity's change in their history.
      const activityChanges = activityDiff?.change === 'changed' ? activityFieldChanges(activityDiff) : [];
      const subDiffs = new Map((subsOf.get(activityId) ?? []).map((d) => [d.item.id, d]));
      if (activityChanges.length > 0) {
        for (const row of stored.county.values()) {
          if (row.rowKey.startsWith('sub|') && str(row, 'activityId') === activityId && !retirementOf(row).retired && !subDiffs.has(str(row, 'id'))) {
            subDiffs.set(str(row, 'id'), { change: 'changed', item: storedSubItem(row), fields: [], reordered: false });
          }
        }
      }
      for (const d of subDiffs.values()) {
        const subActions = this.subActions(d, activityChanges, stored.county.get(ROW.sub(d.item.id)), entityOf(countyScope, ROW.sub(d.item.id)), stored.countyId, content, at);
        historyRows += subActions.filter((a) => a[0] === 'create' && String(a[1].rowKey).startsWith(ROW.logPrefix)).length;
        groups.push(subActions);
      }
      // Each batch stamps the county's partition, so that every running server's cached reads of
      // it (scopeReads.ts) see the revision at their next read, not after the cache's age limit.
      for (const batch of packed(groups, 99)) await this.submit([...batch, stampAction(countyScope, at)]);
    }

    // Then the content partition: changed and new rows, the plan's facts, the version. The info
    // row is always rewritten, so that running servers read the revised content.
    const contentActions: TransactionAction[] = [];
    for (const d of diff.items) {
      const rowKey = contentRowKey(d.item);
      if (!rowKey) continue;
      const entity = entityOf(CONTENT_PARTITION, rowKey);
      contentActions.push(d.change === 'new' ? ['upsert', entity, 'Replace'] : ['upsert', d.change === 'retired' ? { partitionKey: CONTENT_PARTITION, rowKey, ...retirementFields(d.item.retired) } : entity, 'Merge']);
    }
    contentActions.push(['upsert', { ...entityOf(CONTENT_PARTITION, ROW.info), loadedAt: at.toISOString() }, 'Replace']);
    contentActions.push(['upsert', versionEntity(content.plan, at), 'Replace']);
    for (let i = 0; i < contentActions.length; i += 100) await this.submit(contentActions.slice(i, i + 100));
    return { kind: 'applied', diff, historyRows };
  }

  /** The rows one sub-activity's diff writes: its row, and a history and feed row if its text or status changes. */
  private subActions(d: ItemDiff, activityChanges: FieldChange[], row: Row | undefined, entity: Entity, scopeId: string, content: PlanContent, at: Date): TransactionAction[] {
    if (d.change === 'new') return [['create', entity]];
    const partitionKey = scopePartition(scopeId);
    if (!row) throw new Error(`Sub-activity ${d.item.id} is not in the store`);
    const version = { version: content.plan.version, inForceFrom: content.plan.inForceFrom };
    // A measure split into questions (or joined again): the answers stored so far stay as they are.
    const text = { ...pick(entity, ['title', 'measure', 'target', 'details', 'order']), answeredBy: entity.answeredBy ?? 'county', regionOwn: entity.regionOwn === true, questions: entity.questions ?? '' };
    let changes: FieldChange[];
    let comment: string;
    let fields: Record<string, string | number | boolean>;
    if (d.change === 'retired') {
      changes = [{ field: 'status', from: str(row, 'status'), to: RETIRED_STATUS.id }];
      comment = retiredInRevision(version, d.item.retired!.reason);
      fields = { status: RETIRED_STATUS.id, ...retirementFields(d.item.retired) };
    } else {
      const own = d.fields.filter((f) => f.field === 'title' || f.field === 'measure' || f.field === 'target');
      changes = [...own.map((f) => ({ field: f.field as FieldChange['field'], from: f.from, to: f.to })), ...activityChanges];
      comment = changedInRevision(version);
      // A kept sub-activity only carried along by its activity's change keeps its own text.
      fields = d.fields.length > 0 || d.reordered ? text : {};
    }
    if (changes.length === 0) return [['update', { partitionKey, rowKey: row.rowKey, ...fields }, 'Merge', { etag: row.etag }]];
    const next = num(row, 'version') + 1;
    const entry: HistoryEntry = { scopeId, subActivityId: d.item.id, version: next, at: at.toISOString(), actor: revisionActor(version), changes, comment };
    return [
      ['update', { partitionKey, rowKey: row.rowKey, ...fields, version: next }, 'Merge', { etag: row.etag }],
      ['create', { partitionKey, rowKey: ROW.log(at, d.item.id, next), ...historyFields(entry) }],
    ];
  }

  private async submit(actions: TransactionAction[]): Promise<void> {
    if (actions.length === 0) return;
    try {
      await this.table.submitTransaction(actions);
    } catch (error) {
      const status = statusCodeOf(error);
      if (status === 412 || status === 409) {
        throw new RevisionConflictError('Someone changed the plan while it was being applied. Run apply again: what is already applied stays, and the rest is applied then.', { cause: error });
      }
      throw error;
    }
  }

  /** The content partition (no history lives there) and the county scope's activity and sub-activity rows. */
  private async read(content: PlanContent): Promise<StoredRows> {
    const contentRows = await this.rows(rangeFilter(CONTENT_PARTITION));
    const info = contentRows.find((r) => r.rowKey === ROW.info);
    // The county arena as stored (an arena never changes kind), else as the file says.
    const storedCounty = contentRows.find((r) => r.rowKey.startsWith('arena|') && str(r, 'kind') === 'county');
    const countyId = storedCounty ? str(storedCounty, 'id') : countyArena(content).id;
    const countyScope = scopePartition(countyId);
    if (!info) return { plan: undefined, county: new Map(), countyId, countyScope };
    const countyRows = await this.rows(rangeFilter(countyScope, [prefixRange('activity|'), prefixRange('sub|')]));
    const items: PlanItem[] = [];
    for (const r of contentRows) {
      const [prefix] = r.rowKey.split('|');
      if (prefix === 'arena') items.push({ kind: 'arena', id: str(r, 'id'), parent: null, title: str(r, 'name'), fields: { kind: str(r, 'kind') }, order: num(r, 'order') });
      if (prefix === 'strategy') items.push({ kind: 'strategy', id: str(r, 'id'), parent: null, title: str(r, 'title'), fields: { number: String(num(r, 'number')), quotes: JSON.stringify(list(r, 'quotes')) }, order: num(r, 'number') });
      if (prefix === 'measure') {
        items.push({
          kind: 'effectMeasure',
          id: str(r, 'id'),
          parent: str(r, 'strategyId'),
          title: str(r, 'title'),
          fields: { target: str(r, 'target'), direction: str(r, 'direction'), followUp: str(r, 'followUp'), frequency: str(r, 'frequency'), level: str(r, 'level'), reportedBy: str(r, 'reportedBy'), breakdown: JSON.stringify(list(r, 'breakdown')), source: str(r, 'source') },
          order: num(r, 'order'),
          ...retirementOf(r),
        });
      }
      if (prefix === 'recommendation') items.push({ kind: 'localRecommendation', id: str(r, 'id'), parent: str(r, 'strategyId'), title: str(r, 'title'), fields: {}, order: num(r, 'order'), ...retirementOf(r) });
    }
    for (const r of countyRows) {
      if (r.rowKey.startsWith('activity|')) {
        items.push({ kind: 'activity', id: str(r, 'id'), parent: str(r, 'strategyId'), title: str(r, 'title'), fields: { period: periodLabel({ from: num(r, 'periodFrom'), to: num(r, 'periodTo') }) }, order: num(r, 'order'), ...retirementOf(r) });
      } else {
        items.push(storedSubItem(r));
      }
    }
    const plan: StoredPlan = {
      id: str(info, 'id'),
      version: num(info, 'version') || 1,
      inForceFrom: str(info, 'inForceFrom'),
      plan: storedPlanFields(info),
      items,
    };
    return { plan, county: new Map(countyRows.map((r) => [r.rowKey, r])), countyId, countyScope };
  }

  private async rows(filter: string): Promise<Row[]> {
    const rows: Row[] = [];
    for await (const row of this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) rows.push(row as Row);
    return rows;
  }
}

function storedSubItem(r: Row): PlanItem {
  return {
    kind: 'subActivity',
    id: str(r, 'id'),
    parent: str(r, 'activityId'),
    title: str(r, 'title'),
    fields: { measure: str(r, 'measure'), target: str(r, 'target'), details: JSON.stringify(list(r, 'details')), answeredBy: str(r, 'answeredBy') === 'municipality' ? 'municipality' : 'county', regionOwn: r.regionOwn === true ? 'yes' : '', questions: str(r, 'questions') },
    order: num(r, 'order'),
    ...retirementOf(r),
  };
}

function storedPlanFields(info: Row): Record<string, string> {
  return planFieldValues({
    id: str(info, 'id'),
    name: str(info, 'name'),
    version: num(info, 'version') || 1,
    inForceFrom: str(info, 'inForceFrom'),
    followUpIntervalMonths: num(info, 'followUpIntervalMonths'),
    revisionIntervalYears: num(info, 'revisionIntervalYears'),
    validityText: str(info, 'validityText'),
    targetPicture: str(info, 'targetPicture'),
    purpose: str(info, 'purpose'),
    principles: list(info, 'principles'),
  });
}

/** An activity's title and period changes, as its sub-activities' history records them. */
function activityFieldChanges(d: ItemDiff): FieldChange[] {
  return d.fields.flatMap((f): FieldChange[] => (f.field === 'title' ? [{ field: 'activityTitle', from: f.from, to: f.to }] : f.field === 'period' ? [{ field: 'period', from: f.from, to: f.to }] : []));
}

/** The write of an activity's own row. */
function activityAction(d: ItemDiff, entity: Entity): TransactionAction {
  if (d.change === 'new') return ['create', entity];
  if (d.change === 'retired') return ['update', { partitionKey: entity.partitionKey, rowKey: entity.rowKey, ...retirementFields(d.item.retired) }, 'Merge'];
  return ['update', { partitionKey: entity.partitionKey, rowKey: entity.rowKey, ...pick(entity, ['title', 'periodFrom', 'periodTo', 'order']) }, 'Merge'];
}

/** Groups packed into transactions of at most `max` actions, never splitting a group. */
function packed(groups: TransactionAction[][], max: number): TransactionAction[][] {
  const batches: TransactionAction[][] = [];
  let current: TransactionAction[] = [];
  for (const group of groups) {
    if (current.length + group.length > max) {
      batches.push(current);
      current = [];
    }
    current.push(...group);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

function pick(entity: Entity, keys: string[]): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const key of keys) {
    const value = entity[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** The content-partition row of an item, if it lives there. */
function contentRowKey(item: PlanItem): string | undefined {
  switch (item.kind) {
    case 'arena':
      return ROW.arena(item.id);
    case 'strategy':
      return ROW.strategy(item.id);
    case 'effectMeasure':
      return ROW.measure(item.id);
    case 'localRecommendation':
      return ROW.recommendation(item.id);
    default:
      return undefined;
  }
}
