// The help card (what the bot can do, from the one list of command words in domain/commands.ts)
// and the short "Menade du …?" card for what it did not understand.
import { COMMAND_WORDS } from '../domain/commands';
import { bind, type CardJson } from './bind';
import template from './help.json';
import suggestionsTemplate from './helpSuggestions.json';

export interface HelpCardData {
  planName: string;
  /** Which arena this chat follows, or how to choose one. */
  placeText: string;
}

export function helpCard(data: HelpCardData): CardJson {
  return bind(template, {
    ...data,
    intro: 'Skriv ett kommando till mig (nämn @Gemensam plan i kanalen). Stavfel och andra ord för samma sak går oftast bra.',
    commands: COMMAND_WORDS.map((c) => ({ word: c.usage, description: c.description })),
    buttons: [
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
