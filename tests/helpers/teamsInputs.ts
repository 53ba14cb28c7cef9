// Clicks a button the way Teams does: Action.Execute sends the button's data together with the
// value of every input on the card (what the person typed, else the input's initial value),
// unless the button says associatedInputs "none".
import type { ChannelPlace } from './teamsActivity';
import { ANNA, buttons, type Card, type Person, type TeamsClient } from './teamsClient';

/** Every input on a card with the value Teams would send for it untouched. */
export function cardInputs(card: Card): Record<string, unknown> {
  const found: Record<string, unknown> = {};
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string') found[o.id] = o.value === undefined ? '' : String(o.value);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}

function associatedNone(card: Card, title: string | RegExp): boolean {
  let none = false;
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === 'Action.Execute' && (typeof title === 'string' ? o.title === title : title.test(String(o.title)))) none = o.associatedInputs === 'none';
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return none;
}

/** Clicks the button titled `title` with the card's inputs, `typed` overriding what the person changed. */
export async function clickLikeTeams(teams: TeamsClient, place: ChannelPlace | 'personal', card: Card, title: string | RegExp, typed: Record<string, unknown> = {}, as: Person = ANNA): Promise<Card> {
  const button = buttons(card).find((b) => (typeof title === 'string' ? b.title === title : title.test(b.title)));
  if (!button) throw new Error(`No button ${String(title)} on the card; it has: ${buttons(card).map((b) => b.title).join(', ')}`);
  const inputs = associatedNone(card, title) ? {} : { ...cardInputs(card), ...typed };
  return teams.execute(place, button.verb, { ...inputs, ...button.data }, as);
}
