// Reminder: the arena's activities nobody has updated for a while, each with an inline update form
// (Uppdatera: status and comment, saved with VERBS.saveFromDigest through the bot's own save path,
// and the digest comes back with the rest), or the bot's full edit form (VERBS.editSubActivity).
import { STATUS_COLOR } from './statusColors';
import { LIMITS } from '../domain/limits';
import { STATUSES, type StatusId } from '../domain/status';
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
  /** Whether anyone has followed it up: if not, no status is preselected in its form. */
  followedUp: boolean;
  statusLabel: string;
  period: string;
  /** "Oförändrad sedan 1 december 2023" */
  since: string;
  /** The state the inline form saves against (optimistic concurrency, as everywhere). */
  etag: string;
  version: number;
}

export interface StaleDigestCardData {
  title: string;
  reason: string;
  items: StaleDigestItem[];
  /** After an inline save: what was saved. */
  banner?: string;
  /** Sub-activities shown (default STALE_DIGEST_SIZE); fewer where the reminder shares a post with others. */
  size?: number;
}

export function reminderStaleCard(data: StaleDigestCardData): CardJson {
  const shown = data.items.slice(0, data.size ?? STALE_DIGEST_SIZE);
  const rest = data.items.length - shown.length;
  return bind(template, {
    banner: data.banner ?? '',
    title: data.title,
    reason: data.reason,
    statuses: STATUSES,
    commentMax: LIMITS.comment,
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
      status: item.followedUp ? item.status : '',
      etag: item.etag,
      version: item.version,
    })),
    more: rest > 0 ? `… och ${rest} till. Skriv "aktiviteter" för hela listan.` : '',
  });
}
