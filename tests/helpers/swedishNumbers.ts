// Numbers and dates a person reads must be written the Swedish way, by bot/domain/format.ts:
// "7,1" (a decimal comma), "1 282" (a space between thousands), "6 december 2026" or
// "23 nov. 2026". This finds what is not: a decimal point ("7.1"), four or more digits without a
// space between the thousands ("1282"; a year such as "2026" is written without), and a date
// written the machine's way ("2026-11-23"). Used on the card walk's cards, the report's Word text
// and the tab's text.

/** Every number or date in `text` not written the Swedish way. */
export function unswedishNumbers(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/(?<![\p{L}\d.,:/-])\d+(?:[.,:/-]\d+)*(?![\p{L}\d])/gu)) {
    const n = m[0];
    if (/^\d{4}-\d{2}-\d{2}/.test(n)) found.push(n);
    else if (/^\d+\.\d+$/.test(n)) found.push(n);
    else if (/^\d{5,}$/.test(n) || (/^\d{4}$/.test(n) && !/^(19|20)\d\d$/.test(n))) found.push(n);
  }
  return found;
}
