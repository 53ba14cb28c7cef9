// "ny aktivitet": an arena adopts one of the plan's recommended local activities, or adds its
// own. Only municipal arenas have local activities; the county's are Bilaga 1's county-wide ones.
import type { CardJson } from '../cards/bind';
import { messageCard } from '../cards/messageCard';
import { newActivityAddedCard, newActivityCard, type NewActivityCardData } from '../cards/newActivityCard';
import { mayChange } from '../domain/authorization';
import { defaultPeriod, parseAdoption, parseOwnActivity, PERIOD_YEARS } from '../domain/localActivity';
import type { ActivityView } from '../domain/planView';
import type { Feature } from './feature';
import { cards, type ArenaTurn } from './turn';

export const newActivityFeature: Feature = {
  commands: {
    newActivity: async (at) => cards(gate(at) ?? (await formCard(at, {}))),
  },
  actions: {
    adoptRecommendation: async (at, data) => gate(at) ?? adopt(at, data),
    createOwnActivity: async (at, data) => gate(at) ?? createOwn(at, data),
  },
};

/** The county channel gets an explanation, and a person who may not change the arena a refusal. */
function gate(at: ArenaTurn): CardJson | undefined {
  if (at.arena.kind === 'county') {
    return messageCard({
      title: 'Lokala aktiviteter läggs till i arenornas kanaler',
      text: 'Länets aktiviteter är de länsövergripande aktiviteterna i Bilaga 1. Lokala aktiviteter, planens rekommenderade och arenornas egna, antas och läggs till i varje lokal samverkansarenas kanal.',
      buttons: [{ title: 'Visa aktiviteter', command: 'aktiviteter' }],
    });
  }
  const decision = mayChange(at.origin, at.arena);
  if (!decision.allowed) return messageCard({ title: 'Det här får du inte ändra här', text: decision.reason, tone: 'warning' });
  return undefined;
}

async function adopt(at: ArenaTurn, data: Record<string, unknown>): Promise<CardJson> {
  const { services, arena, view, turn } = at;
  const parsed = parseAdoption(data, view.strategies, services.now());
  if (!parsed.ok) return formCard(at, data, { title: 'Rekommendationen antogs inte', messages: parsed.errors });
  const { recommendationId, strategyId, title, period } = parsed.value;
  const outcome = await services.localActivities.adopt(arena.id, { id: recommendationId, title }, strategyId, period, turn.actor);
  if (outcome.kind === 'created') services.log.info({ arenaId: arena.id, activityId: outcome.activity.id, recommendationId }, 'Recommendation adopted');
  return addedCard(at, outcome.kind, outcome.activity);
}

async function createOwn(at: ArenaTurn, data: Record<string, unknown>): Promise<CardJson> {
  const { services, arena, view, turn } = at;
  const parsed = parseOwnActivity(data, view.strategies, services.now());
  if (!parsed.ok) return formCard(at, data, { title: 'Aktiviteten lades inte till', messages: parsed.errors });
  const outcome = await services.localActivities.createOwn(arena.id, parsed.value, turn.actor);
  services.log.info({ arenaId: arena.id, activityId: outcome.activity.id }, 'Own local activity added');
  return addedCard(at, outcome.kind, outcome.activity);
}

function addedCard(at: ArenaTurn, outcome: 'created' | 'alreadyAdopted', activity: ActivityView): CardJson {
  const strategy = at.view.strategies.find((s) => s.id === activity.strategyId);
  return newActivityAddedCard({ outcome, arenaName: at.arena.name, activity, strategy });
}

/**
 * The card with the recommendations the arena has not adopted and the own-activity form. After a
 * refused submission it is shown again with the reasons and with what the person entered.
 */
async function formCard(at: ArenaTurn, submitted: Record<string, unknown>, errors?: NewActivityCardData['errors']): Promise<CardJson> {
  const { services, arena, view } = at;
  const local = await services.plan.scope(arena.id);
  const adopted = new Map(local.filter((a) => a.recommendationId).map((a) => [a.recommendationId!, a]));
  const fallback = defaultPeriod(services.now());
  const text = (key: string) => (typeof submitted[key] === 'string' ? (submitted[key] as string) : '');
  const year = (key: string, otherwise: number) => {
    const n = Number(text(key));
    return Number.isInteger(n) && n >= PERIOD_YEARS.first && n <= PERIOD_YEARS.last ? n : otherwise;
  };
  return newActivityCard({
    arenaName: arena.name,
    strategies: view.strategies.map((s) => ({
      number: s.number,
      title: s.title,
      open: s.localRecommendations.filter((r) => !adopted.has(r.id)),
      adopted: s.localRecommendations.flatMap((r) => {
        const a = adopted.get(r.id);
        return a ? [{ title: r.title, period: a.period }] : [];
      }),
    })),
    strategyChoices: view.strategies,
    adoptPeriod: { from: year('adoptFrom', fallback.from), to: year('adoptTo', fallback.to) },
    own: {
      strategyId: view.strategies.some((s) => s.id === submitted.strategyId) ? text('strategyId') : '',
      title: text('title'),
      from: year('periodFrom', fallback.from),
      to: year('periodTo', fallback.to),
      measure: text('measure'),
      target: text('target'),
    },
    ...(errors ? { errors } : {}),
  });
}
