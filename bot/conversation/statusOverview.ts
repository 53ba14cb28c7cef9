// "status": what the arena follows up at a glance, per strategy (for an arena: its local
// activities and its follow-up of Bilaga 1), the latest changes and what is overdue.
import { statusCard } from '../cards/statusCard';
import { mayChange } from '../domain/authorization';
import { describeEntry } from '../domain/format';
import { NOT_FOLLOWED_UP, statusText } from '../domain/followUp';
import { followUpAttention, notFollowedUpSentence, progressByStrategy } from '../domain/overview';
import { arenaGroups, planNumbers } from './activityList';
import type { Feature } from './feature';
import { cards, type ArenaTurn, type Reply } from './turn';

const LATEST = 5;

export async function statusReply(at: ArenaTurn): Promise<Reply> {
  const { arena, view, services } = at;
  const today = services.now();
  const [groups, latest] = await Promise.all([arenaGroups(at), services.activities.latestChanges(arena.id, LATEST)]);
  const all = groups.flatMap((g) => g.activities);
  // The plan's numbers before Bilaga 1's titles ("2.3.1 …"), so that people can write them.
  const numbers = planNumbers(at, groups[groups.length - 1]?.activities ?? []);
  const numbered = (id: string, title: string) => (numbers.has(id) ? `${numbers.get(id)} ${title}` : title);
  const titles = new Map(all.flatMap((a) => a.subActivities.map((d) => [d.id, d.title] as const)));
  const county = arena.kind === 'county';
  const attention = followUpAttention(all, today);
  return cards(
    statusCard({
      title: `Status för ${arena.name}`,
      subtitle: county ? 'Länsövergripande aktiviteter i Bilaga 1, per strategi.' : `${arena.name}s lokala aktiviteter och uppföljning av Bilaga 1, per strategi.`,
      groups: groups.map((g) => {
        const subs = g.activities.flatMap((a) => a.subActivities);
        const notFollowed = subs.filter((d) => !d.followedUp).length;
        const note = subs.length === 0 ? noLocalActivities(arena.name) : notFollowed > 0 ? `${NOT_FOLLOWED_UP}: ${notFollowed} av ${subs.length}.` : '';
        return { title: g.title, note, progress: progressByStrategy(view.strategies, g.activities, today) };
      }),
      changes: latest.map((e) => `${numbered(e.subActivityId, titles.get(e.subActivityId) ?? e.subActivityId)}: ${describeEntry(e)}`),
      overdue: attention.overdue.map(({ activity, sub }) => ({ text: `${numbered(sub.id, sub.title)} (${activity.period.label}): ${statusText(sub)}`, scopeId: sub.scopeId, id: sub.id })),
      notFollowedUp: notFollowedUpSentence(attention),
      expiredNotFollowedUp: attention.expiredNotFollowedUp.length,
      emptyText: county ? 'Inga länsövergripande aktiviteter finns inlästa.' : noLocalActivities(arena.name),
      tabUrl: services.links.tab('oversikt', arena.id),
      // Another arena's status, or a personal chat of someone not in the arena's channel: read-only.
      editable: mayChange(at.origin, arena).allowed,
      ...(at.origin.arenaId !== arena.id ? { otherArenaName: arena.name } : {}),
    }),
  );
}

export function noLocalActivities(arenaName: string): string {
  return `${arenaName} har inga lokala aktiviteter ännu. Skriv "ny aktivitet" för att anta en av planens rekommenderade aktiviteter eller lägga till en egen.`;
}

export const statusFeature: Feature = {
  commands: { status: statusReply },
};
