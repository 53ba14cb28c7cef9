// The tab's API for the plan's revision: where it stands, every proposal side by side per arena,
// the decision steps, and the proposals as an Excel workbook. Changes go through the same use
// case as the bot's cards (bot/useCases/revision.ts); registered behind the tab's sign-in.
import ExcelJS from 'exceljs';
import type { Request, Response } from 'restify';
import { revisionInviteCard } from '../cards/revisionCards';
import type { Origin } from '../domain/authorization';
import type { Arena } from '../domain/plan';
import type { PlanContentView } from '../domain/planView';
import { describeStep, PROPOSAL_LABELS, stepLabel, type Proposal, type ProposalEntry, type Revision, type Step } from '../domain/revision';
import { parseId } from '../domain/validation';
import type { ChannelStore } from '../storage/channelStore';
import type { PlanStore } from '../storage/planStore';
import type { RevisionStore } from '../storage/revisionStore';
import type { ProactiveSender } from '../useCases/proactiveSender';
import { describeLocalRevision, type LocalRevision } from '../domain/localRevision';
import { askArenas, changeRevision, itemsOf, mayManage, openRevision, propose, recordLocalRevision, recordStep, stepsOf, type PlanItem, type Who } from '../useCases/revision';
import type { TabUser } from './ssoAuth';

export interface RevisionApiDeps {
  plan: PlanStore;
  channels: ChannelStore;
  revisions: RevisionStore;
  sender: ProactiveSender;
  projectLeaderIds: string[];
  now: () => Date;
}

type Handler = (req: Request, res: Response, user: TabUser) => Promise<void>;

/** A proposal as the tab shows it. */
export interface ProposalApiView extends Omit<Proposal, 'etag'> {
  etag: string;
  arenaName: string;
  kindLabel: string;
  /** The item's title now (for a new activity: its proposed title). */
  itemTitle: string;
  itemKind: 'activity' | 'sub' | 'new';
}

export interface RevisionApiView {
  revision: Revision | null;
  /** Every item proposals can be about: Bilaga 1 and every arena's local plan. */
  items: PlanItem[];
  proposals: ProposalApiView[];
  steps: Array<Step & { label: string; text: string }>;
  mayManage: boolean;
  /** Arenas the user may propose for (their own channel's arena). */
  proposeAs: string[];
  /** The arenas that have recorded their local plan as revised (plan 1.6), with their names. */
  localRevisions: Array<Omit<LocalRevision, 'etag'> & { etag: string; arenaName: string; text: string }>;
}

/** The tab acts like personal chat: for an arena as a member of its channel (bot/api/tabUpdate.ts). */
async function whoFor(deps: Pick<RevisionApiDeps, 'channels'>, user: TabUser, arena: Arena): Promise<Who> {
  const origin: Origin = { kind: 'personal', arenaId: arena.id, memberOfArenaChannel: await deps.channels.isMember(arena.id, user.id) };
  return { actor: { id: user.id, name: user.name }, origin };
}

const countyOf = (view: PlanContentView) => view.arenas.find((a) => a.kind === 'county')!;

export async function revisionView(deps: RevisionApiDeps, user: TabUser): Promise<RevisionApiView> {
  const view = await deps.plan.content();
  const county = countyOf(view);
  const [data, scopes, memberships] = await Promise.all([
    deps.revisions.current(),
    Promise.all(view.arenas.map((a) => deps.plan.scope(a.id))),
    Promise.all(view.arenas.map(async (a) => [a.id, await deps.channels.isMember(a.id, user.id)] as const)),
  ]);
  const items = scopes.flatMap((activities) => itemsOf(activities));
  const name = new Map(view.arenas.map((a) => [a.id, a.name]));
  const byId = new Map(items.map((i) => [i.id, i]));
  const proposals = (data?.proposals ?? []).map((p) => ({
    ...p,
    arenaName: name.get(p.arenaId) ?? p.arenaId,
    kindLabel: PROPOSAL_LABELS[p.kind],
    itemTitle: p.kind === 'new' ? p.values.title : (byId.get(p.itemId)?.title ?? p.itemId),
    itemKind: p.kind === 'new' ? ('new' as const) : (byId.get(p.itemId)?.kind ?? 'activity'),
  }));
  const manager = mayManage(view, await whoFor(deps, user, county), deps.projectLeaderIds);
  return {
    revision: data?.revision ?? null,
    items,
    proposals,
    steps: data ? stepsOf(view, data).map((s) => ({ ...s, label: stepLabel(s.id, view.arenas), text: describeStep(s) })) : [],
    mayManage: manager,
    proposeAs: memberships.filter(([, member]) => member).map(([id]) => id),
    localRevisions: (data?.localRevisions ?? []).map((r) => ({ ...r, arenaName: name.get(r.arenaId) ?? r.arenaId, text: describeLocalRevision(r) })),
  };
}

function send(res: Response, outcome: { kind: string } & Record<string, unknown>, ok: (after: unknown) => unknown, conflictText: string): void {
  switch (outcome.kind) {
    case 'saved':
    case 'unchanged':
      return void res.send(200, { outcome: outcome.kind, value: ok(outcome.after) });
    case 'conflict':
      return void res.send(409, { error: conflictText, current: outcome.current });
    case 'refused':
      return void res.send(outcome.reason === 'notAllowed' ? 403 : 400, { error: outcome.message, details: outcome.errors });
    default:
      return void res.send(404, { error: 'Det finns inte. Ingenting har ändrats.' });
  }
}

const body = (req: Request): Record<string, unknown> => (req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : {});

export function revisionRoutes(deps: RevisionApiDeps): Record<'get' | 'open' | 'change' | 'propose' | 'step' | 'local' | 'export', Handler> {
  const useCaseDeps = { plan: deps.plan, revisions: deps.revisions, projectLeaderIds: deps.projectLeaderIds, now: deps.now };
  return {
    get: async (_req, res, user) => void res.send(200, await revisionView(deps, user)),

    open: async (req, res, user) => {
      const view = await deps.plan.content();
      const outcome = await openRevision(useCaseDeps, await whoFor(deps, user, countyOf(view)), { lastDay: body(req).lastDay });
      if (outcome.kind === 'saved') {
        const lastDay = outcome.after.lastDay;
        await askArenas({ plan: deps.plan, channels: deps.channels, sender: deps.sender }, (arena) =>
          revisionInviteCard({ title: `Revidering av planen: ${arena.name}s förslag`, text: `Länsgemensam samverkan har öppnat revideringen av ${view.plan.name}. Lämna ${arena.name}s förslag senast ${lastDay}: behåll, ändra eller avsluta aktiviteter i Bilaga 1 och i er lokala plan, eller föreslå nya.` }),
        );
      }
      send(res, outcome as never, (after) => after, 'En revidering är redan öppen.');
    },

    change: async (req, res, user) => {
      const view = await deps.plan.content();
      const b = body(req);
      const outcome = await changeRevision(useCaseDeps, await whoFor(deps, user, countyOf(view)), { etag: req.header('if-match') || b.etag, ...(b.close === true ? { close: true } : { lastDay: b.lastDay }) });
      send(res, outcome as never, (after) => after, 'Någon annan har ändrat revideringen sedan du öppnade den. Ingenting har sparats.');
    },

    propose: async (req, res, user) => {
      const view = await deps.plan.content();
      const arena = view.arenas.find((a) => a.id === req.params.arenaId);
      const itemId = parseId(req.params.itemId);
      if (!arena || !itemId.ok) return void res.send(404, { error: 'Arenan eller aktiviteten finns inte.' });
      const b = body(req);
      const isNew = itemId.value === 'new' || itemId.value.startsWith('ny-');
      const outcome = await propose(useCaseDeps, {
        who: await whoFor(deps, user, arena),
        arena,
        target: isNew ? { newUnderStrategy: typeof b.strategyId === 'string' ? b.strategyId : '', ...(itemId.value !== 'new' ? { itemId: itemId.value } : {}) } : { itemId: itemId.value },
        etag: req.header('if-match') || (typeof b.etag === 'string' ? b.etag : ''),
        input: isNew ? { ...b, kind: 'new' } : b,
      });
      send(res, outcome as never, (after) => after, 'Någon annan har ändrat förslaget sedan du öppnade det. Ingenting har sparats.');
    },

    local: async (req, res, user) => {
      const view = await deps.plan.content();
      const arena = view.arenas.find((a) => a.id === req.params.arenaId);
      if (!arena) return void res.send(404, { error: 'Arenan finns inte.' });
      const b = body(req);
      const etag = req.header('if-match') || (typeof b.etag === 'string' && b.etag ? b.etag : undefined);
      const outcome = await recordLocalRevision(useCaseDeps, await whoFor(deps, user, arena), { arena, ...(etag ? { etag } : {}), input: b });
      send(res, outcome as never, (after) => after, 'Någon annan har registrerat den lokala revideringen sedan du öppnade den. Ingenting har sparats.');
    },

    step: async (req, res, user) => {
      const view = await deps.plan.content();
      const b = body(req);
      const outcome = await recordStep(useCaseDeps, await whoFor(deps, user, countyOf(view)), { stepId: String(req.params.stepId ?? ''), etag: req.header('if-match') || (typeof b.etag === 'string' ? b.etag : ''), input: b });
      send(res, outcome as never, (after) => after, 'Någon annan har registrerat steget sedan du öppnade det. Ingenting har sparats.');
    },

    export: async (_req, res, user) => {
      const view = await revisionView(deps, user);
      const content = await deps.plan.content();
      const history = view.revision ? await deps.revisions.proposalHistory(view.revision.id) : [];
      const file = await proposalsWorkbook(view, content, history);
      res.writeHead(200, {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': `attachment; filename="revideringsforslag-${view.revision?.id ?? 'ingen'}.xlsx"`,
        'Content-Length': file.length,
        'Cache-Control': 'no-store',
      });
      res.end(file);
    },
  };
}

const PROPOSAL_COLUMNS = [
  { header: 'Strategi', key: 'strategy', width: 28 },
  { header: 'Id', key: 'itemId', width: 14 },
  { header: 'Aktivitet / delaktivitet', key: 'item', width: 48 },
  { header: 'Plan', key: 'scope', width: 18 },
  { header: 'Arena', key: 'arena', width: 20 },
  { header: 'Förslag', key: 'kind', width: 13 },
  { header: 'Ny titel', key: 'title', width: 36 },
  { header: 'Prioritet från', key: 'periodFrom', width: 11 },
  { header: 'Prioritet till', key: 'periodTo', width: 11 },
  { header: 'Mått', key: 'measure', width: 30 },
  { header: 'Målvärde', key: 'target', width: 18 },
  { header: 'Skäl att avsluta', key: 'reason', width: 30 },
  { header: 'Motivering', key: 'motivation', width: 40 },
  { header: 'Föreslaget av', key: 'by', width: 22 },
  { header: 'Senast ändrat', key: 'at', width: 18 },
  { header: 'Version', key: 'version', width: 9 },
] as const;

/** The proposals (one row each, sorted by strategy, item and arena), their history, and the decision steps. */
export async function proposalsWorkbook(view: RevisionApiView, content: PlanContentView, history: ProposalEntry[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Gemensam plan';
  const strategy = new Map(content.strategies.map((s) => [s.id, `${s.number}. ${s.title}`]));
  const arenaName = new Map(content.arenas.map((a) => [a.id, a.name]));
  const order = new Map(view.items.map((item, i) => [item.id, i]));
  const arenaOrder = new Map(content.arenas.map((a, i) => [a.id, i]));
  const titles = new Map(view.items.map((i) => [i.id, i.title]));
  const row = (p: Omit<Proposal, 'etag'>) => ({
    strategy: strategy.get(p.strategyId) ?? p.strategyId,
    itemId: p.kind === 'new' ? '' : p.itemId,
    item: p.kind === 'new' ? `(ny) ${p.values.title}` : (titles.get(p.itemId) ?? p.itemId),
    scope: p.scopeId === countyOf(content).id ? 'Bilaga 1' : `Lokal: ${arenaName.get(p.scopeId) ?? p.scopeId}`,
    arena: arenaName.get(p.arenaId) ?? p.arenaId,
    kind: PROPOSAL_LABELS[p.kind],
    title: p.values.title,
    periodFrom: p.values.periodFrom ?? '',
    periodTo: p.values.periodTo ?? '',
    measure: p.values.measure,
    target: p.values.target,
    reason: p.reason,
    motivation: p.motivation,
    by: p.by,
    at: new Date(p.at),
    version: p.version,
  });
  const sorted = [...view.proposals].sort((a, b) => a.strategyId.localeCompare(b.strategyId, 'sv', { numeric: true }) || (order.get(a.itemId) ?? 1e6) - (order.get(b.itemId) ?? 1e6) || (arenaOrder.get(a.arenaId) ?? 0) - (arenaOrder.get(b.arenaId) ?? 0));
  const proposals = sheetOf(book, 'Förslag', PROPOSAL_COLUMNS, sorted.map(row));
  proposals.getColumn('at').numFmt = 'yyyy-mm-dd hh:mm';
  const changes = sheetOf(book, 'Ändringar', PROPOSAL_COLUMNS, history.map(row));
  changes.getColumn('at').numFmt = 'yyyy-mm-dd hh:mm';
  const stepColumns = [
    { header: 'Steg', key: 'label', width: 30 },
    { header: 'Beslutat / klart', key: 'done', width: 14 },
    { header: 'Datum', key: 'date', width: 12 },
    { header: 'Till', key: 'dateTo', width: 12 },
    { header: 'Organ och §', key: 'body', width: 30 },
    { header: 'Protokoll', key: 'minutesUrl', width: 40 },
  ];
  const day = (d: string) => (d ? new Date(`${d}T00:00:00Z`) : '');
  const steps = sheetOf(book, 'Beslutsgång', stepColumns, view.steps.map((s) => ({ label: s.label, done: s.done ? 'Ja' : 'Nej', date: day(s.date), dateTo: day(s.dateTo), body: s.body, minutesUrl: s.minutesUrl })));
  steps.getColumn('date').numFmt = 'yyyy-mm-dd';
  steps.getColumn('dateTo').numFmt = 'yyyy-mm-dd';
  return Buffer.from(await book.xlsx.writeBuffer());
}

function sheetOf(book: ExcelJS.Workbook, name: string, columns: ReadonlyArray<{ header: string; key: string; width: number }>, rows: Array<Record<string, unknown>>): ExcelJS.Worksheet {
  const ws = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ ...c, style: { alignment: { wrapText: true, vertical: 'top' } } }));
  ws.getRow(1).font = { bold: true };
  ws.addRows(rows);
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows.length + 1), column: columns.length } };
  return ws;
}
