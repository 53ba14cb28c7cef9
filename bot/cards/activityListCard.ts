// The activity list: each sub-activity with its status and an Uppdatera button, a page at a time.
import type { ActivityView } from '../domain/planView';
import { bind, type CardJson } from './bind';
import template from './activityList.json';
import { STATUS_COLOR } from './statusColors';

/** Sub-activities per card: keeps the card far below Teams' 28 KB limit and easy to scan. */
export const PAGE_SIZE = 8;

export interface ActivityListData {
  title: string;
  subtitle: string;
  activities: ActivityView[];
  /** The strategy filter, carried by the paging buttons ('' for all). */
  strategyId: string;
  page: number;
}

export function pageCount(activities: ActivityView[]): number {
  const total = activities.reduce((n, a) => n + a.subActivities.length, 0);
  return Math.max(1, Math.ceil(total / PAGE_SIZE));
}

export function activityListCard(data: ActivityListData): CardJson {
  const rows = data.activities.flatMap((a) => a.subActivities.map((d, i) => ({ a, d, first: i === 0 })));
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const page = Math.min(Math.max(1, data.page), pages);
  const shown = rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  return bind(template, {
    title: data.title,
    subtitle: pages > 1 ? `${data.subtitle} Sida ${page} av ${pages}.` : data.subtitle,
    items: shown.map(({ a, d, first }, i) => ({
      // An activity's title heads its first sub-activity, and the first one on each page.
      activityTitle: first || i === 0 ? (a.subActivities.length === 1 && a.subActivities[0]!.title === a.title ? '' : a.title) : '',
      title: d.title,
      statusLabel: d.statusLabel,
      statusColor: STATUS_COLOR[d.status],
      period: a.period.label,
      note: d.statusNote === d.statusLabel ? '' : d.statusNote,
      scopeId: d.scopeId,
      id: d.id,
    })),
    strategyId: data.strategyId,
    hasPrevious: page > 1,
    hasNext: page < pages,
    previousPage: page - 1,
    nextPage: page + 1,
  });
}
