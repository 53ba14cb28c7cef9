// Matching what people type: case-, accent- and whitespace-insensitive (å/ä → a, ö → o).

export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLocaleLowerCase('sv-SE')
    .replace(/\s+/g, ' ')
    .trim();
}
