// The port through which use cases, reminders and the API post a card into a channel on their
// own (not as an answer): the Bot Connector's implementation lives at the edge
// (bot/teams/proactiveSender.ts); tests and the operator's dry run use others. It sits here, with
// its users, so that nothing below the Teams edge imports from it (docs/architecture.md).

/** An Adaptive Card as JSON, ready to post. */
export type CardJson = Record<string, unknown>;

export type SendOutcome =
  | { kind: 'sent'; activityId?: string }
  /** Still throttled after the retries: try again after retryAfterMs at the earliest. */
  | { kind: 'throttled'; retryAfterMs: number }
  /** The bot cannot post there any more (removed from the team, channel gone): 403/404. */
  | { kind: 'gone'; status: number }
  /** A failure that may pass (5xx, 412, network, credentials): try again later. */
  | { kind: 'transientFailure'; error: string }
  /** The connector refused the message itself (400, 413): sending it again will not help. */
  | { kind: 'rejected'; status: number }
  /** The request may have reached the Connector, but no answer came (timeout, connection cut): possibly sent. */
  | { kind: 'unconfirmed'; error: string }
  /** Nothing was posted: beforePost said no (the caller's claim was lost). */
  | { kind: 'cancelled' };

export interface SendHooks {
  /**
   * Called before the first HTTP request of the send, and awaited: the caller records that the
   * card may be on its way (a reminder's "sending" mark). Returning false sends nothing.
   */
  beforePost?: () => Promise<boolean>;
}

export interface ProactiveSender {
  /** Posts the card as a new message in the conversation of the stored reference (JSON). */
  send(referenceJson: string, card: CardJson, hooks?: SendHooks): Promise<SendOutcome>;
}
