// "aktiviteter [strategi]": what the arena follows up, with status and an Uppdatera button,
// paged. In an arena's channel: its local activities and Bilaga 1 as the arena implements it
// (plan 7.3); in the county channel: Bilaga 1. "försenat": only what is overdue.
import { z } from 'zod';
import { activityListCard, type ActivityGroup } from '../cards/activityListCard';
import type { CardJson } from '../cards/bind';
import { messageCard } from '../cards/messageCard';
import { findStrategy, type Command } from '../domain/commands';
import { isOverdue } from '../domain/followUp';
import type { ActivityView } from '../domain/planView';
import { searchCard } from './activitySearch';
import { helpExamples } from './help';
import type { Feature } from './feature';
import { cards, type ArenaTurn, type Reply } from './turn';

const pageData = z.object({
  strategyId: z.string().max(64).optional(),
  page: z.coerce.number().int().min(1).max(1000).optional(),
  list: z.enum(['aktiviteter', 'försenat']).optional(),
  // What a search's paging buttons carry ('' for a list without one); as long as a command may be.
  search: z.string().max(200).optional(),
});

type ListKind = 'aktiviteter' | 'försenat';
const LOCAL = 'Lokala aktiviteter';

/** The arena's groups: Bilaga 1 as it follows it up, and (for an arena) its local activities. */
export async function arenaGroups(at: ArenaTurn): Promise<ActivityGroup[]> {
  const { bilaga1, local } = await at.services.plan.arenaPlan(at.arena);
  if (at.arena.kind === 'county') return [{ title: '', activities: bilaga1 }];
  return [
    { title: LOCAL, activities: local },
    { title: 'Länsgemensamma aktiviteter (Bilaga 1)', activities: bilaga1 },
  ];
}

function only(activities: ActivityView[], keep: (a: ActivityView, d: ActivityView['subActivities'][number]) => boolean): ActivityView[] {
  return activities.map((a) => ({ ...a, subActivities: a.subActivities.filter((d) => keep(a, d)) })).filter((a) => a.subActivities.length > 0);
}

async function listCard(at: ArenaTurn, strategyId: string, page: number, list: ListKind): Promise<CardJson> {
  const { arena, view, services } = at;
  const today = services.now();
  const strategy = view.strategies.find((s) => s.id === strategyId);
  const groups = (await arenaGroups(at))
    .map((g) => ({ ...g, activities: only(g.activities, (a, d) => (!strategy || a.strategyId === strategy.id) && (list === 'aktiviteter' || isOverdue(a, d, today))) }))
    .filter((g) => g.activities.length > 0);
  const county = arena.kind === 'county';
  if (groups.length === 0) {
    if (list === 'försenat') {
      return messageCard({ title: 'Inget är försenat', text: `${county ? 'Inga länsövergripande aktiviteter' : `Inget som ${arena.name} följer upp`} har en prioriteringsperiod som gått ut utan att vara klar eller avbruten.`, tone: 'success', buttons: [{ title: 'Status', command: 'status' }] });
    }
    return messageCard({
      title: strategy ? `Inga aktiviteter under ${strategy.number}. ${strategy.title}` : `${arena.name} har inga aktiviteter ännu`,
      text: county ? 'Det finns inga länsövergripande aktiviteter här.' : 'Skriv "ny aktivitet" för att anta en av planens rekommenderade lokala aktiviteter eller lägga till en egen.',
      buttons: county ? [] : [{ title: 'Ny aktivitet', command: 'ny aktivitet' }],
    });
  }
  const whose = county ? 'Länsövergripande aktiviteter (Bilaga 1)' : `${arena.name}s aktiviteter`;
  return activityListCard({
    title: list === 'försenat' ? `Försenat: ${whose.charAt(0).toLowerCase()}${whose.slice(1)}` : strategy ? `${strategy.number}. ${strategy.title}` : whose,
    subtitle:
      list === 'försenat'
        ? 'Prioriteringsperioden har gått ut och de är varken klara eller avbrutna.'
        : strategy
          ? county
            ? 'Länsövergripande aktiviteter i Bilaga 1.'
            : `${arena.name}s aktiviteter.`
          : county
            ? 'Alla strategier.'
            : `Alla strategier: de lokala aktiviteterna och ${arena.name}s uppföljning av Bilaga 1, med länets status bredvid.${groups.some((g) => g.title === LOCAL) ? '' : ` ${arena.name} har inga lokala aktiviteter ännu: skriv "ny aktivitet" för att lägga till.`}`,
    groups,
    strategyId: strategy?.id ?? '',
    page,
    list,
    today,
    offerNew: !county && list === 'aktiviteter',
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
    return cards(await listCard(at, strategy.id, 1, 'aktiviteter'));
  }
  return cards(await listCard(at, '', 1, 'aktiviteter'));
}

export const activitiesFeature: Feature = {
  commands: {
    activities: activitiesReply,
    overdue: async (at) => cards(await listCard(at, '', 1, 'försenat')),
  },
  actions: {
    listActivities: async (at, data) => {
      const parsed = pageData.safeParse(data);
      if (!parsed.success) return messageCard({ title: 'Det gick inte att visa sidan', text: 'Skriv "aktiviteter" för att börja om.', tone: 'error' });
      const search = parsed.data.search?.trim();
      if (search && parsed.data.list !== 'försenat') return searchCard(at, search, parsed.data.page ?? 1);
      return listCard(at, parsed.data.strategyId ?? '', parsed.data.page ?? 1, parsed.data.list ?? 'aktiviteter');
    },
  },
};
