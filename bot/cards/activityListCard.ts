// The activity list: each sub-activity with its status and an Uppdatera button, a page at a time.
// An arena's list has two groups (plan 7.3): its local activities, and Bilaga 1 as the arena
// follows it up, each with the county's status beside the arena's own.
import { isOverdue, overdueText, statusText } from '../domain/followUp';
import type { ActivityView, SubActivityView } from '../domain/planView';
import { bind, type CardJson } from './bind';
import template from './activityList.json';
import { STATUS_COLOR } from './statusColors';

/** Sub-activities per card: keeps the card far below Teams' 28 KB limit and easy to scan. */
export const PAGE_SIZE = 8;

export interface ActivityGroup {
  /** Shown above the group's first row on a page ('' for a list of one group). */
  title: string;
  activities: ActivityView[];
}

export interface ActivityListData {
  title: string;
  subtitle: string;
  groups: ActivityGroup[];
  /** The strategy filter, carried by the paging buttons ('' for all). */
  strategyId: string;
  page: number;
  /** The list's command ("aktiviteter", "försenat"), so that paging lists the same thing. */
  list?: string;
  /** The words searched for ("aktiviteter fasta kontakter"), so that paging keeps the search. */
  search?: string;
  today: Date;
  /** An arena's list offers to add a local activity. */
  offerNew?: boolean;
}

export function pageCount(activities: ActivityView[]): number {
  const total = activities.reduce((n, a) => n + a.subActivities.length, 0);
  return Math.max(1, Math.ceil(total / PAGE_SIZE));
}

/** How a row reads its status: honest about what nobody has followed up, and the county's beside an arena's own. */
export function rowStatus(a: ActivityView, d: SubActivityView, today: Date) {
  return {
    statusLabel: statusText(d),
    statusColor: d.followedUp && !d.notApplicable && !d.endedLocally ? STATUS_COLOR[d.status] : 'Default',
    overdue: isOverdue(a, d, today) ? overdueText(a) : '',
    extra: [d.measureAnswer ? `Svar: ${d.measureAnswer}` : '', d.county ? `Länet: ${d.county.followedUp ? d.county.statusLabel : 'ej uppföljd'}` : ''].filter(Boolean).join(' · '),
  };
}

export function activityListCard(data: ActivityListData): CardJson {
  const rows = data.groups.flatMap((g) => g.activities.flatMap((a) => a.subActivities.map((d, i) => ({ g, a, d, first: i === 0 }))));
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const page = Math.min(Math.max(1, data.page), pages);
  const shown = rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  return bind(template, {
    title: data.title,
    subtitle: pages > 1 ? `${data.subtitle} Sida ${page} av ${pages}.` : data.subtitle,
    items: shown.map(({ g, a, d, first }, i) => ({
      // A group's title heads its first row, and the first row on each page.
      groupTitle: g.title && (i === 0 || shown[i - 1]!.g !== g) ? g.title : '',
      // An activity's title heads its first sub-activity, and the first one on each page.
      activityTitle: first || i === 0 ? (a.subActivities.length === 1 && a.subActivities[0]!.title === a.title ? '' : a.title) : '',
      title: d.title,
      ...rowStatus(a, d, data.today),
      period: a.period.label,
      note: d.statusNote === d.statusLabel ? '' : d.statusNote,
      scopeId: d.scopeId,
      id: d.id,
    })),
    strategyId: data.strategyId,
    list: data.list ?? 'aktiviteter',
    search: data.search ?? '',
    offerNew: data.offerNew === true,
    hasPrevious: page > 1,
    hasNext: page < pages,
    previousPage: page - 1,
    nextPage: page + 1,
  });
}
