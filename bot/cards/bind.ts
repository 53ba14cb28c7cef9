// The one place that expands Adaptive Card templates (adaptivecards-templating). Templates are
// plain Adaptive Card JSON files beside their builders; `${...}` reads from a view model. What
// the card shows is escaped here, after expansion, so no builder can forget it.
import * as ACData from 'adaptivecards-templating';
import { escapeCardText } from './markdownText';

export type CardJson = Record<string, unknown>;

/** The Adaptive Card schema version used by every template: the newest Teams renders. */
export const CARD_VERSION = '1.5';

export function bind(template: object, data: object): CardJson {
  const expanded = new ACData.Template(template).expand({ $root: data }) as CardJson;
  if (expanded.version !== CARD_VERSION) throw new Error(`Card template has version ${String(expanded.version)}, expected ${CARD_VERSION}`);
  // Every text a card shows is text, never Markdown (markdownText.ts says why).
  escapeCardText(expanded);
  return expanded;
}
