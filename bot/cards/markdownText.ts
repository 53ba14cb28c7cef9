// Teams renders Markdown in a TextBlock's text and a FactSet's facts: bold, italic, links and
// lists. Card text is always text (what people typed, and the plan's own words), so every such
// string is escaped here, once, when a card is built (bind.ts): a status note with
// "[Logga in här](https://…)" stays those characters, and "1. Ökad delaktighet" does not become
// a numbered list item.

/** The text with the Markdown that Teams renders in cards escaped, so that it reads as typed. */
export function markdownAsText(text: string): string {
  return (
    text
      // Emphasis, links and images, and the escape character itself.
      .replace(/[\\*_[\]]/g, (c) => `\\${c}`)
      // List items: "- x", "+ x" and "1. x" / "1) x" at the start of a line.
      .replace(/^([ \t]*)([-+])/gm, '$1\\$2')
      .replace(/^([ \t]*\d{1,9})([.)])/gm, '$1\\$2')
  );
}

/** Escapes, in place, every string Teams would render as Markdown in an expanded card. */
export function escapeCardText(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(escapeCardText);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const element = node as Record<string, unknown>;
  if (element['type'] === 'TextBlock' && typeof element['text'] === 'string') element['text'] = markdownAsText(element['text']);
  if (element['type'] === 'FactSet' && Array.isArray(element['facts'])) {
    for (const fact of element['facts'] as Array<Record<string, unknown>>) {
      if (typeof fact['title'] === 'string') fact['title'] = markdownAsText(fact['title']);
      if (typeof fact['value'] === 'string') fact['value'] = markdownAsText(fact['value']);
    }
  }
  for (const value of Object.values(element)) if (value && typeof value === 'object') escapeCardText(value);
}
