// hjälp / help, and the answer to anything the bot does not understand.
import { helpCard } from '../cards/helpCard';
import type { CardJson } from '../cards/bind';
import type { Arena } from '../domain/plan';
import type { PlanContentView } from '../domain/planView';

export function helpFor(view: PlanContentView, arena: Arena | undefined, where: 'channel' | 'personal' | 'groupChat'): CardJson {
  const placeText = arena
    ? where === 'channel'
      ? `Den här kanalen följer upp ${arena.name}.`
      : `Du följer ${arena.name} här. Skriv "koppla <arena>" för att byta.`
    : where === 'channel'
      ? 'Kanalen är inte kopplad till någon arena ännu: skriv "koppla <arena>", t.ex. "koppla Östersund".'
      : 'Du har inte valt någon arena ännu: skriv "koppla <arena>", t.ex. "koppla Östersund".';
  return helpCard({ planName: view.plan.name, targetPicture: view.plan.targetPicture, placeText });
}

export function notUnderstoodText(text: string): string {
  const shown = text.length > 60 ? `${text.slice(0, 57)}…` : text;
  return `Jag förstod inte "${shown}". Här är vad jag kan:`;
}
