// "mötesunderlag [sedan <datum>]": what changed since the channel's last brief (or the date), as
// one card with a link to the printable page. The use case (bot/useCases/meetingBrief.ts) decides
// the window and remembers the brief; a date that is not one, or has not come, changes nothing.
import { meetingBriefCard } from '../cards/meetingBriefCard';
import { messageCard } from '../cards/messageCard';
import type { Place } from '../domain/channels';
import { giveMeetingBrief } from '../useCases/meetingBrief';
import type { Feature } from './feature';
import { cards, type ArenaTurn, type Reply } from './turn';

export const meetingBriefFeature: Feature = {
  commands: { meetingBrief: (at, command) => (command.kind === 'meetingBrief' ? brief(at, command.since, command.record) : brief(at, undefined, false)) },
};

/** Where a brief is remembered: the channel (or, outside channels, the chat). */
export function placeId(place: Place): string {
  switch (place.kind) {
    case 'channel':
      return place.channelId;
    case 'personal':
      return `personal:${place.userId}`;
    default:
      return place.conversationId;
  }
}

async function brief(at: ArenaTurn, since: string | undefined, record: boolean): Promise<Reply> {
  const { services, arena, turn } = at;
  const outcome = await giveMeetingBrief(
    { plan: services.plan, activities: services.activities, measures: services.measures, revisions: services.revisions, briefs: services.briefs, now: services.now },
    { placeId: placeId(turn.place), arena, ...(since !== undefined ? { since } : {}), by: turn.actor.name, record },
  );
  if (outcome.kind === 'refused') {
    return cards(
      messageCard({
        title: outcome.reason === 'future' ? `${outcome.typed} har inte kommit än` : `Jag förstår inte datumet "${outcome.typed}"`,
        text: `Skriv datumet som ÅÅÅÅ-MM-DD, till exempel "mötesunderlag sedan ${example(services.now())}". Ett datum som har varit, i dag eller tidigare. Ingenting har ändrats: nästa mötesunderlag utgår fortfarande från det förra.`,
        tone: 'warning',
        buttons: [{ title: 'Mötesunderlag sedan förra', command: 'mötesunderlag' }],
      }),
    );
  }
  const b = outcome.brief;
  const card = meetingBriefCard(b, services.links.tab('motesunderlag', arena.id, { since: b.from, until: b.to, ...(b.basis === 'lastBrief' ? { basis: b.basis } : {}) }));
  // A question reads the brief; only the command word "mötesunderlag" starts a new one.
  return record ? cards(card) : { text: 'Det här är en titt: nästa mötesunderlag utgår fortfarande från det förra. Skriv "mötesunderlag" när ni vill ta fram ett nytt inför mötet.', cards: [card] };
}

/** The first of last month, as an example date. */
function example(now: Date): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return d.toISOString().slice(0, 10);
}
