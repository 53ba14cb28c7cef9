// The card of each reminder: view models made from a due reminder, expanded by the card builders.
import { CARD_VERSION, type CardJson } from '../cards/bind';
import { reminderFollowUpCard } from '../cards/reminderFollowUpCard';
import { reminderMeasuresCard } from '../cards/reminderMeasuresCard';
import { reminderPeriodEndingCard } from '../cards/reminderPeriodEndingCard';
import { reminderRevisionCard } from '../cards/reminderRevisionCard';
import { reminderStaleCard } from '../cards/reminderStaleCard';
import { roundReminderCard } from '../cards/roundCards';
import type { TabLinks } from '../domain/deepLinks';
import { VERBS } from '../cards/verbs';
import { statusText } from '../domain/followUp';
import { frequencyLabel, periodLabel } from '../domain/measurePeriods';
import { addMonths } from './schedule';
import { dueArenasText, longDate, type DueReminder, type StaleItem } from './rules';
import { WORDS } from '../domain/glossary';

/** Stale sub-activities shown where the stale reminder shares a post with other reminders. */
export const STALE_ITEMS_IN_DIGEST = 5;

export function reminderCard(reminder: DueReminder, links: TabLinks, options: { shared?: boolean; staleBanner?: string } = {}): CardJson {
  const c = reminder.content;
  switch (c.rule) {
    case 'stale':
      return staleDigestCard(c.items, reminder.reason, options.staleBanner, options.shared ? STALE_ITEMS_IN_DIGEST : undefined);
    case 'periodEnding':
      return reminderPeriodEndingCard({
        reason: reminder.reason,
        activityTitle: c.activity.title,
        periodText: `Prioritet ${c.activity.period.label} · perioden slutar ${longDate(c.endsOn)}`,
        open: c.open.map((d) => ({ scopeId: d.scopeId, subActivityId: d.id, title: d.title, status: d.status, statusLabel: statusText(d) })),
      });
    case 'measureReporting':
      return reminderMeasuresCard({
        title: `Dags att rapportera effektmåtten: ${periodLabel(c.halfYear)}`,
        reason: reminder.reason,
        measures: c.measures.map((due) => ({
          title: due.measure.title,
          periodText: `${due.arenas.length > 1 || due.arenas[0]?.kind === 'municipality' ? `Värden för ${periodLabel(due.periodId)} saknas: ${dueArenasText(due)}` : `Värde för ${periodLabel(due.periodId)} saknas`} (följs upp ${frequencyLabel(due.measure.frequency)})`,
          target: due.measure.target,
          followUp: due.measure.followUp,
        })),
      });
    case 'yearlyFollowUp':
      return reminderFollowUpCard({
        title: `Årlig uppföljning av planen ${longDate(c.date)}`,
        // The date is in the title: the text says why, once.
        reason: afterDate(reminder.reason),
        progress: c.progress,
        closing: 'Gå igenom läget i länsgemensam samverkan: status, effektmåtten och vad som är försenat. Hela bilden, också arenornas, finns i fliken.',
        tabUrl: links.tab('oversikt'),
      });
    case 'revision':
      // Says its thing once: the date, the plan's own sentence, and when the next one is.
      return reminderRevisionCard({
        title: `Planen ska revideras ${longDate(c.date)}`,
        text: `${afterDate(reminder.reason)} ${WORDS.nextRevision} efter den blir ${longDate(addMonths(c.date, 12 * c.plan.revisionIntervalYears))}.`,
        tabUrl: links.tab('oversikt'),
      });
    case 'roundLastDay':
      return roundReminderCard({ arena: c.arena, round: c.round, reason: reminder.reason, tabUrl: links.tab('uppfoljning', c.arena.id) });
  }
}

/**
 * Adds the post's parts to every inline save's data, and to the origin of every full form opened
 * from the post (Teams sends an action's data, not the card).
 */
function markInlineSaves(value: unknown, digest: string): void {
  if (Array.isArray(value)) return value.forEach((v) => markInlineSaves(v, digest));
  if (!value || typeof value !== 'object') return;
  const o = value as Record<string, unknown>;
  if (o.type === 'Action.Execute' && o.verb === VERBS.saveFromDigest && o.data && typeof o.data === 'object') o.data = { ...(o.data as object), digest };
  const from = o.type === 'Action.Execute' && o.verb === VERBS.editSubActivity ? (o.data as { from?: { card?: unknown } } | undefined)?.from : undefined;
  if (from?.card === 'digest') (o.data as Record<string, unknown>).from = { ...from, digest };
  Object.values(o).forEach((v) => markInlineSaves(v, digest));
}

/** A reason without its leading date ("Planen ska revideras 1 december 2026: …"): the card's title says the date. */
function afterDate(reason: string): string {
  return reason.replace(/^[^:"]*:\s*/, '');
}

/** The stale-activity digest: each item with its inline update form. Also shown again after an inline save. */
export function staleDigestCard(items: StaleItem[], reason: string, banner?: string, size?: number): CardJson {
  return reminderStaleCard({
    title: 'Dags att följa upp aktiviteterna',
    reason,
    ...(banner ? { banner } : {}),
    ...(size ? { size } : {}),
    items: items.map(({ activity, sub, since, neverChanged }) => ({
      scopeId: sub.scopeId,
      subActivityId: sub.id,
      activityTitle: activity.title,
      title: sub.title,
      status: sub.status,
      followedUp: sub.followedUp,
      // Honest: the plan's 2023 status is not today's until someone follows the item up.
      statusLabel: statusText(sub),
      period: activity.period.label,
      since: neverChanged ? `Oförändrad sedan ${longDate(since)}` : `Senast ändrad ${longDate(since)}${sub.updatedBy ? ` av ${sub.updatedBy}` : ''}`,
      etag: sub.etag,
      version: sub.version,
    })),
  });
}

/**
 * Everything due in one channel on one day, as one post: each reminder's card a part of it, with
 * its own buttons and inline forms; the buttons every part has (Visa aktiviteter, Påminnelser)
 * once, at the bottom. One reminder alone is its own card.
 */
export function reminderDigestCard(reminders: DueReminder[], links: TabLinks, options: { staleBanner?: string } = {}): CardJson {
  if (reminders.length === 1) return reminderCard(reminders[0]!, links, options);
  const cards = reminders.map((r) => reminderCard(r, links, { shared: true, ...options }));
  // An inline save in the stale part answers with the whole post again (bot/conversation/staleDigest.ts):
  // its buttons name the post's parts, so that the other parts come back too.
  const digest = JSON.stringify(reminders.map((r) => [r.key.rule, r.key.subject]));
  markInlineSaves(cards, digest);
  const isCommand = (a: Record<string, unknown>) => a.type === 'Action.Execute' && a.verb === 'command';
  const shared = new Map<string, Record<string, unknown>>();
  const parts = cards.map((card, i) => {
    const actions = (card.actions as Array<Record<string, unknown>> | undefined) ?? [];
    for (const a of actions) if (!shared.has(String(a.title))) shared.set(String(a.title), a);
    const own = actions.filter((a) => !isCommand(a));
    return {
      type: 'Container',
      id: `reminder-${reminders[i]!.key.rule}-${i + 1}`,
      separator: true,
      spacing: 'ExtraLarge',
      items: [...((card.body as unknown[]) ?? []), ...(own.length ? [{ type: 'ActionSet', actions: own }] : [])],
    };
  });
  const commands = [...shared.values()].filter(isCommand);
  const arena = reminders[0]!.content.arena;
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    body: [{ type: 'TextBlock', text: `${cards.length} påminnelser om uppföljning för ${arena.kind === 'county' ? 'länsgemensam samverkan' : arena.name}`, isSubtle: true, wrap: true }, ...parts],
    actions: commands,
  };
}
