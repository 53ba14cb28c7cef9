// One status palette for the bot's cards and the tab. Only theme-aware names are used (Adaptive
// Card colour names, Fluent UI v9 badge colours), never fixed hex values: each host resolves them
// for its light, dark and high-contrast theme, so every status stays readable in all three.
// `satisfies Record<StatusId, …>`: a status added to the set does not compile until it has a
// colour here, and everything that shows a status reads its colour from this one table.
import { ALL_STATUSES, type StatusId } from './status';

/** Adaptive Card TextBlock/Badge colour names (theme-aware in Teams). */
export type CardColor = 'Default' | 'Accent' | 'Good' | 'Warning' | 'Attention';
/** Fluent UI v9 Badge colours (resolved from the theme's tokens, high contrast included). */
export type BadgeColor = 'brand' | 'danger' | 'important' | 'informative' | 'severe' | 'subtle' | 'success' | 'warning';

export interface StatusColors {
  card: CardColor;
  badge: BadgeColor;
}

export const STATUS_PALETTE = {
  ej_paborjat: { card: 'Default', badge: 'informative' },
  uppdrag_behovs: { card: 'Warning', badge: 'warning' },
  pagar: { card: 'Accent', badge: 'brand' },
  klar: { card: 'Good', badge: 'success' },
  avbruten: { card: 'Attention', badge: 'subtle' },
  // Closed because the revised plan replaced it: neither done nor stopped, shown quietly.
  avslutad_i_revidering: { card: 'Default', badge: 'subtle' },
} as const satisfies Record<StatusId, StatusColors>;

/** Overdue work is marked with this colour wherever an item is shown (card and tab alike). */
export const OVERDUE_COLORS: StatusColors = { card: 'Attention', badge: 'danger' };
export const OVERDUE_LABEL = 'Försenad';

/** Every status in display order with its label and colours: what legends and bars iterate. */
export function statusLegend(): Array<{ id: StatusId; label: string } & StatusColors> {
  return ALL_STATUSES.map((s) => ({ id: s.id, label: s.label, ...STATUS_PALETTE[s.id] }));
}
