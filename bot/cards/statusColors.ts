// Adaptive Card colour names per status, from the palette the tab shares (domain/statusPalette.ts).
import { STATUS_PALETTE, type CardColor } from '../domain/statusPalette';
import { ALL_STATUSES, type StatusId } from '../domain/status';

export const STATUS_COLOR: Record<StatusId, CardColor> = Object.fromEntries(ALL_STATUSES.map((s) => [s.id, STATUS_PALETTE[s.id].card])) as Record<StatusId, CardColor>;
