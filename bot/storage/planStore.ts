// The plan's content in Table Storage: seeding (idempotent, add-only) and reading the whole plan
// with live status. Content rows live in the "plan" partition; each scope's activities, with
// their state, live in the scope's own partition next to their history. A revised version of the
// plan is loaded by planRevisionStore.ts (`npm run plan -- apply`), not by seeding.
import { odata, type TableClient, type TableEntity, type TransactionAction } from '@azure/data-tables';
import type { Arena, EffectMeasure, MeasureQuestion, PlanContent, PlanInfo, Retirement, SubActivity } from '../domain/plan';
import type { HistoryEntry } from '../domain/activityState';
import { activityViews, followUpViews, type ActivityView, type ArenaPlan, type PlanContentView, type PlanView, type StrategyInfo } from '../domain/planView';
import { planVersions, upcomingVersion, versionInForce, type PlanVersion } from '../domain/planVersion';
import { RETIRED_STATUS } from '../domain/status';
import { PlanContentError } from '../content/planContentError';
import { list, newestVersions, num, retirementOf, statusCodeOf, str, toActivityRecord, toFollowUpRecord, toHistoryEntry, toSubActivityRecord, type Row } from './entities';
import { CONTENT_PARTITION, prefixRange, ROW, scopePartition } from './keys';
import { syncCorrections } from './planCorrectionSync';
import { scopeReadsOf } from './scopeReads';

export type Entity = TableEntity<Record<string, string | number | boolean>>;

/** The county's arena id in the shipped plan; county-wide activities live in its scope. */
export function countyArena(content: Pick<PlanContent, 'arenas'>): Arena {
  const county = content.arenas.find((a) => a.kind === 'county');
  if (!county) throw new Error('The plan has no county arena');
  return county;
}

/** A retirement as row fields (`retiredInVersion`, `retiredReason`). */
export function retirementFields(retired: Retirement | undefined): Record<string, string | number> {
  return retired ? { retiredInVersion: retired.version, retiredReason: retired.reason } : {};
}

/** The row that records a version of the plan loaded into the store. */
export function versionEntity(version: PlanVersion, loadedAt: Date): Entity {
  return { partitionKey: CONTENT_PARTITION, rowKey: ROW.version(version.version), version: version.version, inForceFrom: version.inForceFrom, loadedAt: loadedAt.toISOString() };
}

/** Every row the plan's content seeds, grouped by partition (the version row is not among them). */
export function contentEntities(content: PlanContent): Map<string, Entity[]> {
  const plan: Entity[] = [];
  const countyScope = scopePartition(countyArena(content).id);
  const county: Entity[] = [];
  const p = content.plan;
  plan.push({
    partitionKey: CONTENT_PARTITION,
    rowKey: ROW.info,
    id: p.id,
    name: p.name,
    version: p.version,
    inForceFrom: p.inForceFrom,
    followUpIntervalMonths: p.followUpIntervalMonths,
    revisionIntervalYears: p.revisionIntervalYears,
    validityText: p.validityText,
    targetPicture: p.targetPicture,
    purpose: p.purpose,
    principles: JSON.stringify(p.principles),
  });
  content.arenas.forEach((a, order) =>
    plan.push({ partitionKey: CONTENT_PARTITION, rowKey: ROW.arena(a.id), id: a.id, name: a.name, kind: a.kind, aliases: JSON.stringify(a.aliases ?? []), order }),
  );
  for (const s of content.strategies) {
    plan.push({ partitionKey: CONTENT_PARTITION, rowKey: ROW.strategy(s.id), id: s.id, number: s.number, title: s.title, quotes: JSON.stringify(s.quotes) });
    s.effectMeasures.forEach((m, order) =>
      plan.push({
        partitionKey: CONTENT_PARTITION,
        rowKey: ROW.measure(m.id),
        id: m.id,
        strategyId: s.id,
        order,
        title: m.title,
        target: m.target,
        direction: m.direction,
        followUp: m.followUp,
        frequency: m.frequency,
        level: m.level,
        reportedBy: m.reportedBy ?? '',
        breakdown: JSON.stringify(m.breakdown),
        source: m.source ?? '',
        ...retirementFields(m.retired),
      }),
    );
    s.localRecommendations.forEach((r, order) =>
      plan.push({ partitionKey: CONTENT_PARTITION, rowKey: ROW.recommendation(r.id), id: r.id, strategyId: s.id, order, title: r.title, ...retirementFields(r.retired) }),
    );
    s.activities.forEach((a, order) => {
      county.push({ ...activityEntity(countyScope, { id: a.id, strategyId: s.id, order, title: a.title, period: a.period }), ...retirementFields(a.retired) });
      a.subActivities.forEach((d, subOrder) => {
        // A retired activity retires its sub-activities with it.
        const retired = d.retired ?? a.retired;
        const row = subActivityEntity(countyScope, { ...d, activityId: a.id, strategyId: s.id, order: subOrder });
        county.push(retired ? { ...row, status: RETIRED_STATUS.id, ...retirementFields(retired) } : row);
      });
    });
  }
  return new Map([
    [CONTENT_PARTITION, plan],
    [countyScope, county],
  ]);
}

/** The row of an activity in a scope's partition (county-wide, or an arena's local activity). */
export function activityEntity(
  partitionKey: string,
  a: { id: string; strategyId: string; order: number; title: string; period: { from: number; to: number }; recommendationId?: string; createdAt?: string; createdBy?: string },
): Entity {
  return {
    partitionKey,
    rowKey: ROW.activity(a.id),
    id: a.id,
    strategyId: a.strategyId,
    order: a.order,
    title: a.title,
    periodFrom: a.period.from,
    periodTo: a.period.to,
    ...(a.recommendationId ? { recommendationId: a.recommendationId } : {}),
    ...(a.createdAt ? { createdAt: a.createdAt } : {}),
    ...(a.createdBy ? { createdBy: a.createdBy } : {}),
  };
}

/** The row of a sub-activity: its content and its live state, which starts at version 0. */
export function subActivityEntity(
  partitionKey: string,
  d: { id: string; activityId: string; strategyId: string; order: number; title: string; details: string[]; measure: string; target: string; statusAsWritten: string; status?: string; answeredBy?: string; regionOwn?: boolean; questions?: MeasureQuestion[] },
): Entity {
  return {
    partitionKey,
    rowKey: ROW.sub(d.id),
    id: d.id,
    activityId: d.activityId,
    strategyId: d.strategyId,
    order: d.order,
    title: d.title,
    details: JSON.stringify(d.details),
    measure: d.measure,
    target: d.target,
    statusAsWritten: d.statusAsWritten,
    ...(d.answeredBy ? { answeredBy: d.answeredBy } : {}),
    ...(d.regionOwn ? { regionOwn: true } : {}),
    ...(d.questions ? { questions: JSON.stringify(d.questions) } : {}),
    // The appendix's prose is the starting status note. Where the plan gives no status, the row
    // still needs one to start from: it is never shown, since the item is not followed up and
    // has no status as written (followUp.statusText).
    status: d.status ?? NO_PLAN_STATUS,
    statusNote: d.statusAsWritten,
    measureAnswer: '',
    updatedAt: '',
    updatedBy: '',
    version: 0,
  };
}

/** The starting state of a row whose Status cell the plan leaves empty (see subActivityEntity). */
const NO_PLAN_STATUS = 'ej_paborjat';

export interface SeedResult {
  created: number;
  existing: number;
  /**
   * Set when the store holds another version of the plan than the file: nothing was written,
   * and the store's version stays in use (a revised file is loaded with `npm run plan -- apply`).
   */
  versionMismatch?: { stored: number; file: number };
}

/** How long the cached content is used before its info row's ETag is checked again. */
const CONTENT_RECHECK_MS = 60_000;

const stockholmDate = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });

/** YYYY-MM-DD in Sweden. */
export function swedishDate(at: Date): string {
  return stockholmDate.format(at);
}

export class PlanStore {
  private cached?: { etag: Promise<string>; view: Promise<PlanContentView>; checkedAt: number };

  constructor(
    private readonly table: TableClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Adds every row of the content that is not stored yet and leaves every stored row as it is:
   * a restart never resets a status someone set. Reads only row keys: the content partition's,
   * and the county scope's activity and sub-activity rows (never history). A file of another
   * version than the store's writes nothing: revisions are loaded by `npm run plan -- apply`.
   */
  async seed(content: PlanContent): Promise<SeedResult> {
    let created = 0;
    let existing = 0;
    this.cached = undefined;
    const info = await this.row(CONTENT_PARTITION, ROW.info);
    if (info && str(info, 'id') !== content.plan.id) {
      throw new PlanContentError(`The store holds the plan "${str(info, 'id')}", not "${content.plan.id}" from the plan file: one store holds one plan; use another store (TABLE_PREFIX, TABLES_CONNECTION_STRING or AZURITE_LOCATION) for another region's plan`);
    }
    // A store seeded before plan versions existed holds version 1.
    const storedVersion = info ? num(info, 'version') || 1 : undefined;
    if (storedVersion !== undefined && storedVersion !== content.plan.version) {
      return { created, existing, versionMismatch: { stored: storedVersion, file: content.plan.version } };
    }
    const partitions = contentEntities(content);
    partitions.get(CONTENT_PARTITION)!.push(versionEntity(content.plan, this.now()));
    for (const [partitionKey, rows] of partitions) {
      const ranges = partitionKey === CONTENT_PARTITION ? undefined : [prefixRange('activity|'), prefixRange('sub|')];
      const stored = await this.rowKeys(partitionKey, ranges);
      const missing = rows.filter((r) => !stored.has(r.rowKey));
      existing += rows.length - missing.length;
      for (let i = 0; i < missing.length; i += 100) {
        created += await this.createAll(missing.slice(i, i + 100));
      }
    }
    await this.syncMeasureReporting(content);
    await this.syncSubActivityStructure(content);
    await syncCorrections(this.table, content, countyArena(content).id, this.now());
    this.cached = undefined;
    return { created, existing };
  }

  /**
   * The plan's content (plan facts, versions, strategies, effect measures, recommendations,
   * arenas): one partition query, then kept in memory. At most once a minute (real time) a point
   * read of the plan's info row checks that the content is still the same: `npm run plan --
   * apply` rewrites that row, so a running server takes up a revised plan within a minute, and a
   * turn costs no storage request for the content. Retired effect measures and recommendations
   * are left out: nobody reports or adopts them any more.
   */
  async content(): Promise<PlanContentView> {
    const checkedAt = performance.now();
    const cached = this.cached;
    if (cached && checkedAt - cached.checkedAt < CONTENT_RECHECK_MS) return cached.view;
    if (cached) {
      const info = await this.row(CONTENT_PARTITION, ROW.info);
      if (info && info.etag === (await cached.etag)) {
        cached.checkedAt = checkedAt;
        return cached.view;
      }
    }
    const read = this.readContent();
    const entry = { view: read.then((r) => r.view), etag: read.then((r) => r.etag, () => ''), checkedAt };
    this.cached = entry;
    read.catch(() => {
      if (this.cached === entry) this.cached = undefined;
    });
    return entry.view;
  }

  /** Forgets the cached content: the next read takes it from the store. */
  invalidate(): void {
    this.cached = undefined;
    scopeReadsOf(this.table).clear();
  }

  /** One scope's activities with live state (and, if asked, every sub-activity's history): one partition query. */
  async scope(arenaId: string, options: { history?: boolean } = {}): Promise<ActivityView[]> {
    return this.toViews(arenaId, await this.partition(scopePartition(arenaId), scopeRanges(options.history === true)), options.history === true);
  }

  /**
   * What an arena follows up (plan 7.3): Bilaga 1 as the arena implements it (the county's items
   * with the arena's own follow-up beside the county's status) and its local activities. Two
   * partition queries, side by side; the county's own plan is one.
   */
  async arenaPlan(arena: Pick<Arena, 'id' | 'kind'>, options: { history?: boolean } = {}): Promise<ArenaPlan> {
    const county = countyArena(await this.content());
    if (arena.kind === 'county') return { bilaga1: await this.scope(county.id, options), local: [] };
    const withHistory = options.history === true;
    const [countyRows, rows] = await Promise.all([this.partition(scopePartition(county.id), scopeRanges(false)), this.partition(scopePartition(arena.id), arenaRanges(withHistory))]);
    return this.planOf(arena, county.id, countyRows, rows, withHistory);
  }

  /**
   * Every arena's plan (what {@link arenaPlan} gives for each), without history, in one query: the
   * activity, sub-activity and follow-up rows of every scope partition (`scope:` to `scope;`), the
   * feed's and history's rows left out by their keys. What the year's report reads: one query
   * whatever the number of arenas, instead of one per arena (in Azurite every query tests its
   * filter against every row of the table). Not through the stamped cache: read once, fresh.
   */
  async arenaPlans(arenas: ReadonlyArray<Pick<Arena, 'id' | 'kind'>>): Promise<Map<string, ArenaPlan>> {
    const county = countyArena(await this.content());
    const scopes = prefixRange('scope:');
    const ofRows = arenaRanges(false).map((r) => `(${odata`RowKey ge ${r.from} and RowKey lt ${r.to}`})`).join(' or ');
    const byPartition = new Map<string, Row[]>();
    const filter = `${odata`PartitionKey ge ${scopes.from} and PartitionKey lt ${scopes.to}`} and (${ofRows})`;
    for await (const row of this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
      const rows = byPartition.get(row.partitionKey!) ?? [];
      if (rows.length === 0) byPartition.set(row.partitionKey!, rows);
      rows.push(row as Row);
    }
    const rowsOf = (arenaId: string) => byPartition.get(scopePartition(arenaId)) ?? [];
    // The county's partition has no follow-up rows; its plan reads activities and sub-activities.
    const countyRows = rowsOf(county.id).filter((r) => !r.rowKey.startsWith(ROW.followUpPrefix));
    return new Map(arenas.map((a) => [a.id, this.planOf(a, county.id, countyRows, rowsOf(a.id), false)] as const));
  }

  /**
   * What a save of one sub-activity needs (what {@link arenaPlan} gives of the activity the item
   * belongs to; the scope's other activities are left out), at a cost that does not
   * grow with the partition or the table: the scopes' rows as this instance last read them
   * (activities' titles and order, at most a minute old, also after its own writes) with the rows
   * whose current state the save depends on read afresh by their keys, side by side: the
   * sub-activity's own row, and for an arena's follow-up of Bilaga 1 the county's item and the
   * arena's follow-up row. Retirement by a revision is written to those rows (an activity's too,
   * planRevisionStore.ts), so it is seen at once; the write carries the fresh row's ETag, so a
   * stale form is still a conflict. The row the form was made from (`seenEtag`: the sub-activity's,
   * or the arena's follow-up row) is not read again when this instance holds it at exactly that
   * ETag (scopeReads.ts `known`; after a save here it holds the row as written): the write carries
   * that ETag, so if the row has moved since, the write is refused and the caller reads afresh.
   * With nothing cached to start from, or an id the cached rows do not know (a new local
   * activity), this is arenaPlan itself.
   */
  async forSave(arena: Pick<Arena, 'id' | 'kind'>, subActivityId: string, seenEtag?: string): Promise<ArenaPlan> {
    const county = countyArena(await this.content());
    const reads = scopeReadsOf(this.table);
    const countyKey = scopePartition(county.id);
    const arenaKey = scopePartition(arena.id);
    const countyRows = reads.peek(countyKey, scopeRanges(false));
    const ownRows = arena.kind === 'county' ? [] : reads.peek(arenaKey, arenaRanges(false));
    if (!countyRows || !ownRows) return this.arenaPlan(arena);
    const subKey = ROW.sub(subActivityId);
    const fresh: Array<{ rows: Row[]; partitionKey: string; rowKey: string }> = [];
    if (arena.kind !== 'county' && ownRows.some((r) => r.rowKey === subKey)) fresh.push({ rows: ownRows, partitionKey: arenaKey, rowKey: subKey });
    else if (countyRows.some((r) => r.rowKey === subKey)) {
      fresh.push({ rows: countyRows, partitionKey: countyKey, rowKey: subKey });
      if (arena.kind !== 'county') fresh.push({ rows: ownRows, partitionKey: arenaKey, rowKey: ROW.followUp(subActivityId) });
    } else return this.arenaPlan(arena);
    // The last row listed is the one the form was made from.
    const seen = fresh[fresh.length - 1]!;
    const known = seenEtag === undefined ? undefined : reads.known(seen.partitionKey, seen.rowKey, seenEtag);
    if (known) replaceRow(seen.rows, seen.rowKey, known);
    const toRead = known ? fresh.slice(0, -1) : fresh;
    const read = await Promise.all(toRead.map((f) => this.row(f.partitionKey, f.rowKey)));
    toRead.forEach((f, i) => replaceRow(f.rows, f.rowKey, read[i]));
    // Views of the one activity the item belongs to, not of the whole scope (an arena may have a
    // hundred local activities beside Bilaga 1): that is all the save and its card show.
    const subRow = fresh[0]!.rows.find((r) => r.rowKey === subKey);
    if (!subRow) return this.planOf(arena, county.id, countyRows, ownRows, false);
    const activityKey = ROW.activity(str(subRow, 'activityId'));
    const ofActivity = (rows: Row[]) => rows.filter((r) => r.rowKey === activityKey || (r.rowKey.startsWith('sub|') && ROW.activity(str(r, 'activityId')) === activityKey));
    if (arena.kind !== 'county' && fresh[0]!.partitionKey === arenaKey) return this.planOf(arena, county.id, [], ofActivity(ownRows), false);
    const countyActivity = ofActivity(countyRows);
    const followUps = new Set(countyActivity.filter((r) => r.rowKey.startsWith('sub|')).map((r) => ROW.followUp(str(r, 'id'))));
    return this.planOf(arena, county.id, countyActivity, ownRows.filter((r) => followUps.has(r.rowKey)), false);
  }

  /** An arena's plan (or the county's) from its rows and the county's. */
  private planOf(arena: Pick<Arena, 'id' | 'kind'>, countyId: string, countyRows: Row[], rows: Row[], withHistory: boolean): ArenaPlan {
    if (arena.kind === 'county') return { bilaga1: this.toViews(countyId, countyRows, withHistory), local: [] };
    const followUps = rows.filter((r) => r.rowKey.startsWith(ROW.followUpPrefix)).map((r) => toFollowUpRecord(arena.id, r));
    const history = withHistory ? historyBySub(rows) : undefined;
    return {
      bilaga1: followUpViews(arena.id, this.toViews(countyId, countyRows, false), new Map(followUps.map((f) => [f.subActivityId, f])), history),
      local: this.toViews(arena.id, rows, withHistory),
    };
  }

  /**
   * Every arena's follow-up of Bilaga 1, for the county's matrix: one query per arena (each
   * arena's follow-up rows only), side by side, and the county's own items.
   */
  async localFollowUp(): Promise<{ bilaga1: ActivityView[]; arenas: Array<{ arena: Arena; bilaga1: ActivityView[] }> }> {
    const content = await this.content();
    const county = countyArena(content);
    const municipalities = content.arenas.filter((a) => a.kind !== 'county');
    const [countyActivities, ...rows] = await Promise.all([this.scope(county.id), ...municipalities.map((a) => this.partition(scopePartition(a.id), [prefixRange(ROW.followUpPrefix)]))]);
    return {
      bilaga1: countyActivities,
      arenas: municipalities.map((arena, i) => {
        const followUps = rows[i]!.map((r) => toFollowUpRecord(arena.id, r));
        return { arena, bilaga1: followUpViews(arena.id, countyActivities, new Map(followUps.map((f) => [f.subActivityId, f]))) };
      }),
    };
  }

  /**
   * The whole plan with live status and history: GET /api/plan. One query per scope. With an
   * arena id, only the county and that arena: what an arena's own view needs, whatever the
   * number of arenas.
   */
  async read(options: { arenaId?: string } = {}): Promise<PlanView> {
    const content = await this.content();
    const county = content.arenas.find((a) => a.kind === 'county');
    const arenas = options.arenaId ? content.arenas.filter((a) => a.kind === 'county' || a.id === options.arenaId) : content.arenas;
    const plans = new Map(await Promise.all(arenas.map(async (a) => [a.id, await this.arenaPlan(a, { history: true })] as const)));
    const countyActivities = county ? (plans.get(county.id)?.bilaga1 ?? []) : [];
    const versions = planVersions(content);
    const today = swedishDate(this.now());
    const upcoming = upcomingVersion(versions, today);
    return {
      plan: content.plan,
      strategies: content.strategies.map((s) => ({ ...s, activities: countyActivities.filter((a) => a.strategyId === s.id) })),
      arenas: arenas.map((a) => ({ ...a, activities: plans.get(a.id)?.local ?? [], bilaga1: a.kind === 'county' ? [] : (plans.get(a.id)?.bilaga1 ?? []) })),
      versions,
      inForce: versionInForce(versions, today),
      ...(upcoming ? { upcoming } : {}),
    };
  }

  private toViews(scopeId: string, rows: Row[], withHistory: boolean): ActivityView[] {
    const activities = rows.filter((r) => r.rowKey.startsWith('activity|')).map((r) => toActivityRecord(scopeId, r));
    const subs = rows.filter((r) => r.rowKey.startsWith('sub|')).map((r) => toSubActivityRecord(scopeId, r));
    return activityViews(activities, subs, withHistory ? historyBySub(rows) : undefined);
  }

  private async readContent(): Promise<{ view: PlanContentView; etag: string }> {
    const contentRows = await this.partition(CONTENT_PARTITION);
    const info = contentRows.find((r) => r.rowKey === ROW.info);
    if (!info) throw new Error('The plan has not been seeded');
    const byPrefix = (prefix: string) => contentRows.filter((r) => r.rowKey.startsWith(prefix) && !retirementOf(r).retired).sort((a, b) => num(a, 'order') - num(b, 'order'));
    const arenas: Arena[] = byPrefix('arena|').map((r) => {
      const aliases = r.aliases === undefined ? [] : list(r, 'aliases');
      return { id: str(r, 'id'), name: str(r, 'name'), kind: str(r, 'kind') === 'county' ? 'county' : 'municipality', ...(aliases.length ? { aliases } : {}) };
    });
    const strategies: StrategyInfo[] = contentRows
      .filter((r) => r.rowKey.startsWith('strategy|'))
      .map((r) => ({ id: str(r, 'id'), number: num(r, 'number'), title: str(r, 'title'), quotes: list(r, 'quotes') }))
      .sort((a, b) => a.number - b.number)
      .map((s) => ({
        ...s,
        effectMeasures: byPrefix('measure|').filter((r) => str(r, 'strategyId') === s.id).map(toEffectMeasure),
        localRecommendations: byPrefix('recommendation|')
          .filter((r) => str(r, 'strategyId') === s.id)
          .map((r) => ({ id: str(r, 'id'), title: str(r, 'title') })),
      }));
    const plan: PlanInfo = {
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
    };
    const versions = contentRows
      .filter((r) => r.rowKey.startsWith(ROW.versionPrefix))
      .map((r) => ({ version: num(r, 'version'), inForceFrom: str(r, 'inForceFrom') }))
      .sort((a, b) => a.version - b.version);
    return { view: { plan, strategies, arenas, versions: versions.length > 0 ? versions : [{ version: plan.version, inForceFrom: plan.inForceFrom }] }, etag: info.etag };
  }

  /**
   * How an effect measure is reported (level, frequency, who reports, source) follows the plan file even in
   * a store seeded before: it decides who reports a value, not what anyone entered. One range
   * read of the stored measures, and a Merge only where the file says otherwise.
   */
  private async syncMeasureReporting(content: PlanContent): Promise<void> {
    const stored = new Map((await this.partition(CONTENT_PARTITION, [prefixRange('measure|')])).map((r) => [r.rowKey, r]));
    for (const m of content.strategies.flatMap((s) => s.effectMeasures)) {
      const row = stored.get(ROW.measure(m.id));
      const wanted = { level: m.level, frequency: m.frequency, reportedBy: m.reportedBy ?? '', source: m.source ?? '' };
      if (row && (Object.keys(wanted) as Array<keyof typeof wanted>).some((k) => str(row, k) !== wanted[k])) {
        await this.table.updateEntity({ partitionKey: CONTENT_PARTITION, rowKey: row.rowKey, ...wanted }, 'Merge');
      }
    }
  }

  /**
   * Who answers each Bilaga 1 item, whether it is the region's own work, the questions of a split
   * measure, and (for an item nobody has followed up yet) the plan's status, as the plan file says now: a store seeded from an
   * earlier reading of the plan takes them up at start. What someone followed up stays as it is.
   */
  private async syncSubActivityStructure(content: PlanContent): Promise<void> {
    const partitionKey = scopePartition(countyArena(content).id);
    const rows: Row[] = [];
    for await (const row of this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter: rangeFilter(partitionKey, [prefixRange('sub|')]) } })) rows.push(row as Row);
    const stored = new Map(rows.map((r) => [r.rowKey, r]));
    let changed = false;
    for (const a of content.strategies.flatMap((st) => st.activities)) {
      for (const d of a.subActivities) {
        const row = stored.get(ROW.sub(d.id));
        if (!row) continue;
        // A compound measure split into its questions (the answers stored so far stay as they are).
        const wanted: Record<string, string | boolean> = { answeredBy: d.answeredBy ?? '', regionOwn: d.regionOwn === true, questions: d.questions ? JSON.stringify(d.questions) : '' };
        const untouched = num(row, 'version') === 0 && !(d.retired ?? a.retired);
        if (untouched) Object.assign(wanted, { statusAsWritten: d.statusAsWritten, statusNote: d.statusAsWritten, status: d.status ?? NO_PLAN_STATUS });
        const differs = Object.entries(wanted).some(([k, v]) => (typeof v === 'boolean' ? row[k] === true : str(row, k)) !== v);
        if (!differs) continue;
        try {
          // Only as read: a follow-up saved meanwhile wins, and is left alone.
          await this.table.updateEntity({ partitionKey, rowKey: row.rowKey, ...wanted }, 'Merge', { etag: String(row.etag) });
          changed = true;
        } catch (error) {
          if (statusCodeOf(error) !== 412) throw error;
        }
      }
    }
    if (changed) scopeReadsOf(this.table).clear();
  }

  private async row(partitionKey: string, rowKey: string): Promise<Row | undefined> {
    try {
      return (await this.table.getEntity<Record<string, unknown>>(partitionKey, rowKey)) as Row;
    } catch (error) {
      if (statusCodeOf(error) === 404) return undefined;
      throw error;
    }
  }

  private async rowKeys(partitionKey: string, ranges?: Array<{ from: string; to: string }>): Promise<Set<string>> {
    const keys = new Set<string>();
    const rows = this.table.listEntities({ queryOptions: { filter: rangeFilter(partitionKey, ranges), select: ['RowKey'] } });
    for await (const row of rows) keys.add(row.rowKey!);
    return keys;
  }

  private async partition(partitionKey: string, ranges?: Array<{ from: string; to: string }>): Promise<Row[]> {
    // A scope's rows go through the stamped cache; the content partition has its own.
    if (ranges && partitionKey !== CONTENT_PARTITION) return scopeReadsOf(this.table).rows(partitionKey, ranges);
    const rows: Row[] = [];
    for await (const row of this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter: rangeFilter(partitionKey, ranges) } })) rows.push(row as Row);
    return rows;
  }

  /** Creates rows of one partition in one transaction; if another instance seeds at the same time, falls back to row by row. */
  private async createAll(rows: Entity[]): Promise<number> {
    try {
      await this.table.submitTransaction(rows.map((r): TransactionAction => ['create', r]));
      return rows.length;
    } catch (error) {
      if (statusCodeOf(error) !== 409) throw error;
    }
    let created = 0;
    for (const row of rows) {
      try {
        await this.table.createEntity(row);
        created++;
      } catch (error) {
        if (statusCodeOf(error) !== 409) throw error;
      }
    }
    return created;
  }
}

/** A partition, or only the given RowKey ranges of it. */
export function rangeFilter(partitionKey: string, ranges?: Array<{ from: string; to: string }>): string {
  return ranges
    ? ranges.map((r) => `(${odata`PartitionKey eq ${partitionKey} and RowKey ge ${r.from} and RowKey lt ${r.to}`})`).join(' or ')
    : odata`PartitionKey eq ${partitionKey}`;
}

/**
 * Each sub-activity's history, newest first: the scope's feed rows (one per change) and the
 * history rows stores wrote before 2026-12, a version counted once (activityStore.ts `history`).
 */
function historyBySub(rows: Row[]): Map<string, HistoryEntry[]> {
  const bySub = new Map<string, HistoryEntry[]>();
  for (const row of rows) {
    if (!row.rowKey.startsWith(ROW.logPrefix) && !row.rowKey.startsWith('history|')) continue;
    const entry = toHistoryEntry(row);
    let list = bySub.get(entry.subActivityId);
    if (!list) bySub.set(entry.subActivityId, (list = []));
    list.push(entry);
  }
  return new Map([...bySub].map(([sub, entries]) => [sub, newestVersions(entries)]));
}

function toEffectMeasure(r: Row): EffectMeasure {
  return {
    id: str(r, 'id'),
    title: str(r, 'title'),
    target: str(r, 'target'),
    direction: str(r, 'direction') as EffectMeasure['direction'],
    followUp: str(r, 'followUp'),
    frequency: str(r, 'frequency') as EffectMeasure['frequency'],
    level: str(r, 'level') as EffectMeasure['level'],
    ...(str(r, 'reportedBy') ? { reportedBy: str(r, 'reportedBy') as NonNullable<EffectMeasure['reportedBy']> } : {}),
    breakdown: list(r, 'breakdown'),
    ...(str(r, 'source') ? { source: str(r, 'source') } : {}),
  };
}

/** The key ranges of a scope's activities (and history): the same for every read, so that reads share the cache. */
function scopeRanges(withHistory: boolean): Array<{ from: string; to: string }> {
  return [prefixRange('activity|'), prefixRange('sub|'), ...(withHistory ? HISTORY_RANGES : [])];
}

/** Where a scope's history is: the feed, and the history rows of stores from before 2026-12. */
const HISTORY_RANGES = [prefixRange('history|'), prefixRange(ROW.logPrefix)];

/** The key ranges of an arena's own partition as its plan reads them: local activities and follow-ups of Bilaga 1. */
function arenaRanges(withHistory: boolean): Array<{ from: string; to: string }> {
  return [prefixRange('activity|'), prefixRange('sub|'), prefixRange(ROW.followUpPrefix), ...(withHistory ? HISTORY_RANGES : [])];
}

/** Puts a row read afresh in place of its cached copy (or takes the copy out: the row is gone). */
function replaceRow(rows: Row[], rowKey: string, row: Row | undefined): void {
  const at = rows.findIndex((r) => r.rowKey === rowKey);
  if (at >= 0) rows.splice(at, 1, ...(row ? [row] : []));
  else if (row) rows.push(row);
}
