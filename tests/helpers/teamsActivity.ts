// Teams-shaped activities, as the Bot Connector posts them to /api/messages.
import { randomUUID } from 'node:crypto';

export interface ChannelPlace {
  teamId: string;
  teamName: string;
  channelId: string;
  channelName: string;
  tenantId: string;
}

export const PLAN_TEAM: Omit<ChannelPlace, 'channelId' | 'channelName'> = {
  teamId: '19:plan-team@thread.tacv2',
  teamName: 'Gemensam plan',
  tenantId: 'tenant-jh',
};

export const BOT = { id: '28:gemensam-plan-bot', name: 'Gemensam plan' };

/**
 * `mentioned`: people @mentioned after the text, as Teams sends them: `<at>name</at>` in the text
 * and a mention entity with their Teams id and name (no Entra object id: the bot looks that up).
 */
export function channelMessage(serviceUrl: string, place: ChannelPlace, text: string, from = { id: '29:anna', aadObjectId: 'aad-anna', name: 'Anna Andersson' }, mentioned: Array<{ id: string; name: string }> = []) {
  const id = randomUUID();
  return {
    type: 'message',
    id,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from,
    recipient: BOT,
    conversation: { id: `${place.channelId};messageid=${id}`, conversationType: 'channel', isGroup: true, tenantId: place.tenantId },
    text: `<at>${BOT.name}</at> ${text}${mentioned.map((m) => ` <at>${m.name}</at>`).join('')}`,
    textFormat: 'plain',
    entities: [{ type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: BOT }, ...mentioned.map((m) => ({ type: 'mention', text: `<at>${m.name}</at>`, mentioned: { id: m.id, name: m.name } }))],
    channelData: {
      teamsChannelId: place.channelId,
      teamsTeamId: place.teamId,
      channel: { id: place.channelId, name: place.channelName },
      team: { id: place.teamId, name: place.teamName },
      tenant: { id: place.tenantId },
    },
    locale: 'sv-SE',
  };
}
