// The card of each reminder: view models made from a due reminder, expanded by the card builders.
import type { CardJson } from '../cards/bind';
import { reminderFollowUpCard } from '../cards/reminderFollowUpCard';
import { reminderMeasuresCard } from '../cards/reminderMeasuresCard';
import { reminderPeriodEndingCard } from '../cards/reminderPeriodEndingCard';
import { reminderRevisionCard } from '../cards/reminderRevisionCard';
import { reminderStaleCard } from '../cards/reminderStaleCard';
import type { TabLinks } from '../domain/deepLinks';
import { frequencyLabel, periodLabel } from '../domain/measurePeriods';
import { addMonths } from './schedule';
import { longDate, type DueReminder, type StaleItem } from './rules';

export function reminderCard(reminder: DueReminder, links: TabLinks): CardJson {
  const c = reminder.content;
  switch (c.rule) {
    case 'stale':
      return staleDigestCard(c.items, reminder.reason);
    case 'periodEnding':
      return reminderPeriodEndingCard({
        reason: reminder.reason,
        activityTitle: c.activity.title,
        periodText: `Prioritet ${c.activity.period.label} · perioden slutar ${longDate(c.endsOn)}`,
        open: c.open.map((d) => ({ scopeId: d.scopeId, subActivityId: d.id, title: d.title, status: d.status, statusLabel: d.statusLabel })),
      });
    case 'measureReporting':
      return reminderMeasuresCard({
        title: `Dags att rapportera effektmåtten: ${periodLabel(c.halfYear)}`,
        reason: reminder.reason,
        measures: c.measures.map(({ measure, periodId }) => ({
          title: measure.title,
          periodText: `Värde för ${periodLabel(periodId)} saknas (följs upp ${frequencyLabel(measure.frequency)})`,
          target: measure.target,
          followUp: measure.followUp,
        })),
      });
    case 'yearlyFollowUp':
      return reminderFollowUpCard({
        title: `Årlig uppföljning av planen ${longDate(c.date)}`,
        reason: reminder.reason,
        progress: c.progress,
        closing: 'Gå igenom läget i länsgemensam samverkan: status, effektmåtten och vad som är försenat. Hela bilden, också arenornas, finns i fliken.',
        tabUrl: links.tab('oversikt'),
      });
    case 'revision':
      return reminderRevisionCard({
        title: `Planen ska revideras ${longDate(c.date)}`,
        reason: reminder.reason,
        planName: c.plan.name,
        inForceFrom: longDate(c.plan.inForceFrom),
        revisionDate: longDate(c.date),
        nextRevision: longDate(addMonths(c.date, 12 * c.plan.revisionIntervalYears)),
        validityText: c.plan.validityText,
        tabUrl: links.tab('oversikt'),
      });
  }
}

/** The stale-activity digest: each item with its inline update form. Also shown again after an inline save. */
export function staleDigestCard(items: StaleItem[], reason: string, banner?: string): CardJson {
  return reminderStaleCard({
    title: 'Dags att följa upp aktiviteterna',
    reason,
    ...(banner ? { banner } : {}),
    items: items.map(({ activity, sub, since, neverChanged }) => ({
      scopeId: sub.scopeId,
      subActivityId: sub.id,
      activityTitle: activity.title,
      title: sub.title,
      status: sub.status,
      statusLabel: sub.statusLabel,
      period: activity.period.label,
      since: neverChanged ? `Oförändrad sedan ${longDate(since)}` : `Senast ändrad ${longDate(since)}${sub.updatedBy ? ` av ${sub.updatedBy}` : ''}`,
      etag: sub.etag,
      version: sub.version,
    })),
  });
}
