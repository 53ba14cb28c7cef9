// Matching what people type: case-, accent- and whitespace-insensitive (å/ä → a, ö → o).

export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLocaleLowerCase('sv-SE')
    .replace(/\s+/g, ' ')
    .trim();
}

// What people type is kept as they typed it, except for characters that are not text at all.
// Zero-width characters and the byte order mark are dropped without a word (they come with text
// pasted from elsewhere and show nothing); control characters and bidirectional overrides are
// refused, because they can make a note read differently from what it says.

/** Invisible characters that are dropped: zero-width space, word joiner, invisible operators, BOM, Mongolian vowel separator, soft hyphen, LRM/RLM/ALM. */
const DROPPED = /[\u200B\u2060-\u2064\uFEFF\u180E\u00AD\u200E\u200F\u061C]/g;
/** Invisible characters that are kept (they join letters and emoji) but are not counted as visible. */
const JOINERS = /[\u200C\u200D\uFE00-\uFE0F]/g;
/** C0 and C1 control characters other than tab and line breaks. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** Bidirectional embeddings, overrides and isolates. */
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;
/** Half of a UTF-16 pair without its other half: no character at all, and not storable as UTF-8. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type TextProblem = 'control' | 'bidi';

/** Why a text must be refused, if it must. */
export function textProblem(text: string): TextProblem | undefined {
  if (CONTROL.test(text) || LONE_SURROGATE.test(text)) return 'control';
  if (BIDI.test(text)) return 'bidi';
  return undefined;
}

/** The Swedish sentence for a refused text, naming the field. */
export function textProblemMessage(label: string, problem: TextProblem): string {
  return problem === 'bidi'
    ? `${label} innehåller tecken som inte är tillåtna (osynliga tecken som vänder textens riktning). Skriv texten igen utan att klistra in den, och spara.`
    : `${label} innehåller tecken som inte är tillåtna (osynliga styrtecken). Skriv texten igen utan att klistra in den, och spara.`;
}

/** Line breaks as \n, invisible characters dropped, trimmed. */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(DROPPED, '').trim();
}

/** Characters a reader sees (code points, spaces included): what minimum lengths count. */
export function visibleLength(text: string): number {
  return [...text.replace(DROPPED, '').replace(JOINERS, '').trim()].length;
}
