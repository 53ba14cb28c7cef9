// "ny aktivitet": an arena adopts one of the plan's recommended local activities, or adds its
// own, in short steps: strategy first, then its recommendations (or the own-activity form). Only municipal arenas have local activities; the county's are Bilaga 1's county-wide ones.
import type { CardJson } from '../cards/bind';
import { messageCard } from '../cards/messageCard';
import { newActivityAddedCard, newActivityCard, newActivityStrategyCard, ownActivityCard, type FormErrors, type NewActivityStrategy } from '../cards/newActivityCard';
import { mayChange } from '../domain/authorization';
import { defaultPeriod, parseAdoption, parseOwnActivity, PERIOD_YEARS } from '../domain/localActivity';
import type { ActivityView } from '../domain/planView';
import type { Feature } from './feature';
import { cards, type ArenaTurn } from './turn';

export const newActivityFeature: Feature = {
  commands: {
    newActivity: async (at) => cards(gate(at) ?? (await overviewCard(at))),
  },
  actions: {
    chooseNewActivityStrategy: async (at, data) => gate(at) ?? (await strategyCard(at, typeof data.strategyId === 'string' ? data.strategyId : '', {})),
    ownActivityForm: async (at, data) => gate(at) ?? ownCard(at, { strategyId: data.strategyId }),
    adoptRecommendation: async (at, data) => gate(at) ?? adopt(at, data),
    createOwnActivity: async (at, data) => gate(at) ?? createOwn(at, data),
  },
};

/** The county channel gets one line and the way to its own activities; a person who may not change the arena a refusal. */
function gate(at: ArenaTurn): CardJson | undefined {
  if (at.arena.kind === 'county') {
    return messageCard({
      title: 'Lokala aktiviteter läggs till i varje lokal samverkansarenas kanal; här följer ni upp Bilaga 1.',
      text: '',
      buttons: [{ title: 'Bilaga 1:s aktiviteter', command: 'aktiviteter' }],
    });
  }
  const decision = mayChange(at.origin, at.arena);
  if (!decision.allowed) return messageCard({ title: 'Det här får du inte ändra här', text: decision.reason, tone: 'warning' });
  return undefined;
}

async function adopt(at: ArenaTurn, data: Record<string, unknown>): Promise<CardJson> {
  const { services, arena, view, turn } = at;
  const parsed = parseAdoption(data, view.strategies, services.now());
  if (!parsed.ok) {
    const strategy = view.strategies.find((s) => s.localRecommendations.some((r) => r.id === data.recommendationId));
    if (!strategy) return messageCard({ title: 'Rekommendationen antogs inte', text: parsed.errors.join(' '), tone: 'warning', buttons: [{ title: 'Ny aktivitet', command: 'ny aktivitet' }] });
    return strategyCard(at, strategy.id, data, { title: 'Rekommendationen antogs inte', messages: parsed.errors });
  }
  const { recommendationId, strategyId, title, period } = parsed.value;
  const outcome = await services.localActivities.adopt(arena.id, { id: recommendationId, title }, strategyId, period, turn.actor);
  if (outcome.kind === 'created') services.log.info({ arenaId: arena.id, activityId: outcome.activity.id, recommendationId }, 'Recommendation adopted');
  return addedCard(at, outcome.kind, outcome.activity);
}

async function createOwn(at: ArenaTurn, data: Record<string, unknown>): Promise<CardJson> {
  const { services, arena, view, turn } = at;
  const parsed = parseOwnActivity(data, view.strategies, services.now());
  if (!parsed.ok) return ownCard(at, data, { title: 'Aktiviteten lades inte till', messages: parsed.errors });
  const outcome = await services.localActivities.createOwn(arena.id, parsed.value, turn.actor);
  services.log.info({ arenaId: arena.id, activityId: outcome.activity.id }, 'Own local activity added');
  return addedCard(at, outcome.kind, outcome.activity);
}

function addedCard(at: ArenaTurn, outcome: 'created' | 'alreadyAdopted', activity: ActivityView): CardJson {
  const strategy = at.view.strategies.find((s) => s.id === activity.strategyId);
  return newActivityAddedCard({ outcome, arenaName: at.arena.name, activity, strategy });
}

/** The strategies with what the arena has adopted and not. */
async function strategiesOf(at: ArenaTurn): Promise<NewActivityStrategy[]> {
  const local = await at.services.plan.scope(at.arena.id);
  const adopted = new Map(local.filter((a) => a.recommendationId).map((a) => [a.recommendationId!, a]));
  return at.view.strategies.map((s) => ({
    id: s.id,
    number: s.number,
    title: s.title,
    open: s.localRecommendations.filter((r) => !adopted.has(r.id)),
    adopted: s.localRecommendations.flatMap((r) => {
      const a = adopted.get(r.id);
      return a ? [{ title: r.title, period: a.period }] : [];
    }),
  }));
}

async function overviewCard(at: ArenaTurn): Promise<CardJson> {
  return newActivityCard({ arenaName: at.arena.name, strategies: await strategiesOf(at) });
}

const textOf = (submitted: Record<string, unknown>, key: string) => (typeof submitted[key] === 'string' ? (submitted[key] as string) : '');

function yearOf(submitted: Record<string, unknown>, key: string, otherwise: number): number {
  const n = Number(textOf(submitted, key));
  return Number.isInteger(n) && n >= PERIOD_YEARS.first && n <= PERIOD_YEARS.last ? n : otherwise;
}

/**
 * One strategy's recommendations to adopt. After a refused submission it is shown again with the
 * reasons (next to the buttons) and the period the person chose.
 */
async function strategyCard(at: ArenaTurn, strategyId: string, submitted: Record<string, unknown>, errors?: FormErrors): Promise<CardJson> {
  const strategy = (await strategiesOf(at)).find((s) => s.id === strategyId);
  if (!strategy) return overviewCard(at);
  const fallback = defaultPeriod(at.services.now());
  return newActivityStrategyCard({
    arenaName: at.arena.name,
    strategy,
    adoptPeriod: { from: yearOf(submitted, 'adoptFrom', fallback.from), to: yearOf(submitted, 'adoptTo', fallback.to) },
    ...(errors ? { errors } : {}),
  });
}

/** The own-activity form, with what the person entered after a refused submission. */
function ownCard(at: ArenaTurn, submitted: Record<string, unknown>, errors?: FormErrors): CardJson {
  const { view, services } = at;
  const fallback = defaultPeriod(services.now());
  return ownActivityCard({
    arenaName: at.arena.name,
    strategyChoices: view.strategies,
    own: {
      strategyId: view.strategies.some((s) => s.id === submitted.strategyId) ? textOf(submitted, 'strategyId') : '',
      title: textOf(submitted, 'title'),
      from: yearOf(submitted, 'periodFrom', fallback.from),
      to: yearOf(submitted, 'periodTo', fallback.to),
      measure: textOf(submitted, 'measure'),
      target: textOf(submitted, 'target'),
    },
    ...(errors ? { errors } : {}),
  });
}
