// Links from cards to the plan tab, opened on the right view and arena.

export type TabView = 'oversikt' | 'handlingsplan' | 'arenor' | 'effektmatt' | 'historik' | 'revidering' | 'motesunderlag' | 'uppfoljning' | 'rapport' | 'guide' | 'om';

export interface TabLinks {
  /** `extra`: more of the view's state (the meeting brief's window: since, until). */
  tab(view: TabView, arenaId?: string, extra?: Record<string, string>): string;
  /**
   * A short address on the app's own domain for sharing (GET /l/<view> redirects to `tab`): it opens
   * inside Teams, and pasted into a message Teams asks the app for its preview (link unfurling).
   */
  share(view: TabView, arenaId?: string, extra?: Record<string, string>): string;
}

export const TAB_VIEWS: readonly TabView[] = ['oversikt', 'handlingsplan', 'arenor', 'effektmatt', 'historik', 'revidering', 'motesunderlag', 'uppfoljning'];

/** What a shared link points to. */
export interface SharedTarget {
  view: TabView;
  arenaId?: string;
  /** A sub-activity, for links to one item. */
  item?: string;
  extra: Record<string, string>;
}

const ID = /^[a-z0-9-]{1,60}$/;

/**
 * Reads a link to the plan: the short address (/l/<view>?arena=…&item=…) or the tab's own
 * (/tab/index.html?view=…&arena=…). Undefined for anything else.
 */
export function readSharedLink(url: string): SharedTarget | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const short = /^\/l\/([a-z]+)\/?$/.exec(parsed.pathname);
  const isTab = /^\/tab\/(?:index\.html)?$/.test(parsed.pathname);
  if (!short && !isTab) return undefined;
  const view = (short ? short[1] : (parsed.searchParams.get('view') ?? 'oversikt')) as TabView;
  if (!TAB_VIEWS.includes(view)) return undefined;
  const extra: Record<string, string> = {};
  let arenaId: string | undefined;
  let item: string | undefined;
  for (const [key, value] of parsed.searchParams) {
    if (key === 'arena' && ID.test(value)) arenaId = value;
    else if (key === 'item' && ID.test(value)) item = value;
    else if (key !== 'view' && /^[a-z]{1,20}$/i.test(key)) extra[key] = value.slice(0, 100);
  }
  return { view, ...(arenaId ? { arenaId } : {}), ...(item ? { item } : {}), extra };
}

/**
 * With the Teams app id known, a Teams deep link to the static tab ("plan") whose subEntityId
 * carries the view and arena; without it (local development), the tab's own URL.
 */
export function tabLinks(options: { teamsAppId?: string; publicUrl: string }): TabLinks {
  return {
    tab(view, arenaId, extra = {}) {
      if (options.teamsAppId) {
        const subEntityId = JSON.stringify({ view, ...(arenaId ? { arena: arenaId } : {}), ...extra });
        const context = encodeURIComponent(JSON.stringify({ subEntityId }));
        return `https://teams.microsoft.com/l/entity/${encodeURIComponent(options.teamsAppId)}/plan?context=${context}`;
      }
      const query = new URLSearchParams({ view, ...(arenaId ? { arena: arenaId } : {}), ...extra });
      return `${options.publicUrl.replace(/\/$/, '')}/tab/index.html?${query.toString()}`;
    },
    share(view, arenaId, extra = {}) {
      const query = new URLSearchParams({ ...(arenaId ? { arena: arenaId } : {}), ...extra }).toString();
      return `${options.publicUrl.replace(/\/$/, '')}/l/${view}${query ? `?${query}` : ''}`;
    },
  };
}
