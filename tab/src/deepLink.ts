// Which view and arena the tab opens on: the URL query (?view=handlingsplan&arena=ostersund),
// a deep link's subEntityId JSON {view, arena} (bot/domain/deepLinks.ts), or the channel tab's
// configured arena (its entityId).
import type { TabView } from '../../bot/domain/deepLinks';

/** 'mote': the meeting's side panel and stage (also opened by its URL, which the stage is shared with). */
export type ViewId = TabView | 'rapport' | 'tillganglighet' | 'mote';
export const VIEWS: ReadonlyArray<{ id: ViewId; label: string }> = [
  { id: 'oversikt', label: 'Översikt' },
  { id: 'handlingsplan', label: 'Handlingsplan' },
  { id: 'arenor', label: 'Arenor' },
  { id: 'effektmatt', label: 'Effektmått' },
  { id: 'historik', label: 'Historik' },
  { id: 'uppfoljning', label: 'Uppföljning' },
  { id: 'rapport', label: 'Årsrapport' },
  { id: 'revidering', label: 'Revidering' },
  { id: 'om', label: 'Om planen' },
];
/** Below this width the view tabs no longer fit in one row (eight of them, ~810 px): a drop-down takes their place. */
export const TABS_COLLAPSE_QUERY = '(max-width: 940px)';
/** Views reached by a link rather than a tab (the accessibility statement, from the footer and About). */
export const LINKED_VIEWS: ReadonlyArray<{ id: ViewId; label: string }> = [{ id: 'tillganglighet', label: 'Tillgänglighetsredogörelse' }, { id: 'motesunderlag', label: 'Mötesunderlag' }, { id: 'guide', label: 'Användarguide' }];

export interface Start {
  view: ViewId;
  arena?: string;
  /** The link's other values (the meeting brief's since/until), checked by the view that reads them. */
  params?: Record<string, unknown>;
}

const isView = (v: unknown): v is ViewId => typeof v === 'string' && (v === 'mote' || [...VIEWS, ...LINKED_VIEWS].some((x) => x.id === v));
const isId = (v: unknown): v is string => typeof v === 'string' && /^[a-z0-9-]{1,40}$/.test(v);

export function startFrom(search: string, context: { subEntityId?: string; entityId?: string }): Start {
  const query = new URLSearchParams(search);
  let sub: Record<string, unknown> = {};
  if (context.subEntityId) {
    try {
      sub = JSON.parse(context.subEntityId) as typeof sub;
    } catch {
      sub = {};
    }
  }
  const view = [sub.view, query.get('view')].find(isView) ?? 'oversikt';
  const arena = [sub.arena, query.get('arena'), context.entityId].find(isId);
  return { view, ...(arena ? { arena } : {}), ...(view === 'motesunderlag' ? { params: { ...Object.fromEntries(query), ...sub } } : {}) };
}
