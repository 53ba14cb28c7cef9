// Talks to the running bot the way Teams does: Teams-shaped activities over HTTP into
// /api/messages, with the replies arriving at the connector stand-in.
import { randomUUID } from 'node:crypto';
import { assertValidCard } from './cardValidation';
import type { ConnectorStandIn } from './connector';
import { BOT, channelMessage, PLAN_TEAM, type ChannelPlace } from './teamsActivity';

export type Card = Record<string, unknown> & { body?: unknown[]; actions?: unknown[] };

export interface Person {
  id: string;
  aadObjectId: string;
  name: string;
}

export const ANNA: Person = { id: '29:anna', aadObjectId: 'aad-anna', name: 'Anna Andersson' };
export const BENGT: Person = { id: '29:bengt', aadObjectId: 'aad-bengt', name: 'Bengt Berg' };

export function channel(name: string, id = `19:${name.toLowerCase().replace(/[^a-z]/g, '')}@thread.tacv2`): ChannelPlace {
  return { ...PLAN_TEAM, channelId: id, channelName: name };
}

export interface BotReply {
  text?: string;
  cards: Card[];
}

/** Every string in a card, in order: what a person can read on it. */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    // As a reader sees it: the cards' Markdown escapes (bot/cards/markdownText.ts) undone.
    if (typeof v === 'string') out.push(v.replace(/\\([\\*_[\]\-+.)])/g, '$1'));
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.entries(v).forEach(([k, x]) => k !== 'type' && k !== '$schema' && walk(x));
  };
  walk(card);
  return out.join('\n');
}

/** All Action.Execute buttons of a card (also inside containers), with their verb and data. */
export function buttons(card: Card): Array<{ title: string; verb: string; data: Record<string, unknown> }> {
  const found: Array<{ title: string; verb: string; data: Record<string, unknown> }> = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === 'Action.Execute') found.push({ title: String(o.title), verb: String(o.verb), data: (o.data ?? {}) as Record<string, unknown> });
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** Every input on a card (also inside containers and Action.ShowCard cards) with the value it shows: what Teams sends with a click. */
export function inputValues(card: Card): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string') values[o.id] = o.value ?? '';
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return values;
}

export class TeamsClient {
  constructor(
    private readonly appUrl: string,
    private readonly connector: ConnectorStandIn,
    /**
     * Waits for what the bot sends after an invoke's answer (a saved card replaced for everyone),
     * so that a test's next step starts from a quiet connector, as it did when that was sent first.
     */
    private readonly settled: () => Promise<void> = async () => undefined,
  ) {}

  private async post(activity: unknown): Promise<Response> {
    return fetch(`${this.appUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  }

  /** Sends a message (with the bot @mentioned) and returns what the bot answered. */
  async say(place: ChannelPlace, text: string, as: Person = ANNA, mentioning: Person[] = []): Promise<BotReply> {
    const before = this.connector.calls.length;
    for (const person of mentioning) this.connector.members.set(person.id, person);
    const res = await this.post(channelMessage(this.connector.url, place, text, as, mentioning));
    if (res.status !== 200) throw new Error(`/api/messages answered ${res.status}: ${await res.text()}`);
    return collect(this.connector.calls.slice(before).map((c) => c.body));
  }

  /** A message in personal chat. */
  async sayPersonally(text: string, as: Person = ANNA): Promise<BotReply> {
    const before = this.connector.calls.length;
    const res = await this.post({
      type: 'message',
      id: randomUUID(),
      channelId: 'msteams',
      serviceUrl: this.connector.url,
      from: as,
      recipient: BOT,
      conversation: { id: `a:personal-${as.aadObjectId}`, conversationType: 'personal', tenantId: PLAN_TEAM.tenantId },
      text,
      channelData: { tenant: { id: PLAN_TEAM.tenantId } },
      locale: 'sv-SE',
    });
    if (res.status !== 200) throw new Error(`/api/messages answered ${res.status}: ${await res.text()}`);
    return collect(this.connector.calls.slice(before).map((c) => c.body));
  }

  /** Clicks an Action.Execute button (or sends a hand-made invoke) and returns the card that replaces it. */
  async execute(place: ChannelPlace | 'personal', verb: string, data: Record<string, unknown>, as: Person = ANNA): Promise<Card> {
    const res = await this.post(invokeActivity(this.connector.url, place, verb, data, as));
    if (res.status !== 200) throw new Error(`invoke answered ${res.status}: ${await res.text()}`);
    const body = (await res.json()) as { statusCode: number; type: string; value: Card };
    if (body.statusCode !== 200 || body.type !== 'application/vnd.microsoft.card.adaptive') throw new Error(`unexpected invoke response ${JSON.stringify(body)}`);
    // Every card the bot returns is checked against the Adaptive Cards SDK and Teams' limits.
    assertValidCard(body.value, `answer to ${verb}`);
    await this.settled();
    return body.value;
  }

  /**
   * Clicks the button with this title on a card, as Teams does: the button's data together with
   * the value of every input on the card (its default unless the person changed it in `inputs`).
   * `withData` picks one of several buttons with the same title ("Välj", "Uppdatera") by its data.
   */
  async click(place: ChannelPlace | 'personal', card: Card, title: string | RegExp, inputs: Record<string, unknown> = {}, as: Person = ANNA, withData: Record<string, unknown> = {}): Promise<Card> {
    const button = buttons(card).find((b) => (typeof title === 'string' ? b.title === title : title.test(b.title)) && Object.entries(withData).every(([k, v]) => b.data[k] === v));
    if (!button) throw new Error(`No button ${String(title)} on the card; it has: ${buttons(card).map((b) => b.title).join(', ')}`);
    return this.execute(place, button.verb, { ...button.data, ...inputValues(card), ...inputs }, as);
  }

  /**
   * Teams refreshing a card for someone who looks at it (Universal Actions): the card's refresh
   * action, invoked automatically for a person listed in its userIds.
   */
  async refresh(place: ChannelPlace | 'personal', card: Card, as: Person): Promise<Card> {
    const refresh = card.refresh as { action?: { verb?: string; data?: Record<string, unknown> } } | undefined;
    if (!refresh?.action?.verb) throw new Error('The card has no refresh action');
    const activity = invokeActivity(this.connector.url, place, refresh.action.verb, refresh.action.data ?? {}, as);
    const res = await this.post({ ...activity, value: { ...activity.value, trigger: 'automatic' } });
    if (res.status !== 200) throw new Error(`refresh answered ${res.status}: ${await res.text()}`);
    const body = (await res.json()) as { statusCode: number; value: Card };
    assertValidCard(body.value, `refresh ${refresh.action.verb}`);
    return body.value;
  }

  /** A conversationUpdate in the plan's team, as Teams sends it for installs and channel events. */
  private async teamEvent(fields: Record<string, unknown>, channelData: Record<string, unknown>): Promise<Response> {
    return this.post({
      type: 'conversationUpdate',
      id: randomUUID(),
      channelId: 'msteams',
      serviceUrl: this.connector.url,
      from: { id: '29:admin', aadObjectId: 'aad-admin', name: 'Admin' },
      recipient: BOT,
      conversation: { id: PLAN_TEAM.teamId, conversationType: 'channel', isGroup: true, tenantId: PLAN_TEAM.tenantId },
      ...fields,
      channelData: { team: { id: PLAN_TEAM.teamId, name: PLAN_TEAM.teamName }, tenant: { id: PLAN_TEAM.tenantId }, ...channelData },
    });
  }

  /** The bot is added to the plan's team (conversationUpdate in the General channel). */
  async install(): Promise<BotReply> {
    const before = this.connector.calls.length;
    const res = await this.teamEvent({ membersAdded: [{ id: BOT.id }] }, { eventType: 'teamMemberAdded' });
    if (res.status !== 200) throw new Error(`conversationUpdate answered ${res.status}`);
    return collect(this.connector.calls.slice(before).map((c) => c.body));
  }

  async channelEvent(eventType: 'channelCreated' | 'channelDeleted' | 'channelRenamed', place: ChannelPlace): Promise<number> {
    return (await this.teamEvent({}, { eventType, channel: { id: place.channelId, name: place.channelName } })).status;
  }

  /** People leave the plan's team. */
  async membersRemoved(members: Array<{ id: string; aadObjectId: string }>): Promise<number> {
    return (await this.teamEvent({ membersRemoved: members }, { eventType: 'teamMemberRemoved' })).status;
  }

  async botRemoved(): Promise<number> {
    return (await this.teamEvent({ membersRemoved: [{ id: BOT.id }] }, { eventType: 'teamMemberRemoved' })).status;
  }
}

export function invokeActivity(serviceUrl: string, place: ChannelPlace | 'personal', verb: string, data: Record<string, unknown>, as: Person) {
  const base = {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl,
    from: as,
    recipient: BOT,
    replyToId: 'card-message-1',
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    locale: 'sv-SE',
  };
  if (place === 'personal') {
    return { ...base, conversation: { id: `a:personal-${as.aadObjectId}`, conversationType: 'personal', tenantId: PLAN_TEAM.tenantId }, channelData: { tenant: { id: PLAN_TEAM.tenantId } } };
  }
  return {
    ...base,
    conversation: { id: `${place.channelId};messageid=card-message-1`, conversationType: 'channel', isGroup: true, tenantId: place.tenantId },
    channelData: { channel: { id: place.channelId, name: place.channelName }, team: { id: place.teamId, name: place.teamName }, tenant: { id: place.tenantId } },
  };
}

function collect(bodies: Array<Record<string, unknown>>): BotReply {
  const reply: BotReply = { cards: [] };
  for (const b of bodies) {
    if (typeof b.text === 'string' && b.text) reply.text = reply.text ? `${reply.text}\n${b.text}` : b.text;
    for (const a of (b.attachments as Array<{ contentType: string; content: Card }> | undefined) ?? []) {
      if (a.contentType === 'application/vnd.microsoft.card.adaptive') {
        assertValidCard(a.content, 'reply');
        reply.cards.push(a.content);
      }
    }
  }
  return reply;
}
