// A sub-activity, read-only: status, note, measure and answer, who changed it last and when.
// Also the edit form (Uppdatera) and the same form when someone else changed it first.
import { answerKind, NO_ANSWER, type HistoryEntry } from '../domain/activityState';
import { describeEntry, formatDay } from '../domain/format';
import { LIMITS } from '../domain/limits';
import type { ActivityView, SubActivityView } from '../domain/planView';
import { isStatusId, STATUSES, statusLabel } from '../domain/status';
import { bind, type CardJson } from './bind';
import template from './subActivity.json';
import editTemplate from './subActivityEdit.json';

export interface SubActivityCardData {
  activity: Pick<ActivityView, 'title' | 'period'>;
  sub: SubActivityView;
  /** The latest history entry, to show what changed. */
  latest?: HistoryEntry;
  banner?: { text: string; tone: 'good' | 'attention' | 'default' };
}

function base(activity: SubActivityCardData['activity'], sub: SubActivityView) {
  return {
    scopeId: sub.scopeId,
    id: sub.id,
    // The activity and its period, once: "Activity · prioritet 2024–2025".
    context: activity.title === sub.title ? `Prioritet ${activity.period.label}` : `${activity.title} · prioritet ${activity.period.label}`,
    title: sub.title,
  };
}

/** Whether the sub-activity has a measure to answer (many rows of Bilaga 1 have none). */
const hasMeasure = (sub: SubActivityView) => sub.measure !== '' || sub.target !== '' || sub.measureAnswer !== '';

export function subActivityCard(data: SubActivityCardData): CardJson {
  const { sub, activity, latest } = data;
  const facts = [
    { title: 'Status', value: sub.statusLabel },
    ...(sub.statusNote && sub.statusNote !== sub.statusLabel ? [{ title: 'Anteckning', value: sub.statusNote }] : []),
    ...(sub.measure ? [{ title: 'Mått', value: sub.measure }] : []),
    ...(sub.target ? [{ title: 'Målvärde', value: sub.target }] : []),
    ...(hasMeasure(sub) ? [{ title: 'Svar', value: sub.measureAnswer || 'Inte besvarat' }] : []),
  ];
  const lastChange = latest
    ? `${describeEntry(latest)}.`
    : sub.updatedAt && sub.updatedBy
      ? `Senast ändrad ${formatDay(sub.updatedAt)} av ${sub.updatedBy}.`
      : 'Ingen har ändrat den sedan planen lästes in; status och anteckning är planens egna.';
  return bind(template, {
    ...base(activity, sub),
    banner: data.banner?.text ?? '',
    bannerStyle: data.banner?.tone ?? 'default',
    details: sub.details,
    facts,
    lastChange,
  });
}

export interface EditCardData {
  activity: Pick<ActivityView, 'title' | 'period'>;
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
  const yourStatus = proposed?.status ?? sub.status;
  // On a conflict: what is saved now (theirs) beside what the person wanted (yours), so that nobody
  // overwrites a colleague's note without seeing it.
  const theirs = data.conflict
    ? {
        heading: sub.updatedBy ? `Sparat av ${sub.updatedBy}${sub.updatedAt ? `, ${formatDay(sub.updatedAt)}` : ''}` : 'Sparat nu',
        status: sub.statusLabel,
        note: sub.statusNote || '(ingen statusanteckning)',
      }
    : null;
  const yours = { status: isStatusId(yourStatus) ? statusLabel(yourStatus) : yourStatus, note: (proposed?.statusNote ?? sub.statusNote) || '(ingen statusanteckning)' };
  return bind(editTemplate, {
    ...base(activity, sub),
    warning: data.conflict ? 'Någon annan hann spara innan dig. Jämför och spara igen: formuläret nedan har dina värden.' : (data.problem?.text ?? ''),
    warningDetails: data.conflict ? data.conflict.map((e) => describeEntry(e)) : (data.problem?.details ?? []),
    theirs,
    yours,
    etag: sub.etag,
    version: sub.version,
    status: yourStatus,
    statuses: STATUSES,
    statusNote: proposed?.statusNote ?? sub.statusNote,
    statusNoteMax: LIMITS.statusNote,
    hasMeasure: hasMeasure(sub),
    yesNo,
    measureLabel: `Svar på måttet: ${sub.measure || 'mått saknas'}${sub.target ? ` (målvärde: ${sub.target})` : ''}`,
    measureAnswer: (proposed?.measureAnswer ?? sub.measureAnswer) || (yesNo ? NO_ANSWER : ''),
    measureAnswerMax: LIMITS.measureAnswer,
    comment: proposed?.comment ?? '',
    commentMax: LIMITS.comment,
  });
}
