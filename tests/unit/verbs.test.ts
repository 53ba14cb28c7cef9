// One string ties a button to its handler: every verb a card template uses is a known verb with a
// handler, and every handler has a card that reaches it.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { VERBS } from '../../bot/cards/verbs';
import { conversationFeatures } from '../../bot/conversation/features';

const cardsDir = path.resolve(__dirname, '../../bot/cards');
/** The router's own verbs (conversation.ts): a command from a button, and linking a channel. */
const ROUTED = new Set<string>([VERBS.command, VERBS.link]);

function templateVerbs(): Map<string, string[]> {
  const used = new Map<string, string[]>();
  for (const file of readdirSync(cardsDir).filter((f) => f.endsWith('.json'))) {
    JSON.stringify(JSON.parse(readFileSync(path.join(cardsDir, file), 'utf8')), (key, value: unknown) => {
      if (key === 'verb' && typeof value === 'string') used.set(value, [...(used.get(value) ?? []), file]);
      return value;
    });
  }
  return used;
}

describe('card verbs', () => {
  const handled = new Set([...ROUTED, ...conversationFeatures.flatMap((f) => Object.keys(f.actions ?? {}))]);
  const used = templateVerbs();

  it('has a handler for every verb a card template uses', () => {
    for (const [verb, files] of used) {
      assert.ok((Object.values(VERBS) as string[]).includes(verb), `${files.join(', ')}: "${verb}" is not in VERBS`);
      assert.ok(handled.has(verb), `${files.join(', ')}: nothing handles "${verb}"`);
    }
  });

  it('has a card for every verb a handler answers', () => {
    for (const verb of handled) assert.ok(used.has(verb), `"${verb}" has a handler but no card template uses it`);
  });

  it('has a handler for every verb in VERBS, and each feature handles its verbs alone', () => {
    for (const verb of Object.values(VERBS)) assert.ok(handled.has(verb), `VERBS.${verb} has no handler`);
    const all = conversationFeatures.flatMap((f) => Object.keys(f.actions ?? {}));
    assert.equal(new Set(all).size, all.length, 'two features handle the same verb');
  });
});
