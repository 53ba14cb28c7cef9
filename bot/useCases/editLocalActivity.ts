// An arena changes its own local activity's text (plan 1.6: "I de lokala samverkansarenorna
// revideras … de lokala samverkansplanerna"): title, description, strategy, measure, target and
// priority period. The sibling of updateSubActivity (which ends it, takes it up again and sets its
// status): the same outcome, the same ETag conflicts, one history row per change, the same rule of
// who may change it. The bot's card and the tab's API both call this.
import type { Actor, HistoryEntry } from '../domain/activityState';
import { mayChange, type Origin } from '../domain/authorization';
import { LIMITS } from '../domain/limits';
import { localActivityChanges, parseLocalActivityEdit, type LocalActivityEdit } from '../domain/localActivity';
import type { Arena } from '../domain/plan';
import type { PlanContentView } from '../domain/planView';
import { userText } from '../domain/validation';
import type { ActivityStore } from '../storage/activityStore';
import type { LocalActivityStore } from '../storage/localActivityStore';
import type { PlanStore } from '../storage/planStore';
import { notFound, refused, type UpdateOutcome } from './outcome';
import { conflict, locateSubActivity, type Located } from './updateSubActivity';

export interface EditLocalActivityCommand {
  scope: Arena;
  /** The local activity's sub-activity (which carries its state and ETag). */
  subActivityId: string;
  etag: string;
  seenVersion?: number;
  /** The form's fields: strategyId, title, description, periodFrom, periodTo, measure, target, comment. */
  input: Record<string, unknown>;
  origin: Origin;
  actor: Actor;
}

export type EditLocalActivityOutcome = UpdateOutcome<Located, HistoryEntry> & { proposed?: LocalActivityEdit };

export interface EditLocalActivityDeps {
  plan: Pick<PlanStore, 'arenaPlan' | 'content'>;
  activities: Pick<ActivityStore, 'history'>;
  localActivities: Pick<LocalActivityStore, 'edit'>;
  now: () => Date;
}

const INVALID = 'Ändringen kunde inte sparas, så ingenting har ändrats.';

/** A local activity's editable text as it stands. */
export function localActivityText(found: Located): LocalActivityEdit {
  return {
    strategyId: found.activity.strategyId,
    title: found.activity.title,
    description: found.sub.details.join('\n\n'),
    period: { from: found.activity.period.from, to: found.activity.period.to },
    measure: found.sub.measure,
    target: found.sub.target,
  };
}

export async function editLocalActivity(deps: EditLocalActivityDeps, command: EditLocalActivityCommand): Promise<EditLocalActivityOutcome> {
  const found = await locateSubActivity(deps, command.scope, command.subActivityId);
  if (!found) return notFound;
  if (command.scope.kind === 'county' || found.sub.kind !== 'own') return refused('notAllowed', 'Bara en arenas egna lokala aktiviteter kan ändras här; Bilaga 1 ändras när planen revideras. Ingenting har ändrats.');
  const decision = mayChange(command.origin, command.scope);
  if (!decision.allowed) return refused('notAllowed', `${decision.reason} Ingenting har ändrats.`);

  const content: PlanContentView = await deps.plan.content();
  const before = localActivityText(found);
  const parsed = parseLocalActivityEdit(command.input, before, content.strategies, deps.now(), LIMITS.description);
  const comment = userText(LIMITS.comment, 'Kommentaren').optional().safeParse(command.input.comment ?? undefined);
  if (!parsed.ok || !comment.success) {
    const errors = [...(parsed.ok ? [] : parsed.errors), ...(comment.success ? [] : comment.error.issues.map((i) => i.message))];
    return refused('invalid', INVALID, errors);
  }
  const strategyName = (id: string) => {
    const s = content.strategies.find((x) => x.id === id);
    return s ? `Strategi ${s.number}: ${s.title}` : id;
  };
  const changes = localActivityChanges(before, parsed.value, strategyName);
  const note = comment.data ?? '';
  if (changes.length === 0 && note === '') return { kind: 'unchanged', after: found };
  if (found.sub.etag !== command.etag) return { ...(await conflict(deps, found, command.seenVersion)), proposed: parsed.value };

  const written = await deps.localActivities.edit(command.scope.id, { activityId: found.activity.id, sub: found.sub }, parsed.value, changes, note, command.actor);
  const now = await locateSubActivity(deps, command.scope, command.subActivityId);
  if (!now) return notFound;
  if (written.kind === 'conflict') return { ...(await conflict(deps, now, command.seenVersion)), proposed: parsed.value };
  return { kind: 'saved', after: now, entry: written.entry };
}
