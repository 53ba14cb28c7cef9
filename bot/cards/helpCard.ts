// The help card: what the bot can do, with buttons for the common actions.
import { bind, type CardJson } from './bind';
import template from './help.json';

export interface HelpCardData {
  planName: string;
  targetPicture: string;
  /** Which version of the plan is in force, e.g. "Version 2 av planen gäller sedan 1 juli 2027." */
  versionText: string;
  /** Examples from the loaded plan, so that the help fits whichever region's plan runs. */
  examples: HelpExamples;
  /** Which arena this chat follows, or how to choose one. */
  placeText: string;
}

/** Example words taken from the loaded plan: an arena's name and a strategy's number and word. */
export interface HelpExamples {
  arenaName: string;
  strategyNumber: number;
  strategyWord: string;
}

export function commandHelp(ex: HelpExamples): Array<{ word: string; description: string }> {
  return [
    { word: 'status', description: 'Arenans översikt: läget per strategi, senaste ändringar och det som är försenat.' },
    { word: 'aktiviteter [strategi]', description: `Arenans aktiviteter med status och knapp för att uppdatera, t.ex. "aktiviteter ${ex.strategyNumber}" eller "aktiviteter ${ex.strategyWord}".` },
    { word: 'mått', description: 'Effektmåtten: senaste värden, om målvärdet nås, och rapportering för perioden.' },
    { word: 'ny aktivitet', description: 'Anta en av planens rekommenderade lokala aktiviteter eller lägg till en egen.' },
    { word: 'påminnelser', description: 'Kanalens inställningar för påminnelser om uppföljning.' },
    { word: 'revidering', description: 'Planens revidering: var den står, arenans förslag (behåll, ändra, avsluta, ny aktivitet) och besluten.' },
    { word: 'koppla <arena>', description: `Koppla kanalen till en arena, t.ex. "koppla ${ex.arenaName}".` },
    { word: 'hjälp', description: 'Visa det här kortet.' },
  ];
}

export function helpCard({ examples, ...data }: HelpCardData): CardJson {
  return bind(template, {
    ...data,
    intro: 'Jag hjälper er att följa upp planen här i kanalen. Skriv ett kommando till mig (nämn @Gemensam plan i kanalen):',
    commands: commandHelp(examples),
    buttons: [
      { title: 'Status', command: 'status' },
      { title: 'Aktiviteter', command: 'aktiviteter' },
      { title: 'Mått', command: 'mått' },
      { title: 'Ny aktivitet', command: 'ny aktivitet' },
    ],
  });
}
