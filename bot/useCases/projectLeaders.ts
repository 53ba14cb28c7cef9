// Who the plan's project leaders are right now: configured, or recorded with the first link.
import type { ProjectLeaders } from '../domain/projectLeaders';
import type { ChannelStore } from '../storage/channelStore';

export async function currentProjectLeaders(deps: { projectLeaderIds: string[]; channels: ChannelStore }): Promise<ProjectLeaders> {
  if (deps.projectLeaderIds.length > 0) return { source: 'configured', ids: deps.projectLeaderIds };
  const leaders = await deps.channels.projectLeaders();
  return leaders.length > 0 ? { source: 'firstLink', leaders } : { source: 'none' };
}
