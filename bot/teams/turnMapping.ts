// Turns a Teams activity into the conversation layer's Turn: place, actor, conversation reference.
import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import type { Place } from '../domain/channels';
import type { Turn } from '../conversation/turn';

interface TeamsChannelData {
  channel?: { id?: string; name?: string };
  team?: { id?: string; name?: string };
  tenant?: { id?: string };
  eventType?: string;
}

export function channelDataOf(activity: Partial<Activity>): TeamsChannelData {
  return (activity.channelData ?? {}) as TeamsChannelData;
}

export function placeOf(activity: Partial<Activity>): Place {
  const data = channelDataOf(activity);
  const tenantId = data.tenant?.id ?? activity.conversation?.tenantId ?? '';
  const type = activity.conversation?.conversationType;
  if (type === 'channel' || (!type && data.team?.id)) {
    const teamId = data.team?.id ?? '';
    // The General channel's id is the team's id; Teams leaves channel out of some events for it.
    const channelId = data.channel?.id ?? teamId;
    return { kind: 'channel', teamId, teamName: data.team?.name ?? '', channelId, channelName: data.channel?.name ?? (channelId === teamId ? 'Allmänt' : ''), tenantId };
  }
  if (type === 'groupChat') return { kind: 'groupChat', conversationId: activity.conversation?.id ?? '', tenantId };
  return { kind: 'personal', userId: activity.from?.aadObjectId ?? activity.from?.id ?? '', tenantId };
}

/** A reference that posts into the channel itself (not into the thread the activity came from). */
export function referenceFor(activity: Partial<Activity>, place: Place): Partial<ConversationReference> {
  const reference = TurnContext.getConversationReference(activity);
  if (place.kind === 'channel' && reference.conversation) {
    reference.conversation = { ...reference.conversation, id: place.channelId };
  }
  delete reference.activityId;
  return reference;
}

export function turnOf(context: TurnContext): Turn {
  const activity = context.activity;
  const place = placeOf(activity);
  return {
    place,
    actor: { id: activity.from?.aadObjectId ?? activity.from?.id ?? 'unknown', name: (activity.from?.name ?? '').trim() || 'Okänd användare' },
    reference: JSON.stringify(referenceFor(activity, place)),
  };
}

/** The text of a message without the bot's @mention. */
export function textOf(context: TurnContext): string {
  const activity = context.activity;
  const text = TurnContext.removeRecipientMention(activity) ?? activity.text ?? '';
  return text.replace(/<at>[^<]*<\/at>/g, ' ').replace(/&nbsp;/g, ' ').trim();
}

/** Someone @mentioned in a message, other than the bot: Teams gives their Teams id and name, sometimes their Entra object id. */
export interface Mentioned {
  teamsId: string;
  aadObjectId?: string;
  name: string;
}

export function mentionsOf(activity: Partial<Activity>): Mentioned[] {
  const out: Mentioned[] = [];
  for (const entity of activity.entities ?? []) {
    if (entity.type !== 'mention') continue;
    const mentioned = (entity as { mentioned?: { id?: unknown; name?: unknown; aadObjectId?: unknown } }).mentioned;
    if (!mentioned || typeof mentioned.id !== 'string' || mentioned.id === activity.recipient?.id) continue;
    if (out.some((m) => m.teamsId === mentioned.id)) continue;
    out.push({ teamsId: mentioned.id, name: typeof mentioned.name === 'string' ? mentioned.name.trim() : '', ...(typeof mentioned.aadObjectId === 'string' ? { aadObjectId: mentioned.aadObjectId } : {}) });
  }
  return out.slice(0, 10);
}
