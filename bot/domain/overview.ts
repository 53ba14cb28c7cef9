// An arena's follow-up at a glance: per strategy, how many sub-activities are in each status,
// and which are overdue (their priority period has ended and they are neither done nor stopped).
import type { ActivityView, StrategyInfo, SubActivityView } from './planView';
import { isExpiredNotFollowedUp, isNotFollowedUp, isOverdue } from './followUp';
import { ALL_STATUSES, isRetiredStatus, STATUSES, type StatusId } from './status';

export { isOverdue, isExpiredNotFollowedUp, stockholmYear } from './followUp';

export interface StrategyProgress {
  strategyId: string;
  number: number;
  title: string;
  total: number;
  /** By status, among what has been followed up since the plan was loaded. */
  counts: Record<StatusId, number>;
  /** Not followed up since the plan was loaded: their status is the plan's 2023 prose, or none. */
  notFollowedUp: number;
  overdue: number;
  /** What the arena set aside, not in `total`: Bilaga 1 items not applicable locally, local activities ended. */
  notApplicable?: number;
  ended?: number;
}

export interface OverdueItem {
  activity: ActivityView;
  sub: SubActivityView;
}

export function progressByStrategy(strategies: StrategyInfo[], activities: ActivityView[], today: Date): StrategyProgress[] {
  return strategies.map((s) => {
    const counts = Object.fromEntries(ALL_STATUSES.map((st) => [st.id, 0])) as Record<StatusId, number>;
    let total = 0;
    let overdue = 0;
    let notFollowedUp = 0;
    let notApplicable = 0;
    let ended = 0;
    for (const a of activities.filter((x) => x.strategyId === s.id)) {
      for (const d of a.subActivities) {
        // Closed in a revision of the plan: readable, but no longer part of the follow-up.
        if (isRetiredStatus(d.status)) continue;
        // Set aside by the arena: counted apart, never as work left.
        if (d.notApplicable) notApplicable++;
        if (d.endedLocally) ended++;
        if (d.notApplicable || d.endedLocally) continue;
        if (d.followedUp) counts[d.status]++;
        else notFollowedUp++;
        total++;
        if (isOverdue(a, d, today)) overdue++;
      }
    }
    return { strategyId: s.id, number: s.number, title: s.title, total, counts, notFollowedUp, overdue, ...(notApplicable ? { notApplicable } : {}), ...(ended ? { ended } : {}) };
  });
}

/** "4 delaktiviteter: 1 ej uppföljd · 1 ej påbörjat · 2 pågår" */
export function progressSummary(p: Pick<StrategyProgress, 'total' | 'counts' | 'notFollowedUp' | 'notApplicable' | 'ended'>): string {
  const counts = [
    ...(p.notFollowedUp > 0 ? [`${p.notFollowedUp} ej ${p.notFollowedUp === 1 ? 'uppföljd' : 'uppföljda'}`] : []),
    ...STATUSES.filter((s) => p.counts[s.id] > 0).map((s) => `${p.counts[s.id]} ${s.label.toLowerCase()}`),
  ];
  const aside = [...(p.notApplicable ? [`${p.notApplicable} ej ${p.notApplicable === 1 ? 'aktuell' : 'aktuella'} lokalt`] : []), ...(p.ended ? [`${p.ended} ${p.ended === 1 ? 'avslutad' : 'avslutade'} lokalt`] : [])];
  if (aside.length) return `${p.total} ${p.total === 1 ? 'delaktivitet' : 'delaktiviteter'}${counts.length ? `: ${counts.join(' · ')}` : ''} (dessutom ${aside.join(' och ')})`;
  return `${p.total} ${p.total === 1 ? 'delaktivitet' : 'delaktiviteter'}: ${counts.join(' · ')}`;
}

export function overdueItems(activities: ActivityView[], today: Date): OverdueItem[] {
  return activities.flatMap((activity) => activity.subActivities.filter((sub) => isOverdue(activity, sub, today)).map((sub) => ({ activity, sub })));
}

/**
 * What needs attention in what one arena (or the county) follows up: what is late, and beside it
 * what nobody has followed up since the plan was adopted. The bot's `försenat` and `status`, the
 * tab's Översikt and the meeting panel all read this, so they count alike. For an arena, pass
 * its local activities and its follow-up of Bilaga 1 together.
 */
export interface Attention {
  /** Followed up, priority period ended, neither Klar nor Avbruten. */
  overdue: OverdueItem[];
  /** Open items never followed up since the plan was adopted. */
  notFollowedUp: OverdueItem[];
  /** Of those, the ones whose priority period has ended ("Ej uppföljd, perioden har gått ut"). */
  expiredNotFollowedUp: OverdueItem[];
}

export function followUpAttention(activities: ActivityView[], today: Date): Attention {
  const all = activities.flatMap((activity) => activity.subActivities.map((sub) => ({ activity, sub })));
  return {
    overdue: all.filter(({ activity, sub }) => isOverdue(activity, sub, today)),
    notFollowedUp: all.filter(({ sub }) => isNotFollowedUp(sub)),
    expiredNotFollowedUp: all.filter(({ activity, sub }) => isExpiredNotFollowedUp(activity, sub, today)),
  };
}

const delaktiviteter = (n: number) => `${n} ${n === 1 ? 'delaktivitet' : 'delaktiviteter'}`;

/** "12 delaktiviteter har inte följts upp sedan planen antogs, 9 av dem med en prioriteringsperiod som har gått ut." ('' when all are followed up.) */
export function notFollowedUpSentence(a: Pick<Attention, 'notFollowedUp' | 'expiredNotFollowedUp'>, where = ''): string {
  const n = a.notFollowedUp.length;
  if (n === 0) return '';
  const expired = a.expiredNotFollowedUp.length;
  const tail = expired === 0 ? '' : expired === n ? (n === 1 ? ', och dess prioriteringsperiod har gått ut' : ', och alla har en prioriteringsperiod som har gått ut') : `, ${expired} av dem med en prioriteringsperiod som har gått ut`;
  return `${delaktiviteter(n)}${where ? ` ${where}` : ''} har inte följts upp sedan planen antogs${tail}.`;
}

/** "2 delaktiviteter är försenade" / "Inget som har följts upp är försenat" / "Inget är försenat". */
export function overdueHeadline(a: Attention, where = ''): string {
  const n = a.overdue.length;
  const at = where ? ` ${where}` : '';
  if (n > 0) return `${delaktiviteter(n)} ${n === 1 ? 'är försenad' : 'är försenade'}${at}`;
  // Never "nothing is late" while something has not been followed up: that is not known.
  return a.notFollowedUp.length > 0 ? `Inget av det som har följts upp${at} är försenat` : `Inget är försenat${at}`;
}
