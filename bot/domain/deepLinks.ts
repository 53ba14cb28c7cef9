// Links from cards to the plan tab, opened on the right view and arena.

export type TabView = 'oversikt' | 'handlingsplan' | 'arenor' | 'effektmatt' | 'historik' | 'revidering' | 'motesunderlag' | 'uppfoljning' | 'rapport';

export interface TabLinks {
  /** `extra`: more of the view's state (the meeting brief's window: since, until). */
  tab(view: TabView, arenaId?: string, extra?: Record<string, string>): string;
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
  };
}
