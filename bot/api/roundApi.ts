// The tab's API for the yearly follow-up rounds: the list, one round's progress and the county's
// analysis, opening / changing / closing a round, an arena's submission, and a round's follow-up
// state (the snapshot of a closed round). Changes go through the same use cases as the bot's cards
// (bot/useCases/followUpRound.ts); registered behind the tab's sign-in (tabApi.ts).
import type { Request, Response } from 'restify';
import type { Origin } from '../domain/authorization';
import type { Round } from '../domain/followUpRound';
import type { Arena } from '../domain/plan';
import { parseId } from '../domain/validation';
import type { PlanContentView } from '../domain/planView';
import type { ChannelStore } from '../storage/channelStore';
import type { MeasureStore } from '../storage/measureStore';
import type { PlanStore } from '../storage/planStore';
import type { RoundStore } from '../storage/roundStore';
import type { ProactiveSender } from '../useCases/proactiveSender';
import type { TabLinks } from '../domain/deepLinks';
import {
  analysisHistory, announceRound, changeRoundAndTell, listRounds, mayManageRounds, openRound, roundAnalyses, roundProgress, roundState, saveAnalysis, submitRound,
  type RoundDeps, type Who,
} from '../useCases/followUpRound';
import { arenaRoundCardFor, roundNoticeCard } from '../cards/roundCards';
import type { UpdateOutcome } from '../useCases/outcome';
import type { TabUser } from './ssoAuth';

export interface RoundApiDeps {
  plan: PlanStore;
  channels: ChannelStore;
  measures: MeasureStore;
  rounds: RoundStore;
  sender: ProactiveSender;
  projectLeaderIds: string[];
  now: () => Date;
  /** For the cards posted to the arenas when a round is opened from the tab (optional in tests). */
  links?: TabLinks;
}

type Handler = (req: Request, res: Response, user: TabUser) => Promise<void>;

/** The tab acts like personal chat: for an arena as a member of its channel (bot/api/tabUpdate.ts). */
async function whoFor(deps: Pick<RoundApiDeps, 'channels'>, user: TabUser, arena: Arena): Promise<Who> {
  const origin: Origin = { kind: 'personal', arenaId: arena.id, memberOfArenaChannel: await deps.channels.isMember(arena.id, user.id) };
  return { actor: { id: user.id, name: user.name }, origin };
}

const countyOf = (view: PlanContentView) => view.arenas.find((a) => a.kind === 'county')!;
const body = (req: Request): Record<string, unknown> => (req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : {});
const etagOf = (req: Request, b: Record<string, unknown>) => req.header('if-match') || b.etag;

const NOT_FOUND = 'Det finns ingen sådan uppföljningsomgång. Ingenting har ändrats.';

/** An outcome as HTTP: 200 with `{ [key]: after }` (201 when created), 400 / 403 / 404 / 409. */
function send<T>(res: Response, outcome: UpdateOutcome<T, unknown>, key: string, conflictText: string, created = false): void {
  switch (outcome.kind) {
    case 'saved':
      return void res.send(created ? 201 : 200, { [key]: outcome.after });
    case 'unchanged':
      return void res.send(200, { [key]: outcome.after });
    case 'conflict':
      return void res.send(409, { error: conflictText, current: outcome.current });
    case 'refused':
      return void res.send(outcome.reason === 'notAllowed' ? 403 : 400, { error: outcome.message, ...(outcome.errors.length ? { errors: outcome.errors } : {}) });
    case 'notFound':
      return void res.send(404, { error: NOT_FOUND });
  }
}

export function roundRoutes(deps: RoundApiDeps): Record<'list' | 'open' | 'get' | 'change' | 'analysis' | 'analysisHistory' | 'submit' | 'state', Handler> {
  const useCaseDeps: RoundDeps = { plan: deps.plan, measures: deps.measures, rounds: deps.rounds, projectLeaderIds: deps.projectLeaderIds, now: deps.now };
  const countyWho = async (user: TabUser) => whoFor(deps, user, countyOf(await deps.plan.content()));
  const manages = async (user: TabUser) => mayManageRounds(await deps.plan.content(), await countyWho(user), deps.projectLeaderIds);
  // Ids reach the store's keys: a round is a year, a strategy an id of the plan; anything else is not found.
  const roundId = (req: Request) => (/^\d{4}$/.test(String(req.params.roundId ?? '')) ? String(req.params.roundId) : '0000');
  const strategyId = (req: Request) => {
    const parsed = parseId(req.params.strategyId);
    return parsed.ok ? parsed.value : 'unknown';
  };

  return {
    list: async (_req, res, user) => {
      const [rounds, mayManage] = await Promise.all([listRounds(useCaseDeps), manages(user)]);
      res.send(200, { rounds, mayManage });
    },

    open: async (req, res, user) => {
      const b = body(req);
      const outcome = await openRound(useCaseDeps, await countyWho(user), { name: b.name, from: b.from, to: b.to, lastDay: b.lastDay });
      if (outcome.kind === 'saved') {
        const links: TabLinks = deps.links ?? { tab: () => '', share: () => '' };
        await announceRound({ ...useCaseDeps, channels: deps.channels, sender: deps.sender }, outcome.after, (view) => arenaRoundCardFor(links, view));
      }
      send<Round>(res, outcome, 'round', 'En uppföljningsomgång är redan öppen, eller årets omgång finns redan. Ingenting har ändrats.', true);
    },

    get: async (req, res, user) => {
      const id = roundId(req);
      const [found, analysis, mayManage] = await Promise.all([roundProgress(useCaseDeps, id), roundAnalyses(useCaseDeps, id), manages(user)]);
      if (!found) return void res.send(404, { error: NOT_FOUND });
      res.send(200, { round: found.round, mayManage, progress: found.progress, analysis });
    },

    change: async (req, res, user) => {
      const b = body(req);
      const { outcome } = await changeRoundAndTell({ ...useCaseDeps, channels: deps.channels, sender: deps.sender }, await countyWho(user), roundId(req), { etag: etagOf(req, b), name: b.name, lastDay: b.lastDay, ...(b.close === true ? { close: true } : {}) }, roundNoticeCard);
      send<Round>(res, outcome, 'round', 'Någon annan har ändrat omgången sedan du öppnade den. Ingenting har sparats.');
    },

    analysis: async (req, res, user) => {
      const b = body(req);
      const outcome = await saveAnalysis(useCaseDeps, await countyWho(user), roundId(req), strategyId(req), etagOf(req, b), b.text);
      send(res, outcome, 'analysis', 'Någon annan har ändrat analysen sedan du öppnade den. Ingenting har sparats; din text finns kvar.');
    },

    analysisHistory: async (req, res) => {
      if (!(await deps.rounds.get(roundId(req)))) return void res.send(404, { error: NOT_FOUND });
      res.send(200, { history: await analysisHistory(useCaseDeps, roundId(req), strategyId(req)) });
    },

    submit: async (req, res, user) => {
      const b = body(req);
      const arena = (await deps.plan.content()).arenas.find((a) => a.id === b.arenaId);
      if (!arena) return void res.send(400, { error: 'Välj arenan som lämnar in.', errors: ['Okänd arena.'] });
      const outcome = await submitRound(useCaseDeps, await whoFor(deps, user, arena), roundId(req), arena, b.comment);
      send(res, outcome, 'submission', 'Inlämningen kunde inte sparas just nu. Försök igen.');
    },

    state: async (req, res) => {
      const state = await roundState(useCaseDeps, roundId(req));
      if (!state) return void res.send(404, { error: NOT_FOUND });
      res.send(200, state);
    },
  };
}
