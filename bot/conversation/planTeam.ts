// Which Teams team the plan is followed up in. Configured (PLAN_TEAM_IDS), or else pinned by the
// first channel that is linked: channels of any other team can neither be linked nor change the
// plan, so that nobody can add the app to a team of their own and act as an arena.
import { messageCard } from '../cards/messageCard';
import type { CardJson } from '../cards/bind';
import type { Services } from './services';

export async function isPlanTeam(services: Services, teamId: string): Promise<boolean> {
  if (services.planTeamIds.length > 0) return services.planTeamIds.includes(teamId);
  const pinned = await services.channels.planTeam();
  return pinned === undefined || pinned === teamId;
}

/** Called when a channel is linked: pins the team if nothing is configured or pinned yet. */
export async function pinPlanTeam(services: Services, teamId: string): Promise<boolean> {
  if (services.planTeamIds.length > 0) return services.planTeamIds.includes(teamId);
  return (await services.channels.pinPlanTeam(teamId)) === teamId;
}

export function notThePlanTeamCard(): CardJson {
  return messageCard({
    title: 'Det här är inte planens team',
    text: 'Gemensam plan följs upp i kanalerna i planens eget team. Här kan jag inte koppla kanaler eller ändra planen. Kontakta planens projektledare om teamet ska användas.',
    tone: 'warning',
  });
}
