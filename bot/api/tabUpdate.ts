// PATCH of a sub-activity from the tab: the one update use case (bot/useCases/updateSubActivity.ts),
// the same as the bot's Spara, with its outcome mapped to HTTP.
import { z } from 'zod';
import type { HistoryEntry } from '../domain/activityState';
import { mayChange } from '../domain/authorization';
import type { Arena } from '../domain/plan';
import type { ActivityView, SubActivityView } from '../domain/planView';
import { parseId } from '../domain/validation';
import type { ActivityStore } from '../storage/activityStore';
import type { ChannelStore } from '../storage/channelStore';
import type { PlanStore } from '../storage/planStore';
import { editLocalActivity, type EditLocalActivityOutcome } from '../useCases/editLocalActivity';
import { updateSubActivity, type SubActivityOutcome } from '../useCases/updateSubActivity';
import type { LocalActivityStore } from '../storage/localActivityStore';
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

/** Where a tab user's change comes from, as the rules see it: personal, a member of the arena's channel or not. */
async function tabOrigin(deps: Pick<Deps, 'channels'>, user: TabUser, scope: Arena) {
  return { kind: 'personal' as const, arenaId: scope.id, memberOfArenaChannel: await deps.channels.isMember(scope.id, user.id) };
}

/** Whether the user may change a scope: the bot's rule for a change from personal chat. */
export async function userMayChange(deps: Pick<Deps, 'channels'>, user: TabUser, scope: Arena) {
  return mayChange(await tabOrigin(deps, user, scope), scope);
}

const CONFLICT = 'Någon annan har ändrat aktiviteten sedan du öppnade den. Ingenting har sparats: se vad som gäller nu, och spara dina ändringar igen om de fortfarande stämmer.';

export async function updateFromTab(deps: Deps, user: TabUser, params: { scopeId: unknown; subActivityId: unknown; ifMatch?: string; body: unknown }): Promise<TabUpdateResult> {
  const notFound = { status: 404 as const, body: { error: 'Aktiviteten finns inte. Ingenting har ändrats.' } };
  const scopeId = parseId(params.scopeId);
  const subId = parseId(params.subActivityId);
  if (!scopeId.ok || !subId.ok) return notFound;
  const keys = bodyKeys.safeParse(params.body ?? {});
  if (!keys.success || typeof params.body !== 'object' || params.body === null) {
    return { status: 400, body: { error: 'Ändringen kunde inte läsas, så ingenting har ändrats.' } };
  }
  const { etag: bodyEtag, version: seenVersion, ...input } = keys.data;
  const etag = params.ifMatch ?? bodyEtag;
  if (!etag) return { status: 428, body: { error: 'Fliken sa inte vilken version av delaktiviteten ändringen utgår från. Ladda om fliken och försök igen. Ingenting har ändrats.' } };
  const scope = (await deps.plan.content()).arenas.find((a) => a.id === scopeId.value);
  if (!scope) return notFound;

  const outcome = await updateSubActivity(deps, {
    scope,
    subActivityId: subId.value,
    etag,
    ...(seenVersion !== undefined ? { seenVersion } : {}),
    input,
    origin: await tabOrigin(deps, user, scope),
    actor: { id: user.id, name: user.name },
  });
  return asHttp(outcome);
}

/** PATCH of a local activity's text (title, description, strategy, measure, target, period) from the tab. */
export async function editLocalFromTab(deps: Deps & { localActivities: LocalActivityStore; now: () => Date }, user: TabUser, params: { scopeId: unknown; subActivityId: unknown; ifMatch?: string; body: unknown }): Promise<TabUpdateResult> {
  const notFound = { status: 404 as const, body: { error: 'Aktiviteten finns inte. Ingenting har ändrats.' } };
  const scopeId = parseId(params.scopeId);
  const subId = parseId(params.subActivityId);
  if (!scopeId.ok || !subId.ok) return notFound;
  const keys = bodyKeys.safeParse(params.body ?? {});
  if (!keys.success || typeof params.body !== 'object' || params.body === null) return { status: 400, body: { error: 'Ändringen kunde inte läsas, så ingenting har ändrats.' } };
  const { etag: bodyEtag, version: seenVersion, ...input } = keys.data;
  const etag = params.ifMatch ?? bodyEtag;
  if (!etag) return { status: 428, body: { error: 'Fliken sa inte vilken version av delaktiviteten ändringen utgår från. Ladda om fliken och försök igen. Ingenting har ändrats.' } };
  const scope = (await deps.plan.content()).arenas.find((a) => a.id === scopeId.value);
  if (!scope) return notFound;
  const outcome = await editLocalActivity(deps, {
    scope,
    subActivityId: subId.value,
    etag,
    ...(seenVersion !== undefined ? { seenVersion } : {}),
    input,
    origin: await tabOrigin(deps, user, scope),
    actor: { id: user.id, name: user.name },
  });
  return asHttp(outcome);
}

function asHttp(outcome: SubActivityOutcome | EditLocalActivityOutcome): TabUpdateResult {
  const notFound = { status: 404 as const, body: { error: 'Aktiviteten finns inte. Ingenting har ändrats.' } };
  switch (outcome.kind) {
    case 'saved':
      return { status: 200, body: { outcome: 'updated', sub: outcome.after.sub, activity: outcome.after.activity, entry: outcome.entry } };
    case 'unchanged':
      return { status: 200, body: { outcome: 'unchanged', sub: outcome.after.sub, activity: outcome.after.activity } };
    case 'conflict':
      return { status: 409, body: { error: CONFLICT, current: outcome.current.sub, activity: outcome.current.activity, since: outcome.since } };
    case 'refused':
      return outcome.reason === 'notAllowed'
        ? { status: 403, body: { error: outcome.message } }
        : { status: 400, body: { error: outcome.message, details: outcome.errors } };
    case 'notFound':
      return notFound;
  }
}

