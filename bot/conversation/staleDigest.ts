// The stale-activity reminder's inline update (issue #4): Spara under an item saves its status
// and comment through the bot's own save path, and the post comes back with what is still
// waiting, so that the arena can go through the list in place; a post with several reminders
// comes back whole, not as the stale part alone. The full form opened from the post (Hela
// formuläret) leads back to it too: its Spara the same way, its Avbryt to the post as it stands.
import type { CardJson } from '../cards/bind';
import { escapeCardText } from '../cards/markdownText';
import { messageCard } from '../cards/messageCard';
import { isReminderRuleId, type ReminderRuleId } from '../domain/reminderRules';
import { reminderDigestCard } from '../reminders/cards';
import { DEFAULT_TIMINGS, dueReminders, measureReportingWindow, measuresReportedBy, reportedSet, type RuleFacts } from '../reminders/rules';
import type { Feature } from './feature';
import { formOrigin, saveFullForm, saveInlineItem, type ListSave } from './subActivityUpdate';
import type { ArenaTurn } from './turn';

/** The post to lead back to from the full form: its parts, as the inline saves carry them. */
const digestOrigin = (data: Record<string, unknown>) => formOrigin({ card: 'digest', digest: data.digest });

async function saveFromDigest(at: ArenaTurn, data: Record<string, unknown>): Promise<CardJson> {
  return postAfterSave(at, data, await saveInlineItem(at, data, 'the stale digest', digestOrigin(data)));
}

/** Spara on the full form opened from the post: the same save, and the post again. */
async function saveFormFromDigest(at: ArenaTurn, data: Record<string, unknown>): Promise<CardJson> {
  return postAfterSave(at, data, await saveFullForm(at, data, digestOrigin(data)));
}

async function postAfterSave(at: ArenaTurn, data: Record<string, unknown>, result: ListSave): Promise<CardJson> {
  if ('card' in result) return result.card;
  return digestPost(at, data.digest, result.banner);
}

/**
 * The post again, as it stands now: what was saved (or changed meanwhile) drops out of the stale
 * part, and the post's other parts (named in the button's data) come back with it. After a save,
 * `banner` says what was saved.
 */
async function digestPost(at: ArenaTurn, digest: unknown, banner?: string): Promise<CardJson> {
  const now = at.services.now();
  const parts = digestParts(digest);
  const rules = parts.length > 0 ? [...new Set(parts.map(([rule]) => rule))] : ['stale' as const];
  const activities = await at.services.plan.scope(at.arena.id);
  const due = dueReminders(at.view, { channelId: channelIdOf(at), arena: at.arena, rules }, { activities, reported: rules.includes('measureReporting') ? await reported(at, now) : new Set(), ...(rules.includes('roundLastDay') ? await roundFacts(at) : {}) }, now, DEFAULT_TIMINGS)
    .filter((r) => parts.length === 0 || parts.some(([rule, subject]) => r.key.rule === rule && r.key.subject === subject));
  const done = banner ? `${banner} Inget i listan väntar längre. Tack!` : 'Inget i listan väntar längre.';
  if (due.length === 0) return messageCard({ title: 'Alla aktiviteter är uppföljda', text: done, tone: 'success', buttons: [{ title: 'Status', command: 'status' }] });
  if (!banner) return reminderDigestCard(due, at.services.links);
  if (due.some((r) => r.key.rule === 'stale')) return reminderDigestCard(due, at.services.links, { staleBanner: banner });
  // The stale part is done; the others stay, under a line that says so.
  const card = reminderDigestCard(due, at.services.links);
  const note = { type: 'Container', style: 'good', items: [{ type: 'TextBlock', text: done, wrap: true, weight: 'Bolder' }] };
  escapeCardText(note);
  return { ...card, body: [note, ...((card.body as unknown[]) ?? [])] };
}

/** The parts of the post the button was on: [rule, subject] pairs (absent: the stale reminder alone). */
function digestParts(value: unknown): Array<[ReminderRuleId, string]> {
  if (typeof value !== 'string' || value.length > 2000) return [];
  try {
    const parsed: unknown = JSON.parse(value);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter((p): p is [ReminderRuleId, string] => Array.isArray(p) && isReminderRuleId(p[0]) && typeof p[1] === 'string').slice(0, 20);
  } catch {
    return [];
  }
}

function channelIdOf(at: ArenaTurn): string {
  return at.turn.place.kind === 'channel' ? at.turn.place.channelId : '';
}

/** Which values are reported (as the sweep reads them), when this channel has measures asked for. */
async function reported(at: ArenaTurn, now: Date): Promise<Set<string>> {
  if (!measureReportingWindow(now, DEFAULT_TIMINGS) || measuresReportedBy(at.view, at.arena, now).length === 0) return new Set();
  return reportedSet(await at.services.measures.allCurrent());
}

async function roundFacts(at: ArenaTurn): Promise<Pick<RuleFacts, 'round'>> {
  const round = await at.services.rounds.current();
  if (!round) return {};
  const submitted = (await at.services.rounds.submissions(round.id)).some((s) => s.arenaId === at.arena.id);
  return { round: { round, submitted } };
}

export const staleDigestFeature: Feature = {
  actions: {
    saveFromDigest,
    saveFormFromDigest,
    showDigest: (at, data) => digestPost(at, data.digest),
  },
};
