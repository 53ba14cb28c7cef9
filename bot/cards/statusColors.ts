// Adaptive Card colour names per status: theme-aware names only, so light, dark and high
// contrast themes stay readable.
import type { StatusId } from '../domain/status';

export const STATUS_COLOR: Record<StatusId, string> = {
  ej_paborjat: 'Default',
  uppdrag_behovs: 'Warning',
  pagar: 'Accent',
  klar: 'Good',
  avbruten: 'Attention',
  avslutad_i_revidering: 'Default',
};
