// The tab's REST API and static files. Every /api route here needs a verified Teams SSO token
// (ssoAuth.ts), or the explicit development mode. Wired by registerTabRoutes(server, deps).
import { projectLeadersText } from '../domain/projectLeaders';
import { storageTroubleSentence } from '../domain/storageTrouble';
import { storageTroubleOf, withStorageTurn } from '../storage/deadline';
import { currentProjectLeaders } from '../useCases/projectLeaders';
import type { Request, Response, Server } from 'restify';
import type { Logger } from '../log';
import type { ActivityStore } from '../storage/activityStore';
import type { ChannelStore } from '../storage/channelStore';
import type { MeasureStore } from '../storage/measureStore';
import type { PlanStore } from '../storage/planStore';
import type { RevisionStore } from '../storage/revisionStore';
import type { RoundStore } from '../storage/roundStore';
import { readSharedLink, type TabLinks } from '../domain/deepLinks';
import { z } from 'zod';
import type { ProactiveSender } from '../useCases/proactiveSender';
import { briefRoutes } from './briefApi';
import { sendJson } from './compress';
import { exportWorkbook } from './exportXlsx';
import { measureRoutes } from './measureApi';
import { reportRoutes } from './reportApi';
import { revisionRoutes } from './revisionApi';
import { roundRoutes } from './roundApi';
import { roundCompare } from './roundCompareApi';
import { planApiView } from './planApi';
import { createAuthenticator, type TabUser } from './ssoAuth';
import { publicTabSettings, type TabConfig } from './tabConfig';
import { historyPage } from './tabHistory';
import { findTabRoot, tabFile } from './tabStatic';
import { editLocalFromTab, updateFromTab, userMayChange } from './tabUpdate';
import type { LocalActivityStore } from '../storage/localActivityStore';
import { reportRounds } from '../useCases/yearReport';

export interface TabDeps {
  tab: TabConfig;
  plan: PlanStore;
  activities: ActivityStore;
  /** An arena's local activities: their text is changed from the tab too (editLocalActivity). */
  localActivities: LocalActivityStore;
  channels: ChannelStore;
  measures: MeasureStore;
  log: Logger;
  /** The plan's revision (bot/api/revisionApi.ts). */
  revisions: RevisionStore;
  /** The yearly follow-up rounds (bot/api/roundApi.ts). */
  rounds: RoundStore;
  /** Links from the cards posted when a round is opened from the tab. */
  links?: TabLinks;
  sender: ProactiveSender;
  projectLeaderIds: string[];
  now?: () => Date;
  /** The tab/ folder; found next to bot/ by default. */
  tabRoot?: string;
}

const UNAVAILABLE = 'Det gick inte att nå planen just nu. Försök igen om en stund.';

const REGISTERED = Symbol.for('gemensam-plan.tabRoutes');

/** Whether registerTabRoutes has run on this server. */
export function hasTabRoutes(server: Server): boolean {
  return (server as unknown as Record<symbol, unknown>)[REGISTERED] === true;
}

export function registerTabRoutes(server: Server, deps: TabDeps): void {
  (server as unknown as Record<symbol, unknown>)[REGISTERED] = true;
  const authenticate = createAuthenticator(deps.tab);
  const now = deps.now ?? (() => new Date());
  const root = deps.tabRoot ?? findTabRoot();

  /**
   * Runs a handler for a signed-in user; 401 without one. When it fails: 504 with "oklart om det
   * sparades" once a write may have reached the store (its answer never came: either state is
   * possible, the next read shows which), 503 when the store failed before any write did.
   */
  const signedIn = (handler: (req: Request, res: Response, user: TabUser) => Promise<void>) => async (req: Request, res: Response) => {
    const auth = await authenticate(req.header('authorization'));
    if (!auth.ok) {
      if (auth.status === 401) res.header('WWW-Authenticate', 'Bearer');
      res.send(auth.status, { error: auth.message });
      return;
    }
    await withStorageTurn(undefined, async () => {
      try {
        await handler(req, res, auth.user);
      } catch (error) {
        deps.log.error({ err: error, path: req.path() }, 'Tab request failed');
        const trouble = storageTroubleOf(error);
        if (trouble?.kind === 'unknown') res.send(504, { error: storageTroubleSentence(trouble), outcome: 'unknown' });
        else if (trouble) res.send(503, { error: storageTroubleSentence(trouble) });
        else res.send(503, { error: UNAVAILABLE });
      }
    });
  };

  // The whole plan with live status, local activities, history and effect-measure values;
  // `?arena=<id>` narrows the arenas to that one (and the county): what an arena's channel tab needs.
  // Compressed (brotli or gzip) when the client accepts it.
  server.get('/api/plan', signedIn(async (req, res) => {
    const arena = (req.query as Record<string, unknown> | undefined)?.arena;
    if (arena !== undefined) {
      const id = typeof arena === 'string' && (await deps.plan.content()).arenas.some((a) => a.id === arena) ? arena : undefined;
      if (!id) return void res.send(404, { error: 'Det finns ingen arena med det id:t.' });
      return void sendJson(req, res, 200, await planApiView(deps.plan, deps.measures, { arenaId: id }));
    }
    sendJson(req, res, 200, await planApiView(deps.plan, deps.measures));
  }));

  // Public: the accessibility statement must be readable by anyone, signed in or not.
  server.get('/api/tab-settings', async (_req: Request, res: Response) => void res.send(200, publicTabSettings(deps.tab)));

  server.get('/api/me', signedIn(async (_req, res, user) => {
    const arenas = (await deps.plan.content()).arenas;
    const decisions = await Promise.all(arenas.map(async (a) => [a.id, (await userMayChange(deps, user, a)).allowed] as const));
    const projectLeaders = projectLeadersText(await currentProjectLeaders(deps));
    res.send(200, { id: user.id, name: user.name, devMode: user.dev, mayChange: decisions.filter(([, ok]) => ok).map(([id]) => id), projectLeaders });
  }));

  server.patch('/api/activities/:scopeId/:subActivityId', signedIn(async (req, res, user) => {
    const ifMatch = req.header('if-match') || undefined;
    const result = await updateFromTab(deps, user, { scopeId: req.params.scopeId, subActivityId: req.params.subActivityId, body: req.body, ...(ifMatch ? { ifMatch } : {}) });
    if (result.status === 200) res.header('ETag', result.body.sub.etag);
    res.send(result.status, result.body);
  }));

  // An arena's local activity: its text (editLocalActivity), with the ETag of its sub-activity.
  server.patch('/api/local-activities/:scopeId/:subActivityId', signedIn(async (req, res, user) => {
    const ifMatch = req.header('if-match') || undefined;
    const result = await editLocalFromTab({ ...deps, localActivities: deps.localActivities, now }, user, { scopeId: req.params.scopeId, subActivityId: req.params.subActivityId, body: req.body, ...(ifMatch ? { ifMatch } : {}) });
    if (result.status === 200) res.header('ETag', result.body.sub.etag);
    res.send(result.status, result.body);
  }));

  // Effect measures: one value (PUT with ETag) and the county's Excel upload (bot/api/measureApi.ts).
  const measureApi = measureRoutes({ plan: deps.plan, channels: deps.channels, measures: deps.measures, now });
  server.put('/api/measures/:measureId/values/:arenaId/:periodId', signedIn(measureApi.put));
  server.post('/api/measures/upload', signedIn(measureApi.upload));

  // The plan's revision: proposals per arena, decision steps, Excel export (bot/api/revisionApi.ts).
  const revision = revisionRoutes({ plan: deps.plan, channels: deps.channels, revisions: deps.revisions, sender: deps.sender, projectLeaderIds: deps.projectLeaderIds, now });
  server.get('/api/revision', signedIn(revision.get));
  server.post('/api/revision', signedIn(revision.open));
  server.patch('/api/revision', signedIn(revision.change));
  server.put('/api/revision/proposals/:arenaId/:itemId', signedIn(revision.propose));
  server.put('/api/revision/steps/:stepId', signedIn(revision.step));
  server.put('/api/revision/local/:arenaId', signedIn(revision.local));
  server.get('/api/revision/export.xlsx', signedIn(revision.export));

  // The yearly follow-up rounds: progress, analysis, submissions, the frozen state (bot/api/roundApi.ts).
  const round = roundRoutes({ plan: deps.plan, channels: deps.channels, measures: deps.measures, rounds: deps.rounds, sender: deps.sender, projectLeaderIds: deps.projectLeaderIds, now, ...(deps.links ? { links: deps.links } : {}) });
  server.get('/api/rounds', signedIn(round.list));
  server.get('/api/rounds/compare', signedIn(roundCompare({ plan: deps.plan, measures: deps.measures, rounds: deps.rounds, projectLeaderIds: deps.projectLeaderIds, now })));
  server.post('/api/rounds', signedIn(round.open));
  server.get('/api/rounds/:roundId', signedIn(round.get));
  server.patch('/api/rounds/:roundId', signedIn(round.change));
  server.put('/api/rounds/:roundId/analysis/:strategyId', signedIn(round.analysis));
  server.get('/api/rounds/:roundId/analysis/:strategyId/history', signedIn(round.analysisHistory));
  server.post('/api/rounds/:roundId/submission', signedIn(round.submit));
  server.get('/api/rounds/:roundId/state', signedIn(round.state));

  // The yearly report: JSON for the tab, Word for SVOM, Excel (bot/api/reportApi.ts).
  const report = reportRoutes({ plan: deps.plan, activities: deps.activities, measures: deps.measures, revisions: deps.revisions, rounds: reportRounds({ plan: deps.plan, measures: deps.measures, rounds: deps.rounds, projectLeaderIds: deps.projectLeaderIds, now }), now });
  server.get('/api/report', signedIn(report.years));
  server.get('/api/report/:file', signedIn(report.get));

  // The meeting brief's printable page (bot/api/briefApi.ts).
  server.get('/api/brief', signedIn(briefRoutes({ plan: deps.plan, activities: deps.activities, measures: deps.measures, revisions: deps.revisions, now }).get));

  server.get('/api/history', signedIn(async (req, res) => {
    const result = await historyPage(deps, req.query);
    if (result.ok) sendJson(req, res, 200, result.page);
    else res.send(400, { error: 'Historiken kunde inte filtreras så.', details: result.errors });
  }));

  server.get('/api/export.xlsx', signedIn(async (_req, res) => {
    const at = now();
    const body = await exportWorkbook(await deps.plan.read(), at, await deps.measures.allCurrent());
    res.writeHead(200, {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="handlingsplan-${at.toISOString().slice(0, 10)}.xlsx"`,
      'Content-Length': body.length,
      'Cache-Control': 'no-store',
    });
    res.end(body);
  }));

  const serve = async (req: Request, res: Response) => {
    const rest = String(req.params['*'] ?? '');
    // Source maps only in the local development mode, never in production.
    const file = await tabFile(root, rest, /\bgzip\b/.test(req.header('accept-encoding') ?? ''), deps.tab.devMode);
    if (!file.found) {
      res.send(404, { error: 'Sidan finns inte.' });
      return;
    }
    res.writeHead(200, {
      'Content-Type': file.type,
      'Content-Length': file.body.length,
      'Cache-Control': file.cache,
      'X-Content-Type-Options': 'nosniff',
      Vary: 'Accept-Encoding',
      ...(file.gzip ? { 'Content-Encoding': 'gzip' } : {}),
      ...(file.csp ? { 'Content-Security-Policy': file.csp } : {}),
    });
    res.end(file.body);
  };
  // The short address of a shared link: on the app's own domain (so that Teams previews it), it
  // leads on to the tab inside Teams.
  server.get('/l/:view', async (req: Request, res: Response) => {
    const target = readSharedLink(`http://app${req.url ?? ''}`);
    if (!target || !deps.links) return void res.send(404, { error: 'Det finns ingenting på den adressen.' });
    const location = deps.links.tab(target.view, target.arenaId, { ...target.extra, ...(target.item ? { item: target.item } : {}) });
    res.writeHead(302, { Location: location, 'Cache-Control': 'no-store' });
    res.end();
  });

  // Which arena a Teams meeting is for: its side panel shows that arena's brief. Anyone in the
  // meeting who may read the plan may choose; the choice is kept for the meeting.
  const meetingId = z.string().min(1).max(400);
  server.get('/api/meeting', signedIn(async (req, res) => {
    const id = meetingId.safeParse((req.query as Record<string, unknown> | undefined)?.id);
    if (!id.success) return void res.send(400, { error: 'Mötet kunde inte läsas.' });
    const chosen = await deps.channels.meetingArena(id.data);
    res.send(200, chosen ?? {});
  }));
  server.put('/api/meeting', signedIn(async (req, res, user) => {
    const parsed = z.object({ id: meetingId, arenaId: z.string().max(60) }).safeParse(req.body);
    const content = await deps.plan.content();
    if (!parsed.success || !content.arenas.some((a) => a.id === parsed.data.arenaId)) return void res.send(400, { error: 'Välj en av planens arenor.' });
    await deps.channels.chooseMeetingArena(parsed.data.id, parsed.data.arenaId, user.name);
    res.send(200, await deps.channels.meetingArena(parsed.data.id));
  }));

  server.get('/tab/*', serve);
  server.get('/tab', async (_req: Request, res: Response) => {
    res.writeHead(302, { Location: '/tab/index.html' });
    res.end();
  });
}
