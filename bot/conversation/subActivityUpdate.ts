// Updating a sub-activity from a card: Uppdatera opens the form in place, Spara writes state and
// history in one transaction, and a stale card is shown the current state with the person's own
// changes filled in, so that nothing is lost or silently overwritten.
import { z } from 'zod';
import type { CardJson } from '../cards/bind';
import { messageCard } from '../cards/messageCard';
import { subActivityCard, subActivityEditCard } from '../cards/subActivityCard';
import { answerKind, normaliseYesNo, YES_NO_ANSWERS, type ChangeRequest, type HistoryEntry } from '../domain/activityState';
import { mayChange } from '../domain/authorization';
import type { Arena } from '../domain/plan';
import type { ActivityView, SubActivityView } from '../domain/planView';
import { idSchema, parseChangeRequest } from '../domain/validation';
import type { Feature } from './feature';
import type { ArenaTurn } from './turn';

const target = z.object({ scopeId: idSchema, subActivityId: idSchema }).strict();
const formKeys = ['status', 'statusNote', 'measureAnswer', 'comment'] as const;
const saveData = z
  .object({ scopeId: idSchema, subActivityId: idSchema, etag: z.string().min(1).max(200), version: z.coerce.number().int().min(0).max(1e9) })
  .passthrough();

export interface Located {
  scope: Arena;
  activity: ActivityView;
  sub: SubActivityView;
}

export const unreadable = (errors?: string[]) =>
  messageCard({
    title: 'Det gick inte att spara',
    text: 'Kortet innehöll något jag inte kan ta emot, så ingenting har ändrats.',
    tone: 'error',
    ...(errors?.length ? { details: errors } : {}),
    buttons: [{ title: 'Visa aktiviteter', command: 'aktiviteter' }],
  });

const notFound = () =>
  messageCard({ title: 'Aktiviteten finns inte', text: 'Jag hittar inte den aktiviteten, så ingenting har ändrats.', tone: 'error', buttons: [{ title: 'Visa aktiviteter', command: 'aktiviteter' }] });

async function locate(at: ArenaTurn, scopeId: string, subActivityId: string): Promise<Located | undefined> {
  const scope = at.view.arenas.find((a) => a.id === scopeId);
  if (!scope) return undefined;
  for (const activity of await at.services.plan.scope(scope.id)) {
    const sub = activity.subActivities.find((d) => d.id === subActivityId);
    if (sub) return { scope, activity, sub };
  }
  return undefined;
}

function refusal(reason: string): CardJson {
  return messageCard({ title: 'Det här får du inte ändra här', text: `${reason} Ingenting har ändrats.`, tone: 'warning' });
}

async function latestEntry(at: ArenaTurn, found: Located): Promise<HistoryEntry | undefined> {
  return (await at.services.activities.history(found.scope.id, found.sub.id, 1))[0];
}

async function show(at: ArenaTurn, data: Record<string, unknown>): Promise<CardJson> {
  const parsed = target.safeParse(data);
  if (!parsed.success) return unreadable();
  const found = await locate(at, parsed.data.scopeId, parsed.data.subActivityId);
  if (!found) return notFound();
  const latest = await latestEntry(at, found);
  return subActivityCard({ activity: found.activity, sub: found.sub, ...(latest ? { latest } : {}) });
}

async function edit(at: ArenaTurn, data: Record<string, unknown>): Promise<CardJson> {
  const parsed = target.safeParse(data);
  if (!parsed.success) return unreadable();
  const found = await locate(at, parsed.data.scopeId, parsed.data.subActivityId);
  if (!found) return notFound();
  const decision = mayChange(at.origin, found.scope);
  if (!decision.allowed) return refusal(decision.reason);
  return subActivityEditCard({ activity: found.activity, sub: found.sub });
}

async function save(at: ArenaTurn, data: Record<string, unknown>): Promise<CardJson> {
  const parsed = saveData.safeParse(data);
  if (!parsed.success) return unreadable();
  const { scopeId, subActivityId, etag, version: seenVersion, ...rest } = parsed.data;
  const unexpected = Object.keys(rest).filter((k) => !(formKeys as readonly string[]).includes(k));
  if (unexpected.length) return unreadable();
  const request = parseChangeRequest(rest);
  if (!request.ok) return unreadable(request.errors);
  const result = await saveChange(at, { scopeId, subActivityId, etag, seenVersion, request: request.value });
  if (result.kind === 'answered') return result.card;
  return result.kind === 'unchanged'
    ? subActivityCard({ activity: result.after.activity, sub: result.after.sub, banner: { text: 'Inget ändrades: värdena var redan sparade.', tone: 'default' } })
    : subActivityCard({ activity: result.after.activity, sub: result.after.sub, latest: result.entry, banner: { text: `Sparat av ${at.turn.actor.name}.`, tone: 'good' } });
}

export interface SaveCommand {
  scopeId: string;
  subActivityId: string;
  /** The ETag and version of the state the person saw. */
  etag: string;
  seenVersion: number;
  request: ChangeRequest;
}

export type SaveResult =
  | { kind: 'saved'; after: Located; entry: HistoryEntry }
  | { kind: 'unchanged'; after: Located }
  /** Refused, not found, or someone else was first: the card says so (the edit form with their values, on a conflict). */
  | { kind: 'answered'; card: CardJson };

/** The one path every card save takes: authorization, answer checks, the ETag-guarded transaction. */
export async function saveChange(at: ArenaTurn, command: SaveCommand): Promise<SaveResult> {
  const { scopeId, subActivityId, etag, seenVersion } = command;
  const found = await locate(at, scopeId, subActivityId);
  if (!found) return { kind: 'answered', card: notFound() };
  const decision = mayChange(at.origin, found.scope);
  if (!decision.allowed) return { kind: 'answered', card: refusal(decision.reason) };
  const answer = command.request.measureAnswer;
  if (answer !== undefined && answerKind(found.sub.target) === 'yesNo' && !(YES_NO_ANSWERS as readonly string[]).includes(answer.toLowerCase())) {
    return { kind: 'answered', card: unreadable(['Svaret på måttet ska vara ja eller nej.']) };
  }
  const normalised = answer !== undefined && answerKind(found.sub.target) === 'yesNo' ? { ...command.request, measureAnswer: normaliseYesNo(answer) } : command.request;

  const outcome = await at.services.activities.update({ scopeId, subActivityId, etag, request: normalised, actor: at.turn.actor });
  switch (outcome.kind) {
    case 'notFound':
      return { kind: 'answered', card: notFound() };
    case 'conflict': {
      const now = await locate(at, scopeId, subActivityId);
      if (!now) return { kind: 'answered', card: notFound() };
      // What happened since the version the person saw, newest first.
      const since = (await at.services.activities.history(scopeId, subActivityId, 10)).filter((e) => e.version > seenVersion);
      return { kind: 'answered', card: subActivityEditCard({ activity: now.activity, sub: now.sub, proposed: normalised, conflict: since.slice(0, 3) }) };
    }
    case 'unchanged':
      return { kind: 'unchanged', after: found };
    case 'updated':
      return { kind: 'saved', after: (await locate(at, scopeId, subActivityId))!, entry: outcome.entry };
  }
}

export const subActivityUpdateFeature: Feature = {
  actions: {
    editSubActivity: edit,
    saveSubActivity: save,
    showSubActivity: show,
  },
};
