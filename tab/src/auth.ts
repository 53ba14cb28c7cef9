// The one place that talks to Teams (@microsoft/teams-js): start-up, context, theme, the SSO
// token and the channel tab's configuration. teams-js is past end of support, so it stays here,
// loaded only when the page runs inside Teams. Outside Teams (a plain browser) the tab runs in
// the explicit development mode and sends no token.
import type * as TeamsJs from '@microsoft/teams-js';

export type ThemeName = 'default' | 'dark' | 'contrast';

export interface HostContext {
  inTeams: boolean;
  theme: ThemeName;
  locale: string;
  /** The tab's entityId (a configured channel tab: the arena id). */
  entityId?: string;
  /** The deep link's subEntityId: JSON {view, arena}. */
  subEntityId?: string;
  teamName?: string;
  channelName?: string;
  /** Where Teams shows the tab: 'content', 'sidePanel' or 'meetingStage' (a meeting), 'settings' … */
  frameContext?: string;
  /** The meeting the tab is in (its side panel, stage or chat tab). */
  meetingId?: string;
  /** The signed-in person's organisation (a guest in a meeting may come from another). */
  tenantId?: string;
}

let teams: typeof TeamsJs | undefined;

function looksFramed(): boolean {
  try {
    return window.parent !== window || Boolean(window.opener);
  } catch {
    return true;
  }
}

function themeOf(value: string | undefined): ThemeName {
  return value === 'dark' ? 'dark' : value === 'contrast' ? 'contrast' : 'default';
}

function browserContext(): HostContext {
  const query = new URLSearchParams(window.location.search);
  return { inTeams: false, theme: themeOf(query.get('theme') ?? undefined), locale: navigator.language || 'sv-SE' };
}

/** Initialises Teams when the page is framed by it; otherwise the development mode. */
export async function startHost(): Promise<HostContext> {
  if (!looksFramed()) return browserContext();
  try {
    const sdk = await import('@microsoft/teams-js');
    await Promise.race([sdk.app.initialize(), new Promise((_, reject) => setTimeout(() => reject(new Error('Teams did not answer')), 8000))]);
    teams = sdk;
    const ctx = await sdk.app.getContext();
    return {
      inTeams: true,
      theme: themeOf(ctx.app.theme),
      locale: ctx.app.locale || 'sv-SE',
      ...(ctx.page.id ? { entityId: ctx.page.id } : {}),
      ...(ctx.page.subPageId ? { subEntityId: ctx.page.subPageId } : {}),
      ...(ctx.team?.displayName ? { teamName: ctx.team.displayName } : {}),
      ...(ctx.channel?.displayName ? { channelName: ctx.channel.displayName } : {}),
      ...(ctx.page.frameContext ? { frameContext: String(ctx.page.frameContext) } : {}),
      ...(ctx.meeting?.id ? { meetingId: ctx.meeting.id } : {}),
      ...(ctx.user?.tenant?.id ? { tenantId: ctx.user.tenant.id } : {}),
    };
  } catch {
    teams = undefined;
    return browserContext();
  }
}

/** Follows Teams' theme changes (default, dark, high contrast). */
export function onThemeChange(handler: (theme: ThemeName) => void): void {
  teams?.app.registerOnThemeChangeHandler((t) => handler(themeOf(t)));
}

/** Tells Teams the tab has loaded, so it removes its loading indicator promptly. */
export function notifyLoaded(): void {
  if (!teams) return;
  teams.app.notifyAppLoaded();
  teams.app.notifySuccess();
}

export function notifyFailed(message: string): void {
  teams?.app.notifyFailure({ reason: teams.app.FailedReason.Other, message });
}

/** The Teams SSO token for the app's API; undefined outside Teams (development mode). */
export async function getToken(): Promise<string | undefined> {
  if (!teams) return undefined;
  return teams.authentication.getAuthToken();
}

/**
 * Copies text: through Teams where it offers its clipboard (the tab's frame may not write to the
 * clipboard itself), else the browser's. False when neither could.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (teams?.clipboard.isSupported()) {
      await teams.clipboard.write(new Blob([text], { type: 'text/plain' }));
      return true;
    }
    // A frame without the clipboard permission (Chromium's permissions policy): say so without trying.
    const policy = (document as Document & { featurePolicy?: { allowsFeature(name: string): boolean } }).featurePolicy;
    if (policy && !policy.allowsFeature('clipboard-write')) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Shares the meeting view to the meeting's stage for everyone (meeting.shareAppContentToStage, which
 * needs the app's MeetingStage.Write.Chat permission). Resolves false outside a meeting's side panel.
 */
export async function shareToStage(url: string): Promise<boolean> {
  const sdk = teams;
  if (!sdk) return false;
  return new Promise((resolve, reject) => {
    try {
      sdk.meeting.shareAppContentToStage((error, result) => (error ? reject(new Error(error.message ?? String(error.errorCode))) : resolve(Boolean(result))), url);
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

/** Channel tab configuration: called with the chosen arena when the person presses Spara. */
export function registerConfigSave(current: () => { arenaId: string; arenaName: string } | undefined, beforeSave: (arenaId: string) => Promise<unknown> = async () => undefined): void {
  if (!teams) return;
  const sdk = teams;
  sdk.pages.config.registerOnSaveHandler((event) => {
    const choice = current();
    if (!choice) {
      event.notifyFailure('Välj en arena först.');
      return;
    }
    const base = `${window.location.origin}/tab/index.html`;
    const query = `?arena=${encodeURIComponent(choice.arenaId)}`;
    beforeSave(choice.arenaId)
      .then(() => sdk.pages.config.setConfig({ entityId: choice.arenaId, contentUrl: base + query, websiteUrl: base + query, suggestedDisplayName: `Plan – ${choice.arenaName}` }))
      .then(() => event.notifySuccess())
      .catch((error: unknown) => event.notifyFailure(String(error)));
  });
}

export function setConfigValid(valid: boolean): void {
  teams?.pages.config.setValidityState(valid);
}
