// An arena's local activities: adopted recommendations and its own. They live in the arena's
// scope partition in exactly the row shape of the county-wide activities (an activity row and
// one sub-activity row carrying status, measure and target), so PlanStore.scope() lists them
// and ActivityStore.update() follows them up with history. Seeding never writes these
// partitions: it only adds the plan content's own rows.
import { randomBytes } from 'node:crypto';
import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import type { Actor, FieldChange, HistoryEntry } from '../domain/activityState';
import { adoptedActivityId, localSubActivityId, ownActivityId, type LocalActivityEdit, type OwnActivityInput } from '../domain/localActivity';
import type { LocalRecommendation, Period } from '../domain/plan';
import { activityView, type ActivityView, type SubActivityView } from '../domain/planView';
import { historyFields, isConflict, num, statusCodeOf, toActivityRecord, toSubActivityRecord, type Row } from './entities';
import { prefixRange, ROW, scopePartition } from './keys';

export type EditWritten = { kind: 'written'; entry: HistoryEntry } | { kind: 'conflict' };
import { scopeReadsOf, stampAction } from './scopeReads';
import { activityEntity, subActivityEntity } from './planStore';

export type AdoptOutcome =
  | { kind: 'created'; activity: ActivityView }
  /** The arena has adopted this recommendation before: nothing was written; here it is as stored. */
  | { kind: 'alreadyAdopted'; activity: ActivityView };

export type CreateOutcome = { kind: 'created'; activity: ActivityView };

/** What a new local activity's rows hold, beyond its ids. */
interface NewLocalActivity {
  id: string;
  strategyId: string;
  title: string;
  period: Period;
  measure: string;
  target: string;
  recommendationId?: string;
}

/** How many times a random own-activity id is drawn again if it is taken (1 in 4 billion). */
const OWN_ID_ATTEMPTS = 3;

export class LocalActivityStore {
  constructor(
    readonly table: TableClient,
    readonly now: () => Date = () => new Date(),
  ) {}

  /** Adopts one of the plan's recommended local activities for the arena, once. */
  async adopt(arenaId: string, recommendation: LocalRecommendation, strategyId: string, period: Period, actor: Actor): Promise<AdoptOutcome> {
    const id = adoptedActivityId(arenaId, recommendation.id);
    const created = await this.create(arenaId, { id, strategyId, title: recommendation.title, period, measure: '', target: '', recommendationId: recommendation.id }, actor);
    if (created) return { kind: 'created', activity: created };
    const existing = await this.get(arenaId, id);
    if (!existing) throw new Error(`Local activity ${id} was reported as existing but cannot be read`);
    return { kind: 'alreadyAdopted', activity: existing };
  }

  /** Adds the arena's own activity (validated input, see domain/localActivity.ts). */
  async createOwn(arenaId: string, input: OwnActivityInput, actor: Actor): Promise<CreateOutcome> {
    for (let attempt = 0; attempt < OWN_ID_ATTEMPTS; attempt++) {
      const id = ownActivityId(arenaId, randomBytes(4).toString('hex'));
      const created = await this.create(arenaId, { id, ...input }, actor);
      if (created) return { kind: 'created', activity: created };
    }
    throw new Error(`Could not find a free id for a new activity of ${arenaId}`);
  }

  /** One local activity with its sub-activity's live state: two point reads. */
  async get(arenaId: string, activityId: string): Promise<ActivityView | undefined> {
    const partitionKey = scopePartition(arenaId);
    const [activity, sub] = await Promise.all([this.read(partitionKey, ROW.activity(activityId)), this.read(partitionKey, ROW.sub(localSubActivityId(activityId)))]);
    if (!activity) return undefined;
    return activityView(toActivityRecord(arenaId, activity), sub ? [toSubActivityRecord(arenaId, sub)] : []);
  }

  /**
   * Changes a local activity's own text (title, description, strategy, measure, target, period)
   * against the sub-activity row the person saw (its ETag): both rows, the change's history row
   * and the partition's stamp in one transaction, as a status change is written.
   */
  async edit(arenaId: string, current: { activityId: string; sub: Pick<SubActivityView, 'id' | 'etag' | 'version'> }, after: LocalActivityEdit, changes: FieldChange[], comment: string, actor: Actor): Promise<EditWritten> {
    const partitionKey = scopePartition(arenaId);
    const at = this.now();
    const version = current.sub.version + 1;
    const entry: HistoryEntry = { scopeId: arenaId, subActivityId: current.sub.id, version, at: at.toISOString(), actor, changes, comment };
    const actions: TransactionAction[] = [
      [
        'update',
        { partitionKey, rowKey: ROW.sub(current.sub.id), title: after.title, details: JSON.stringify(after.description ? [after.description] : []), strategyId: after.strategyId, measure: after.measure, target: after.target, version, updatedAt: entry.at, updatedBy: actor.name },
        'Merge',
        { etag: current.sub.etag },
      ],
      // The activity row moves with its one sub-activity, whose ETag guards them both.
      ['update', { partitionKey, rowKey: ROW.activity(current.activityId), title: after.title, strategyId: after.strategyId, periodFrom: after.period.from, periodTo: after.period.to }, 'Merge'],
      ['create', { partitionKey, rowKey: ROW.log(at, current.sub.id, version), ...historyFields(entry) }],
      stampAction(partitionKey, at),
    ];
    try {
      await this.table.submitTransaction(actions);
    } catch (error) {
      scopeReadsOf(this.table).forget(partitionKey);
      if (isConflict(error)) return { kind: 'conflict' };
      throw error;
    }
    scopeReadsOf(this.table).forget(partitionKey);
    return { kind: 'written', entry };
  }

  /** Writes the activity row and its sub-activity row in one transaction; undefined if the id is taken. */
  private async create(arenaId: string, a: NewLocalActivity, actor: Actor): Promise<ActivityView | undefined> {
    const partitionKey = scopePartition(arenaId);
    const order = await this.nextOrder(partitionKey);
    const activity = activityEntity(partitionKey, {
      id: a.id,
      strategyId: a.strategyId,
      order,
      title: a.title,
      period: a.period,
      createdAt: this.now().toISOString(),
      createdBy: actor.name,
      ...(a.recommendationId ? { recommendationId: a.recommendationId } : {}),
    });
    const sub = subActivityEntity(partitionKey, {
      id: localSubActivityId(a.id),
      activityId: a.id,
      strategyId: a.strategyId,
      order: 0,
      title: a.title,
      details: [],
      measure: a.measure,
      target: a.target,
      statusAsWritten: '',
      status: 'ej_paborjat',
    });
    const actions: TransactionAction[] = [
      ['create', { ...activity, createdById: actor.id }],
      ['create', sub],
      stampAction(partitionKey, this.now()),
    ];
    try {
      await this.table.submitTransaction(actions);
      scopeReadsOf(this.table).forget(partitionKey);
    } catch (error) {
      // 409: an activity with this id exists (an adopted recommendation, or a taken random id).
      if (statusCodeOf(error) === 409) return undefined;
      throw error;
    }
    const stored = await this.get(arenaId, a.id);
    if (!stored) throw new Error(`Local activity ${a.id} was written but cannot be read`);
    return stored;
  }

  /** After the arena's existing activities: one range read of the activity rows' order. */
  private async nextOrder(partitionKey: string): Promise<number> {
    const { from, to } = prefixRange('activity|');
    const filter = odata`PartitionKey eq ${partitionKey} and RowKey ge ${from} and RowKey lt ${to}`;
    let next = 0;
    for await (const row of this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter, select: ['order'] } })) {
      next = Math.max(next, num(row as Row, 'order') + 1);
    }
    return next;
  }

  private async read(partitionKey: string, rowKey: string): Promise<Row | undefined> {
    try {
      return (await this.table.getEntity<Record<string, unknown>>(partitionKey, rowKey)) as Row;
    } catch (error) {
      if (statusCodeOf(error) === 404) return undefined;
      throw error;
    }
  }
}
