// An arena's own local plan in its channel: the form that changes a local activity's text (and
// ends it or takes it up again), and the short form that says a Bilaga 1 item is not done locally.
import type { HistoryEntry } from '../domain/activityState';
import { describeEntry } from '../domain/format';
import { LIMITS } from '../domain/limits';
import { LOCAL_ACTIVITY_LIMITS, periodYears } from '../domain/localActivity';
import type { ActivityView, SubActivityView } from '../domain/planView';
import { bind, type CardJson } from './bind';
import editTemplate from './localActivityEdit.json';
import notApplicableTemplate from './notApplicable.json';

/** What the form shows: the activity's text as stored, or as the person typed it. */
export interface LocalActivityForm {
  strategyId: string;
  title: string;
  description: string;
  from: string;
  to: string;
  measure: string;
  target: string;
  comment: string;
  endReason: string;
}

export interface LocalActivityEditData {
  arenaName: string;
  activity: ActivityView;
  sub: SubActivityView;
  strategies: Array<{ id: string; number: number; title: string }>;
  /** The person's own values after a conflict or a refusal. */
  proposed?: Partial<LocalActivityForm>;
  conflict?: HistoryEntry[];
  problem?: { text: string; details: string[] };
  today: Date;
}

const clip = (value: string, max: number) => value.slice(0, max);

export function localActivityEditCard(data: LocalActivityEditData): CardJson {
  const { activity, sub, proposed } = data;
  const form: LocalActivityForm = {
    strategyId: activity.strategyId,
    title: activity.title,
    description: sub.details.join('\n\n'),
    from: String(activity.period.from),
    to: String(activity.period.to),
    measure: sub.measure,
    target: sub.target,
    comment: '',
    endReason: '',
    ...proposed,
  };
  return bind(editTemplate, {
    warning: data.conflict ? 'Någon annan hann ändra aktiviteten innan dig. Formuläret nedan har dina värden: jämför och spara igen.' : (data.problem?.text ?? ''),
    warningDetails: data.conflict ? data.conflict.map((e) => describeEntry(e, data.today)) : (data.problem?.details ?? []),
    arenaName: data.arenaName,
    heading: activity.title,
    intro: activity.recommendationId
      ? 'Antagen från planens rekommendation: arenan formulerar den som den passar lokalt. Varje ändring sparas i historiken med ditt namn.'
      : 'Arenans egen aktivitet. Varje ändring sparas i historiken med ditt namn.',
    strategyChoices: data.strategies.map((s) => ({ title: `${s.number}. ${s.title}`, value: s.id })),
    years: periodYears().map(String),
    form: {
      strategyId: clip(form.strategyId, 64),
      title: clip(form.title, LOCAL_ACTIVITY_LIMITS.title),
      description: clip(form.description, LIMITS.description),
      from: form.from,
      to: form.to,
      measure: clip(form.measure, LOCAL_ACTIVITY_LIMITS.measure),
      target: clip(form.target, LOCAL_ACTIVITY_LIMITS.target),
      comment: clip(form.comment, LIMITS.comment),
      endReason: clip(form.endReason, LIMITS.reason),
    },
    limits: { title: LOCAL_ACTIVITY_LIMITS.title, description: LIMITS.description, measure: LOCAL_ACTIVITY_LIMITS.measure, target: LOCAL_ACTIVITY_LIMITS.target, comment: LIMITS.comment, reason: LIMITS.reason },
    ended: Boolean(sub.endedLocally),
    endedReason: sub.endedLocally ?? '',
    scopeId: sub.scopeId,
    id: sub.id,
    etag: sub.etag,
    version: sub.version,
  });
}

export interface NotApplicableData {
  arenaName: string;
  activity: Pick<ActivityView, 'title'>;
  sub: SubActivityView;
  reason?: string;
  problem?: { text: string; details: string[] };
  conflict?: HistoryEntry[];
  today: Date;
}

export function notApplicableCard(data: NotApplicableData): CardJson {
  const { sub } = data;
  return bind(notApplicableTemplate, {
    warning: data.conflict ? 'Någon annan hann ändra den innan dig. Spara igen om det fortfarande gäller.' : (data.problem?.text ?? ''),
    warningDetails: data.conflict ? data.conflict.map((e) => describeEntry(e, data.today)) : (data.problem?.details ?? []),
    activityTitle: data.activity.title,
    title: sub.title,
    intro: `Säg varför den inte görs i ${data.arenaName}. Den står då inte längre i ${data.arenaName}s uppföljning eller påminnelser och räknas inte som ej uppföljd; länsgemensam samverkan ser den som ej aktuell lokalt, med skälet. Det går att ångra.`,
    reason: clip(data.reason ?? '', LIMITS.reason),
    reasonMax: LIMITS.reason,
    scopeId: sub.scopeId,
    id: sub.id,
    etag: sub.etag,
    version: sub.version,
  });
}
