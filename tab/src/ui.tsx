// Small shared pieces of the views: status and overdue badges (colours from the palette the bot's
// cards share), arena names, the section layout, and the tables that become stacked cards on a
// narrow screen (WCAG 1.4.10 reflow: nothing scrolls sideways from 320 px up).
import { useCallback, useSyncExternalStore } from 'react';
import { Badge } from '@fluentui/react-badge';
import { tokens } from '@fluentui/react-theme';
import { makeStyles } from '@griffel/react';
import { STATUS_PALETTE, OVERDUE_COLORS, OVERDUE_LABEL } from '../../bot/domain/statusPalette';
import type { StatusId } from '../../bot/domain/status';
import { statusLabel } from '../../bot/domain/status';
import { statusText } from '../../bot/domain/followUp';
import type { SubActivityView } from '../../bot/domain/planView';
import type { PlanApiView } from './api';
import { TABS_COLLAPSE_QUERY } from './deepLink';

/** Below this width the view tabs become a drop-down and the layout tightens (a phone). */
export const NARROW = '@media (max-width: 600px)';
/** Where the view tabs give way to a drop-down (deepLink.ts), as a style's media query. */
export const TABS_COLLAPSE = `@media ${TABS_COLLAPSE_QUERY}`;
/** Below this width the wide tables (8 columns and more) become stacked cards: they fit no tablet. */
export const TABLES_STACK = '@media (max-width: 960px)';

/** Whether a media query holds, following its changes (a window resized, a phone turned). */
export function useMedia(query: string): boolean {
  const subscribe = useCallback(
    (changed: () => void) => {
      const media = window.matchMedia(query);
      media.addEventListener('change', changed);
      return () => media.removeEventListener('change', changed);
    },
    [query],
  );
  return useSyncExternalStore(subscribe, () => window.matchMedia(query).matches);
}

const useBadgeStyles = makeStyles({
  // A badge has a fixed height: its label must never wrap inside it (it looked struck through).
  badge: { whiteSpace: 'nowrap', flexShrink: 0 },
  asWritten: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

export function StatusBadge({ status }: { status: StatusId }) {
  const styles = useBadgeStyles();
  return (
    <Badge appearance="tint" shape="rounded" color={STATUS_PALETTE[status].badge} className={styles.badge}>
      {statusLabel(status)}
    </Badge>
  );
}

/**
 * A sub-activity's status as people may read it: its badge once someone has followed it up;
 * before that, that it has not been followed up, with the plan's own status as the starting point.
 */
export function SubStatus({ sub }: { sub: Pick<SubActivityView, 'status' | 'statusLabel' | 'followedUp' | 'statusAsWritten' | 'kind'> & Partial<Pick<SubActivityView, 'notApplicable' | 'endedLocally'>> }) {
  const styles = useBadgeStyles();
  // The arena has set it aside: that is its state here, with the reason beside it.
  const aside = sub.notApplicable ? { label: 'Ej aktuellt lokalt', reason: sub.notApplicable } : sub.endedLocally ? { label: 'Avslutad lokalt', reason: sub.endedLocally } : undefined;
  if (aside) {
    return (
      <>
        <Badge appearance="outline" shape="rounded" color="informative" className={styles.badge} data-set-aside="">{aside.label}</Badge>
        <span className={styles.asWritten}>{aside.reason}</span>
      </>
    );
  }
  if (sub.followedUp) return <StatusBadge status={sub.status} />;
  const asWritten = sub.kind === 'own' && sub.statusAsWritten.trim() !== '';
  return (
    <>
      <Badge appearance="outline" shape="rounded" color="informative" className={styles.badge} title={statusText(sub)} data-not-followed-up="">
        Ej uppföljd
      </Badge>
      {asWritten && <span className={styles.asWritten}>enligt planen: {sub.statusLabel}</span>}
    </>
  );
}

export function OverdueBadge() {
  const styles = useBadgeStyles();
  return (
    <Badge appearance="filled" shape="rounded" color={OVERDUE_COLORS.badge} className={styles.badge} data-overdue="">
      {OVERDUE_LABEL}
    </Badge>
  );
}

const useLoadingStyles = makeStyles({ loading: { padding: `${tokens.spacingVerticalL} 0`, color: tokens.colorNeutralForeground2 } });

/** "Laddar …" as text in a status region (Fluent's Spinner would add 2.5 KB gzip to the first load). */
export function Loading({ label }: { label: string }) {
  const styles = useLoadingStyles();
  return (
    <div role="status" className={styles.loading} data-loading="">
      {label}
    </div>
  );
}

/** Where a value belongs, as the tab says it: "Länet" for the plan's county level, else the arena's name. */
export function levelName(plan: PlanApiView, id: string): string {
  return plan.arenas.find((a) => a.id === id)?.kind === 'county' ? 'Länet' : arenaName(plan, id);
}

export function isCounty(plan: PlanApiView, id: string | undefined): boolean {
  return plan.arenas.find((a) => a.id === id)?.kind === 'county';
}

export function arenaName(plan: PlanApiView, id: string): string {
  return plan.arenas.find((a) => a.id === id)?.name ?? id;
}

const visuallyHidden = { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' } as const;

export const useLayout = makeStyles({
  // The gaps space the headings; the browser's own heading margins would double them.
  view: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: `${tokens.spacingVerticalM} 0`, minWidth: 0,
    '& h2, & h3, & h4': { margin: 0, overflowWrap: 'break-word', hyphens: 'auto' },
    '& h2': { [NARROW]: { fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500 } },
    '& h3, & h4': { [NARROW]: { fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400 } },
  },
  /** Filter fields in as many columns as fit (one on a phone). */
  filterGrid: {
    display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 13em), 1fr))', gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`, alignItems: 'end',
    '& > *, & .fui-Select, & .fui-Input': { minWidth: 0, maxWidth: '100%' },
    '& input, & select': { minWidth: 0, width: '100%' },
  },
  filters: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-end', '& > *': { minWidth: 0, maxWidth: '100%' } },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  muted: { color: tokens.colorNeutralForeground2 },
  quote: { margin: 0, paddingLeft: tokens.spacingHorizontalM, borderLeft: `3px solid ${tokens.colorBrandStroke1}`, fontStyle: 'italic' },
  table: {
    width: '100%',
    borderCollapse: 'collapse',
    '& th, & td': { textAlign: 'left', verticalAlign: 'top', padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`, borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, overflowWrap: 'break-word' },
  },
  /**
   * A table that becomes one card per row on a narrow screen: the header row is hidden (still
   * read by screen readers), each cell shows its column name from data-label, and the cells
   * marked data-first (title, status, Uppdatera) come first so they are seen without scrolling.
   */
  stack: {
    [TABLES_STACK]: {
      '& table, & tbody, & tr, & td, & th': { display: 'block' },
      '& thead': visuallyHidden,
      '& caption': { display: 'block', textAlign: 'left' },
      '& tbody tr': {
        display: 'flex',
        flexWrap: 'wrap',
        alignItems: 'center',
        gap: tokens.spacingHorizontalS,
        padding: `${tokens.spacingVerticalS} 0`,
        borderBottom: `1px solid ${tokens.colorNeutralStroke1}`,
      },
      '& tbody td, & tbody th': { border: 'none', padding: 0, width: '100%' },
      '& tbody td:empty': { display: 'none' },
      '& tbody [data-first]': { order: -1 },
      '& tbody [data-inline]': { order: -1, width: 'auto' },
      '& tbody [data-label]::before': { content: 'attr(data-label) ": "', fontWeight: tokens.fontWeightSemibold },
    },
  },
  scroll: { overflowX: 'auto', maxWidth: '100%' },
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    minWidth: 0,
    [NARROW]: { padding: tokens.spacingHorizontalS },
  },
  details: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalL, color: tokens.colorNeutralForeground2 },
  badges: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, alignItems: 'center' },
});
