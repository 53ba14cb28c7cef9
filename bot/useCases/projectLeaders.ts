// Who the plan's project leaders are right now: configured, or recorded with the first link.
import { isProjectLeader, projectLeadersText, type ProjectLeader, type ProjectLeaders } from '../domain/projectLeaders';
import type { ChannelStore } from '../storage/channelStore';

export async function currentProjectLeaders(deps: { projectLeaderIds: string[]; channels: ChannelStore }): Promise<ProjectLeaders> {
  if (deps.projectLeaderIds.length > 0) return { source: 'configured', ids: deps.projectLeaderIds };
  const leaders = await deps.channels.projectLeaders();
  return leaders.length > 0 ? { source: 'firstLink', leaders } : { source: 'none' };
}

export type LeaderChange =
  | { kind: 'saved'; leaders: ProjectLeaders }
  | { kind: 'unchanged'; leaders: ProjectLeaders; message: string }
  | { kind: 'refused'; leaders: ProjectLeaders; message: string };

/**
 * A project leader names another person project leader, or takes one away. Only where the
 * leaders are recorded with the first link: PROJECT_LEADER_IDS, when set, is the whole list and
 * is changed in the settings. Someone who is no project leader is refused, with who can.
 */
export async function changeProjectLeader(
  deps: { projectLeaderIds: string[]; channels: ChannelStore },
  actor: ProjectLeader,
  person: ProjectLeader,
  change: 'add' | 'remove',
): Promise<LeaderChange> {
  const leaders = await currentProjectLeaders(deps);
  const nothing = 'Ingenting har ändrats.';
  if (leaders.source === 'configured') {
    return { kind: 'refused', leaders, message: `Planens projektledare anges i appens inställningar (PROJECT_LEADER_IDS) och ändras bara där, av den som sköter appen. ${nothing}` };
  }
  if (leaders.source === 'none') return { kind: 'refused', leaders, message: `${projectLeadersText(leaders)} ${nothing}` };
  if (!isProjectLeader(leaders, actor.id)) {
    return { kind: 'refused', leaders, message: `${projectLeadersText(leaders)} Be en av dem. ${nothing}` };
  }
  let refusal: string | undefined;
  const after = await deps.channels.changeProjectLeaders((current) => {
    const has = current.some((l) => l.id === person.id);
    if (change === 'add') {
      if (has) return void (refusal = `${person.name} är redan projektledare. ${nothing}`);
      return [...current, { id: person.id, name: person.name, namedBy: actor.name }];
    }
    if (!has) return void (refusal = `${person.name} är inte projektledare. ${nothing}`);
    if (current.length === 1) return void (refusal = `${person.name} är planens enda projektledare: lägg först till en annan. ${nothing}`);
    return current.filter((l) => l.id !== person.id);
  });
  const now: ProjectLeaders = after && after.length > 0 ? { source: 'firstLink', leaders: after } : { source: 'none' };
  return refusal ? { kind: 'unchanged', leaders: now, message: refusal } : { kind: 'saved', leaders: now };
}
