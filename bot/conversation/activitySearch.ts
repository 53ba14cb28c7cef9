// "aktiviteter fasta kontakter": the arena's activities whose titles hold the words typed. Where
// the arena has none, the plan's recommendations that do are offered (ny aktivitet).
import { activityListCard } from '../cards/activityListCard';
import type { CardJson } from '../cards/bind';
import { messageCard } from '../cards/messageCard';
import { mayChange } from '../domain/authorization';
import { distance, normalise } from '../domain/commands';
import type { ActivityView } from '../domain/planView';
import { arenaGroups, planNumbers } from './activityList';
import { cards, type ArenaTurn, type Reply } from './turn';

/** Whether every word typed (of three letters or more) is in the text, or one letter from a word of it. */
export function titleMatches(title: string, typed: string): boolean {
  const words = normalise(typed).split(' ').filter((w) => w.length >= 3);
  if (words.length === 0) return false;
  const text = normalise(title);
  const titleWords = text.split(' ');
  return words.every((w) => text.includes(w) || (w.length >= 6 && titleWords.some((t) => distance(w, t.slice(0, w.length)) <= 1)));
}

export async function searchActivities(at: ArenaTurn, typed: string): Promise<Reply> {
  return cards(await searchCard(at, typed, 1));
}

/** One page of the search's hits; the paging buttons carry the words, so "Visa fler" keeps the search. */
export async function searchCard(at: ArenaTurn, typed: string, page: number, banner?: string): Promise<CardJson> {
  const { arena, view, services } = at;
  const shownTyped = typed.slice(0, 60);
  const matching = (activities: ActivityView[]): ActivityView[] =>
    activities.flatMap((a) => {
      if (titleMatches(a.title, typed)) return [a];
      const subs = a.subActivities.filter((d) => titleMatches(d.title, typed));
      return subs.length ? [{ ...a, subActivities: subs }] : [];
    });
  const all = await arenaGroups(at);
  const groups = all.map((g) => ({ ...g, activities: matching(g.activities) })).filter((g) => g.activities.length > 0);
  const hits = groups.reduce((n, g) => n + g.activities.reduce((m, a) => m + a.subActivities.length, 0), 0);
  if (hits > 0) {
    return activityListCard({
      title: `Aktiviteter med "${shownTyped}"`,
      subtitle: `${hits} träff${hits === 1 ? '' : 'ar'} bland ${arena.kind === 'county' ? 'de länsövergripande aktiviteterna' : `det ${arena.name} följer upp`}.`,
      groups,
      strategyId: '',
      page,
      search: typed,
      today: services.now(),
      editable: mayChange(at.origin, arena).allowed,
      ...(at.origin.arenaId !== arena.id ? { otherArena: { id: arena.id, name: arena.name } } : {}),
      planNumbers: planNumbers(at, all[all.length - 1]!.activities),
      ...(banner ? { banner } : {}),
    });
  }
  const recommended = arena.kind === 'county' ? [] : view.strategies.flatMap((s) => s.localRecommendations.filter((r) => titleMatches(r.title, typed)));
  return messageCard({
    title: `Ingen aktivitet med "${shownTyped}"`,
    text: recommended.length
      ? `${arena.name} har ingen sådan aktivitet, men planen rekommenderar:`
      : 'Skriv "aktiviteter" följt av strategins nummer, ett ord ur dess namn eller ett ord ur aktivitetens titel.',
    tone: 'warning',
    details: recommended.length ? recommended.map((r) => r.title) : view.strategies.map((s) => `${s.number}. ${s.title}`),
    buttons: recommended.length ? [{ title: 'Ny aktivitet', command: 'ny aktivitet' }] : [{ title: 'Alla aktiviteter', command: 'aktiviteter' }],
  });
}
