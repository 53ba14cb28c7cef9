// The text the card templates write themselves (bot/cards/*.json: what is not filled in from
// data) is Swedish and names things in words: no field id, internal id or English.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describeValue } from '../../bot/domain/format';
import { foreignWords, shownTexts } from '../helpers/foreignWords';

const CARDS = path.join(__dirname, '..', '..', 'bot', 'cards');
const templateTexts = (card: unknown) => shownTexts(card).map((t) => t.replace(/\$\{[^}]*\}/g, ' '));

describe('what the card templates say themselves', () => {
  const templates = readdirSync(CARDS).filter((f) => f.endsWith('.json'));

  it('finds the templates and their text (guards the walk)', () => {
    assert.ok(templates.length > 30);
    assert.ok(templateTexts(JSON.parse(readFileSync(path.join(CARDS, 'subActivityEdit.json'), 'utf8'))).length > 3);
  });

  it('the check itself finds what it is for', () => {
    assert.deepEqual(foreignWords('statusNote: måste vara text'), ['statusNote']);
    assert.deepEqual(foreignWords('Status: ej_paborjat'), ['ej_paborjat']);
    assert.deepEqual(foreignWords('Invalid input'), ['Invalid', 'input']);
    assert.deepEqual(foreignWords('saknar version (If-Match)'), ['If-Match']);
    assert.deepEqual(foreignWords('till exempel from=2025&to=2026'), ['from=2025&']);
    assert.deepEqual(foreignWords('Statusanteckningen får vara högst 2000 tecken. Pågår, Ej påbörjat.'), []);
  });

  it('a save that failed gives back what was typed in words: "Status: Ej påbörjat", not the status id', () => {
    assert.equal(describeValue('status', 'ej_paborjat'), 'Status: Ej påbörjat');
    assert.equal(describeValue('statusNote', 'Arbete pågår'), 'Statusanteckning: Arbete pågår');
    assert.equal(describeValue('comment', 'Från mötet'), 'Kommentar: Från mötet');
  });

  for (const file of readdirSync(CARDS).filter((f) => f.endsWith('.json'))) {
    it(`${file} has no field id, internal id or English`, () => {
      const texts = templateTexts(JSON.parse(readFileSync(path.join(CARDS, file), 'utf8')));
      assert.deepEqual(texts.flatMap(foreignWords), []);
    });
  }
});
