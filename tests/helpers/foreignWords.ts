// What a person must never read in the Swedish UI: a field id, an internal status id, a header
// name or query syntax, or English (zod's and the platform's defaults). Used on every card the
// card walk meets, every card template's own text and every error the API answers.

const FIELD_IDS = ['statusNote', 'measureAnswer', 'statusAsWritten', 'answeredBy', 'notApplicable', 'endedLocally', 'subActivityId', 'scopeId', 'arenaId', 'etag', 'If-Match', 'If-None-Match'];
const STATUS_IDS = ['ej_paborjat', 'uppdrag_behovs', 'avslutad_i_revidering', 'pagar'];
const ENGLISH = ['Invalid', 'invalid', 'input', 'expected', 'received', 'Required', 'required', 'Unrecognized', 'undefined', 'NaN', 'error', 'Error', 'missing', 'not found', 'Not Found', 'Bad Request', 'Internal', 'Forbidden', 'Unauthorized', 'object Object'];

const PATTERN = new RegExp(
  [
    ...[...FIELD_IDS, ...STATUS_IDS, ...ENGLISH].map((w) => `(?<![\\p{L}\\d_\\-])${w}(?![\\p{L}\\d_\\-])`),
    // Query syntax: "from=2025&to=2026".
    '\\b[a-z]+=[^\\s]*&',
  ].join('|'),
  'gu',
);

/** Every field id, internal id or English word in a text a person reads. */
export function foreignWords(text: string): string[] {
  return [...text.matchAll(PATTERN)].map((m) => m[0]);
}

/** Properties of a card whose value a person reads (a fact's value too; a choice's value is not shown). */
const SHOWN = new Set(['text', 'title', 'label', 'placeholder', 'errorMessage', 'altText', 'fallbackText', 'speak', 'summary']);

/** The text a person reads on a card: shown properties only, not ids, verbs, data or choice values. */
export function shownTexts(node: unknown, parentKey = '', out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => shownTexts(n, parentKey, out));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'data') continue;
      if (typeof value === 'string' && (SHOWN.has(key) || (parentKey === 'facts' && key === 'value'))) out.push(value);
      else shownTexts(value, key, out);
    }
  }
  return out;
}
