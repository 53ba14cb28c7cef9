// The plan's follow-up rhythm in one place: its time zone, when a priority period ends, which
// statuses are closed, what is overdue, and how a status is told honestly. Cards, the tab's API,
// reminders and reports all read these.
import type { ActivityView, SubActivityView } from './planView';
import { CLOSED_STATUS_IDS, type StatusId } from './status';

/** The plan's dates and times are Swedish: Europe/Stockholm. */
export const PLAN_TIME_ZONE = 'Europe/Stockholm';

const yearFormat = new Intl.DateTimeFormat('sv-SE', { timeZone: PLAN_TIME_ZONE, year: 'numeric' });

/** The year in Sweden at this moment. */
export function stockholmYear(at: Date): number {
  // A turn asks for every item with the same moment: one formatting, not one per item.
  const time = at.getTime();
  if (lastYear?.time !== time) lastYear = { time, year: Number(yearFormat.format(at)) };
  return lastYear.year;
}
let lastYear: { time: number; year: number } | undefined;

/** Done, stopped, or closed by a revision of the plan: nothing more is expected of it. */
export const CLOSED_STATUSES: readonly StatusId[] = CLOSED_STATUS_IDS;

export function isClosed(status: StatusId): boolean {
  return CLOSED_STATUSES.includes(status);
}

/** A priority period ends on 31 December of its last year. */
export function periodEnd(period: { to: number }): string {
  return `${period.to}-12-31`;
}

type Judged = Pick<SubActivityView, 'status'> & Partial<Pick<SubActivityView, 'kind' | 'followedUp' | 'notApplicable' | 'endedLocally' | 'retired'>>;

/** Whether the priority period has ended (a period ends on 31 December of its last year). */
export function periodHasEnded(activity: Pick<ActivityView, 'period'>, today: Date): boolean {
  return stockholmYear(today) > activity.period.to;
}

/**
 * Försenad: followed up, the priority period has ended, and the item is neither Klar nor
 * Avbruten. An item nobody has followed up since the plan was adopted has no status of today to
 * judge (the county's is the plan's 2023 prose, an arena's is nothing): it is "Ej uppföljd",
 * counted beside what is late (isExpiredNotFollowedUp), never as late and never as on time.
 */
export function isOverdue(activity: Pick<ActivityView, 'period'>, sub: Judged, today: Date): boolean {
  if (sub.followedUp === false) return false;
  // Not done here, or ended here: nothing more is expected of the arena.
  if (sub.notApplicable || sub.endedLocally) return false;
  return !isClosed(sub.status) && periodHasEnded(activity, today);
}

/** Open work nobody has followed up since the plan was adopted (retired and set-aside items are not work left). */
export function isNotFollowedUp(sub: Judged): boolean {
  return sub.followedUp === false && !sub.retired && !sub.notApplicable && !sub.endedLocally && sub.status !== 'avslutad_i_revidering';
}

/** "Ej uppföljd, perioden har gått ut": never followed up, and its priority period has ended. */
export function isExpiredNotFollowedUp(activity: Pick<ActivityView, 'period'>, sub: Judged, today: Date): boolean {
  return isNotFollowedUp(sub) && periodHasEnded(activity, today);
}

export const EXPIRED_NOT_FOLLOWED_UP = 'Ej uppföljd, perioden har gått ut';

/** What an overdue item says about itself, wherever it is shown. */
export function overdueText(activity: Pick<ActivityView, 'period'>): string {
  return `Försenad – prioriteringsperioden ${activity.period.label} har gått ut`;
}

export const NOT_FOLLOWED_UP = 'Ej uppföljd sedan planen antogs';
/** An arena's word that a Bilaga 1 item is not done in its municipality. */
export const NOT_APPLICABLE = 'Ej aktuellt lokalt';
/** An arena's local activity that the arena has ended (kept, with its history). */
export const ENDED_LOCALLY = 'Avslutad lokalt';

/**
 * A status as people may read it: the statuses loaded from the plan are its prose as adopted, so an
 * item nobody has followed up says so, with the plan's own words as the starting point.
 */
export function statusText(sub: Pick<SubActivityView, 'followedUp' | 'statusLabel' | 'statusAsWritten' | 'kind'> & Partial<Pick<SubActivityView, 'notApplicable' | 'endedLocally'>>): string {
  if (sub.notApplicable) return NOT_APPLICABLE;
  if (sub.endedLocally) return ENDED_LOCALLY;
  if (sub.followedUp) return sub.statusLabel;
  if (sub.kind === 'own' && sub.statusAsWritten.trim() !== '') return `${NOT_FOLLOWED_UP} (enligt planen: ${sub.statusLabel})`;
  return NOT_FOLLOWED_UP;
}

/** The county's status beside an arena's follow-up of a Bilaga 1 item, told as honestly as the county's own (statusText). */
export function countyStatusText(sub: Pick<SubActivityView, 'county' | 'statusAsWritten'>): string {
  if (!sub.county) return '';
  return statusText({ ...sub.county, kind: 'own', statusAsWritten: sub.statusAsWritten });
}
