// The Teams edge: maps Bot Framework events to the conversation layer and sends what it returns.
// Routing only; every decision is made in ../conversation and ../domain.
import { randomUUID } from 'node:crypto';
import {
  CardFactory,
  TeamsActivityHandler,
  TeamsInfo,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type AppBasedLinkQuery,
  type MessagingExtensionQuery,
  type MessagingExtensionResponse,
  type ChannelInfo,
  type ConversationReference,
  type TeamInfo,
  type TeamsChannelAccount,
} from 'botbuilder';
import type { CardJson } from '../cards/bind';
import { messageCard } from '../cards/messageCard';
import type { Conversation } from '../conversation/conversation';
import type { ComposeResult } from '../conversation/composeExtension';
import type { Reply } from '../conversation/turn';
import type { Logger } from '../log';
import type { ChannelStore } from '../storage/channelStore';
import { linkCard } from '../cards/linkCard';
import type { PlanStore } from '../storage/planStore';
import { storageTroubleOf, withStorageTurn } from '../storage/deadline';
import { storageTroubleText } from '../domain/storageTrouble';
import { ConversationPeople, refreshes, SHARED_RESULT_VERBS, withRefreshUsers } from './cardRefresh';
import { mentionsOf, placeOf, referenceFor, textOf, turnOf } from './turnMapping';

export interface PlanBotDeps {
  conversation: Conversation;
  channels: ChannelStore;
  plan: PlanStore;
  log: Logger;
  /** The bot's app id, for proactive posts into other channels ('' in local development). */
  botAppId: string;
  /** Whether the plan is followed up in this team (conversation/planTeam.ts). */
  isPlanTeam: (teamId: string) => Promise<boolean>;
}

const CORRELATION = Symbol('correlationId');

const APOLOGY = () =>
  messageCard({
    title: 'Något gick fel hos mig',
    text: 'Ingenting av det du skrev har gått förlorat i planen, men jag kunde inte svara. Försök igen om en stund; kvarstår felet, kontakta planens projektledare.',
    tone: 'error',
  });

/** A failed turn's answer: the truth about the person's save when the store failed under it. */
function failureCard(error: unknown): CardJson {
  const trouble = storageTroubleOf(error);
  return trouble ? messageCard({ ...storageTroubleText(trouble, 'card'), tone: 'error' }) : APOLOGY();
}

// How long a turn's storage may take in all: Teams waits about 15 s for an invoke's answer (a
// card's Action.Execute) and 5 s for a message extension's; the rest is for building and sending
// the answer. Each request also has its own deadline (STORAGE_DEADLINE_MS).
const TURN_STORAGE_MS = 12_000;
const COMPOSE_STORAGE_MS = 4_000;
const storageBudget = (activity: TurnContext['activity']) => (activity.type === 'invoke' && activity.name?.startsWith('composeExtension/') ? COMPOSE_STORAGE_MS : TURN_STORAGE_MS);

/** The search command's one parameter (appPackage/manifest.json, composeExtensions). */
export const SEARCH_PARAMETER = 'sok';

function composeMessage(text: string): MessagingExtensionResponse {
  return { composeExtension: { type: 'message', text } };
}

const html = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Results as a list: each line is the preview; choosing one asks for the card again (selectItem). */
function composeResults(results: ComposeResult[]): MessagingExtensionResponse {
  return {
    composeExtension: {
      type: 'result',
      attachmentLayout: 'list',
      attachments: results.map((r) => ({
        ...CardFactory.adaptiveCard(r.card),
        // A thumbnail card's text is HTML in Teams: the plan's words are escaped, the line break is ours.
        preview: CardFactory.thumbnailCard(r.preview.title, [r.preview.subtitle, r.preview.text].filter(Boolean).map(html).join('<br>'), [], [], { tap: { type: 'invoke', title: r.preview.title, value: r.select } }),
      })),
    },
  };
}

/** Where people are counted for a card's refresh: the channel, or the chat. */
function conversationKey(activity: TurnContext['activity']): string {
  const place = placeOf(activity);
  return place.kind === 'channel' ? place.channelId : (activity.conversation?.id ?? '');
}

export class PlanBot extends TeamsActivityHandler {
  private readonly people = new ConversationPeople();
  /** Card updates for everyone still under way, the latest per message (see shareCard). */
  private readonly cardUpdates = new Map<string, Promise<void>>();

  constructor(private readonly deps: PlanBotDeps) {
    super();
    // One correlation id per turn, on every log line of that turn: ids only, never text or cards.
    this.onTurn(async (context, next) => {
      const correlationId = randomUUID();
      context.turnState.set(CORRELATION, correlationId);
      const started = Date.now();
      const a = context.activity;
      this.deps.log.info({ correlationId, activityType: a.type, name: a.name, channel: placeOf(a).kind, userId: a.from?.aadObjectId }, 'Turn started');
      if (a.type === 'message' || a.type === 'invoke') this.people.remember(conversationKey(a), a.from?.id);
      await withStorageTurn(storageBudget(a), next);
      this.deps.log.info({ correlationId, ms: Date.now() - started }, 'Turn ended');
    });
    this.onMessage(async (context, next) => {
      await this.safely(context, async () => this.send(context, await deps.conversation.message({ ...turnOf(context), mentions: await this.mentioned(context) }, textOf(context))));
      await next();
    });
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, invoke: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    // The apology is the answer only if the turn fails (built then: a card is not free).
    let card: CardJson | undefined;
    const failure = await this.safely(context, async () => {
      const verb = invoke?.action?.verb;
      card = this.current(context, await this.deps.conversation.action(turnOf(context), verb, invoke?.action?.data ?? {}));
      // A save's result is news for everyone: the clicked message is replaced for all, not only for
      // the person who clicked (the invoke response). A form or a refusal stays theirs alone.
      const messageId = context.activity.replyToId;
      if ((invoke as { trigger?: string } | undefined)?.trigger !== 'automatic' && typeof verb === 'string' && SHARED_RESULT_VERBS.has(verb) && refreshes(card) && messageId) {
        this.shareCard(context, messageId, card);
      }
    });
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card ?? failure ?? APOLOGY() };
  }

  /**
   * Replaces the clicked message for everyone, after the person who clicked has their answer: the
   * invoke response does not wait for the connector. The save is already stored, and a failure
   * is logged (the card then refreshes when viewed). Updates of one message go out in the order
   * of their saves, so an earlier card never overwrites a later one.
   */
  private shareCard(context: TurnContext, messageId: string, card: CardJson): void {
    const correlationId = context.turnState.get(CORRELATION) as string;
    const key = `${context.activity.conversation?.id ?? ''}\n${messageId}`;
    const update = (this.cardUpdates.get(key) ?? Promise.resolve())
      .then(() => context.updateActivity({ type: 'message', id: messageId, attachments: [CardFactory.adaptiveCard(card)] }))
      .then(
        () => undefined,
        (error: unknown) => this.deps.log.warn({ err: error, correlationId }, 'Could not update the card for everyone; it refreshes when viewed'),
      );
    this.cardUpdates.set(key, update);
    void update.then(() => {
      if (this.cardUpdates.get(key) === update) this.cardUpdates.delete(key);
    });
  }

  /**
   * The people @mentioned besides the bot, with their Entra object ids: a mention carries the
   * person's Teams id and name; the object id, where the mention lacks it, comes from the team's
   * roster (TeamsInfo.getMember). Someone the roster does not know is left out.
   */
  private async mentioned(context: TurnContext): Promise<Array<{ id: string; name: string }>> {
    const out: Array<{ id: string; name: string }> = [];
    for (const m of mentionsOf(context.activity)) {
      let id = m.aadObjectId;
      let name = m.name;
      if (!id) {
        try {
          const member = await TeamsInfo.getMember(context, m.teamsId);
          id = member.aadObjectId;
          name = name || (member.name ?? '');
        } catch (error) {
          this.deps.log.warn({ err: error }, 'Could not look up a mentioned person');
        }
      }
      if (id) out.push({ id, name: name || 'Okänd användare' });
    }
    return out;
  }

  /** Resolves when every card update sent so far is done (tests, and a server that stops). */
  async settled(): Promise<void> {
    while (this.cardUpdates.size > 0) await Promise.all([...this.cardUpdates.values()]);
  }

  /** The card with its refresh listing the conversation's people, so that it stays current for them. */
  private current(context: TurnContext, card: CardJson): CardJson {
    return withRefreshUsers(card, this.people.of(conversationKey(context.activity)));
  }

  // The compose box: search, the chosen result, and pasted links. Teams waits at most 5 s for these;
  // each is a few partition reads. A failure answers with a sentence, never an empty box.
  protected override async handleTeamsMessagingExtensionQuery(context: TurnContext, query: MessagingExtensionQuery): Promise<MessagingExtensionResponse> {
    let response: MessagingExtensionResponse = composeMessage('Sökningen gick inte att göra just nu. Försök igen om en stund.');
    await this.safely(context, async () => {
      const typed = query.parameters?.find((p) => p.name === SEARCH_PARAMETER)?.value ?? query.parameters?.[0]?.value;
      const answer = await this.deps.conversation.composeQuery(turnOf(context), typeof typed === 'string' ? typed : '', { skip: query.queryOptions?.skip, count: query.queryOptions?.count });
      response = answer.kind === 'message' ? composeMessage(answer.text) : composeResults(answer.results);
    });
    return response;
  }

  protected override async handleTeamsMessagingExtensionSelectItem(context: TurnContext, value: unknown): Promise<MessagingExtensionResponse> {
    let response: MessagingExtensionResponse = composeMessage('Det gick inte att hämta det du valde. Försök igen om en stund.');
    await this.safely(context, async () => {
      const result = await this.deps.conversation.composeSelect(turnOf(context), value);
      response = result ? composeResults([result]) : composeMessage('Jag hittar inte det du valde i planen längre.');
    });
    return response;
  }

  protected override async handleTeamsAppBasedLinkQuery(context: TurnContext, query: AppBasedLinkQuery): Promise<MessagingExtensionResponse> {
    let response: MessagingExtensionResponse = {};
    await this.safely(context, async () => {
      const result = query.url ? await this.deps.conversation.linkPreview(query.url) : undefined;
      // A link the app does not know gets no preview (Teams then shows the plain link).
      if (result) response = composeResults([result]);
    });
    return response;
  }

  /** The bot was added to a team (or members joined): remember the team's channels and ask each for its arena. */
  protected override async onTeamsMembersAdded(context: TurnContext): Promise<void> {
    const botAdded = (context.activity.membersAdded ?? []).some((m) => m.id === context.activity.recipient.id);
    if (!botAdded || placeOf(context.activity).kind !== 'channel') return;
    await this.safely(context, async () => {
      const place = placeOf(context.activity);
      if (place.kind !== 'channel') return;
      let channels: Array<{ id: string; name: string }>;
      try {
        channels = (await TeamsInfo.getTeamChannels(context)).map((c: ChannelInfo) => ({ id: c.id ?? place.teamId, name: c.name ?? 'Allmänt' }));
      } catch (error) {
        this.deps.log.warn({ err: error, teamId: place.teamId }, 'Could not list the team\'s channels; asking in the current channel only');
        channels = [{ id: place.channelId, name: place.channelName }];
      }
      if (!(await this.deps.isPlanTeam(place.teamId))) {
        this.deps.log.info({ teamId: place.teamId }, 'Added to a team that is not the plan\'s team; not asking its channels');
        return;
      }
      for (const channel of channels) {
        // One channel that cannot be reached must not keep the others from being asked.
        try {
          await this.greetChannel(context, place.teamId, place.teamName, place.tenantId, channel);
        } catch (error) {
          this.deps.log.warn({ err: error, teamId: place.teamId, channelId: channel.id }, 'Could not ask a channel for its arena');
        }
      }
    });
  }

  protected override async onTeamsChannelCreated(context: TurnContext): Promise<void> {
    const place = placeOf(context.activity);
    if (place.kind !== 'channel' || !(await this.deps.isPlanTeam(place.teamId))) return;
    await this.safely(context, () => this.greetChannel(context, place.teamId, place.teamName, place.tenantId, { id: place.channelId, name: place.channelName }));
  }

  protected override async onTeamsChannelRenamed(context: TurnContext): Promise<void> {
    const place = placeOf(context.activity);
    if (place.kind !== 'channel') return;
    await this.safely(context, async () => {
      if (await this.deps.channels.get(place.channelId)) {
        await this.deps.channels.remember({ ...place, reference: JSON.stringify(referenceFor(context.activity, place)) });
      }
    });
  }

  protected override async onTeamsChannelDeleted(context: TurnContext): Promise<void> {
    const place = placeOf(context.activity);
    if (place.kind !== 'channel') return;
    await this.safely(context, () => this.deps.channels.setState(place.channelId, 'removed'));
  }

  protected override async onTeamsMembersRemoved(context: TurnContext): Promise<void> {
    const removed = context.activity.membersRemoved ?? [];
    const place = placeOf(context.activity);
    if (place.kind !== 'channel') return;
    await this.safely(context, async () => {
      if (removed.some((m) => m.id === context.activity.recipient.id)) {
        await this.deps.channels.removeTeam(place.teamId);
        return;
      }
      // People who leave the team no longer take part in its arenas' channels.
      const arenas = (await this.deps.channels.channelsOfTeam(place.teamId)).flatMap((c) => (c.arenaId ? [c.arenaId] : []));
      for (const member of removed) {
        const userId = (member as TeamsChannelAccount).aadObjectId ?? member.id;
        await this.deps.channels.forgetMember(userId, arenas);
      }
    });
  }

  protected override async onTeamsTeamDeleted(context: TurnContext): Promise<void> {
    const place = placeOf(context.activity);
    if (place.kind !== 'channel') return;
    await this.safely(context, async () => void (await this.deps.channels.removeTeam(place.teamId)));
  }

  private async greetChannel(context: TurnContext, teamId: string, teamName: string, tenantId: string, channel: { id: string; name: string }): Promise<void> {
    const place = { kind: 'channel' as const, teamId, teamName, tenantId, channelId: channel.id, channelName: channel.name };
    const reference = referenceFor(context.activity, place);
    const stored = await this.deps.channels.remember({ ...place, reference: JSON.stringify(reference) });
    if (stored.arenaId) return; // Linked before (the bot was re-added): keep the link, no new question.
    const view = await this.deps.plan.content();
    const card = linkCard(view.arenas, 'channel');
    const activity = { type: 'message', attachments: [CardFactory.adaptiveCard(card)] };
    // A new post in each channel, also the one the event came from (its conversation is the team).
    await context.adapter.continueConversationAsync(this.deps.botAppId, reference as Partial<ConversationReference>, async (proactive) => {
      await proactive.sendActivity(activity);
    });
  }

  private async send(context: TurnContext, reply: Reply): Promise<void> {
    if (reply.text) await context.sendActivity({ type: 'message', text: reply.text });
    for (const card of reply.cards) await context.sendActivity({ type: 'message', attachments: [CardFactory.adaptiveCard(this.current(context, card))] });
  }

  /**
   * One place that catches what nobody expected: logged once with the turn's id, answered with
   * the truth about the person's save (oklart, inget sparades) or an apology. Returns that answer
   * when the work failed (a message turn has it sent here; an invoke returns it).
   */
  private async safely(context: TurnContext, work: () => Promise<void>): Promise<CardJson | undefined> {
    try {
      await work();
      return undefined;
    } catch (error) {
      const correlationId = (context.turnState.get(CORRELATION) as string | undefined) ?? randomUUID();
      this.deps.log.error({ err: error, correlationId, activityType: context.activity.type, activityId: context.activity.id }, 'Bot turn failed');
      const card = failureCard(error);
      if (context.activity.type === 'message') {
        await context.sendActivity({ type: 'message', attachments: [CardFactory.adaptiveCard(card)] }).catch(() => undefined);
      }
      return card;
    }
  }
}

export type { TeamInfo, TeamsChannelAccount };
