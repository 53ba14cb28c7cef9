// The yearly follow-up rounds in Table Storage (table "rounds"):
//
//   PartitionKey `rounds`
//     `<round id>`                                 a round's state (name, period, last day, status)
//     `history|<round id>|<inverted version>`      every change of it, newest first
//   PartitionKey `round:<round id>`
//     `submission|<arena id>`                       the arena's latest submission (lämnat in)
//     `analysis|<strategy id>`                      the county's analysis of a strategy
//     `history|<row key of the state>|<inverted version>`  every submission and analysis text, newest first
//     `snap|…`                                     the frozen follow-up state, written at closing
//
// Every round's state lives in one partition, so "every round" is one query; everything else of a
// round is its own partition. A change is the state row and its history row in one entity-group
// transaction carrying the ETag the person saw (revisionStore.ts's pattern). The snapshot is one
// row per item (an activity, a sub-activity's state, a measure value, a submission, an analysis),
// all stamped with the closing's time: closing writes them (upserts, 100 per transaction), and only
// then marks the round closed with that same time. A closing that stopped half-way leaves the round
// open; closing again writes the snapshot anew, and reading keeps only the rows of the stamp the
// round row names, so a half-written earlier attempt never mixes in. Keys are made of ids only.
import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import type { Actor } from '../domain/activityState';
import type { Round } from '../domain/followUpRound';
import type { ArenaFollowUpState, FollowUpState, StrategyAnalysis, Submission } from '../domain/followUpState';
import type { Arena } from '../domain/plan';
import { NOT_YET_WRITTEN, type ActivityView, type SubActivityView } from '../domain/planView';
import type { MeasureValue } from '../domain/measureValues';
import { isConflict, isNotFound, num, str, type Row } from './entities';
import { invert, prefixRange } from './keys';

export const ROUND_ROW = {
  listPartition: 'rounds',
  round: (roundId: string) => roundId,
  roundHistory: (roundId: string, version: number) => `history|${roundId}|${invert(version, 10)}`,
  partition: (roundId: string) => `round:${roundId}`,
  submission: (arenaId: string) => `submission|${arenaId}`,
  submissionPrefix: 'submission|',
  analysis: (strategyId: string) => `analysis|${strategyId}`,
  analysisPrefix: 'analysis|',
  history: (stateRowKey: string, version: number) => `history|${stateRowKey}|${invert(version, 10)}`,
  historyPrefix: (stateRowKey: string) => `history|${stateRowKey}|`,
  snapPrefix: 'snap|',
} as const;

/** Entities per entity-group transaction (Azure Tables' limit). */
const BATCH = 100;
/** Characters per string property: Azure Tables allows 64 KiB (UTF-16), so well below 32,768. */
const CHUNK = 30_000;

export type RoundWrite<T> = { kind: 'written'; after: T } | { kind: 'conflict' };

/** A strategy's analysis as stored: never written has version 0 and the NOT_YET_WRITTEN ETag. */
export interface StoredAnalysis extends StrategyAnalysis {
  version: number;
  etag: string;
}

export interface AnalysisEntry {
  text: string;
  at: string;
  by: string;
  version: number;
}

type Fields = Record<string, string | number | boolean>;

export class RoundStore {
  constructor(
    private readonly table: TableClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  // ---- rounds ---------------------------------------------------------------------------------

  /** Every round, newest first: one range query. */
  async list(): Promise<Round[]> {
    const filter = odata`PartitionKey eq ${ROUND_ROW.listPartition} and RowKey lt ${'history|'}`;
    const out: Round[] = [];
    for await (const row of this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) out.push(toRound(row as Row));
    return out.sort((a, b) => b.id.localeCompare(a.id));
  }

  async get(roundId: string): Promise<Round | undefined> {
    // A round's id is its year; anything else (a tampered card, a bad URL) names no round.
    if (!/^\d{4}$/.test(roundId)) return undefined;
    try {
      return toRound((await this.table.getEntity<Record<string, unknown>>(ROUND_ROW.listPartition, ROUND_ROW.round(roundId))) as Row);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /** The open round, if any (the newest one that is open). */
  async current(): Promise<Round | undefined> {
    return (await this.list()).find((r) => r.status === 'open');
  }

  /** Creates the round (a conflict if one with the id exists). */
  async open(round: Omit<Round, 'etag' | 'version' | 'status' | 'openedAt' | 'openedBy' | 'closedAt' | 'closedBy'>, actor: Actor): Promise<RoundWrite<Round>> {
    const next: Omit<Round, 'etag'> = { ...round, status: 'open', openedAt: this.now().toISOString(), openedBy: actor.name, version: 1 };
    return this.writeRound(next, undefined, actor);
  }

  /** Changes the round against the version the person saw (its ETag). */
  async update(current: Round, change: Partial<Pick<Round, 'name' | 'lastDay' | 'status' | 'closedAt' | 'closedBy' | 'period'>>, actor: Actor): Promise<RoundWrite<Round>> {
    const { etag, ...rest } = current;
    return this.writeRound({ ...rest, ...change, version: current.version + 1 }, etag, actor);
  }

  private async writeRound(next: Omit<Round, 'etag'>, etag: string | undefined, actor: Actor): Promise<RoundWrite<Round>> {
    const fields = { ...roundFields(next), changedAt: this.now().toISOString(), changedBy: actor.name, changedById: actor.id };
    const pk = ROUND_ROW.listPartition;
    const state: TransactionAction = etag === undefined
      ? ['create', { partitionKey: pk, rowKey: ROUND_ROW.round(next.id), ...fields }]
      : ['update', { partitionKey: pk, rowKey: ROUND_ROW.round(next.id), ...fields }, 'Replace', { etag }];
    const written = await this.transact(pk, ROUND_ROW.round(next.id), [state, ['create', { partitionKey: pk, rowKey: ROUND_ROW.roundHistory(next.id, next.version), ...fields }]]);
    return written.kind === 'conflict' ? written : { kind: 'written', after: { ...next, etag: written.etag } };
  }

  // ---- submissions ----------------------------------------------------------------------------

  /** Every arena's latest submission: one range query. */
  async submissions(roundId: string): Promise<Array<Submission & { etag: string }>> {
    return (await this.range(roundId, ROUND_ROW.submissionPrefix)).map(toSubmission);
  }

  /** Every submission of the round, each arena's newest first. */
  async submissionHistory(roundId: string): Promise<Submission[]> {
    return (await this.range(roundId, ROUND_ROW.historyPrefix('submission'))).map((r) => {
      const { etag: _etag, ...s } = toSubmission(r);
      return s;
    });
  }

  /** Records a submission (a new version if the arena had submitted before: `seen`). */
  async submit(roundId: string, seen: (Submission & { etag: string }) | undefined, arenaId: string, comment: string, actor: Actor): Promise<RoundWrite<Submission & { etag: string }>> {
    const next: Submission = { arenaId, submittedAt: this.now().toISOString(), submittedBy: actor.name, submittedById: actor.id, comment, version: (seen?.version ?? 0) + 1 };
    const written = await this.writeState(roundId, ROUND_ROW.submission(arenaId), seen?.etag, { ...next });
    return written.kind === 'conflict' ? written : { kind: 'written', after: { ...next, etag: written.etag } };
  }

  // ---- analysis -------------------------------------------------------------------------------

  /** The analyses written so far: one range query. */
  async analyses(roundId: string): Promise<StoredAnalysis[]> {
    return (await this.range(roundId, ROUND_ROW.analysisPrefix)).map(toAnalysis);
  }

  async analysisHistory(roundId: string, strategyId: string): Promise<AnalysisEntry[]> {
    return (await this.range(roundId, ROUND_ROW.historyPrefix(ROUND_ROW.analysis(strategyId)))).map((r) => ({ text: str(r, 'text'), at: str(r, 'updatedAt'), by: str(r, 'updatedBy'), version: num(r, 'version') }));
  }

  /** Writes a strategy's analysis against the version seen (NOT_YET_WRITTEN: never written). */
  async writeAnalysis(roundId: string, seen: StoredAnalysis, text: string, actor: Actor): Promise<RoundWrite<StoredAnalysis>> {
    const next = { strategyId: seen.strategyId, text, updatedAt: this.now().toISOString(), updatedBy: actor.name, updatedById: actor.id, version: seen.version + 1 };
    const written = await this.writeState(roundId, ROUND_ROW.analysis(seen.strategyId), seen.etag === NOT_YET_WRITTEN ? undefined : seen.etag, next);
    if (written.kind === 'conflict') return written;
    const { updatedById: _by, ...analysis } = next;
    return { kind: 'written', after: { ...analysis, etag: written.etag } };
  }

  // ---- snapshot -------------------------------------------------------------------------------

  /**
   * Writes the frozen state as rows stamped `state.takenAt` (upserts, so writing it again after an
   * interrupted closing is harmless). The round is not closed by this: see `update`.
   */
  async writeSnapshot(roundId: string, state: FollowUpState): Promise<number> {
    const pk = ROUND_ROW.partition(roundId);
    const stamp = state.takenAt;
    const rows: Array<{ rowKey: string; kind: string; value: unknown }> = [];
    const seq = (n: number, width: number) => String(n).padStart(width, '0');
    const activities = (group: string, list: ActivityView[]) =>
      list.forEach((activity, i) => {
        const { subActivities, ...rest } = activity;
        rows.push({ rowKey: `snap|act|${group}|${seq(i, 4)}`, kind: 'activity', value: { group, order: i, activity: rest } });
        subActivities.forEach((sub, j) => {
          const { history: _history, ...state } = sub;
          rows.push({ rowKey: `snap|sub|${group}|${seq(i, 4)}|${seq(j, 4)}`, kind: 'sub', value: { group, order: i, subOrder: j, sub: state } });
        });
      });
    rows.push({ rowKey: 'snap|meta', kind: 'meta', value: { takenAt: state.takenAt, period: state.period } });
    activities('county', state.county);
    state.arenas.forEach((a, i) => {
      rows.push({ rowKey: `snap|arena|${seq(i, 3)}`, kind: 'arena', value: { order: i, arena: a.arena } });
      activities(`${a.arena.id}|local`, a.local);
      activities(`${a.arena.id}|bilaga1`, a.bilaga1);
      if (a.submission) rows.push({ rowKey: `snap|submission|${a.arena.id}`, kind: 'submission', value: a.submission });
    });
    state.measureValues.forEach((v, i) => rows.push({ rowKey: `snap|value|${seq(i, 6)}`, kind: 'value', value: { order: i, value: v } }));
    state.analysis.forEach((a) => rows.push({ rowKey: `snap|analysis|${a.strategyId}`, kind: 'analysis', value: a }));

    for (let i = 0; i < rows.length; i += BATCH) {
      const actions: TransactionAction[] = rows.slice(i, i + BATCH).map((r) => ['upsert', { partitionKey: pk, rowKey: r.rowKey, kind: r.kind, takenAt: stamp, ...chunks(JSON.stringify(r.value)) }, 'Replace']);
      await this.table.submitTransaction(actions);
    }
    return rows.length;
  }

  /** The frozen state stamped `takenAt` (the round's closedAt): one range query. Undefined if none. */
  async snapshot(roundId: string, takenAt: string): Promise<FollowUpState | undefined> {
    const rows = (await this.range(roundId, ROUND_ROW.snapPrefix)).filter((r) => str(r, 'takenAt') === takenAt);
    const parsed = rows.map((r) => ({ kind: str(r, 'kind'), value: JSON.parse(unchunk(r)) as Record<string, unknown> }));
    const meta = parsed.find((p) => p.kind === 'meta')?.value as { takenAt: string; period: FollowUpState['period'] } | undefined;
    if (!meta) return undefined;
    const of = <T>(kind: string) => parsed.filter((p) => p.kind === kind).map((p) => p.value as T);
    const subs = of<{ group: string; order: number; subOrder: number; sub: SubActivityView }>('sub');
    const activitiesOf = (group: string): ActivityView[] =>
      of<{ group: string; order: number; activity: Omit<ActivityView, 'subActivities'> }>('activity')
        .filter((a) => a.group === group)
        .sort((a, b) => a.order - b.order)
        .map((a) => ({ ...a.activity, subActivities: subs.filter((s) => s.group === group && s.order === a.order).sort((x, y) => x.subOrder - y.subOrder).map((s) => s.sub) }));
    const submissions = new Map(of<Submission>('submission').map((s) => [s.arenaId, s]));
    const arenas = of<{ order: number; arena: Arena }>('arena').sort((a, b) => a.order - b.order).map(({ arena }): ArenaFollowUpState => {
      const submission = submissions.get(arena.id);
      return { arena, local: activitiesOf(`${arena.id}|local`), bilaga1: activitiesOf(`${arena.id}|bilaga1`), ...(submission ? { submission } : {}) };
    });
    return {
      takenAt: meta.takenAt,
      period: meta.period,
      county: activitiesOf('county'),
      arenas,
      measureValues: of<{ order: number; value: MeasureValue }>('value').sort((a, b) => a.order - b.order).map((v) => v.value),
      analysis: of<StrategyAnalysis>('analysis'),
    };
  }

  // ---- rows -----------------------------------------------------------------------------------

  /** State row (created, or updated with the ETag seen) and its history row: both or neither. */
  private async writeState(roundId: string, rowKey: string, etag: string | undefined, fields: Fields & { version: number }): Promise<{ kind: 'written'; etag: string } | { kind: 'conflict' }> {
    const pk = ROUND_ROW.partition(roundId);
    const state: TransactionAction = etag === undefined ? ['create', { partitionKey: pk, rowKey, ...fields }] : ['update', { partitionKey: pk, rowKey, ...fields }, 'Replace', { etag }];
    return this.transact(pk, rowKey, [state, ['create', { partitionKey: pk, rowKey: ROUND_ROW.history(rowKey, fields.version), ...fields }]]);
  }

  private async transact(pk: string, rowKey: string, actions: TransactionAction[]): Promise<{ kind: 'written'; etag: string } | { kind: 'conflict' }> {
    try {
      const response = await this.table.submitTransaction(actions);
      const etag = response.subResponses[0]?.etag?.trim();
      return { kind: 'written', etag: etag || (await this.table.getEntity(pk, rowKey)).etag };
    } catch (error) {
      if (isConflict(error) || isNotFound(error)) return { kind: 'conflict' };
      throw error;
    }
  }

  private async range(roundId: string, prefix: string): Promise<Row[]> {
    const { from, to } = prefixRange(prefix);
    const filter = odata`PartitionKey eq ${ROUND_ROW.partition(roundId)} and RowKey ge ${from} and RowKey lt ${to}`;
    const out: Row[] = [];
    for await (const row of this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) out.push(row as Row);
    return out;
  }
}

function chunks(json: string): Record<string, string | number> {
  const out: Record<string, string | number> = { parts: Math.max(1, Math.ceil(json.length / CHUNK)) };
  for (let i = 0; i * CHUNK < json.length || i === 0; i++) out[`d${i}`] = json.slice(i * CHUNK, (i + 1) * CHUNK);
  return out;
}

function unchunk(row: Row): string {
  let json = '';
  for (let i = 0; i < Math.max(1, num(row, 'parts')); i++) json += str(row, `d${i}`);
  return json;
}

function roundFields(r: Omit<Round, 'etag'>): Fields & { version: number } {
  return {
    roundId: r.id, name: r.name, periodFrom: r.period.from, periodTo: r.period.to, lastDay: r.lastDay, status: r.status,
    openedAt: r.openedAt, openedBy: r.openedBy, closedAt: r.closedAt ?? '', closedBy: r.closedBy ?? '', version: r.version,
  };
}

function toRound(row: Row): Round {
  const closedAt = str(row, 'closedAt');
  const closedBy = str(row, 'closedBy');
  return {
    id: str(row, 'roundId'), name: str(row, 'name'), period: { from: str(row, 'periodFrom'), to: str(row, 'periodTo') }, lastDay: str(row, 'lastDay'),
    status: str(row, 'status') === 'closed' ? 'closed' : 'open', openedAt: str(row, 'openedAt'), openedBy: str(row, 'openedBy'),
    ...(closedAt ? { closedAt } : {}), ...(closedBy ? { closedBy } : {}), version: num(row, 'version'), etag: row.etag,
  };
}

function toSubmission(row: Row): Submission & { etag: string } {
  return { arenaId: str(row, 'arenaId'), submittedAt: str(row, 'submittedAt'), submittedBy: str(row, 'submittedBy'), submittedById: str(row, 'submittedById'), comment: str(row, 'comment'), version: num(row, 'version'), etag: row.etag };
}

function toAnalysis(row: Row): StoredAnalysis {
  return { strategyId: str(row, 'strategyId'), text: str(row, 'text'), updatedAt: str(row, 'updatedAt'), updatedBy: str(row, 'updatedBy'), version: num(row, 'version'), etag: row.etag };
}
