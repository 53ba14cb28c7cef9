// What people type, and the plan's own words, are shown in cards as text: Teams renders Markdown
// in cards, so a note with a Markdown link must not become a clickable link posted to the whole
// channel, and "1. Ökad delaktighet" must not become a numbered list item.
import assert from 'node:assert/strict';
import { markdownAsText } from '../../bot/cards/markdownText';
import { useBot } from '../helpers/botHarness';
import { TestClock } from '../helpers/clock';
import { ANNA, buttons, channel, type Card } from '../helpers/teamsClient';

const county = channel('Länsgemensam samverkan', '19:lan@thread.tacv2');
const SUB = 's1-a1-d1';

/** The raw text of every TextBlock and fact, as the card carries it to Teams. */
function markdownTexts(card: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o['type'] === 'TextBlock' && typeof o['text'] === 'string') out.push(o['text']);
      if (o['type'] === 'FactSet') for (const f of o['facts'] as Array<{ title: string; value: string }>) out.push(f.title, f.value);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

/** A Markdown link or a list item, as Teams' renderer would see one. */
const LINK = /(^|[^\\])\[[^\]]*[^\\]\]\(/;
const LIST_ITEM = /^\s*(\d+[.)]|[-+*])\s/m;

describe('text in cards', () => {
  const clock = new TestClock();
  const bot = useBot({}, () => ({ now: clock.now }));

  beforeEach(async () => {
    clock.set('2026-11-23T09:00:00Z');
    await bot.teams.say(county, 'koppla Länsgemensam samverkan');
  });

  it('shows a Markdown link typed into a status note as text, not as a link', async () => {
    const list = (await bot.teams.say(county, 'aktiviteter 1', ANNA)).cards[0]!;
    const edit = buttons(list).find((b) => b.verb === 'editSubActivity' && b.data.subActivityId === SUB)!;
    const form = await bot.teams.execute(county, edit.verb, edit.data, ANNA);
    const saved: Card = await bot.teams.click(county, form, 'Spara', { status: 'pagar', statusNote: '[Logga in här](https://evil.example/login) och *se* _detta_' }, ANNA);
    const texts = markdownTexts(saved);
    assert.ok(texts.some((t) => t.includes('Logga in här')), 'the note is on the card');
    for (const t of texts) assert.doesNotMatch(t, LINK, t);
    assert.ok(texts.some((t) => t.includes('\\[Logga in här\\](https://evil.example/login) och \\*se\\* \\_detta\\_')));
  });

  it("shows the plan's numbered strategies as text, not as list items", async () => {
    const card = (await bot.teams.say(county, 'status', ANNA)).cards[0]!;
    const texts = markdownTexts(card);
    assert.ok(texts.some((t) => t.startsWith('1\\. Ökad delaktighet')));
    for (const t of texts) assert.doesNotMatch(t, LIST_ITEM, t);
  });

  it('escapes one thing once: emphasis, links, list markers and the escape itself', () => {
    assert.equal(markdownAsText('1. Ökad delaktighet'), '1\\. Ökad delaktighet');
    assert.equal(markdownAsText('- punkt\n+ punkt\n  2) punkt'), '\\- punkt\n\\+ punkt\n  2\\) punkt');
    assert.equal(markdownAsText('**fet** och [länk](x) och a\\b'), '\\*\\*fet\\*\\* och \\[länk\\](x) och a\\\\b');
    assert.equal(markdownAsText('Pågår sedan 2024. Klart 2025–2026'), 'Pågår sedan 2024. Klart 2025–2026');
  });
});
