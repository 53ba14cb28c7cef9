// GET /api/rounds/compare?from=<id>&to=<id>: two follow-up rounds side by side (issue #12,
// "Uppföljning 2025" against "Uppföljning 2026"). Each round's state is the round's own: the frozen
// snapshot of a closed round, the live state of an open one (the round use case's roundState).
import type { Request, Response } from 'restify';
import type { Round } from '../domain/followUpRound';
import type { FollowUpState } from '../domain/followUpState';
import type { EffectMeasure } from '../domain/plan';
import { compareRounds, type RoundComparison } from '../domain/roundComparison';
import { roundState, type RoundDeps } from '../useCases/followUpRound';
import type { TabUser } from './ssoAuth';

/** The little of a round the comparison needs (bot/domain/followUpRound.ts has the whole). */
export interface ComparedRound {
  id: string;
  name: string;
  period: { from: string; to: string };
  status: 'open' | 'closed';
}

export interface RoundCompareDeps<R extends ComparedRound = ComparedRound> {
  round: (id: string) => Promise<R | undefined>;
  state: (id: string) => Promise<FollowUpState | undefined>;
  measures: () => Promise<Array<Pick<EffectMeasure, 'id' | 'direction'>>>;
}

export interface CompareApiView<R extends ComparedRound = ComparedRound> {
  from: R;
  to: R;
  comparison: RoundComparison;
}

const ID = /^\d{4}$/;

export function roundCompareRoute<R extends ComparedRound>(deps: RoundCompareDeps<R>): (req: Request, res: Response, user: TabUser) => Promise<void> {
  return async (req, res) => {
    const query = (req.query ?? {}) as Record<string, unknown>;
    const [fromId, toId] = [query.from, query.to].map((v) => (typeof v === 'string' && ID.test(v) ? v : undefined));
    if (!fromId || !toId) return void res.send(400, { error: 'Välj två omgångar att jämföra.' });
    if (fromId === toId) return void res.send(400, { error: 'Välj två olika omgångar att jämföra.' });
    const [from, to] = await Promise.all([deps.round(fromId), deps.round(toId)]);
    const unknown = [!from && fromId, !to && toId].filter(Boolean);
    if (!from || !to) return void res.send(400, { error: `Det finns ingen uppföljningsomgång för ${unknown.join(' och ')}.` });
    // The earlier round first, whichever order they were asked in: what moved is read forwards.
    const [early, late] = from.period.to <= to.period.to ? [from, to] : [to, from];
    const [earlyState, lateState, measures] = await Promise.all([deps.state(early.id), deps.state(late.id), deps.measures()]);
    if (!earlyState || !lateState) return void res.send(400, { error: 'Omgångens läge kunde inte läsas.' });
    const view: CompareApiView<R> = { from: early, to: late, comparison: compareRounds(earlyState, lateState, measures) };
    res.send(200, view);
  };
}

/** The route as the tab's API registers it: rounds from the round store, each state from roundState. */
export function roundCompare(deps: RoundDeps): (req: Request, res: Response, user: TabUser) => Promise<void> {
  return roundCompareRoute<Round>({
    round: (id) => deps.rounds.get(id),
    state: (id) => roundState(deps, id),
    measures: async () => (await deps.plan.content()).strategies.flatMap((s) => s.effectMeasures),
  });
}
