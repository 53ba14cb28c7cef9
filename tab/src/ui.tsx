// Small shared pieces of the views: status badges, arena names, section layout.
import { Badge, makeStyles, tokens } from '@fluentui/react-components';
import type { StatusId } from '../../bot/domain/status';
import { statusLabel } from '../../bot/domain/status';
import type { PlanApiView } from './api';

const STATUS_COLOR: Record<StatusId, 'informative' | 'warning' | 'brand' | 'success' | 'subtle'> = {
  ej_paborjat: 'informative',
  uppdrag_behovs: 'warning',
  pagar: 'brand',
  klar: 'success',
  avbruten: 'subtle',
  avslutad_i_revidering: 'subtle',
};

export function StatusBadge({ status }: { status: StatusId }) {
  return (
    <Badge appearance="tint" shape="rounded" color={STATUS_COLOR[status]}>
      {statusLabel(status)}
    </Badge>
  );
}

export function arenaName(plan: PlanApiView, id: string): string {
  return plan.arenas.find((a) => a.id === id)?.name ?? id;
}

export const useLayout = makeStyles({
  view: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, padding: `${tokens.spacingVerticalL} 0` },
  filters: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-end' },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  muted: { color: tokens.colorNeutralForeground2 },
  quote: { margin: 0, paddingLeft: tokens.spacingHorizontalM, borderLeft: `3px solid ${tokens.colorBrandStroke1}`, fontStyle: 'italic' },
  table: { width: '100%', borderCollapse: 'collapse', '& th, & td': { textAlign: 'left', verticalAlign: 'top', padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` } },
  scroll: { overflowX: 'auto' },
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, padding: tokens.spacingHorizontalL, borderRadius: tokens.borderRadiusMedium, border: `1px solid ${tokens.colorNeutralStroke2}`, backgroundColor: tokens.colorNeutralBackground1 },
  details: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalL, color: tokens.colorNeutralForeground2 },
});
