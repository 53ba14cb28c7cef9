// One status palette for the bot's cards and the tab, data-driven over the status set.
import assert from 'node:assert/strict';
import { STATUS_COLOR } from '../../bot/cards/statusColors';
import { ALL_STATUSES as STATUSES } from '../../bot/domain/status';
import { OVERDUE_COLORS, STATUS_PALETTE, statusLegend } from '../../bot/domain/statusPalette';

describe('the status palette', () => {
  it('gives every status a card colour and a badge colour, and the cards take theirs from it', () => {
    for (const s of STATUSES) {
      assert.ok(STATUS_PALETTE[s.id], s.id);
      assert.equal(STATUS_COLOR[s.id], STATUS_PALETTE[s.id].card);
    }
    assert.deepEqual(Object.keys(STATUS_COLOR).sort(), STATUSES.map((s) => s.id).sort());
  });

  it('lists the statuses in the plan order with their labels for legends and bars', () => {
    assert.deepEqual(statusLegend().map((s) => s.label), STATUSES.map((s) => s.label));
  });

  it('uses only theme-aware colour names (no fixed colours), so all three Teams themes resolve them', () => {
    const cardNames = ['Default', 'Accent', 'Good', 'Warning', 'Attention'];
    for (const c of [...Object.values(STATUS_PALETTE), OVERDUE_COLORS]) {
      assert.ok(cardNames.includes(c.card), c.card);
      assert.match(c.badge, /^[a-z]+$/);
    }
  });

  it('tells done from cancelled and overdue from any status', () => {
    assert.notEqual(STATUS_PALETTE.klar.badge, STATUS_PALETTE.avbruten.badge);
    assert.ok(Object.values(STATUS_PALETTE).every((c) => c.badge !== OVERDUE_COLORS.badge));
  });
});
