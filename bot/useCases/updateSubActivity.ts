// The one way a sub-activity's follow-up is changed, whoever asks: the bot's edit card, the stale
// digest's inline form, the tab's PATCH and the follow-up round's forms all call this. It finds
// the item, checks who may change it, validates the answer, and writes with the ETag the person
// saw: the item's own row read by its keys (the rest of its scope as this instance last read it,
// planStore.ts `forSave`) and one transaction when nothing stands in the way.
import { answerKind, normaliseYesNo, YES_NO_ANSWERS, type Actor, type ChangeRequest, type HistoryEntry } from '../domain/activityState';
import { mayChange, type Origin } from '../domain/authorization';
import { answerTo } from '../domain/measureQuestions';
import type { Arena, MeasureQuestion } from '../domain/plan';
import type { ActivityView, ArenaPlan, SubActivityView } from '../domain/planView';
import { parseChangeRequest } from '../domain/validation';
import type { ActivityStore } from '../storage/activityStore';
import type { PlanStore } from '../storage/planStore';
import { notFound, refused, type UpdateOutcome } from './outcome';
import { countConflict } from '../telemetry/metrics';

/** A sub-activity where it stands: its scope (county or arena), its activity, and itself. */
export interface Located {
  scope: Arena;
  activity: ActivityView;
  sub: SubActivityView;
}

export interface UpdateSubActivityCommand {
  scope: Arena;
  subActivityId: string;
  /** The ETag (and version) of the state the person saw when they made the change. */
  etag: string;
  seenVersion?: number;
  /** The form's fields as sent: status, statusNote, measureAnswer, comment (validated here). */
  input: Record<string, unknown>;
  origin: Origin;
  actor: Actor;
}

export type SubActivityOutcome = UpdateOutcome<Located, HistoryEntry> & {
  /** The validated request, where it got that far: the form can come back with it. */
  request?: ChangeRequest;
};

export interface SubActivityDeps {
  plan: Pick<PlanStore, 'arenaPlan' | 'forSave'>;
  activities: Pick<ActivityStore, 'write' | 'history'>;
}

/**
 * Finds what a scope follows up under this id: for the county, its Bilaga 1 item (one partition
 * query); for an arena, its local activity or its own follow-up of a Bilaga 1 item (two, side by side).
 */
export async function locateSubActivity(deps: { plan: Pick<PlanStore, 'arenaPlan'> }, scope: Arena, subActivityId: string): Promise<Located | undefined> {
  return find(await deps.plan.arenaPlan(scope), scope, subActivityId);
}

function find({ bilaga1, local }: ArenaPlan, scope: Arena, subActivityId: string): Located | undefined {
  for (const activity of [...local, ...bilaga1]) {
    const sub = activity.subActivities.find((d) => d.id === subActivityId);
    if (sub) return { scope, activity, sub };
  }
  return undefined;
}

const INVALID = 'Ändringen kunde inte sparas, så ingenting har ändrats.';

export async function updateSubActivity(deps: SubActivityDeps, command: UpdateSubActivityCommand): Promise<SubActivityOutcome> {
  const parsed = parseChangeRequest(command.input);
  if (!parsed.ok) return refused('invalid', INVALID, parsed.errors);
  const found = find(await deps.plan.forSave(command.scope, command.subActivityId, command.etag), command.scope, command.subActivityId);
  if (!found) return notFound;
  const decision = mayChange(command.origin, command.scope);
  if (!decision.allowed) return refused('notAllowed', `${decision.reason} Ingenting har ändrats.`);
  const closed = retiredRefusal(found);
  if (closed) return closed;

  const local = localRefusal(parsed.value, found);
  if (local) return { ...refused('invalid', INVALID, [local]), request: parsed.value };
  const answer = normaliseAnswer(parsed.value, found.sub);
  if (!answer.ok) return { ...refused('invalid', INVALID, [answer.error]), request: parsed.value };
  const request = answer.request;
  const first = firstFollowUpRefusal(request, found);
  if (first) return { ...refused('invalid', INVALID, [first]), request };
  if (found.sub.etag !== command.etag) return { ...(await conflict(deps, found, command.seenVersion)), request };

  const written = await deps.activities.write({ current: found.sub, scopeId: command.scope.id, request, actor: command.actor });
  switch (written.kind) {
    case 'unchanged': {
      // Nothing written, so nothing refused a stale form (forSave may not have read the row): look.
      const now = await locateSubActivity(deps, command.scope, command.subActivityId);
      if (!now) return notFound;
      if (now.sub.etag !== command.etag) return retiredRefusal(now) ?? { ...(await conflict(deps, now, command.seenVersion)), request };
      return { kind: 'unchanged', after: now, request };
    }
    case 'conflict': {
      // The row moved after the form was made (forSave may not have read it): as it is now.
      const now = await locateSubActivity(deps, command.scope, command.subActivityId);
      if (!now) return notFound;
      return retiredRefusal(now) ?? { ...(await conflict(deps, now, command.seenVersion)), request };
    }
    case 'written':
      return { kind: 'saved', after: withSub(found, written.sub), entry: written.entry, request };
  }
}

/** Closed by a revision of the plan (npm run plan -- apply): readable with its history, never reopened. */
function retiredRefusal(found: Located) {
  const retired = found.sub.retired ?? found.activity.retired;
  if (!retired) return undefined;
  return refused('notAllowed', `"${found.sub.title}" avslutades när planen reviderades (version ${retired.version}): ${retired.reason} Den kan läsas med sin historik men inte ändras. Ingenting har ändrats.`);
}

/**
 * "Ej aktuellt lokalt" is an arena's word about a Bilaga 1 item; "Avslutad lokalt" about its own
 * local activity. A reason marks it, "" undoes it (the forms ask for the reason).
 */
function localRefusal(request: ChangeRequest, found: Located): string | undefined {
  if (request.notApplicable !== undefined) {
    if (found.sub.kind !== 'followUp') return 'Bara en lokal arena kan säga att en delaktivitet i Bilaga 1 inte är aktuell lokalt.';
  }
  if (request.endedLocally !== undefined) {
    if (found.sub.kind !== 'own' || found.scope.kind === 'county') return 'Bara en arenas egna lokala aktiviteter kan avslutas lokalt.';
  }
  return undefined;
}

/**
 * An arena's follow-up of a Bilaga 1 item that it has never followed up has no status at all (the
 * stored "Ej påbörjat" is a placeholder, not the arena's word): its first follow-up needs one. A
 * note or comment alone would otherwise make the placeholder its status, and the item Försenad,
 * without anyone choosing it. (The county's own items start from the plan's 2023 status.)
 */
function firstFollowUpRefusal(request: ChangeRequest, found: Located): string | undefined {
  if (found.sub.kind !== 'followUp' || found.sub.followedUp || request.status !== undefined) return undefined;
  // Setting an item aside (ej aktuellt lokalt, avslutad lokalt) is an answer of its own.
  if (request.notApplicable !== undefined || request.endedLocally !== undefined) return undefined;
  const answers = Object.entries(request.answers ?? {}).some(([id, answer]) => answer !== answerTo(found.sub, found.sub.questions ?? [], id)?.answer);
  const changes = (request.statusNote !== undefined && request.statusNote !== found.sub.statusNote) || (request.measureAnswer !== undefined && request.measureAnswer !== found.sub.measureAnswer) || answers || Boolean(request.comment?.trim());
  return changes ? 'Välj en status: ingen har följt upp delaktiviteten ännu, så den första uppföljningen behöver en status. Det du skrev finns kvar.' : undefined;
}

/**
 * The answer to the measure in its stored form (ja/nej lower case). An arena answers a Bilaga 1
 * measure only where each municipality answers it for itself; otherwise the county's answer is
 * the only one (plan file: answeredBy).
 */
function normaliseAnswer(request: ChangeRequest, sub: SubActivityView): { ok: true; request: ChangeRequest } | { ok: false; error: string } {
  if (sub.questions) return normaliseAnswers(request, sub, sub.questions);
  if (request.answers !== undefined) return { ok: false, error: 'Måttet har bara en fråga: svara på måttet.' };
  const answer = request.measureAnswer;
  if (answer === undefined) return { ok: true, request };
  if (sub.kind === 'followUp' && sub.answeredBy !== 'municipality' && answer.trim() !== '') {
    return { ok: false, error: 'Måttet besvaras av länsgemensam samverkan för den här delaktiviteten: arenan anger status och anteckning.' };
  }
  if (answerKind(sub.target) !== 'yesNo') return { ok: true, request };
  if (!(YES_NO_ANSWERS as readonly string[]).includes(answer.trim().toLowerCase())) return { ok: false, error: 'Svaret på måttet ska vara ja eller nej.' };
  return { ok: true, request: { ...request, measureAnswer: normaliseYesNo(answer) } };
}

/**
 * A split measure: an answer per question, each checked against its own question. A single answer
 * for the whole cell (a form from before the split) is taken only where it changes nothing.
 */
function normaliseAnswers(request: ChangeRequest, sub: SubActivityView, questions: readonly MeasureQuestion[]): { ok: true; request: ChangeRequest } | { ok: false; error: string } {
  const { measureAnswer, answers, ...rest } = request;
  if (measureAnswer !== undefined && normaliseYesNo(measureAnswer) !== sub.measureAnswer) {
    return { ok: false, error: `Måttet har ${questions.length} frågor som besvaras var för sig: svara på var och en i formuläret.` };
  }
  if (answers === undefined) return { ok: true, request: rest };
  const normalised: Record<string, string> = {};
  for (const [id, answer] of Object.entries(answers)) {
    const question = questions.find((q) => q.id === id);
    if (!question) return { ok: false, error: 'Svaret gäller en fråga som måttet inte har.' };
    if (sub.kind === 'followUp' && sub.answeredBy !== 'municipality' && answer.trim() !== '') {
      return { ok: false, error: 'Måttet besvaras av länsgemensam samverkan för den här delaktiviteten: arenan anger status och anteckning.' };
    }
    if (question.answer === 'yesNo' && !(YES_NO_ANSWERS as readonly string[]).includes(answer.trim().toLowerCase())) {
      return { ok: false, error: `Svaret på frågan "${question.text}" ska vara ja eller nej.` };
    }
    normalised[id] = question.answer === 'yesNo' ? normaliseYesNo(answer) : answer.trim();
  }
  return { ok: true, request: { ...rest, answers: normalised } };
}

/** Someone else was first: the item as it is now and what happened since the version the person saw, newest first. */
export async function conflict(deps: { activities: Pick<ActivityStore, 'history'> }, now: Located, seenVersion: number | undefined) {
  countConflict('subActivity');
  const since = (await deps.activities.history(now.scope.id, now.sub.id, 10)).filter((e) => seenVersion === undefined || e.version > seenVersion);
  return { kind: 'conflict' as const, current: now, since: since.slice(0, 5) };
}

/** The item as it is after a save: the sub-activity replaced in its activity too. */
function withSub(found: Located, sub: SubActivityView): Located {
  return { ...found, sub, activity: { ...found.activity, subActivities: found.activity.subActivities.map((d) => (d.id === sub.id ? sub : d)) } };
}
