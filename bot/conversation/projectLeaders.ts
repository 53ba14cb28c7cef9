// "projektledare": who the plan's project leaders are; "projektledare lägg till @namn" and
// "projektledare ta bort @namn": a project leader names or removes another (useCases/projectLeaders.ts).
import type { CardJson } from '../cards/bind';
import { messageCard } from '../cards/messageCard';
import { projectLeadersText, type ProjectLeaders } from '../domain/projectLeaders';
import { changeProjectLeader, currentProjectLeaders } from '../useCases/projectLeaders';
import type { Services } from './services';
import type { Turn } from './turn';

export type LeaderCommand = { change?: 'add' | 'remove' };

/** The command, when the message is one ("projektledare …"); the @mentions are not in the text. */
export function leaderCommand(text: string): LeaderCommand | undefined {
  const match = /^\s*projektledare\b\s*(.*)$/iu.exec(text);
  if (!match) return undefined;
  const rest = match[1]!.trim().toLowerCase();
  if (/^(lägg till|lägga till|utse)\b/u.test(rest)) return { change: 'add' };
  if (/^(ta bort|tabort)\b/u.test(rest)) return { change: 'remove' };
  return {};
}

/** How leaders are named, for hjälp and the answers here; only where the app records them. */
export function namingHint(leaders: ProjectLeaders): string {
  return leaders.source === 'firstLink' ? ' En projektledare utser fler med "projektledare lägg till @namn" och tar bort med "projektledare ta bort @namn".' : '';
}

export async function leaderCard(turn: Turn, services: Services, command: LeaderCommand): Promise<CardJson> {
  if (!command.change) {
    const leaders = await currentProjectLeaders(services);
    return messageCard({ title: 'Planens projektledare', text: `${projectLeadersText(leaders)}${namingHint(leaders)}` });
  }
  const person = turn.mentions?.[0];
  if (!person || (turn.mentions?.length ?? 0) > 1) {
    return messageCard({
      title: 'Vem gäller det?',
      text: `Nämn en person med @ efter kommandot, till exempel "projektledare ${command.change === 'add' ? 'lägg till' : 'ta bort'} @namn". Ingenting har ändrats.`,
      tone: 'warning',
    });
  }
  const outcome = await changeProjectLeader(services, { id: turn.actor.id, name: turn.actor.name }, person, command.change);
  if (outcome.kind === 'saved') {
    return messageCard({
      title: command.change === 'add' ? `${person.name} är nu projektledare` : `${person.name} är inte längre projektledare`,
      text: `${projectLeadersText(outcome.leaders)}`,
      tone: 'success',
    });
  }
  return messageCard({
    title: outcome.kind === 'unchanged' ? 'Ingenting ändrades' : 'Det är planens projektledare som utser projektledare',
    text: outcome.message,
    ...(outcome.kind === 'unchanged' ? {} : { tone: 'warning' as const }),
  });
}
