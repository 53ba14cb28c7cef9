// What the conversation layer needs from a Teams turn, without botbuilder: where it came from,
// who is acting, and how to reach the place again. The Teams edge builds these.
import type { Actor } from '../domain/activityState';
import type { Origin } from '../domain/authorization';
import type { Place } from '../domain/channels';
import type { Arena } from '../domain/plan';
import type { PlanContentView } from '../domain/planView';
import type { CardJson } from '../cards/bind';
import type { Services } from './services';

export interface Turn {
  place: Place;
  actor: Actor;
  /** Conversation reference as JSON, kept for proactive messages. */
  reference: string;
  /** The people @mentioned in a message besides the bot, with their Entra object ids. */
  mentions?: Actor[];
}

/** A reply to a message: cards (and, rarely, a line of text), sent in order. */
export interface Reply {
  text?: string;
  cards: CardJson[];
}

/** A turn whose arena is known: what every command and card action works with. */
export interface ArenaTurn {
  turn: Turn;
  arena: Arena;
  origin: Origin;
  view: PlanContentView;
  services: Services;
}

export const cards = (...list: CardJson[]): Reply => ({ cards: list });
