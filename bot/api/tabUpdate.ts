// PATCH of a sub-activity from the tab: the same validation, authorization and ETag conflict
// handling as the bot's Spara (bot/conversation/subActivityUpdate.ts), mapped to HTTP outcomes.
import { z } from 'zod';
import { answerKind, normaliseYesNo, YES_NO_ANSWERS, type HistoryEntry } from '../domain/activityState';
import { mayChange } from '../domain/authorization';
import type { Arena } from '../domain/plan';
import type { ActivityView, SubActivityView } from '../domain/planView';
import { parseChangeRequest, parseId } from '../domain/validation';
import type { ActivityStore } from '../storage/activityStore';
import type { ChannelStore } from '../storage/channelStore';
import type { PlanStore } from '../storage/planStore';
import type { TabUser } from './ssoAuth';

export type TabUpdateResult =
  | { status: 200; body: { outcome: 'updated' | 'unchanged'; sub: SubActivityView; activity: ActivityView; entry?: HistoryEntry } }
  | { status: 409; body: { error: string; current: SubActivityView; activity: ActivityView; since: HistoryEntry[] } }
  | { status: 400 | 403 | 404 | 428; body: { error: string; details?: string[] } };

const bodyKeys = z.object({ etag: z.string().min(1).max(200).optional(), version: z.coerce.number().int().min(0).max(1e9).optional() }).passthrough();

interface Deps {
  plan: PlanStore;
  activities: ActivityStore;
  channels: ChannelStore;
}

/** Whether the user may change a scope: the bot's rule for a change from personal chat. */
export async function userMayChange(deps: Pick<Deps, 'channels'>, user: TabUser, scope: Arena) {
  const member = await deps.channels.isMember(scope.id, user.id);
  return mayChange({ kind: 'personal', arenaId: scope.id, memberOfArenaChannel: member }, scope);
}

async function locate(deps: Deps, scope: Arena, subActivityId: string) {
  for (const activity of await deps.plan.scope(scope.id)) {
    const sub = activity.subActivities.find((d) => d.id === subActivityId);
    if (sub) return { activity, sub };
  }
  return undefined;
}

export async function updateFromTab(deps: Deps, user: TabUser, params: { scopeId: unknown; subActivityId: unknown; ifMatch?: string; body: unknown }): Promise<TabUpdateResult> {
  const notFound = { status: 404 as const, body: { error: 'Aktiviteten finns inte. Ingenting har ändrats.' } };
  const scopeId = parseId(params.scopeId);
  const subId = parseId(params.subActivityId);
  if (!scopeId.ok || !subId.ok) return notFound;
  const keys = bodyKeys.safeParse(params.body ?? {});
  if (!keys.success || typeof params.body !== 'object' || params.body === null) {
    return { status: 400, body: { error: 'Ändringen kunde inte läsas, så ingenting har ändrats.' } };
  }
  const { etag: bodyEtag, version: seenVersion, ...rest } = keys.data;
  const etag = params.ifMatch ?? bodyEtag;
  if (!etag) return { status: 428, body: { error: 'Ändringen saknar version (If-Match). Ladda om fliken och försök igen.' } };
  const request = parseChangeRequest(rest);
  if (!request.ok) return { status: 400, body: { error: 'Ändringen kunde inte sparas, så ingenting har ändrats.', details: request.errors } };

  const scope = (await deps.plan.content()).arenas.find((a) => a.id === scopeId.value);
  if (!scope) return notFound;
  const found = await locate(deps, scope, subId.value);
  if (!found) return notFound;
  const decision = await userMayChange(deps, user, scope);
  if (!decision.allowed) return { status: 403, body: { error: `${decision.reason} Ingenting har ändrats.` } };

  const answer = request.value.measureAnswer;
  const yesNo = answerKind(found.sub.target) === 'yesNo';
  if (answer !== undefined && yesNo && !(YES_NO_ANSWERS as readonly string[]).includes(answer.toLowerCase())) {
    return { status: 400, body: { error: 'Ändringen kunde inte sparas, så ingenting har ändrats.', details: ['Svaret på måttet ska vara ja eller nej.'] } };
  }
  const normalised = answer !== undefined && yesNo ? { ...request.value, measureAnswer: normaliseYesNo(answer) } : request.value;

  const outcome = await deps.activities.update({ scopeId: scope.id, subActivityId: subId.value, etag, request: normalised, actor: { id: user.id, name: user.name } });
  switch (outcome.kind) {
    case 'notFound':
      return notFound;
    case 'conflict': {
      const now = await locate(deps, scope, subId.value);
      if (!now) return notFound;
      const since = (await deps.activities.history(scope.id, subId.value, 10)).filter((e) => seenVersion === undefined || e.version > seenVersion);
      return {
        status: 409,
        body: { error: 'Någon annan har ändrat aktiviteten sedan du öppnade den. Ingenting har sparats: se vad som gäller nu, och spara dina ändringar igen om de fortfarande stämmer.', current: now.sub, activity: now.activity, since },
      };
    }
    case 'unchanged':
      return { status: 200, body: { outcome: 'unchanged', sub: found.sub, activity: found.activity } };
    case 'updated': {
      const after = (await locate(deps, scope, subId.value))!;
      return { status: 200, body: { outcome: 'updated', sub: after.sub, activity: after.activity, entry: outcome.entry } };
    }
  }
}
