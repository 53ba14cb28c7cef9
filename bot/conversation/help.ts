// hjälp / help, the short answer to what the bot does not understand ("Menade du …?"), and tack.
import { didYouMeanCard as suggestionsCard, helpCard } from '../cards/helpCard';
import type { CardJson } from '../cards/bind';
import type { Arena } from '../domain/plan';
import type { PlanContentView } from '../domain/planView';

export function helpFor(view: PlanContentView, arena: Arena | undefined, where: 'channel' | 'personal' | 'groupChat'): CardJson {
  // The example names an arena of the loaded plan, not one of ours.
  const example = view.arenas.find((a) => a.kind === 'municipality')?.name ?? view.arenas[0]?.name ?? 'arenans namn';
  const placeText = arena
    ? where === 'channel'
      ? `Den här kanalen följer upp ${arena.name}.`
      : `Du följer ${arena.name} här. Skriv "koppla <arena>" för att byta.`
    : where === 'channel'
      ? `Kanalen är inte kopplad till någon arena ännu: skriv "koppla <arena>", t.ex. "koppla ${example}".`
      : `Du har inte valt någon arena ännu: skriv "koppla <arena>", t.ex. "koppla ${example}".`;
  return helpCard({ planName: view.plan.name, placeText });
}

/** One line and two or three "Menade du …?" buttons: each runs that command. */
export function didYouMeanCard(text: string, suggestions: string[]): CardJson {
  const shown = text.trim().length > 60 ? `${text.trim().slice(0, 57)}…` : text.trim();
  return suggestionsCard({ text: `Jag förstod inte "${shown}". Menade du …?`, suggestions: suggestions.slice(0, 3) });
}

export function thanksText(): string {
  return 'Varsågod! Skriv "hjälp" när du vill se vad jag kan.';
}
