// The follow-up round's cards: one builder per template (round*.json), each the only code that
// expands it. The arena's card lists its items with the stale reminder's inline form (status and
// comment, saved through the one update path) and pages them, so that the card stays far below
// Teams' size limit however many items an arena has.
import { answerKind, NO_ANSWER } from '../domain/activityState';
import { statusText } from '../domain/followUp';
import type { TabLinks } from '../domain/deepLinks';
import { type ArenaRoundView, type Round, type RoundItem, type RoundProgress, submittedText, ROUND_NAME_MAX } from '../domain/followUpRound';
import type { Submission } from '../domain/followUpState';
import { LIMITS } from '../domain/limits';
import type { Arena } from '../domain/plan';
import { STATUSES } from '../domain/status';
import { longDate } from '../reminders/rules';
import { stockholmDateOf } from '../reminders/schedule';
import { bind, type CardJson } from './bind';
import { messageCard } from './messageCard';
import arenaTemplate from './roundArena.json';
import confirmTemplate from './roundConfirmClose.json';
import openTemplate from './roundOpen.json';
import progressTemplate from './roundProgress.json';
import reminderTemplate from './roundReminder.json';
import { STATUS_COLOR } from './statusColors';
import { ANSWER_INPUT, answers, questionInputs } from './subActivityCard';

/** Items on one page of an arena's card (each with its inline form): about 1.5 KB each. */
export const ROUND_PAGE_SIZE = 8;

export type Tone = 'good' | 'warning' | 'attention' | 'default';

export interface RoundOpenCardData {
  title: string;
  text: string;
  mayOpen: boolean;
  name: string;
  from: string;
  to: string;
  lastDay: string;
  errorTitle?: string;
  errors?: string[];
}

export function roundOpenCard(data: RoundOpenCardData): CardJson {
  return bind(openTemplate, { errorTitle: '', errors: [], nameMax: ROUND_NAME_MAX, ...data });
}

/** "26 november 2026" for an ISO time or a day, in the plan's time zone. */
const shortDay = (iso: string) => longDate(stockholmDateOf(iso));

export interface RoundProgressCardData {
  round: Round;
  progress: RoundProgress;
  mayChange: boolean;
  today: string;
  tabUrl: string;
  notice?: { text: string; tone: Tone; details?: string[] };
}

export function roundProgressCard(data: RoundProgressCardData): CardJson {
  const { round, progress } = data;
  const stateText =
    round.status === 'closed'
      ? `Stängd ${shortDay(round.closedAt ?? round.lastDay)}${round.closedBy ? ` av ${round.closedBy}` : ''}: läget är fryst som det var då. Perioden ${longDate(round.period.from)} – ${longDate(round.period.to)}.`
      : `Öppen. Perioden ${longDate(round.period.from)} – till dess omgången stängs. Sista dag för arenorna att lämna in: ${longDate(round.lastDay)}${data.today > round.lastDay ? ' (har passerat)' : ''}.`;
  const left = (a: { items: number; notFollowedUp: number; notUpdatedInPeriod: number; notApplicable?: number; ended?: number }) =>
    [
      a.notUpdatedInPeriod > 0 ? `${a.notUpdatedInPeriod} av ${a.items} ej uppdaterade under perioden` : `alla ${a.items} uppdaterade under perioden eller klara`,
      a.notFollowedUp > 0 ? `${a.notFollowedUp} aldrig uppföljda` : '',
      a.notApplicable ? `${a.notApplicable} ej aktuella lokalt` : '',
      a.ended ? `${a.ended} avslutade lokalt` : '',
    ].filter((t) => t !== '').join(' · ');
  const arenas = progress.arenas.map((a) => {
    const open = left(a);
    return {
      mark: a.submission ? '✓' : '–',
      markColor: a.submission ? 'Good' : 'Warning',
      name: a.arenaName,
      text: a.submission ? `Inlämnad ${shortDay(a.submission.submittedAt)} av ${a.submission.submittedBy}${a.submission.version > 1 ? ` (${a.submission.version}:e gången)` : ''} · ${open}` : `Inte inlämnad · ${open}`,
      comment: a.submission?.comment ? `"${a.submission.comment}"` : '',
    };
  });
  return bind(progressTemplate, {
    notice: data.notice?.text ?? '',
    noticeStyle: data.notice?.tone ?? 'default',
    noticeDetails: data.notice?.details ?? [],
    title: round.name,
    stateText,
    stateColor: round.status === 'closed' ? 'Default' : 'Good',
    submittedText: `${submittedText(progress)}.`,
    arenas,
    countyLine: progress.county ? `Länets Bilaga 1: ${left(progress.county)}.` : '',
    countyText: round.status === 'closed' ? 'Rapporten och analysen per strategi finns i fliken.' : 'Varje arena har fått ett kort i sin kanal med sina aktiviteter och knappen Lämna in. Länets analys per strategi skrivs i fliken.',
    mayChange: data.mayChange && round.status === 'open',
    lastDay: round.lastDay,
    roundId: round.id,
    etag: round.etag,
    tabUrl: data.tabUrl,
  });
}

export function roundConfirmCloseCard(round: Round, progress: RoundProgress, today: string): CardJson {
  const missing = progress.arenas.filter((a) => !a.submission).map((a) => a.arenaName);
  const early = today < round.lastDay ? ` Sista dag för arenorna är ${longDate(round.lastDay)}: omgången stängs före den.` : '';
  return bind(confirmTemplate, {
    title: `Stänga ${round.name}?`,
    text: `När omgången stängs fryses läget: varje status, anteckning, svar på mått, effektmåttens värden, inlämningarna och analysen sparas som de är nu och ändras aldrig mer. Arenorna kan inte längre lämna in, och varje arenas kanal får veta att omgången är stängd.${early}`,
    progressText: missing.length === 0 ? `Alla ${progress.total} har lämnat in.` : `${submittedText(progress)}. Inte inlämnat: ${missing.join(', ')}.`,
    progressColor: missing.length === 0 ? 'Good' : 'Warning',
    roundId: round.id,
    etag: round.etag,
  });
}

export interface RoundArenaCardData {
  round: Round;
  arena: Arena;
  items: RoundItem[];
  setAside?: { notApplicable: number; ended: number };
  submission?: Submission;
  page: number;
  tabUrl: string;
  banner?: { text: string; tone: Tone; details?: string[] };
}

export function roundArenaCard(data: RoundArenaCardData): CardJson {
  const { round, arena, items, submission } = data;
  const pages = Math.max(1, Math.ceil(items.length / ROUND_PAGE_SIZE));
  const page = Math.min(Math.max(0, Math.floor(data.page)), pages - 1);
  const shown = items.slice(page * ROUND_PAGE_SIZE, (page + 1) * ROUND_PAGE_SIZE);
  const stale = items.filter((i) => i.notUpdatedInPeriod).length;
  const open = round.status === 'open';
  const intro = open
    ? `Länsgemensam samverkan har öppnat ${round.name}, den årliga uppföljningen av planen för perioden från ${longDate(round.period.from)} till dess omgången stängs. Gå igenom ${arena.name}s lokala aktiviteter och er uppföljning av Bilaga 1: uppdatera status eller skriv en kommentar där något har hänt, och lämna in senast ${longDate(round.lastDay)}.`
    : `${round.name} är stängd: läget är fryst som det var när länsgemensam samverkan stängde omgången.`;
  return bind(arenaTemplate, {
    banner: data.banner?.text ?? '',
    bannerStyle: data.banner?.tone ?? 'good',
    bannerDetails: data.banner?.details ?? [],
    title: `${round.name}: ${arena.name}`,
    intro,
    submissionText: submission
      ? `Inlämnad ${shortDay(submission.submittedAt)} av ${submission.submittedBy}${submission.version > 1 ? ` (${submission.version}:e gången)` : ''}.${open ? ' Har något ändrats efter det kan ni lämna in igen.' : ''}`
      : open ? `Inte inlämnad ännu. Sista dag: ${longDate(round.lastDay)}.` : 'Lämnades aldrig in.',
    submissionColor: submission ? 'Good' : 'Warning',
    summary:
      items.length === 0 ? 'Inga aktiviteter att gå igenom.'
      : stale === 0 ? `Alla ${items.length} delaktiviteter ${open ? 'är' : 'var'} uppdaterade under perioden eller klara.`
      : open ? `${stale} av ${items.length} delaktiviteter har inte uppdaterats under perioden; de står först.`
      : `${stale} av ${items.length} delaktiviteter uppdaterades inte under perioden; de står först.`,
    setAsideText: setAsideText(data.setAside),
    open,
    roundId: round.id,
    page,
    statuses: STATUSES,
    commentMax: LIMITS.comment,
    items: shown.map((item, i) => {
      const previous = i === 0 ? undefined : shown[i - 1]!;
      const where = item.sub.kind === 'followUp' ? 'Bilaga 1' : 'Lokal aktivitet';
      const sameActivity = previous && previous.activity.id === item.activity.id && previous.activity.scopeId === item.activity.scopeId;
      return {
        heading: sameActivity ? '' : `${where}: ${item.activity.title}`,
        title: item.sub.title,
        statusLabel: statusText(item.sub),
        statusColor: STATUS_COLOR[item.sub.status],
        period: item.activity.period.label,
        since: sinceText(item),
        scopeId: item.sub.scopeId,
        id: item.sub.id,
        // Never a status preselected for an item nobody has followed up: its first status is chosen.
        status: item.sub.followedUp ? item.sub.status : '',
        statusNote: item.sub.statusNote,
        ...answerFields(item.sub),
        etag: item.sub.etag,
        version: item.sub.version,
      };
    }),
    pageText: pages > 1 ? `Visar ${page * ROUND_PAGE_SIZE + 1}–${page * ROUND_PAGE_SIZE + shown.length} av ${items.length}.` : '',
    hasPrevious: page > 0,
    hasNext: page < pages - 1,
    previousPage: page - 1,
    nextPage: page + 1,
    submitTitle: submission ? 'Lämna in igen' : 'Lämna in',
    submitText: `Lämna in ${arena.name}s uppföljning till länsgemensam samverkan. Det går att lämna in igen om något ändras; varje inlämning sparas.`,
    tabUrl: data.tabUrl,
  });
}

/** The card an arena's channel gets when a round opens (and on "uppföljning" there). */
export function arenaRoundCardFor(links: TabLinks, view: ArenaRoundView, page = 0, banner?: { text: string; tone: Tone; details?: string[] }): CardJson {
  return roundArenaCard({ ...view, page, tabUrl: links.tab('uppfoljning', view.arena.id), ...(banner ? { banner } : {}) });
}

/** What an arena's channel is told when the county moves the last day, or closes the round. */
export function roundNoticeCard(notice: 'lastDayMoved' | 'closed', round: Round, arena: Arena, submitted: boolean): CardJson {
  const buttons = [{ title: 'Uppföljning', command: 'uppföljning' }];
  if (notice === 'lastDayMoved') {
    return messageCard({
      title: `Ny sista dag för ${round.name}: ${longDate(round.lastDay)}`,
      text: `Länet har ändrat sista dagen att lämna in till ${longDate(round.lastDay)}. ${arena.name} har inte lämnat in ännu: gå igenom era aktiviteter och tryck Lämna in.`,
      buttons,
    });
  }
  const closedOn = round.closedAt ? stockholmDateOf(round.closedAt) : round.lastDay;
  const early = closedOn < round.lastDay ? `, före sista dagen ${longDate(round.lastDay)}` : '';
  return messageCard({
    title: `${round.name} är stängd`,
    text: `Länsgemensam samverkan stängde ${round.name} ${longDate(closedOn)}${early}. Läget är fryst: det ${arena.name} sparade fram till dess räknas till omgången. ${submitted ? `${arena.name} lämnade in.` : `${arena.name} lämnade inte in.`}`,
    tone: submitted ? 'info' : 'warning',
    buttons: [{ title: 'Status', command: 'status' }],
  });
}

/** The reminder before the last day, to an arena that has not submitted (rule roundLastDay). */
export function roundReminderCard(data: { arena: Arena; round: Round; reason: string; tabUrl: string }): CardJson {
  return bind(reminderTemplate, { title: `Lämna in ${data.arena.name}s uppföljning senast ${longDate(data.round.lastDay)}`, text: data.reason, tabUrl: data.tabUrl });
}

/** The measure's answer where the municipality gives it (as on the full form): ja/nej or text. */
function answerFields(sub: RoundItem['sub']) {
  const yesNo = answerKind(sub.target) === 'yesNo';
  // A split measure: one input per question, named "answer-<question>-<item>" beside the item's others.
  const questions = answers(sub) ? questionInputs(sub, undefined, (questionId) => `${ANSWER_INPUT}${questionId}-${sub.id}`) : [];
  return {
    answers: answers(sub),
    yesNo,
    split: questions.length > 0,
    questionInputs: questions,
    measureLabel: `Svar på måttet: ${sub.measure}${sub.target ? ` (målvärde: ${sub.target})` : ''}`,
    measureAnswer: sub.measureAnswer || (yesNo ? NO_ANSWER : ''),
  };
}

/** "Inte med här: 3 delaktiviteter i Bilaga 1 som är ej aktuella lokalt, 1 lokal aktivitet som är avslutad." */
function setAsideText(counts: { notApplicable: number; ended: number } | undefined): string {
  if (!counts) return '';
  const parts = [
    counts.notApplicable ? `${counts.notApplicable} ${counts.notApplicable === 1 ? 'delaktivitet' : 'delaktiviteter'} i Bilaga 1 som ni har markerat som ej aktuella lokalt` : '',
    counts.ended ? `${counts.ended} ${counts.ended === 1 ? 'lokal aktivitet' : 'lokala aktiviteter'} som ni har avslutat lokalt` : '',
  ].filter(Boolean);
  return parts.length ? `Inte med här: ${parts.join(' och ')}.` : '';
}

function sinceText(item: RoundItem): string {
  const { sub } = item;
  // A never followed-up item says so in its status line already.
  const changed = sub.updatedAt ? `Senast ändrad ${shortDay(sub.updatedAt)}${sub.updatedBy ? ` av ${sub.updatedBy}` : ''}` : '';
  const stale = item.notUpdatedInPeriod ? 'ej uppdaterad under perioden' : '';
  const text = [changed, stale].filter((t) => t !== '').join(' · ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
