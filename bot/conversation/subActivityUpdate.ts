// Updating a sub-activity from a card: Uppdatera opens the form in place, Spara writes state and
// history in one transaction, and a stale card is shown the current state with the person's own
// changes filled in, so that nothing is lost or silently overwritten.
import { z } from 'zod';
import type { CardJson } from '../cards/bind';
import { messageCard } from '../cards/messageCard';
import { subActivityCard, subActivityEditCard } from '../cards/subActivityCard';
import { answerKind, normaliseYesNo, YES_NO_ANSWERS, type HistoryEntry } from '../domain/activityState';
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

interface Located {
  scope: Arena;
  activity: ActivityView;
  sub: SubActivityView;
}

const unreadable = (errors?: string[]) =>
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

  const found = await locate(at, scopeId, subActivityId);
  if (!found) return notFound();
  const decision = mayChange(at.origin, found.scope);
  if (!decision.allowed) return refusal(decision.reason);
  const answer = request.value.measureAnswer;
  if (answer !== undefined && answerKind(found.sub.target) === 'yesNo' && !(YES_NO_ANSWERS as readonly string[]).includes(answer.toLowerCase())) {
    return unreadable(['Svaret på måttet ska vara ja eller nej.']);
  }
  const normalised = answer !== undefined && answerKind(found.sub.target) === 'yesNo' ? { ...request.value, measureAnswer: normaliseYesNo(answer) } : request.value;

  const outcome = await at.services.activities.update({ scopeId, subActivityId, etag, request: normalised, actor: at.turn.actor });
  switch (outcome.kind) {
    case 'notFound':
      return notFound();
    case 'conflict': {
      const now = await locate(at, scopeId, subActivityId);
      if (!now) return notFound();
      // What happened since the version the person saw, newest first.
      const since = (await at.services.activities.history(scopeId, subActivityId, 10)).filter((e) => e.version > seenVersion);
      return subActivityEditCard({ activity: now.activity, sub: now.sub, proposed: normalised, conflict: since.slice(0, 3) });
    }
    case 'unchanged':
      return subActivityCard({ activity: found.activity, sub: found.sub, banner: { text: 'Inget ändrades: värdena var redan sparade.', tone: 'default' } });
    case 'updated': {
      const after = await locate(at, scopeId, subActivityId);
      return subActivityCard({ activity: after!.activity, sub: after!.sub, latest: outcome.entry, banner: { text: `Sparat av ${at.turn.actor.name}.`, tone: 'good' } });
    }
  }
}

export const subActivityUpdateFeature: Feature = {
  actions: {
    editSubActivity: edit,
    saveSubActivity: save,
    showSubActivity: show,
  },
};
