// The help card (what the bot can do, from the one list of command words in domain/commands.ts)
// and the short "Menade du …?" card for what it did not understand.
import { COMMAND_WORDS, type CommandWord } from '../domain/commands';
import { bind, type CardJson } from './bind';
import template from './help.json';
import suggestionsTemplate from './helpSuggestions.json';

export interface HelpCardData {
  planName: string;
  /** Which version of the plan is in force, e.g. "Version 2 av planen gäller sedan 1 juli 2027." */
  versionText: string;
  /** Examples from the loaded plan, so that the help fits whichever region's plan runs. */
  examples: HelpExamples;
  /** Which arena this chat follows, or how to choose one. */
  placeText: string;
  /** Who the plan's project leaders are (they re-link channels); empty in a group chat. */
  leadersText?: string;
  /** The Swedish user guide, a page of the plan tab. */
  guideUrl: string;
  /** The plan tab's "Om planen": purpose, target picture, principles (1.1, 1.2, 1.7). */
  aboutUrl: string;
  /** The plan's purpose (1.1) and guiding principles (1.7), in its own words. */
  purpose: string;
  principles: string[];
  /** Where the commands do not work (a group chat): no command buttons, and the text says where they do. */
  withoutButtons?: boolean;
}

/** Example words taken from the loaded plan: an arena's name and a strategy's number and word. */
export interface HelpExamples {
  arenaName: string;
  strategyNumber: number;
  strategyWord: string;
}

/** The one list of command words (domain/commands.ts), with examples from the loaded plan. */
export function commandHelp(ex: HelpExamples): Array<{ word: string; description: string }> {
  const examples: Partial<Record<CommandWord['kind'], string>> = {
    status: `T.ex. "status ${ex.strategyWord}" eller "status ${ex.arenaName}".`,
    activities: `T.ex. "aktiviteter ${ex.strategyNumber}" eller "aktiviteter ${ex.strategyWord}".`,
    link: `T.ex. "koppla ${ex.arenaName}".`,
  };
  return COMMAND_WORDS.map((c) => ({ word: c.usage, description: [c.description, examples[c.kind]].filter(Boolean).join(' ') }));
}

export function helpCard({ examples, withoutButtons, principles, ...data }: HelpCardData): CardJson {
  return bind(template, {
    leadersText: '',
    ...data,
    principles: principles.map((text, i) => ({ text: `${i + 1}. ${text}` })),
    intro: `Skriv till mig med egna ord (nämn @Gemensam plan i kanalen), t.ex. "försenat ${examples.arenaName}", "${examples.strategyNumber}.1" (planens nummer i Bilaga 1) eller "vad har hänt sedan förra mötet?". Är jag osäker föreslår jag i stället för att göra något.`,
    commands: commandHelp(examples),
    buttons: withoutButtons
      ? []
      : [
          { title: 'Status', command: 'status' },
          { title: 'Försenat', command: 'försenat' },
          { title: 'Aktiviteter', command: 'aktiviteter' },
          { title: 'Mått', command: 'mått' },
        ],
  });
}

export interface DidYouMeanData {
  /** The one line: what was not understood. */
  text: string;
  /** Whole commands, each a button. */
  suggestions: string[];
}

export function didYouMeanCard(data: DidYouMeanData): CardJson {
  return bind(suggestionsTemplate, { text: data.text, buttons: data.suggestions.map((s) => ({ title: s === 'hjälp' ? 'Visa allt jag kan' : s, command: s })) });
}
