// Adaptive Card colour names per status, from the palette the tab shares (domain/statusPalette.ts).
import { STATUS_PALETTE, type CardColor } from '../domain/statusPalette';
import { STATUS_IDS, type StatusId } from '../domain/status';

export const STATUS_COLOR: Record<StatusId, CardColor> = Object.fromEntries(STATUS_IDS.map((id) => [id, STATUS_PALETTE[id].card])) as Record<StatusId, CardColor>;
