// What a person is told when the store fails under a request: the truth about their save. The
// edges (bot/teams/planBot.ts, bot/api/tabApi.ts) decide which case it is from what the turn's
// writes did (bot/storage/deadline.ts); the words are here, once, for the cards and the tab.
import { WORDS } from './glossary';

export type StorageTrouble =
  /** A write may have reached the store and its answer never came: either state is possible. */
  | { kind: 'unknown'; why: 'deadline' | 'noAnswer' | 'failedAfter' }
  /** The store failed before any write reached it (a read, or a save refused before writing). */
  | { kind: 'outage' };

/** `where`: the answer is a card in Teams, or a message in the tab. */
export function storageTroubleText(trouble: StorageTrouble, where: 'card' | 'tab'): { title: string; text: string } {
  if (trouble.kind === 'unknown') {
    const why = { deadline: 'lagringen svarade inte i tid', noAnswer: 'svaret från lagringen kom aldrig fram', failedAfter: 'något gick fel hos mig efter att det skickades till lagringen' }[trouble.why];
    const look = where === 'card' ? 'Öppna kortet igen' : 'Ladda om fliken';
    // A card shows the title above the text; the tab's one sentence starts with it.
    const text = `${why}. ${look} om en stund så ser du vad som gäller.`;
    return { title: WORDS.saveUnknown, text: where === 'card' ? text.charAt(0).toUpperCase() + text.slice(1) : `${WORDS.saveUnknown}: ${text}` };
  }
  return {
    title: 'Planens lagring svarar inte just nu',
    text: `${WORDS.nothingSaved} och ingenting har ändrats. Försök igen om en stund; kvarstår felet, kontakta planens projektledare.`,
  };
}

/** The same in one sentence, for the tab's API (its `error`). */
export function storageTroubleSentence(trouble: StorageTrouble): string {
  const { title, text } = storageTroubleText(trouble, 'tab');
  return trouble.kind === 'unknown' ? text : `${title}. ${text}`;
}
