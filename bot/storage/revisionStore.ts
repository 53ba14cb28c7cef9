// The plan's revision in Table Storage (table "revisions"). Everything of one revision is one
// partition, so "all proposals of the revision" and "where the revision stands" are one query:
//
//   PartitionKey `revision:<id>`
//     `revision`                                   the revision's state (status, last day)
//     `proposal|<item id>|<arena id>`               an arena's (or the county's) proposal for an item
//     `step|<step id>`                             a decision step (remiss, svom, principal.<arena>)
//     `local|<arena id>`                           an arena's record that it revised its local plan
//     `history|<row key of the state>|<inverted version>`  every change of those, newest first
//   PartitionKey `revisions`, RowKey `current`     which revision is the current one
//
// A change is the state row and its history row in one entity-group transaction carrying the ETag
// the person saw: a stale form is a conflict, never an overwrite. Keys are made of ids only.
import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import type { Actor } from '../domain/activityState';
import type { LocalRevision, LocalRevisionInput } from '../domain/localRevision';
import type { Proposal, ProposalEntry, ProposalInput, Revision, Step, StepInput } from '../domain/revision';
import { isConflict, isNotFound, num, str, type Row } from './entities';
import { invert, prefixRange } from './keys';

export const REVISION_ROW = {
  pointerPartition: 'revisions',
  pointer: 'current',
  partition: (revisionId: string) => `revision:${revisionId}`,
  revision: 'revision',
  proposal: (itemId: string, arenaId: string) => `proposal|${itemId}|${arenaId}`,
  proposalPrefix: 'proposal|',
  step: (stepId: string) => `step|${stepId}`,
  stepPrefix: 'step|',
  local: (arenaId: string) => `local|${arenaId}`,
  localPrefix: 'local|',
  history: (stateRowKey: string, version: number) => `history|${stateRowKey}|${invert(version, 10)}`,
  historyPrefix: 'history|',
} as const;

export interface RevisionData {
  revision: Revision;
  proposals: Proposal[];
  steps: Step[];
  /** The arenas that have recorded their local revision. */
  localRevisions: LocalRevision[];
}

export type WriteResult<T> = { kind: 'written'; after: T } | { kind: 'conflict' };

type Fields = Record<string, string | number | boolean>;

export class RevisionStore {
  constructor(
    private readonly table: TableClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The current revision with its proposals and steps: a point read and one partition query. */
  async current(): Promise<RevisionData | undefined> {
    const id = await this.currentId();
    return id ? this.read(id) : undefined;
  }

  async currentId(): Promise<string | undefined> {
    try {
      const row = (await this.table.getEntity<Record<string, unknown>>(REVISION_ROW.pointerPartition, REVISION_ROW.pointer)) as Row;
      return str(row, 'revisionId') || undefined;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /** One revision's state, proposals and steps (history rows are left out): one partition query. */
  async read(revisionId: string): Promise<RevisionData | undefined> {
    const rows = await this.rows(revisionId, false);
    const state = rows.find((r) => r.rowKey === REVISION_ROW.revision);
    if (!state) return undefined;
    return {
      revision: toRevision(revisionId, state),
      proposals: rows.filter((r) => r.rowKey.startsWith(REVISION_ROW.proposalPrefix)).map((r) => toProposal(revisionId, r)),
      steps: rows.filter((r) => r.rowKey.startsWith(REVISION_ROW.stepPrefix)).map(toStep),
      localRevisions: rows.filter((r) => r.rowKey.startsWith(REVISION_ROW.localPrefix)).map((r) => toLocalRevision(revisionId, r)),
    };
  }

  /** Every kept change of the revision's proposals, newest first per proposal: one range query. */
  async proposalHistory(revisionId: string): Promise<ProposalEntry[]> {
    const { from, to } = prefixRange(`${REVISION_ROW.historyPrefix}${REVISION_ROW.proposalPrefix}`);
    const filter = odata`PartitionKey eq ${REVISION_ROW.partition(revisionId)} and RowKey ge ${from} and RowKey lt ${to}`;
    const out: ProposalEntry[] = [];
    for await (const row of this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
      const { etag: _etag, ...entry } = toProposal(revisionId, row as Row);
      out.push(entry);
    }
    return out;
  }

  /** Every kept version of the arenas' local revisions of a revision, newest first per arena: one range query. */
  async localRevisionHistory(revisionId: string): Promise<LocalRevision[]> {
    const { from, to } = prefixRange(`${REVISION_ROW.historyPrefix}${REVISION_ROW.localPrefix}`);
    const filter = odata`PartitionKey eq ${REVISION_ROW.partition(revisionId)} and RowKey ge ${from} and RowKey lt ${to}`;
    const out: LocalRevision[] = [];
    for await (const row of this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) out.push(toLocalRevision(revisionId, row as Row));
    return out;
  }

  /** Opens a revision (its state row and first history row) and makes it the current one. */
  async open(revisionId: string, lastDay: string, actor: Actor): Promise<WriteResult<Revision>> {
    const at = this.now().toISOString();
    const next: Omit<Revision, 'etag'> = { id: revisionId, status: 'open', lastDay, openedAt: at, openedBy: actor.name, updatedAt: at, updatedBy: actor.name, version: 1 };
    const written = await this.write(revisionId, REVISION_ROW.revision, undefined, revisionFields(next));
    if (written.kind === 'conflict') return written;
    await this.table.upsertEntity({ partitionKey: REVISION_ROW.pointerPartition, rowKey: REVISION_ROW.pointer, revisionId }, 'Replace');
    return { kind: 'written', after: { ...next, etag: written.etag } };
  }

  /** Changes the last day or the status, against the state the person saw. */
  async updateRevision(current: Revision, change: Pick<Revision, 'status' | 'lastDay'>, actor: Actor): Promise<WriteResult<Revision>> {
    const next: Omit<Revision, 'etag'> = { ...withoutEtag(current), ...change, updatedAt: this.now().toISOString(), updatedBy: actor.name, version: current.version + 1 };
    const written = await this.write(current.id, REVISION_ROW.revision, current.etag, revisionFields(next));
    return written.kind === 'conflict' ? written : { kind: 'written', after: { ...next, etag: written.etag } };
  }

  /** Writes a proposal (new, or a change of the one the person saw: seenEtag). */
  async writeProposal(base: Omit<Proposal, keyof ProposalInput | 'byId' | 'by' | 'at' | 'version' | 'etag'>, input: ProposalInput, seen: Proposal | undefined, actor: Actor): Promise<WriteResult<Proposal>> {
    const next: Omit<Proposal, 'etag'> = { ...base, ...input, byId: actor.id, by: actor.name, at: this.now().toISOString(), version: (seen?.version ?? 0) + 1 };
    const written = await this.write(base.revisionId, REVISION_ROW.proposal(base.itemId, base.arenaId), seen?.etag, proposalFields(next));
    return written.kind === 'conflict' ? written : { kind: 'written', after: { ...next, etag: written.etag } };
  }

  /** Records a decision step against the state the person saw (a step never recorded has version 0). */
  async writeStep(revisionId: string, seen: Step, input: StepInput, actor: Actor): Promise<WriteResult<Step>> {
    const next: Omit<Step, 'etag'> = { ...withoutEtag(seen), ...input, updatedAt: this.now().toISOString(), updatedBy: actor.name, version: seen.version + 1 };
    const written = await this.write(revisionId, REVISION_ROW.step(seen.id), seen.version === 0 ? undefined : seen.etag, stepFields(next));
    return written.kind === 'conflict' ? written : { kind: 'written', after: { ...next, etag: written.etag } };
  }

  /** Records (or corrects) an arena's local revision against the record the person saw. */
  async writeLocalRevision(revisionId: string, arenaId: string, input: LocalRevisionInput, seen: LocalRevision | undefined, actor: Actor): Promise<WriteResult<LocalRevision>> {
    const next: Omit<LocalRevision, 'etag'> = { revisionId, arenaId, ...input, byId: actor.id, by: actor.name, at: this.now().toISOString(), version: (seen?.version ?? 0) + 1 };
    const written = await this.write(revisionId, REVISION_ROW.local(arenaId), seen?.etag, { arenaId, date: next.date, reference: next.reference, changes: next.changes, byId: next.byId, by: next.by, at: next.at, version: next.version });
    return written.kind === 'conflict' ? written : { kind: 'written', after: { ...next, etag: written.etag } };
  }

  /** State row (created, or updated with the ETag seen) and its history row: both or neither. */
  private async write(revisionId: string, rowKey: string, etag: string | undefined, fields: Fields & { version: number }): Promise<{ kind: 'written'; etag: string } | { kind: 'conflict' }> {
    const partitionKey = REVISION_ROW.partition(revisionId);
    const state: TransactionAction = etag === undefined ? ['create', { partitionKey, rowKey, ...fields }] : ['update', { partitionKey, rowKey, ...fields }, 'Replace', { etag }];
    const actions: TransactionAction[] = [state, ['create', { partitionKey, rowKey: REVISION_ROW.history(rowKey, fields.version), ...fields }]];
    try {
      const response = await this.table.submitTransaction(actions);
      const newEtag = response.subResponses[0]?.etag?.trim();
      return { kind: 'written', etag: newEtag || (await this.table.getEntity(partitionKey, rowKey)).etag };
    } catch (error) {
      if (isConflict(error) || isNotFound(error)) return { kind: 'conflict' };
      throw error;
    }
  }

  private async rows(revisionId: string, withHistory: boolean): Promise<Row[]> {
    const pk = REVISION_ROW.partition(revisionId);
    const filter = withHistory ? odata`PartitionKey eq ${pk}` : odata`PartitionKey eq ${pk} and RowKey lt ${REVISION_ROW.historyPrefix} or PartitionKey eq ${pk} and RowKey ge ${prefixRange(REVISION_ROW.historyPrefix).to}`;
    const out: Row[] = [];
    for await (const row of this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) out.push(row as Row);
    return out;
  }
}

function withoutEtag<T extends { etag: string }>(value: T): Omit<T, 'etag'> {
  const { etag: _etag, ...rest } = value;
  return rest;
}

function revisionFields(r: Omit<Revision, 'etag'>): Fields & { version: number } {
  return { revisionId: r.id, status: r.status, lastDay: r.lastDay, openedAt: r.openedAt, openedBy: r.openedBy, updatedAt: r.updatedAt, updatedBy: r.updatedBy, version: r.version };
}

function toRevision(id: string, row: Row): Revision {
  return { id, status: str(row, 'status') === 'closed' ? 'closed' : 'open', lastDay: str(row, 'lastDay'), openedAt: str(row, 'openedAt'), openedBy: str(row, 'openedBy'), updatedAt: str(row, 'updatedAt'), updatedBy: str(row, 'updatedBy'), version: num(row, 'version'), etag: row.etag };
}

function proposalFields(p: Omit<Proposal, 'etag'>): Fields & { version: number } {
  return {
    itemId: p.itemId, arenaId: p.arenaId, strategyId: p.strategyId, scopeId: p.scopeId, kind: p.kind,
    title: p.values.title, periodFrom: p.values.periodFrom ?? 0, periodTo: p.values.periodTo ?? 0, measure: p.values.measure, target: p.values.target,
    reason: p.reason, motivation: p.motivation, byId: p.byId, by: p.by, at: p.at, version: p.version,
  };
}

function toProposal(revisionId: string, row: Row): Proposal {
  const year = (key: string) => (num(row, key) > 0 ? num(row, key) : null);
  const kind = str(row, 'kind');
  return {
    revisionId, itemId: str(row, 'itemId'), arenaId: str(row, 'arenaId'), strategyId: str(row, 'strategyId'), scopeId: str(row, 'scopeId'),
    kind: kind === 'change' || kind === 'close' || kind === 'new' ? kind : 'keep',
    values: { title: str(row, 'title'), periodFrom: year('periodFrom'), periodTo: year('periodTo'), measure: str(row, 'measure'), target: str(row, 'target') },
    reason: str(row, 'reason'), motivation: str(row, 'motivation'), byId: str(row, 'byId'), by: str(row, 'by'), at: str(row, 'at'), version: num(row, 'version'), etag: row.etag,
  };
}

function toLocalRevision(revisionId: string, row: Row): LocalRevision {
  return { revisionId, arenaId: str(row, 'arenaId'), date: str(row, 'date'), reference: str(row, 'reference'), changes: str(row, 'changes'), byId: str(row, 'byId'), by: str(row, 'by'), at: str(row, 'at'), version: num(row, 'version'), etag: row.etag };
}

function stepFields(s: Omit<Step, 'etag'>): Fields & { version: number } {
  return { stepId: s.id, kind: s.kind, arenaId: s.arenaId ?? '', done: s.done, date: s.date, dateTo: s.dateTo, body: s.body, minutesUrl: s.minutesUrl, updatedAt: s.updatedAt, updatedBy: s.updatedBy, version: s.version };
}

function toStep(row: Row): Step {
  const kind = str(row, 'kind');
  const arenaId = str(row, 'arenaId');
  return {
    id: str(row, 'stepId'), kind: kind === 'remiss' || kind === 'svom' ? kind : 'principal', ...(arenaId ? { arenaId } : {}),
    done: row.done === true, date: str(row, 'date'), dateTo: str(row, 'dateTo'), body: str(row, 'body'), minutesUrl: str(row, 'minutesUrl'),
    updatedAt: str(row, 'updatedAt'), updatedBy: str(row, 'updatedBy'), version: num(row, 'version'), etag: row.etag,
  };
}
