// The one place that expands Adaptive Card templates (adaptivecards-templating). Templates are
// plain Adaptive Card JSON files beside their builders; `${...}` reads from a view model. What
// the card shows is escaped here, after expansion, so no builder can forget it.
import * as ACData from 'adaptivecards-templating';
import { LRUCache } from 'lru-cache';
import type { CardJson } from '../useCases/proactiveSender';
import { escapeCardText } from './markdownText';

export type { CardJson };

/** The Adaptive Card schema version used by every template: the newest Teams renders. */
export const CARD_VERSION = '1.5';

// Expanding a template parses every `${...}` string of it with adaptive-expressions' ANTLR parser,
// on every expansion: adaptive-expressions means to cache parse trees, but its cache is a WeakMap
// keyed by a new object on each call, so it never hits (4.23.3). That parsing was most of a bot
// turn (a status card took 12 ms). A parsed expression is an immutable tree and the parse depends
// on the string alone, so the templates' strings are parsed once and kept. The strings come from
// our templates, not from people; the bound keeps any surprise from growing without limit.
const parseInterpolated = ACData.Template.parseInterpolatedString.bind(ACData.Template);
const parsed = new LRUCache<string, { expression: ReturnType<typeof parseInterpolated> }>({ max: 10_000 });
ACData.Template.parseInterpolatedString = (text: string) => {
  let hit = parsed.get(text);
  if (!hit) {
    hit = { expression: parseInterpolated(text) };
    parsed.set(text, hit);
  }
  return hit.expression;
};

export function bind(template: object, data: object): CardJson {
  const expanded = new ACData.Template(template).expand({ $root: data }) as CardJson;
  if (expanded.version !== CARD_VERSION) throw new Error(`Card template has version ${String(expanded.version)}, expected ${CARD_VERSION}`);
  // Every text a card shows is text, never Markdown (markdownText.ts says why).
  escapeCardText(expanded);
  return expanded;
}
