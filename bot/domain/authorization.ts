// Who may change what (DESIGN.md, Security): an arena's activities only from that arena's
// channel, or from personal chat by someone who takes part in that arena's channel;
// county-wide activities only from the county channel.
import { arenaInText } from './format';
import type { Arena } from './plan';
import { WORDS } from './glossary';

/** Where a change comes from, as far as the rules care. */
export type Origin =
  | { kind: 'channel'; arenaId: string }
  | { kind: 'personal'; arenaId: string; memberOfArenaChannel: boolean };

export type Decision = { allowed: true } | { allowed: false; reason: string };

export function mayChange(origin: Origin, scope: Arena): Decision {
  const where = scope.kind === 'county' ? `kanalen för ${arenaInText(scope)}` : `${scope.name}s kanal`;
  const what = scope.kind === 'county' ? WORDS.bilaga1 : `Aktiviteter för ${scope.name}`;
  if (origin.arenaId !== scope.id) return { allowed: false, reason: `${what} ändras bara från ${where}.` };
  if (origin.kind === 'personal' && !origin.memberOfArenaChannel) {
    return { allowed: false, reason: `${what} ändras i ${where}, eller här av den som är med i den kanalen. Skriv något till mig i ${where} först.` };
  }
  return { allowed: true };
}
