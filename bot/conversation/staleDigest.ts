// The stale-activity reminder's inline update (issue #4): Spara under an item saves its status
// and comment through the bot's own save path, and the digest comes back with what is still
// waiting, so that the arena can go through the list in place.
import { z } from 'zod';
import type { CardJson } from '../cards/bind';
import { messageCard } from '../cards/messageCard';
import { statusLabel } from '../domain/status';
import { idSchema } from '../domain/validation';
import { staleDigestCard } from '../reminders/cards';
import { DEFAULT_TIMINGS, staleItems, staleReason } from '../reminders/rules';
import { stockholmTime } from '../reminders/schedule';
import type { Feature } from './feature';
import { failedSaveCard, formInput, problemCard, saveFromCard, unreadable, type CardSave } from './subActivityUpdate';
import type { ArenaTurn } from './turn';

const target = z.object({ scopeId: idSchema, subActivityId: idSchema, etag: z.string().min(1).max(200), version: z.coerce.number().int().min(0).max(1e9) });

async function saveFromDigest(at: ArenaTurn, data: Record<string, unknown>): Promise<CardJson> {
  const parsed = target.safeParse(data);
  if (!parsed.success) return unreadable();
  const id = parsed.data.subActivityId;
  // Teams sends every input of the digest with the click: this item's own are status-<id> and comment-<id>.
  const save: CardSave = { scopeId: parsed.data.scopeId, subActivityId: id, etag: parsed.data.etag, seenVersion: parsed.data.version, input: formInput(data, (f) => `${f}-${id}`) };
  let outcome;
  try {
    outcome = await saveFromCard(at, save);
  } catch (error) {
    at.services.log.error({ err: error }, 'Saving from the stale digest failed');
    return failedSaveCard(at, save);
  }
  if (outcome.kind !== 'saved' && outcome.kind !== 'unchanged') return problemCard(at, save, outcome);
  const saved = outcome.after.sub;
  const banner =
    outcome.kind === 'saved'
      ? `Sparat av ${at.turn.actor.name}: ${saved.title} – ${statusLabel(saved.status)}.`
      : `Inget ändrades för ${saved.title}: värdena var redan sparade.`;

  // The digest again, as it stands now: what was saved (or changed meanwhile) drops out.
  const today = stockholmTime(at.services.now()).date;
  const activities = await at.services.plan.scope(at.arena.id);
  const items = staleItems(at.view.plan, activities, today, DEFAULT_TIMINGS.staleDays);
  if (items.length === 0) {
    return messageCard({ title: 'Alla aktiviteter är uppföljda', text: `${banner} Inget i listan väntar längre. Tack!`, tone: 'success', buttons: [{ title: 'Status', command: 'status' }] });
  }
  return staleDigestCard(items, staleReason(at.arena, items.length, DEFAULT_TIMINGS.staleDays), banner);
}

export const staleDigestFeature: Feature = {
  actions: { saveFromDigest },
};
