// Reminder: the arena's activities nobody has updated for a while, each with Uppdatera, which
// opens the same edit form as the bot's own activity list (VERBS.editSubActivity).
import { STATUS_COLOR } from './statusColors';
import type { StatusId } from '../domain/status';
import { bind, type CardJson } from './bind';
import template from './reminderStale.json';

/** Sub-activities shown on one digest: keeps the card far below Teams' size limit. */
export const STALE_DIGEST_SIZE = 8;

export interface StaleDigestItem {
  scopeId: string;
  subActivityId: string;
  activityTitle: string;
  title: string;
  status: StatusId;
  statusLabel: string;
  period: string;
  /** "Oförändrad sedan 1 december 2023" */
  since: string;
}

export interface StaleDigestCardData {
  title: string;
  reason: string;
  items: StaleDigestItem[];
}

export function reminderStaleCard(data: StaleDigestCardData): CardJson {
  const shown = data.items.slice(0, STALE_DIGEST_SIZE);
  const rest = data.items.length - shown.length;
  return bind(template, {
    title: data.title,
    reason: data.reason,
    items: shown.map((item, i) => ({
      // An activity's title heads its first sub-activity on the card (not repeated, nor shown
      // where the activity has one sub-activity of the same title).
      activityTitle: item.activityTitle !== item.title && (i === 0 || shown[i - 1]!.activityTitle !== item.activityTitle) ? item.activityTitle : '',
      title: item.title,
      statusLabel: item.statusLabel,
      statusColor: STATUS_COLOR[item.status],
      period: item.period,
      since: item.since,
      scopeId: item.scopeId,
      id: item.subActivityId,
    })),
    more: rest > 0 ? `… och ${rest} till. Skriv "aktiviteter" för hela listan.` : '',
  });
}
