// The plan's project leaders: they alone re-link a channel that already follows another arena.
// Named in the settings (PROJECT_LEADER_IDS), or else the person who linked the plan team's first
// channel, recorded with that link, so that a member of one arena can never take another's channel.

import { joinSwedish } from './format';

export interface ProjectLeader {
  id: string;
  name: string;
  /** Who named them (projektledare lägg till); absent for the one who linked the first channel. */
  namedBy?: string;
}

export type ProjectLeaders =
  /** PROJECT_LEADER_IDS: Entra object ids, names unknown to the app. */
  | { source: 'configured'; ids: string[] }
  /** Recorded when the plan team's first channel was linked. */
  | { source: 'firstLink'; leaders: ProjectLeader[] }
  /** Nothing configured and nothing recorded yet (no channel linked, or linked before leaders were recorded). */
  | { source: 'none' };

export function isProjectLeader(leaders: ProjectLeaders, actorId: string): boolean {
  if (leaders.source === 'configured') return leaders.ids.includes(actorId);
  if (leaders.source === 'firstLink') return leaders.leaders.some((l) => l.id === actorId);
  return false;
}

/** Who the project leaders are, in a sentence for hjälp, the tab and a refusal. */
export function projectLeadersText(leaders: ProjectLeaders): string {
  if (leaders.source === 'configured') return 'Planens projektledare är angivna i appens inställningar (PROJECT_LEADER_IDS).';
  if (leaders.source === 'firstLink') {
    const names = leaders.leaders.map((l) => l.name);
    const only = leaders.leaders.length === 1 ? leaders.leaders[0]! : undefined;
    if (only) return `Planens projektledare är ${only.name} (${only.namedBy ? `utsedd av ${only.namedBy}` : 'kopplade teamets första kanal'}).`;
    return `Planens projektledare är ${joinSwedish(names)}.`;
  }
  return 'Ingen projektledare är utsedd ännu: den som kopplar teamets första kanal blir projektledare, om inte projektledarna anges i appens inställningar (PROJECT_LEADER_IDS).';
}
