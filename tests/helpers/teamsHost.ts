// A stand-in for the Teams client around the tab, for browser tests: a host page on
// teams.microsoft.com (one of teams-js's valid origins) that frames the tab and answers teams-js's
// postMessage calls (initialize, getContext, the SSO token, share to stage) the way Teams does.
// The tab itself is served by the real app under an https name, so nothing in the tab is faked.
import type { Page } from 'playwright-core';

export const HOST_ORIGIN = 'https://teams.microsoft.com';
export const TAB_ORIGIN = 'https://gemensamplan.test';

export interface FakeTeamsContext {
  frameContext: 'content' | 'sidePanel' | 'meetingStage' | 'settings';
  theme?: 'default' | 'dark' | 'contrast';
  meetingId?: string;
  chatId?: string;
  tenantId?: string;
  entityId?: string;
  /** The SSO token Teams hands the tab (authentication.getAuthToken); none: Teams refuses, as in development. */
  authToken?: string;
}

/** What the tab asked Teams for, by teams-js function name, with its arguments. */
export type HostCalls = Array<{ func: string; args: unknown[] }>;

/** Routes the host page and the tab (to the running app at `appUrl`) and opens the tab framed in `context`. */
export async function openInTeams(page: Page, appUrl: string, tabPath: string, context: FakeTeamsContext, frame: { width: string; height: string } = { width: '100%', height: '100%' }): Promise<HostCalls> {
  const calls: HostCalls = [];
  await page.exposeFunction('__hostCall', (func: string, args: unknown[]) => void calls.push({ func, args }));
  // teams-js asks a CDN for the valid origins; unreachable here, it falls back to its own list.
  await page.route('https://res.cdn.office.net/**', (route) => route.abort());
  await page.route(`${TAB_ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    await route.fulfill({ response: await route.fetch({ url: `${appUrl}${url.pathname}${url.search}` }) });
  });
  const v1Context = {
    locale: 'sv-SE',
    theme: context.theme ?? 'default',
    frameContext: context.frameContext,
    hostClientType: 'web',
    tid: context.tenantId ?? 'tenant-jh',
    userObjectId: 'aad-anna',
    userPrincipalName: 'anna@example.org',
    ...(context.meetingId ? { meetingId: context.meetingId } : {}),
    ...(context.chatId ? { chatId: context.chatId } : {}),
    ...(context.entityId ? { entityId: context.entityId } : {}),
    appSessionId: 'session-1',
    hostName: 'Teams',
  };
  const html = `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Teams</title>
<style>html,body{margin:0;padding:0;height:100%}iframe{border:0;display:block;width:${frame.width};height:${frame.height}}</style></head>
<body><iframe id="app" title="Gemensam plan" src="${TAB_ORIGIN}${tabPath}"></iframe>
<script>
const context = ${JSON.stringify(v1Context)};
const runtime = JSON.stringify({ apiVersion: 4, isLegacyTeams: false, hostVersionsInfo: { adaptiveCardSchemaVersion: { majorVersion: 1, minorVersion: 5 } }, supports: { appInstallDialog: {}, dialog: { card: {}, url: {} }, meeting: {}, pages: { appButton: {}, config: {}, tabs: {} }, stageView: {}, teamsCore: {} } });
window.addEventListener('message', (event) => {
  const frame = document.getElementById('app').contentWindow;
  if (event.source !== frame || !event.data || typeof event.data.func !== 'string') return;
  const { id, uuidAsString, func, args } = event.data;
  window.__hostCall(func, args || []);
  const answer = (values) => frame.postMessage({ id, uuidAsString, args: values }, '*');
  switch (func) {
    case 'initialize': return answer([context.frameContext, 'web', runtime, '2.58.0']);
    case 'getContext': return answer([context]);
    case 'authentication.getAuthToken': return answer(${JSON.stringify(context.authToken ?? '')} ? [true, ${JSON.stringify(context.authToken ?? '')}] : [false, 'Ingen inloggning i testet']);
    case 'meeting.shareAppContentToStage': return answer([null, true]);
    case 'meeting.getAppContentStageSharingCapabilities': return answer([null, { doesAppHaveSharePermission: true }]);
    default: return answer([]);
  }
});
</script></body></html>`;
  await page.route(`${HOST_ORIGIN}/**`, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
  await page.goto(`${HOST_ORIGIN}/v2/meeting-host`);
  return calls;
}
