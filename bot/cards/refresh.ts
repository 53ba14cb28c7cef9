// Universal Actions refresh for a card that shows shared state: Teams invokes the action when
// someone looks at the card, and the answer replaces it, so the card shows its current state.
// A card with inputs never gets one: a refresh would wipe what someone is typing. The Teams edge
// fills in userIds (bot/teams/cardRefresh.ts).
import { VERBS } from './verbs';
import type { CardJson } from './bind';

function hasInputs(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasInputs);
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.type === 'string' && o.type.startsWith('Input.')) return true;
    return Object.values(o).some(hasInputs);
  }
  return false;
}

/** The card, refreshing itself by running the bot command that made it ("status", "aktiviteter 2"). */
export function refreshedByCommand(card: CardJson, command: string): CardJson {
  if (card.refresh || hasInputs(card.body)) return card;
  return { ...card, refresh: { action: { type: 'Action.Execute', title: 'Uppdatera kortet', verb: VERBS.command, data: { command } }, userIds: [] } };
}

/** The card, refreshing itself with a card action (a list at its page: "listActivities" with the list's data). */
export function refreshedByAction(card: CardJson, verb: string, data: Record<string, unknown>): CardJson {
  if (card.refresh || hasInputs(card.body)) return card;
  return { ...card, refresh: { action: { type: 'Action.Execute', title: 'Uppdatera kortet', verb, data }, userIds: [] } };
}
