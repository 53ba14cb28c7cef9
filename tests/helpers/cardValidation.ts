// Checks a card the way Teams' renderer reads it: parsed and validated by the official Adaptive
// Cards SDK (the `adaptivecards` package) at the version Teams supports, plus the limits that
// matter in Teams: the version we ship, no unexpanded template bindings, and the size limit.
import * as AC from 'adaptivecards';

/** Teams refuses cards (with their message) above about 28 KB. */
export const TEAMS_CARD_LIMIT_BYTES = 28 * 1024;

export function cardProblems(json: unknown): string[] {
  const problems: string[] = [];
  const text = JSON.stringify(json);
  const card = json as Record<string, unknown>;
  if (card?.type !== 'AdaptiveCard') problems.push('not an AdaptiveCard');
  if (card?.version !== '1.5') problems.push(`version ${String(card?.version)} instead of 1.5`);
  if (text.includes('${')) problems.push('an unexpanded ${...} binding is left in the card');
  const size = Buffer.byteLength(text, 'utf8');
  if (size > TEAMS_CARD_LIMIT_BYTES) problems.push(`${size} bytes, above Teams' ${TEAMS_CARD_LIMIT_BYTES}`);

  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  parsed.parse(json as AC.IAdaptiveCard as unknown as object, context);
  for (let i = 0; i < context.eventCount; i++) problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const event of parsed.validateProperties().validationEvents) problems.push(`validate: ${event.message}`);
  return problems;
}

export function assertValidCard(json: unknown, where = 'card'): void {
  const problems = cardProblems(json);
  if (problems.length) throw new Error(`Invalid Adaptive Card (${where}):\n- ${problems.join('\n- ')}\n${JSON.stringify(json).slice(0, 400)}`);
}
