// hjälp / help, the short answer to what the bot does not understand ("Menade du …?"), and tack.
import { didYouMeanCard as suggestionsCard, helpCard, type HelpExamples } from '../cards/helpCard';
import type { CardJson } from '../cards/bind';
import { findStrategy } from '../domain/commands';
import type { Arena } from '../domain/plan';
import type { PlanContentView } from '../domain/planView';
import { planVersions, upcomingVersion, versionInForce } from '../domain/planVersion';

const longDate = new Intl.DateTimeFormat('sv-SE', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
const dateText = (iso: string) => longDate.format(new Date(`${iso}T12:00:00Z`));
const swedishToday = (at: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

/**
 * Examples for the help texts from the loaded plan, never from one region's: the first local
 * arena's name, and a strategy with a word of its title that `aktiviteter <ord>` finds.
 */
export function helpExamples(view: Pick<PlanContentView, 'arenas' | 'strategies'>): HelpExamples {
  const arena = view.arenas.find((a) => a.kind === 'municipality') ?? view.arenas[0]!;
  const strategies = [...view.strategies.slice(1), ...view.strategies.slice(0, 1)];
  for (const s of strategies) {
    const words = s.title.toLocaleLowerCase('sv-SE').split(/[^\p{L}]+/u).filter((w) => w.length >= 4).sort((a, b) => b.length - a.length);
    const word = words.find((w) => findStrategy(view.strategies, w)?.id === s.id);
    if (word) return { arenaName: arena.name, strategyNumber: s.number, strategyWord: word };
  }
  const first = view.strategies[0]!;
  return { arenaName: arena.name, strategyNumber: first.number, strategyWord: String(first.number) };
}

/** "Version 2 av planen gäller sedan 1 juli 2027." (and a decided version not yet in force). */
export function versionText(view: Pick<PlanContentView, 'plan' | 'versions'>, at: Date): string {
  const versions = planVersions(view);
  const today = swedishToday(at);
  const inForce = versionInForce(versions, today);
  const upcoming = upcomingVersion(versions, today);
  const now = inForce.inForceFrom <= today ? `Version ${inForce.version} av planen gäller sedan ${dateText(inForce.inForceFrom)}.` : `Version ${inForce.version} av planen gäller från ${dateText(inForce.inForceFrom)}.`;
  return upcoming ? `${now} Version ${upcoming.version} gäller från ${dateText(upcoming.inForceFrom)}.` : now;
}

/** `guideUrl`, `aboutUrl`: the Swedish user guide and Om planen in the plan tab (links.tab('guide'), links.tab('om')). */
export function helpFor(view: PlanContentView, arena: Arena | undefined, where: 'channel' | 'personal' | 'groupChat', guideUrl: string, at: Date = new Date(), leadersText = '', aboutUrl = guideUrl): CardJson {
  const examples = helpExamples(view);
  // Teams reads "<arena>" as markup and drops it: the hint says it in words.
  const placeText =
    where === 'groupChat'
      ? GROUP_CHAT_TEXT
      : arena
        ? where === 'channel'
          ? `Den här kanalen följer upp ${arena.name}.`
          : `Du följer ${arena.name} här. Skriv "koppla" och arenans namn för att byta, t.ex. "koppla ${examples.arenaName}".`
        : where === 'channel'
          ? `Kanalen är inte kopplad till någon arena ännu: skriv "koppla" och arenans namn, t.ex. "koppla ${examples.arenaName}".`
          : `Du har inte valt någon arena ännu: skriv "koppla" och arenans namn, t.ex. "koppla ${examples.arenaName}".`;
  return helpCard({ planName: view.plan.name, versionText: versionText(view, at), examples, placeText, leadersText: where === 'groupChat' ? '' : leadersText, guideUrl, aboutUrl, purpose: view.plan.purpose, principles: view.plan.principles, withoutButtons: where === 'groupChat' });
}

/** What a group chat is told: the commands work in the plan's channels and in personal chat, and the tab is open to all. */
export const GROUP_CHAT_TEXT =
  'I en gruppchatt kan jag bara visa hjälpen. Planen följs upp i planens kanaler (nämn @Gemensam plan där) och i personlig chatt med mig, där alla kommandona ovan fungerar. Planen finns också i fliken Gemensam plan.';

/** One line and two or three "Menade du …?" buttons: each runs that command. */
export function didYouMeanCard(text: string, suggestions: string[]): CardJson {
  const shown = text.trim().length > 60 ? `${text.trim().slice(0, 57)}…` : text.trim();
  return suggestionsCard({ text: `Jag förstod inte "${shown}". Menade du …?`, suggestions: suggestions.slice(0, 3) });
}

export function thanksText(): string {
  return 'Varsågod! Skriv "hjälp" när du vill se vad jag kan.';
}
