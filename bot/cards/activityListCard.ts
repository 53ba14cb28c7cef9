// The activity list: each sub-activity with its status and an Uppdatera button, a page at a time.
// An arena's list has two groups (plan 7.3): its local activities, and Bilaga 1 as the arena
// follows it up, each with the county's status beside the arena's own.
import { answerText } from '../domain/measureQuestions';
import { isOverdue, overdueText, statusText } from '../domain/followUp';
import type { ActivityView, SubActivityView } from '../domain/planView';
import { bind, type CardJson } from './bind';
import template from './activityList.json';
import { STATUS_COLOR } from './statusColors';

/** Sub-activities per card: keeps the card under about 1,000 px at 600 px wide, far below Teams' 28 KB limit, and easy to scan. */
export const PAGE_SIZE = 7;

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
  /** Whether the person may change these items here: a read-only list shows no Uppdatera. */
  editable?: boolean;
  /** Another arena's list (read-only): its id, so that paging keeps showing that arena, and its name for the Status button. */
  otherArena?: { id: string; name: string };
  /** The plan's number the list was asked for ("2.3"), so that paging keeps it. */
  number?: string;
  /** The plan's numbers of Bilaga 1's activities and sub-activities ("2.3", "2.3.1"), shown before their titles. */
  planNumbers?: ReadonlyMap<string, string>;
  /** What a save from this list changed, shown at the top of the list that comes back. */
  banner?: string;
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
    extra: [answerText(d) ? `Svar: ${answerText(d)}` : '', d.county ? `Länet: ${d.county.followedUp ? d.county.statusLabel : 'ej uppföljd'}` : ''].filter(Boolean).join(' · '),
  };
}

export function activityListCard(data: ActivityListData): CardJson {
  const rows = data.groups.flatMap((g) => g.activities.flatMap((a) => a.subActivities.map((d, i) => ({ g, a, d, first: i === 0 }))));
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const page = Math.min(Math.max(1, data.page), pages);
  const shown = rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const numbered = (id: string, title: string) => {
    const n = data.planNumbers?.get(id);
    return n ? `${n} ${title}` : title;
  };
  const list = data.list ?? 'aktiviteter';
  return bind(template, {
    title: data.title,
    subtitle: pages > 1 ? `${data.subtitle} Sida ${page} av ${pages}.` : data.subtitle,
    banner: data.banner ?? '',
    items: shown.map(({ g, a, d, first }, i) => ({
      // A group's title heads its first row, and the first row on each page.
      groupTitle: g.title && (i === 0 || shown[i - 1]!.g !== g) ? g.title : '',
      // An activity's title heads its first sub-activity, and the first one on each page.
      activityTitle: first || i === 0 ? (a.subActivities.length === 1 && a.subActivities[0]!.title === a.title ? '' : numbered(a.id, a.title)) : '',
      title: numbered(d.id, d.title),
      editable: data.editable !== false,
      // Where Uppdatera's form leads back to: this list, at this page.
      list,
      strategyId: data.strategyId,
      page,
      search: data.search ?? '',
      number: data.number ?? '',
      ...rowStatus(a, d, data.today),
      period: a.period.label,
      note: d.statusNote === d.statusLabel ? '' : d.statusNote,
      scopeId: d.scopeId,
      id: d.id,
    })),
    strategyId: data.strategyId,
    list,
    search: data.search ?? '',
    number: data.number ?? '',
    arenaId: data.otherArena?.id ?? '',
    statusCommand: data.otherArena ? `status ${data.otherArena.name}` : 'status',
    offerNew: data.offerNew === true && data.editable !== false && !data.otherArena,
    hasPrevious: page > 1,
    hasNext: page < pages,
    previousPage: page - 1,
    nextPage: page + 1,
  });
}
