// A sub-activity, read-only: status, note, measure and answer, who changed it last and when.
// Also the edit form (Uppdatera) and the same form when someone else changed it first.
import { answerKind, NO_ANSWER, type HistoryEntry } from '../domain/activityState';
import { describeChange, describeEntry, formatDateTime } from '../domain/format';
import { isOverdue, NOT_FOLLOWED_UP, overdueText, statusText } from '../domain/followUp';
import { LIMITS } from '../domain/limits';
import type { ActivityView, SubActivityView } from '../domain/planView';
import { STATUSES } from '../domain/status';
import { bind, type CardJson } from './bind';
import template from './subActivity.json';
import editTemplate from './subActivityEdit.json';

export interface SubActivityCardData {
  activity: Pick<ActivityView, 'title' | 'period'>;
  /** Today, for what is overdue. */
  today: Date;
  sub: SubActivityView;
  /** The latest history entry, to show what changed. */
  latest?: HistoryEntry;
  banner?: { text: string; tone: 'good' | 'attention' | 'default' };
}

function base(activity: SubActivityCardData['activity'], sub: SubActivityView) {
  return {
    scopeId: sub.scopeId,
    id: sub.id,
    activityTitle: activity.title === sub.title ? `Period ${activity.period.label}` : activity.title,
    title: sub.title,
  };
}

export function subActivityCard(data: SubActivityCardData): CardJson {
  const { sub, activity, latest } = data;
  const lastChange =
    sub.updatedAt && sub.updatedBy
      ? `Senast ändrad ${formatDateTime(sub.updatedAt)} av ${sub.updatedBy}.`
      : sub.kind === 'followUp'
        ? `${NOT_FOLLOWED_UP} här: arenan har inte följt upp den ännu.`
        : 'Ingen har ändrat den sedan planen lästes in; status och anteckning är planens egna.';
  return bind(template, {
    ...base(activity, sub),
    banner: data.banner?.text ?? '',
    bannerStyle: data.banner?.tone ?? 'default',
    details: sub.details,
    statusLabel: statusText(sub),
    countyStatus: sub.county ? (sub.county.followedUp ? sub.county.statusLabel : `${NOT_FOLLOWED_UP} (enligt planen: ${sub.county.statusLabel})`) : '',
    overdue: isOverdue(activity, sub, data.today) ? overdueText(activity) : '',
    period: activity.period.label,
    measure: sub.measure || '–',
    target: sub.target || '–',
    answer: answers(sub) ? sub.measureAnswer || 'Inte besvarat' : '',
    statusNote: sub.statusNote,
    lastChange: latest && latest.changes.length ? `${lastChange} ${latest.changes.map(describeChange).join('; ')}.` : lastChange,
    comment: latest?.comment ?? '',
  });
}

/** Whether this scope answers the measure: the county its own items; an arena only where each municipality answers for itself. */
export function answers(sub: SubActivityView): boolean {
  return sub.measure !== '' && (sub.kind === 'own' || sub.answeredBy === 'municipality');
}

export interface EditCardData {
  activity: Pick<ActivityView, 'title' | 'period'>;
  today: Date;
  /** The current state; its ETag goes with the form. */
  sub: SubActivityView;
  /** Values to show in the form instead of the current ones (the person's own, after a conflict). */
  proposed?: { status?: string; statusNote?: string; measureAnswer?: string; comment?: string };
  /** Someone else changed it first: who and what, newest first. */
  conflict?: HistoryEntry[];
  /** The save did not go through for another reason (an invalid answer, the store away): what and why. */
  problem?: { text: string; details: string[] };
}

export function subActivityEditCard(data: EditCardData): CardJson {
  const { sub, activity, proposed } = data;
  const yesNo = answerKind(sub.target) === 'yesNo';
  return bind(editTemplate, {
    ...base(activity, sub),
    warning: data.conflict ? 'Någon annan hann ändra innan du sparade. Här är läget nu, med dina ändringar ifyllda: spara igen för att lägga in dem.' : (data.problem?.text ?? ''),
    warningDetails: data.conflict ? data.conflict.map(describeEntry) : (data.problem?.details ?? []),
    etag: sub.etag,
    version: sub.version,
    status: proposed?.status ?? sub.status,
    statuses: STATUSES,
    statusNote: proposed?.statusNote ?? sub.statusNote,
    statusNoteMax: LIMITS.statusNote,
    yesNo,
    answers: answers(sub),
    context: sub.county ? `Arenans egen uppföljning. Länets status: ${sub.county.followedUp ? sub.county.statusLabel : NOT_FOLLOWED_UP.toLowerCase()}.` : sub.followedUp ? '' : `${NOT_FOLLOWED_UP}: status och anteckning nedan är planens egna.`,
    overdue: isOverdue(activity, sub, data.today) ? overdueText(activity) : '',
    measureLabel: `Svar på måttet: ${sub.measure || 'mått saknas'}${sub.target ? ` (målvärde: ${sub.target})` : ''}`,
    measureAnswer: (proposed?.measureAnswer ?? sub.measureAnswer) || (yesNo ? NO_ANSWER : ''),
    measureAnswerMax: LIMITS.measureAnswer,
    comment: proposed?.comment ?? '',
    commentMax: LIMITS.comment,
  });
}
