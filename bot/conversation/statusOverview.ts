// "status": the arena's overview per strategy, the latest changes and what is overdue.
import { statusCard } from '../cards/statusCard';
import { describeEntry } from '../domain/format';
import { overdueItems, progressByStrategy } from '../domain/overview';
import type { Feature } from './feature';
import { cards, type ArenaTurn, type Reply } from './turn';

const LATEST = 5;

export async function statusReply(at: ArenaTurn): Promise<Reply> {
  const { arena, view, services } = at;
  const today = services.now();
  const [activities, latest] = await Promise.all([services.plan.scope(arena.id), services.activities.latestChanges(arena.id, LATEST)]);
  const titles = new Map(activities.flatMap((a) => a.subActivities.map((d) => [d.id, d.title] as const)));
  const county = arena.kind === 'county';
  return cards(
    statusCard({
      title: `Status för ${arena.name}`,
      subtitle: county ? 'Länsövergripande aktiviteter i Bilaga 1, per strategi.' : `${arena.name}s lokala aktiviteter, per strategi.`,
      progress: progressByStrategy(view.strategies, activities, today),
      changes: latest.map((e) => `${titles.get(e.subActivityId) ?? e.subActivityId}: ${describeEntry(e)}`),
      overdue: overdueItems(activities, today).map(({ activity, sub }) => `${sub.title} (${activity.period.label}): ${sub.statusLabel}`),
      emptyText: county
        ? 'Inga länsövergripande aktiviteter finns inlästa.'
        : `${arena.name} har inga lokala aktiviteter ännu. Skriv "ny aktivitet" för att anta en av planens rekommenderade aktiviteter eller lägga till en egen.`,
      tabUrl: services.links.tab('oversikt', arena.id),
    }),
  );
}

export const statusFeature: Feature = {
  commands: { status: statusReply },
};
