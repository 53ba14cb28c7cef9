// Dates and history written the Swedish way: "1 december 2026", "25 nov", sentences.
import assert from 'node:assert/strict';
import type { HistoryEntry } from '../../bot/domain/activityState';
import { describeEntry, formatDay, formatLongDate, joinSwedish } from '../../bot/domain/format';
import { formatNumber } from '../../bot/domain/format';
import { describeValues } from '../../bot/domain/measureValues';

const entry = (changes: HistoryEntry['changes'], comment = ''): HistoryEntry => ({ scopeId: 'lan', subActivityId: 's1-a1-d1', version: 2, at: '2026-11-25T09:30:00Z', actor: { id: 'a', name: 'Anna Andersson' }, changes, comment });
const now = new Date('2026-11-30T10:00:00Z');

describe('writing dates and changes the Swedish way', () => {
  it('writes a date in running text as "1 december 2026"', () => {
    assert.equal(formatLongDate('2026-12-01'), '1 december 2026');
    assert.equal(formatLongDate('2023-12-01T00:00:00+01:00'), '1 december 2023');
  });
  it('writes a day this year without the year, another year with it, in Stockholm time', () => {
    assert.equal(formatDay('2026-11-25T09:30:00Z', now), '25 nov');
    assert.equal(formatDay('2025-03-02T23:30:00Z', now), '3 mars 2025');
  });
  it('reads a history entry as a sentence, with the comment after a colon', () => {
    assert.equal(describeEntry(entry([{ field: 'status', from: 'ej_paborjat', to: 'pagar' }]), now), 'Anna Andersson ändrade status från Ej påbörjat till Pågår, 25 nov');
    assert.equal(
      describeEntry(entry([{ field: 'status', from: 'pagar', to: 'klar' }, { field: 'statusNote', from: '', to: 'Klart' }, { field: 'measureAnswer', from: '', to: 'ja' }], 'Beslut i arenan'), now),
      'Anna Andersson ändrade status från Pågår till Klar, skrev statusanteckningen "Klart" och svarade "ja" på måttet, 25 nov: "Beslut i arenan"',
    );
    assert.equal(describeEntry(entry([], 'Inget nytt'), now), 'Anna Andersson skrev en kommentar, 25 nov: "Inget nytt"');
    assert.equal(describeEntry(entry([{ field: 'statusNote', from: 'Gammal', to: '' }]), now), 'Anna Andersson tog bort statusanteckningen, 25 nov');
  });
  it('joins with commas and "och"', () => {
    assert.equal(joinSwedish(['a']), 'a');
    assert.equal(joinSwedish(['a', 'b', 'c']), 'a, b och c');
  });
});

describe('numbers the Swedish way', () => {
  it('writes a decimal comma and a no-break space between thousands, and keeps the decimals a value was typed with', () => {
    assert.equal(formatNumber(7.1), '7,1');
    assert.equal(formatNumber(1282), '1\u00a0282');
    assert.equal(formatNumber(5, 1), '5,0', '"5,0" as typed stays "5,0"');
    assert.equal(describeValues([{ category: 'Vuxna', value: 5, decimals: 1 }, { category: 'Barn', value: 1282 }]), 'Vuxna: 5,0 · Barn: 1\u00a0282');
  });
});
