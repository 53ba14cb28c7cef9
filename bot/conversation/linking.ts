// Linking a channel (or a personal chat) to an arena: by card, or by "koppla <namn>".
// Re-linking a linked channel asks for confirmation first, and only a project leader may
// (domain/projectLeaders.ts).
import { z } from 'zod';
import type { CardJson } from '../cards/bind';
import { linkCard, linkConfirmCard } from '../cards/linkCard';
import { messageCard } from '../cards/messageCard';
import { findArena } from '../domain/commands';
import type { Arena } from '../domain/plan';
import type { PlanContentView } from '../domain/planView';
import { isProjectLeader, projectLeadersText } from '../domain/projectLeaders';
import { currentProjectLeaders } from '../useCases/projectLeaders';
import type { Services } from './services';
import { currentChannel } from './arenaResolution';
import { isPlanTeam, notThePlanTeamCard, pinPlanTeam } from './planTeam';
import type { Turn } from './turn';

const linkData = z.object({
  arenaId: z.string().max(64),
  confirm: z.boolean().optional(),
  etag: z.string().max(200).optional(),
  /** "Nej, behåll": the answer is one line, nothing changes. */
  keep: z.boolean().optional(),
});

function linkedCard(arena: Arena, where: 'channel' | 'personal'): CardJson {
  return messageCard({
    title: where === 'channel' ? `Kanalen är kopplad till ${arena.name}` : `Du följer nu ${arena.name}`,
    text:
      where === 'channel'
        ? `Här följer ni upp ${arena.kind === 'county' ? 'de länsövergripande aktiviteterna i Bilaga 1 och effektmåtten' : `${arena.name}s aktiviteter`}. Påminnelser om uppföljning kommer hit.`
        : `Här i chatten ser du ${arena.name}s aktiviteter.`,
    tone: 'success',
    buttons: [
      { title: 'Status', command: 'status' },
      { title: 'Aktiviteter', command: 'aktiviteter' },
      { title: 'Hjälp', command: 'hjälp' },
    ],
  });
}

function unknownArenaCard(view: PlanContentView, typed: string): CardJson {
  return messageCard({
    title: `Jag hittar ingen arena som heter "${typed.slice(0, 60)}"`,
    text: 'Skriv "koppla" följt av en av de här, eller välj i kortet nedan:',
    tone: 'warning',
    details: view.arenas.map((a) => a.name),
  });
}

/** "koppla [namn]": links at once, asks to confirm a re-link, or shows the choices. */
export async function linkByText(turn: Turn, services: Services, view: PlanContentView, typed: string | undefined): Promise<CardJson[]> {
  const where = turn.place.kind === 'channel' ? 'channel' : 'personal';
  if (!typed) return [linkCard(view.arenas, where)];
  const arena = findArena(view.arenas, typed);
  if (!arena) return [unknownArenaCard(view, typed), linkCard(view.arenas, where)];
  return [await link(turn, services, view, arena, false)];
}

/** The link card's button (and the re-link confirmation's). */
export async function linkByCard(turn: Turn, services: Services, view: PlanContentView, data: unknown): Promise<CardJson> {
  const parsed = linkData.safeParse(data);
  const arena = parsed.success ? view.arenas.find((a) => a.id === parsed.data.arenaId) : undefined;
  if (!parsed.success || !arena) {
    return messageCard({ title: 'Välj en arena', text: 'Jag känner inte igen valet. Välj en av arenorna i listan.', tone: 'warning' });
  }
  if (parsed.data.keep) return messageCard({ title: `Kanalen är fortfarande kopplad till ${arena.name}.`, text: '' });
  return link(turn, services, view, arena, parsed.data.confirm === true, parsed.data.etag);
}

async function link(turn: Turn, services: Services, view: PlanContentView, arena: Arena, confirmed: boolean, etag?: string): Promise<CardJson> {
  const place = turn.place;
  if (place.kind === 'groupChat') {
    return messageCard({ title: 'Här kan jag inte hjälpa till', text: 'Koppla en av planens kanaler, eller välj arena i personlig chatt.' });
  }
  if (place.kind === 'personal') {
    await services.channels.choosePersonalArena(place.userId, arena.id);
    return linkedCard(arena, 'personal');
  }
  if (!(await isPlanTeam(services, place.teamId))) return notThePlanTeamCard();
  const channel = await currentChannel(turn, services);
  const current = view.arenas.find((a) => a.id === channel.arenaId);
  if (current?.id === arena.id) {
    await services.channels.recordMember(arena.id, turn.actor.id);
    return linkedCard(arena, 'channel');
  }
  // Linking a channel nobody has linked is open to the plan's team (unless PROJECT_LEADER_IDS names
  // who links); re-linking one that follows another arena is the project leaders' alone.
  const leaders = await currentProjectLeaders(services);
  const leader = isProjectLeader(leaders, turn.actor.id);
  if (!leader && (leaders.source === 'configured' || current)) {
    return messageCard({
      title: current ? 'Det är planens projektledare som kopplar om kanaler' : 'Det är planens projektledare som kopplar kanaler',
      text: `${current ? `Kanalen är kopplad till ${current.name}. ` : ''}${projectLeadersText(leaders)} Be en projektledare att koppla ${current ? 'om ' : ''}kanalen. Ingenting har ändrats.`,
      tone: 'warning',
    });
  }
  if (current && !confirmed) return linkConfirmCard(current, arena, channel.etag);
  // The first link pins the plan's team; a link from another team at the same moment loses.
  if (!(await pinPlanTeam(services, place.teamId))) return notThePlanTeamCard();
  // The plan team's first link records its person as project leader (when none is configured).
  const first = leaders.source === 'none' && !(await services.channels.channelsOfTeam(place.teamId)).some((c) => c.arenaId && c.state === 'active');
  // A confirmation carries the ETag the person saw: if someone re-linked meanwhile, ask again.
  // Someone who is no project leader links only the unlinked channel they saw, never one just linked.
  const linked = await services.channels.link(place.channelId, arena.id, turn.actor.name, !leader ? channel.etag : confirmed ? etag : undefined, turn.actor.id);
  if (!linked) {
    const now = (await services.channels.get(place.channelId))!;
    const nowArena = view.arenas.find((a) => a.id === now.arenaId);
    return nowArena ? linkConfirmCard(nowArena, arena, now.etag) : linkCard(view.arenas, 'channel', arena.id);
  }
  if (first) await services.channels.recordFirstProjectLeader({ id: turn.actor.id, name: turn.actor.name }, place.channelId);
  // Whoever links the channel takes part in it (as writing in it would, see arenaResolution.ts).
  await services.channels.recordMember(arena.id, turn.actor.id);
  return linkedCard(arena, 'channel');
}
