// Swedish for the checks of what people send (cards, the tab's API): a schema's own message
// where it has one (they name the field in words, "Statusanteckningen får vara högst …"), and
// otherwise one of these, never zod's English ("Invalid input") nor a field id ("statusNote:").
// Installed once for every schema: z.config's error map ranks below a schema's own messages.
import { z } from 'zod';

/** What a person calls a field a form sends (the field ids are the app's, never shown). */
const FIELD_NAMES: Record<string, string> = {
  status: 'Statusen',
  statusNote: 'Statusanteckningen',
  measureAnswer: 'Svaret på måttet',
  notApplicable: 'Skälet',
  endedLocally: 'Skälet',
  comment: 'Kommentaren',
  title: 'Rubriken',
  description: 'Beskrivningen',
  measure: 'Måttet',
  target: 'Målvärdet',
  period: 'Prioriteringsperioden',
  from: 'Startåret',
  to: 'Slutåret',
  date: 'Datumet',
  lastDay: 'Sista dagen',
  value: 'Värdet',
  id: 'Punkten',
  arenaId: 'Arenan',
};

type Issue = Parameters<z.core.$ZodErrorMap>[0];

function nameOf(path: ReadonlyArray<PropertyKey> | undefined): string {
  const named = [...(path ?? [])].reverse().find((p): p is string => typeof p === 'string' && p in FIELD_NAMES);
  return named ? FIELD_NAMES[named]! : 'Ett av fälten';
}

/** The Swedish message for an issue whose schema gives none. */
export function swedishIssue(issue: Issue): string {
  const name = nameOf(issue.path);
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? `${name} saknas.` : `${name} har fel form.`;
    case 'too_big':
      return `${name} är för långt.`;
    case 'too_small':
      return `${name} är för kort eller saknas.`;
    case 'unrecognized_keys':
      return 'Formuläret skickade något som inte hör till det. Ladda om och försök igen.';
    case 'invalid_value':
      return `${name} är inte ett av valen.`;
    case 'invalid_format':
      return `${name} är inte skrivet på rätt sätt.`;
    default:
      return `${name} är inte giltigt.`;
  }
}

z.config({ customError: (issue) => swedishIssue(issue) });
