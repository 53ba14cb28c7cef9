// "aktiviteter [strategi]": what the arena follows up, with status and an Uppdatera button,
// paged. In an arena's channel: its local activities and Bilaga 1 as the arena implements it
// (plan 7.3); in the county channel: Bilaga 1. "försenat": only what is overdue.
import { z } from 'zod';
import { activityListCard, type ActivityGroup } from '../cards/activityListCard';
import type { CardJson } from '../cards/bind';
import { messageCard } from '../cards/messageCard';
import { mayChange } from '../domain/authorization';
import { findStrategy, type Command } from '../domain/commands';
import { EXPIRED_NOT_FOLLOWED_UP, isExpiredNotFollowedUp, isOverdue } from '../domain/followUp';
import { followUpAttention, notFollowedUpSentence, overdueHeadline } from '../domain/overview';
import { planNumberOf, resolvePlanNumber } from '../domain/planReferences';
import type { ActivityView } from '../domain/planView';
import { searchCard } from './activitySearch';
import { helpExamples } from './help';
import { formOrigin, saveFullForm } from './subActivityUpdate';
import { refreshedByAction } from '../cards/refresh';
import { VERBS } from '../cards/verbs';
import type { Feature } from './feature';
import { cards, type ArenaTurn, type Reply } from './turn';
import { WORDS } from '../domain/glossary';

const pageData = z.object({
  strategyId: z.string().max(64).optional(),
  page: z.coerce.number().int().min(1).max(1000).optional(),
  list: z.enum(['aktiviteter', 'försenat']).optional(),
  // What a search's paging buttons carry ('' for a list without one); as long as a command may be.
  search: z.string().max(200).optional(),
  /** Another arena's list (read-only): its id ('' for the turn's own). */
  arenaId: z.string().max(64).optional(),
  /** The plan's number the list was asked for ("2.3"; '' for none). */
  number: z.string().max(12).optional(),
});

/** Where a list is: what paging, Uppdatera's form and a save from it lead back to. */
export interface ListPlace {
  strategyId: string;
  page: number;
  list: ListKind;
  number?: string;
  /** What a save changed, shown at the top of the list. */
  banner?: string;
}

export type ListKind = 'aktiviteter' | 'försenat';
const LOCAL = 'Lokala aktiviteter';

/** The arena's groups: Bilaga 1 as it follows it up, and (for an arena) its local activities. */
export async function arenaGroups(at: ArenaTurn): Promise<ActivityGroup[]> {
  const { bilaga1, local } = await at.services.plan.arenaPlan(at.arena);
  if (at.arena.kind === 'county') return [{ title: '', activities: bilaga1 }];
  return [
    { title: LOCAL, activities: local },
    { title: WORDS.bilaga1Ref, activities: bilaga1 },
  ];
}

function only(activities: ActivityView[], keep: (a: ActivityView, d: ActivityView['subActivities'][number]) => boolean): ActivityView[] {
  return activities.map((a) => ({ ...a, subActivities: a.subActivities.filter((d) => keep(a, d)) })).filter((a) => a.subActivities.length > 0);
}

/** The plan's numbers of Bilaga 1 as the arena follows it up ("2.3", "2.3.1"), by activity and sub-activity id. */
export function planNumbers(at: ArenaTurn, bilaga1: ActivityView[]): Map<string, string> {
  const numbers = new Map<string, string>();
  for (const a of bilaga1) {
    const n = planNumberOf(a.id, bilaga1, at.view.strategies);
    if (!n) continue;
    numbers.set(a.id, n);
    a.subActivities.forEach((d, i) => numbers.set(d.id, `${n}.${d.position ?? i + 1}`));
  }
  return numbers;
}

/** The title of a sub-activity the plan makes the region's own work, if "2.2.3" names one (arenas are not shown those). */
async function regionOwnAt(at: ArenaTurn, ref: RegExpExecArray): Promise<string | undefined> {
  if (!ref[3]) return undefined;
  const county = at.view.arenas.find((a) => a.kind === 'county');
  if (!county) return undefined;
  const { bilaga1 } = await at.services.plan.arenaPlan(county);
  const found = resolvePlanNumber({ strategy: Number(ref[1]), activity: Number(ref[2]), subActivity: Number(ref[3]) }, bilaga1, at.view.strategies);
  const sub = bilaga1.find((a) => a.id === found?.activityId)?.subActivities.find((d) => d.id === found?.subActivityId);
  return sub?.regionOwn ? sub.title : undefined;
}

export async function listCard(at: ArenaTurn, strategyId: string, page: number, list: ListKind, place: Partial<Pick<ListPlace, 'number' | 'banner'>> = {}): Promise<CardJson> {
  const { arena, view, services } = at;
  const today = services.now();
  const strategy = view.strategies.find((s) => s.id === strategyId);
  const all = await arenaGroups(at);
  const bilaga1 = all[all.length - 1]!.activities;
  const numbers = planNumbers(at, bilaga1);
  // "2.3" / "2.3.1": that activity, or that one sub-activity.
  const numberRef = place.number ? /^(\d{1,2})\.(\d{1,2})(?:\.(\d{1,2}))?$/.exec(place.number) : null;
  const named = numberRef ? resolvePlanNumber({ strategy: Number(numberRef[1]), activity: Number(numberRef[2]), ...(numberRef[3] ? { subActivity: Number(numberRef[3]) } : {}) }, bilaga1, view.strategies) : undefined;
  if (place.number && !named) {
    const regionOwn = numberRef && arena.kind !== 'county' ? await regionOwnAt(at, numberRef) : undefined;
    if (regionOwn) {
      // The number exists: the plan makes it the region's own work, which no arena follows up.
      return messageCard({
        title: `${place.number.slice(0, 12)} är regionens eget arbete`,
        text: `Enligt planen är "${regionOwn}" regionens eget arbete, så arenorna följer inte upp den. Länsgemensam samverkan följer upp den.`,
        tone: 'info',
        buttons: [{ title: 'Länets status', command: 'status länet' }, { title: 'Alla aktiviteter', command: 'aktiviteter' }],
      });
    }
    return messageCard({
      title: `Planen har ingen aktivitet ${place.number.slice(0, 12)}`,
      text: 'Bilaga 1 numreras strategi.aktivitet.delaktivitet, t.ex. "2.3" eller "2.3.1". Så här börjar strategierna:',
      tone: 'warning',
      details: view.strategies.map((s) => `${s.number}. ${s.title}`),
      buttons: [{ title: 'Alla aktiviteter', command: 'aktiviteter' }],
    });
  }
  const asked = (a: ActivityView, d: ActivityView['subActivities'][number]) => (!strategy || a.strategyId === strategy.id) && (!named || (a.id === named.activityId && (!named.subActivityId || d.id === named.subActivityId)));
  const inScope = all.map((g) => ({ ...g, activities: only(g.activities, asked) }));
  // `försenat`: what is late, and after it, apart, what nobody has followed up although its
  // priority period has ended: not known to be late, not known to be on time (overview.ts).
  const expired = list === 'försenat' ? [{ title: EXPIRED_NOT_FOLLOWED_UP, activities: inScope.flatMap((g) => only(g.activities, (a, d) => isExpiredNotFollowedUp(a, d, today))) }] : [];
  const groups = [...inScope.map((g) => ({ ...g, activities: only(g.activities, (a, d) => list === 'aktiviteter' || isOverdue(a, d, today)) })), ...expired].filter((g) => g.activities.length > 0);
  const attention = followUpAttention(inScope.flatMap((g) => g.activities), today);
  const county = arena.kind === 'county';
  const other = at.origin.arenaId !== arena.id ? { id: arena.id, name: arena.name } : undefined;
  const statusButton = { title: 'Status', command: other ? `status ${other.name}` : 'status' };
  if (groups.length === 0) {
    if (list === 'försenat') {
      const unknown = notFollowedUpSentence(attention);
      return messageCard({
        title: overdueHeadline(attention),
        text: `${county ? 'Inga länsövergripande aktiviteter som har följts upp' : `Inget som ${arena.name} har följt upp`} har en prioriteringsperiod som gått ut utan att vara klar eller avbruten.${unknown ? ` ${unknown}` : ''}`,
        tone: unknown ? 'warning' : 'success',
        buttons: [statusButton, ...(unknown ? [{ title: 'Aktiviteter', command: other ? `aktiviteter ${other.name}` : 'aktiviteter' }] : [])],
      });
    }
    return messageCard({
      title: strategy ? `Inga aktiviteter under ${strategy.number}. ${strategy.title}` : `${arena.name} har inga aktiviteter ännu`,
      text: county || other ? 'Det finns inga aktiviteter här.' : 'Skriv "ny aktivitet" för att anta en av planens rekommenderade lokala aktiviteter eller lägga till en egen.',
      buttons: county || other ? [statusButton] : [{ title: 'Ny aktivitet', command: 'ny aktivitet' }],
    });
  }
  const whose = county ? WORDS.bilaga1Ref : `${arena.name}s aktiviteter`;
  return activityListCard({
    title: list === 'försenat' ? `Försenat: ${county ? `${whose.charAt(0).toLowerCase()}${whose.slice(1)}` : whose}` : named ? `${place.number} ${whose}` : strategy ? `${strategy.number}. ${strategy.title}` : whose,
    subtitle:
      list === 'försenat'
        ? [
            attention.overdue.length > 0 ? `${overdueHeadline(attention)}: prioriteringsperioden har gått ut och de är varken klara eller avbrutna.` : `${overdueHeadline(attention)}.`,
            notFollowedUpSentence(attention),
          ].filter(Boolean).join(' ')
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
    editable: mayChange(at.origin, arena).allowed,
    ...(other ? { otherArena: other } : {}),
    ...(place.number ? { number: place.number } : {}),
    ...(place.banner ? { banner: place.banner } : {}),
    planNumbers: numbers,
  });
}

export async function activitiesReply(at: ArenaTurn, command: Command): Promise<Reply> {
  if (command.kind === 'activities' && command.number) return cards(await listCard(at, '', 1, 'aktiviteter', { number: command.number }));
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
    // Spara on the form opened from a list: the list comes back at its page, the item as saved, with what changed.
    listSaveForm: async (at, data) => {
      const origin = formOrigin({ ...data, card: 'list' });
      const saved = await saveFullForm(at, data, origin);
      if ('card' in saved) return saved.card;
      const place = origin?.card === 'list' ? origin : { list: 'aktiviteter' as const, strategyId: '', page: 1, search: '', number: '' };
      // The list at its page replaces the message for everyone (SHARED_RESULT_VERBS), and stays current at that page when looked at.
      const again = { list: place.list, strategyId: place.strategyId, page: place.page, search: place.search, number: place.number };
      if (place.search && place.list !== 'försenat') return refreshedByAction(await searchCard(at, place.search, place.page, saved.banner), VERBS.listActivities, again);
      return refreshedByAction(await listCard(at, place.strategyId, place.page, place.list, { ...(place.number ? { number: place.number } : {}), banner: saved.banner }), VERBS.listActivities, again);
    },
    listActivities: async (at, data) => {
      const parsed = pageData.safeParse(data);
      if (!parsed.success) return messageCard({ title: 'Det gick inte att visa sidan', text: 'Skriv "aktiviteter" för att börja om.', tone: 'error' });
      // Another arena's list pages through that arena (read-only: the origin stays the turn's own).
      const other = parsed.data.arenaId ? at.view.arenas.find((a) => a.id === parsed.data.arenaId) : undefined;
      const where = other ? { ...at, arena: other } : at;
      const search = parsed.data.search?.trim();
      if (search && parsed.data.list !== 'försenat') return searchCard(where, search, parsed.data.page ?? 1);
      return listCard(where, parsed.data.strategyId ?? '', parsed.data.page ?? 1, parsed.data.list ?? 'aktiviteter', parsed.data.number ? { number: parsed.data.number } : {});
    },
  },
};
