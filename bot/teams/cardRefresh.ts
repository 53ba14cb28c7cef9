// Cards that stay current for everyone in a channel (Universal Actions). A card that shows shared
// state carries a `refresh` action (the template's): Teams invokes it when someone looks at the
// card, so it shows its current state. Teams refreshes automatically only for the users listed in
// `userIds` (at most 60); the others get "Uppdatera kortet" in the card's menu. This module fills
// that list with the people who have used the bot in the conversation, most recent first.
//
// After a save, the card that was clicked is replaced for everyone (updateActivity), not only for
// the person who clicked (the invoke response), without holding up that response: see
// PlanBot.onAdaptiveCardInvoke and shareCard.
import { LRUCache } from 'lru-cache';
import type { CardJson } from '../cards/bind';

/** Teams' limit for a card's refresh.userIds. */
export const REFRESH_USER_LIMIT = 60;

/**
 * The people (Teams user ids, "29:…") seen in each conversation, most recent first. Kept in this
 * instance's memory: with several instances each knows the people it served, and anyone left out
 * refreshes the card from its menu.
 */
export class ConversationPeople {
  private readonly people = new LRUCache<string, string[]>({ max: 5_000 });

  remember(conversation: string, userId: string | undefined): void {
    if (!conversation || !userId) return;
    const before = this.people.get(conversation) ?? [];
    if (before[0] === userId) return;
    this.people.set(conversation, [userId, ...before.filter((id) => id !== userId)].slice(0, REFRESH_USER_LIMIT));
  }

  of(conversation: string): string[] {
    return this.people.get(conversation) ?? [];
  }
}

/** Whether the card shows shared state that refreshes itself (and may replace the message for everyone). */
export function refreshes(card: CardJson): boolean {
  const refresh = card.refresh as { action?: { verb?: unknown } } | undefined;
  return typeof refresh?.action?.verb === 'string';
}

/** The card with its refresh listing these people (at most 60); a card without refresh as it is. */
export function withRefreshUsers(card: CardJson, userIds: readonly string[]): CardJson {
  if (!refreshes(card)) return card;
  return { ...card, refresh: { ...(card.refresh as object), userIds: userIds.slice(0, REFRESH_USER_LIMIT) } };
}

/** Verbs whose result, when it is a refreshing card, replaces the clicked message for everyone. */
export const SHARED_RESULT_VERBS: ReadonlySet<string> = new Set(['saveSubActivity', 'saveFromDigest', 'saveMeasureValue', 'listSaveForm']);
