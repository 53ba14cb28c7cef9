// A sub-activity, read-only: status, note, measure and answer, who changed it last and when.
// Also the edit form (Uppdatera) and the same form when someone else changed it first.
import { answerKind, NO_ANSWER, type HistoryEntry } from '../domain/activityState';
import { describeWhat, describeEntry, formatDay, formatNumber } from '../domain/format';
import { countyStatusText, isOverdue, NOT_FOLLOWED_UP, overdueText, statusText } from '../domain/followUp';
import { LIMITS } from '../domain/limits';
import { answerText, BEFORE_SPLIT_NOTE, questionAnswers } from '../domain/measureQuestions';
import type { ActivityView, SubActivityView } from '../domain/planView';
import { isStatusId, STATUSES, statusLabel } from '../domain/status';
import { bind, type CardJson } from './bind';
import template from './subActivity.json';
import editTemplate from './subActivityEdit.json';

export interface SubActivityCardData {
  /** createdAt: an arena's local activity (only those have it), whose text its members change. */
  activity: Pick<ActivityView, 'title' | 'period'> & Partial<Pick<ActivityView, 'createdAt'>>;
  /** Today, for what is overdue. */
  today: Date;
  sub: SubActivityView;
  /** The latest history entry, to show what changed. */
  latest?: HistoryEntry;
  banner?: { text: string; tone: 'good' | 'attention' | 'default' };
  /** The banner already names who saved `latest` ("Sparat av …"): the change is told without the name again. */
  bannerNamesSaver?: boolean;
  /** False where there is no arena's list to lead to (a group chat or meeting): no Alla aktiviteter. */
  allActivities?: boolean;
  /** The plan's number of the sub-activity in Bilaga 1 ("2.3.1"), shown first in the heading. */
  planNumber?: string;
}

function base(activity: SubActivityCardData['activity'], sub: SubActivityView, today: Date, planNumber?: string) {
  // The period once: beside the activity ("Activity · prioritet 2024–2025"), or in the overdue line.
  const overdue = isOverdue(activity, sub, today) ? overdueText(activity) : '';
  const period = overdue ? '' : `prioritet ${activity.period.label}`;
  const plain = activity.title === sub.title ? period.replace(/^p/, 'P') : [activity.title, period].filter(Boolean).join(' · ');
  // The plan's number first ("2.3.1 · …"), so that people can write it.
  const heading = planNumber ? [planNumber, plain].filter(Boolean).join(' · ') : plain;
  return { scopeId: sub.scopeId, id: sub.id, heading, title: sub.title, overdue };
}

export function subActivityCard(data: SubActivityCardData): CardJson {
  return bind(template, subActivityModel(data));
}

/** What the sub-activity's card shows, for its own template and the card shared from the compose box. */
export function subActivityModel(data: SubActivityCardData) {
  const { sub, activity, latest } = data;
  const county = countyStatusText(sub);
  // Only what there is: no empty measure rows where the plan gives the row no measure.
  const facts = [
    { title: 'Status', value: statusText(sub) },
    ...(county ? [{ title: 'Länets status', value: county }] : []),
    ...(sub.statusNote && sub.statusNote !== sub.statusLabel ? [{ title: 'Anteckning', value: sub.statusNote }] : []),
    ...(sub.measure ? [{ title: 'Mått', value: sub.measure }] : []),
    ...(sub.target ? [{ title: 'Målvärde', value: sub.target }] : []),
    ...(answers(sub) ? [{ title: 'Svar', value: answerText(sub) || 'Inte besvarat' }] : []),
    ...(sub.notApplicable ? [{ title: 'Skäl', value: sub.notApplicable }] : []),
    ...(sub.endedLocally ? [{ title: 'Skäl', value: sub.endedLocally }] : []),
  ];
  const told = latest && data.bannerNamesSaver ? describeWhat(latest, data.today) : latest ? describeEntry(latest, data.today) : '';
  const lastChange = told
    ? `${told.charAt(0).toLocaleUpperCase('sv-SE')}${told.slice(1)}.`
    : sub.updatedAt && sub.updatedBy
      ? `Senast ändrad ${formatDay(sub.updatedAt, data.today)} av ${sub.updatedBy}.`
      : sub.kind === 'followUp'
        ? `${NOT_FOLLOWED_UP} här: arenan har inte följt upp den ännu.`
        : 'Ingen har ändrat den sedan planen lästes in; status och anteckning är planens egna.';
  return {
    ...base(activity, sub, data.today, data.planNumber),
    banner: data.banner?.text ?? '',
    bannerStyle: data.banner?.tone ?? 'default',
    details: sub.details,
    facts,
    lastChange,
    allActivities: data.allActivities ?? true,
    // An arena's own local activity is changed by its members (its text, ending it); a Bilaga 1
    // item it follows up can be said not to apply locally. Where the arena's channel is the place
    // (not a group chat or meeting).
    localOwn: (data.allActivities ?? true) && sub.kind === 'own' && Boolean(activity.createdAt),
    followUp: (data.allActivities ?? true) && sub.kind === 'followUp',
    notApplicable: (data.allActivities ?? true) && Boolean(sub.notApplicable),
    etag: sub.etag,
    version: sub.version,
  };
}

/** A split measure's answer inputs are named by this and the question's id ("answer-q2"). */
export const ANSWER_INPUT = 'answer-';

/**
 * One input per question of a split measure, for the edit form and the round's inline form: ja/nej
 * (or text) with the current answer, or the person's own after a refusal; the answer given before
 * the split stands in the first and says so.
 */
export function questionInputs(sub: SubActivityView, proposed: Record<string, string> | undefined, inputId: (questionId: string) => string) {
  return questionAnswers(sub).map((qa) => {
    const yesNo = qa.question.answer === 'yesNo';
    const value = proposed?.[qa.question.id] ?? qa.answer;
    return {
      inputId: inputId(qa.question.id),
      label: yesNo ? qa.question.text : `${qa.question.text} (valfri, högst ${count(LIMITS.measureAnswer)} tecken)`,
      yesNo,
      value: value || (yesNo ? NO_ANSWER : ''),
      note: qa.beforeSplit && proposed?.[qa.question.id] === undefined ? BEFORE_SPLIT_NOTE : '',
    };
  });
}

/** Whether this scope answers the measure: the county its own items; an arena only where each municipality answers for itself. */
export function answers(sub: SubActivityView): boolean {
  return sub.measure !== '' && (sub.kind === 'own' || sub.answeredBy === 'municipality');
}

/**
 * The list card the form was opened from (Hela formuläret there), which Spara and Avbryt lead back
 * to: the follow-up round's card at its page, or the reminder post (its parts, as the digest's
 * inline saves carry them; '' for a post with the stale reminder alone).
 */
export type FormOrigin =
  | { card: 'round'; roundId: string; page: number }
  | { card: 'digest'; digest: string }
  /** The activity list ("aktiviteter", "försenat", a search or a plan number) at its page. */
  | { card: 'list'; list: 'aktiviteter' | 'försenat'; strategyId: string; page: number; search: string; number: string };

export interface EditCardData {
  activity: Pick<ActivityView, 'title' | 'period'> & Partial<Pick<ActivityView, 'createdAt'>>;
  today: Date;
  /** The current state; its ETag goes with the form. */
  sub: SubActivityView;
  /** Values to show in the form instead of the current ones (the person's own, after a conflict). */
  proposed?: { status?: string; statusNote?: string; measureAnswer?: string; answers?: Record<string, string>; comment?: string };
  /** Someone else changed it first: who and what, newest first. */
  conflict?: HistoryEntry[];
  /** The save did not go through for another reason (an invalid answer, the store away): what and why. */
  problem?: { text: string; details: string[] };
  /** Opened from a list card: Spara and Avbryt lead back there. None: to the sub-activity's own card. */
  back?: FormOrigin | undefined;
  /** The plan's number of the sub-activity in Bilaga 1 ("2.3.1"), shown first in the heading. */
  planNumber?: string;
}

/** Where Spara and Avbryt lead, in the form's words and its buttons' data. */
function backTo(back: FormOrigin | undefined) {
  const none = { backList: '', backStrategyId: '', backSearch: '', backNumber: '' };
  if (back?.card === 'round') {
    return { ...none, back: 'round', backText: `Spara och Avbryt leder tillbaka till uppföljningen${back.page > 0 ? `, sida ${back.page + 1}` : ''}.`, backRoundId: back.roundId, backPage: back.page, backDigest: '' };
  }
  if (back?.card === 'digest') return { ...none, back: 'digest', backText: 'Spara och Avbryt leder tillbaka till påminnelsen.', backRoundId: '', backPage: 0, backDigest: back.digest };
  if (back?.card === 'list') {
    return {
      back: 'list',
      backText: `Spara och Avbryt leder tillbaka till listan${back.page > 1 ? `, sida ${back.page}` : ''}.`,
      backRoundId: '',
      backPage: back.page,
      backDigest: '',
      backList: back.list,
      backStrategyId: back.strategyId,
      backSearch: back.search,
      backNumber: back.number,
    };
  }
  return { ...none, back: '', backText: '', backRoundId: '', backPage: 0, backDigest: '' };
}

const count = (n: number) => formatNumber(n);

export function subActivityEditCard(data: EditCardData): CardJson {
  const { sub, activity, proposed } = data;
  const yesNo = answerKind(sub.target) === 'yesNo';
  // An item nobody has followed up gets no status preselected: its first status is chosen, never assumed.
  const yourStatus = proposed?.status ?? (sub.followedUp ? sub.status : '');
  // On a conflict: what is saved now (theirs) beside what the person wanted (yours), so that nobody
  // overwrites a colleague's note without seeing it.
  const theirs = data.conflict
    ? {
        heading: sub.updatedBy ? `Sparat av ${sub.updatedBy}${sub.updatedAt ? `, ${formatDay(sub.updatedAt, data.today)}` : ''}` : 'Sparat nu',
        status: statusText(sub),
        note: sub.statusNote || '(ingen statusanteckning)',
      }
    : null;
  const measureLabelText = `Svar på måttet: ${sub.measure || 'mått saknas'}${sub.target ? ` (målvärde: ${sub.target})` : ''}`;
  const yours = { status: isStatusId(yourStatus) ? statusLabel(yourStatus) : yourStatus, note: (proposed?.statusNote ?? sub.statusNote) || '(ingen statusanteckning)' };
  return bind(editTemplate, {
    ...base(activity, sub, data.today, data.planNumber),
    warning: data.conflict ? 'Någon annan hann spara innan dig. Jämför och spara igen: formuläret nedan har dina värden.' : (data.problem?.text ?? ''),
    warningDetails: data.conflict ? data.conflict.map((e) => describeEntry(e, data.today)) : (data.problem?.details ?? []),
    theirs,
    yours,
    etag: sub.etag,
    version: sub.version,
    status: yourStatus,
    statuses: STATUSES,
    statusNote: proposed?.statusNote ?? sub.statusNote,
    // The limits are in the labels, and the inputs do not cut: a longer text is refused with a sentence and comes back whole.
    statusNoteLabel: `Statusanteckning (läget just nu, visas på kortet; högst ${count(LIMITS.statusNote)} tecken)`,
    yesNo,
    answers: answers(sub),
    context: sub.county ? `Arenans egen uppföljning. Länets status: ${sub.county.followedUp ? sub.county.statusLabel : NOT_FOLLOWED_UP.toLowerCase()}.` : sub.followedUp ? '' : `${NOT_FOLLOWED_UP}: välj dess första status. Anteckningen nedan är planens egen.`,
    measureLabel: measureLabelText,
    measureAnswer: (proposed?.measureAnswer ?? sub.measureAnswer) || (yesNo ? NO_ANSWER : ''),
    questions: answers(sub) ? questionInputs(sub, proposed?.answers, (questionId) => `${ANSWER_INPUT}${questionId}`) : [],
    measureTextLabel: `${measureLabelText} (högst ${count(LIMITS.measureAnswer)} tecken)`,
    comment: proposed?.comment ?? '',
    commentLabel: `Kommentar (valfri, sparas bara i historiken; högst ${count(LIMITS.comment)} tecken)`,
    localOwn: sub.kind === 'own' && Boolean(activity.createdAt),
    followUp: sub.kind === 'followUp' && !sub.notApplicable,
    ...backTo(data.back),
  });
}
