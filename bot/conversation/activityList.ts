// "aktiviteter [strategi]": the arena's activities with status and an Uppdatera button, paged.
import { z } from 'zod';
import { activityListCard } from '../cards/activityListCard';
import type { CardJson } from '../cards/bind';
import { messageCard } from '../cards/messageCard';
import { findStrategy, type Command } from '../domain/commands';
import { helpExamples } from './help';
import type { Feature } from './feature';
import { cards, type ArenaTurn, type Reply } from './turn';

const pageData = z.object({
  strategyId: z.string().max(64).optional(),
  page: z.coerce.number().int().min(1).max(1000).optional(),
});

async function listCard(at: ArenaTurn, strategyId: string, page: number): Promise<CardJson> {
  const { arena, view, services } = at;
  const strategy = view.strategies.find((s) => s.id === strategyId);
  const all = await services.plan.scope(arena.id);
  const activities = strategy ? all.filter((a) => a.strategyId === strategy.id) : all;
  const county = arena.kind === 'county';
  if (activities.length === 0) {
    return messageCard({
      title: strategy ? `Inga aktiviteter under ${strategy.number}. ${strategy.title}` : `${arena.name} har inga aktiviteter ännu`,
      text: county ? 'Det finns inga länsövergripande aktiviteter här.' : 'Skriv "ny aktivitet" för att anta en av planens rekommenderade lokala aktiviteter eller lägga till en egen.',
      buttons: county ? [] : [{ title: 'Ny aktivitet', command: 'ny aktivitet' }],
    });
  }
  return activityListCard({
    title: strategy ? `${strategy.number}. ${strategy.title}` : county ? 'Länsövergripande aktiviteter (Bilaga 1)' : `${arena.name}s aktiviteter`,
    subtitle: strategy ? (county ? 'Länsövergripande aktiviteter i Bilaga 1.' : `${arena.name}s aktiviteter.`) : 'Alla strategier.',
    activities,
    strategyId: strategy?.id ?? '',
    page,
  });
}

export async function activitiesReply(at: ArenaTurn, command: Command): Promise<Reply> {
  const typed = command.kind === 'activities' ? command.strategy : undefined;
  if (typed) {
    const strategy = findStrategy(at.view.strategies, typed);
    if (!strategy) {
      const example = helpExamples(at.view);
      return cards(
        messageCard({
          title: `Jag hittar ingen strategi som heter "${typed.slice(0, 60)}"`,
          text: `Skriv "aktiviteter" följt av strategins nummer eller ett ord ur dess namn, t.ex. "aktiviteter ${example.strategyNumber}" eller "aktiviteter ${example.strategyWord}":`,
          tone: 'warning',
          details: at.view.strategies.map((s) => `${s.number}. ${s.title}`),
        }),
      );
    }
    return cards(await listCard(at, strategy.id, 1));
  }
  return cards(await listCard(at, '', 1));
}

export const activitiesFeature: Feature = {
  commands: { activities: activitiesReply },
  actions: {
    listActivities: async (at, data) => {
      const parsed = pageData.safeParse(data);
      if (!parsed.success) return messageCard({ title: 'Det gick inte att visa sidan', text: 'Skriv "aktiviteter" för att börja om.', tone: 'error' });
      return listCard(at, parsed.data.strategyId ?? '', parsed.data.page ?? 1);
    },
  },
};
