// Which arena a turn belongs to: the channel's linked arena, or the arena a person chose for
// personal chat. A channel nobody has linked yet gets the link card instead.
import type { Origin } from '../domain/authorization';
import type { Arena } from '../domain/plan';
import type { PlanContentView } from '../domain/planView';
import { linkCard } from '../cards/linkCard';
import { messageCard } from '../cards/messageCard';
import type { Services } from './services';
import type { ChannelRecord } from '../domain/channels';
import { isPlanTeam, notThePlanTeamCard } from './planTeam';
import { GROUP_CHAT_TEXT } from './help';
import { cards, type ArenaTurn, type Reply, type Turn } from './turn';

/**
 * The channel as stored, refreshed when it was marked removed or unreachable or its conversation
 * reference changed: people writing in it prove it is reachable again (the link is kept).
 */
export async function currentChannel(turn: Turn, services: Services): Promise<ChannelRecord> {
  const place = turn.place;
  if (place.kind !== 'channel') throw new Error('currentChannel needs a channel');
  const stored = await services.channels.get(place.channelId);
  if (stored && stored.state === 'active' && sameDestination(stored.reference, turn.reference)) return stored;
  return services.channels.remember({ ...place, reference: turn.reference });
}

/** Whether two conversation references reach the same place (service URL and conversation). */
function sameDestination(a: string, b: string): boolean {
  const where = (json: string) => {
    try {
      const r = JSON.parse(json) as { serviceUrl?: string; conversation?: { id?: string } };
      return `${r.serviceUrl ?? ''} ${r.conversation?.id ?? ''}`;
    } catch {
      return '';
    }
  };
  return where(a) !== '' && where(a) === where(b);
}

export type Resolution = { ok: true; at: ArenaTurn } | { ok: false; reply: Reply };

export async function resolveArena(turn: Turn, services: Services, view?: PlanContentView): Promise<Resolution> {
  const plan = view ?? (await services.plan.content());
  const place = turn.place;
  if (place.kind === 'groupChat') {
    return {
      ok: false,
      reply: cards(messageCard({ title: 'Det här gör jag i planens kanaler och i personlig chatt', text: GROUP_CHAT_TEXT, links: [{ title: 'Öppna planen', url: services.links.tab('oversikt') }], buttons: [{ title: 'Hjälp', command: 'hjälp' }] })),
    };
  }
  if (place.kind === 'channel') {
    if (!(await isPlanTeam(services, place.teamId))) return { ok: false, reply: cards(notThePlanTeamCard()) };
    const channel = await currentChannel(turn, services);
    const arena = plan.arenas.find((a) => a.id === channel.arenaId);
    if (!arena) {
      return { ok: false, reply: { text: 'Kanalen är inte kopplad till någon arena ännu.', cards: [linkCard(plan.arenas, 'channel')] } };
    }
    // Taking part in the arena's channel is what lets a person update it from personal chat.
    await services.channels.recordMember(arena.id, turn.actor.id);
    return { ok: true, at: { turn, arena, origin: { kind: 'channel', arenaId: arena.id }, view: plan, services } };
  }
  const arenaId = await services.channels.personalArena(place.userId);
  const arena = plan.arenas.find((a) => a.id === arenaId);
  if (!arena) return { ok: false, reply: cards(linkCard(plan.arenas, 'personal')) };
  const member = await services.channels.isMember(arena.id, turn.actor.id);
  return { ok: true, at: { turn, arena, origin: { kind: 'personal', arenaId: arena.id, memberOfArenaChannel: member }, view: plan, services } };
}

/**
 * Where a change would come from for an item of `scope`, as the rules see it (domain/authorization.ts):
 * a plan channel is its arena; a group chat or meeting, where a card shared from the compose box
 * lands, counts as personal chat about that scope (allowed to those who take part in its channel);
 * personal chat is the person's chosen arena. Undefined where nothing may be changed (an unlinked
 * channel, a channel outside the plan's team, personal chat without an arena).
 */
export async function originFor(turn: Turn, services: Services, scope: Arena): Promise<Origin | undefined> {
  const place = turn.place;
  if (place.kind === 'groupChat') return { kind: 'personal', arenaId: scope.id, memberOfArenaChannel: await services.channels.isMember(scope.id, turn.actor.id) };
  if (place.kind === 'channel') {
    if (!(await isPlanTeam(services, place.teamId))) return undefined;
    const arenaId = (await services.channels.get(place.channelId))?.arenaId;
    return arenaId ? { kind: 'channel', arenaId } : undefined;
  }
  const arenaId = await services.channels.personalArena(place.userId);
  return arenaId ? { kind: 'personal', arenaId, memberOfArenaChannel: await services.channels.isMember(arenaId, turn.actor.id) } : undefined;
}

/**
 * A card about one item shared into a group chat or meeting (from the compose box): its actions
 * work on that item's scope, with the permissions of personal chat (originFor).
 */
export async function resolveSharedItem(turn: Turn, services: Services, view: PlanContentView, scopeId: unknown): Promise<Resolution | undefined> {
  if (turn.place.kind !== 'groupChat') return undefined;
  const scope = view.arenas.find((a) => a.id === scopeId);
  if (!scope) return undefined;
  const origin = await originFor(turn, services, scope);
  if (!origin) return undefined;
  return { ok: true, at: { turn, arena: scope, origin, view, services } };
}
