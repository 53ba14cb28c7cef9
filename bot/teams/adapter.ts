// The Bot Framework edge: the only place that builds the botbuilder adapter. The rest of the app
// sees a MessageEndpoint, so that moving to the Microsoft 365 Agents SDK is this folder's work.
// The endpoint authenticates every request itself, so that every refusal is a 401 (or 400 for a
// body that is not an activity), logged once as one structured line, never a 500 with the
// library's error text.
import {
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ActivityHandler,
  type InvokeResponse,
  type Request,
  type Response,
  type TurnContext,
} from 'botbuilder';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { BotIdentity } from '../config';
import type { Logger } from '../log';
import { refusalLog, type RefusalLog } from '../refusalLog';
import { isLoopbackUrl } from '../storage/endpoint';

type AuthenticateRequestResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

export interface MessageEndpoint {
  /** Authenticates an incoming Bot Framework request and runs the bot's turn. */
  handle(req: Request, res: Response): Promise<void>;
}

/** The adapter, with the two steps of a turn (authenticate, run) apart. */
export class PlanCloudAdapter extends CloudAdapter {
  constructor(
    auth: ConfigurationBotFrameworkAuthentication,
    /** No BOT_ID: unauthenticated local development (config.ts allows it only on loopback). */
    readonly local: boolean,
    readonly log: Logger,
  ) {
    super(auth);
  }

  authenticate(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return withoutLibraryConsole(() => this.botFrameworkAuthentication.authenticateRequest(activity, authHeader));
  }

  run(auth: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}

/**
 * botframework-connector prints a refused token's details with console.error (the key in PEM,
 * stack traces). The refusal is logged once by the endpoint instead, so the library's console
 * output is dropped while a request is being authenticated, and only then.
 */
const authenticating = new AsyncLocalStorage<true>();
let consoleFiltered = false;
function withoutLibraryConsole<T>(work: () => Promise<T>): Promise<T> {
  if (!consoleFiltered) {
    consoleFiltered = true;
    for (const name of ['error', 'warn', 'log'] as const) {
      const original = console[name].bind(console);
      console[name] = (...args: unknown[]) => {
        if (authenticating.getStore() !== true) original(...args);
      };
    }
  }
  return authenticating.run(true, work);
}

/**
 * Where the bot may send: a Bot Connector is https; in local development (no BOT_ID) only an
 * http(s) address on this machine (the Agents Playground, the tests' connector stand-in).
 */
export function serviceUrlAllowed(serviceUrl: unknown, local: boolean): boolean {
  if (typeof serviceUrl !== 'string') return false;
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false;
  }
  if (local) return isLoopbackUrl(url);
  return url.protocol === 'https:' && url.username === '' && url.password === '';
}

/** The botbuilder adapter: incoming turns, and proactive messages (see proactiveSender.ts). */
export function createBotAdapter(
  identity: BotIdentity | undefined,
  log: Logger,
  /** Where the Bot Framework's signing keys are published (defaults: the public cloud's). */
  keySources: { channelOpenIdMetadataUrl?: string; emulatorOpenIdMetadataUrl?: string } = {},
): PlanCloudAdapter {
  // Without an app id botbuilder skips authentication and sends no tokens: local development
  // and tests only (config.ts refuses it unless everything is on this machine).
  const auth = new ConfigurationBotFrameworkAuthentication(
    identity
      ? {
          MicrosoftAppId: identity.appId,
          MicrosoftAppPassword: identity.password ?? '',
          MicrosoftAppType: identity.type,
          MicrosoftAppTenantId: identity.tenantId ?? '',
          ...(keySources.channelOpenIdMetadataUrl || keySources.emulatorOpenIdMetadataUrl ? publicCloudWithKeysFrom(keySources) : {}),
        }
      : {},
  );
  const adapter = new PlanCloudAdapter(auth, identity === undefined, log);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    log.error({ err: error, activityId: context.activity.id, conversationId: context.activity.conversation?.id }, 'Unhandled error in bot turn');
    await context.sendActivity('Något gick fel hos mig. Försök igen om en stund; kvarstår felet, kontakta planens projektledare.');
  };
  return adapter;
}

/**
 * botbuilder takes any one of its cloud settings as "all of them are given", so another key
 * source needs the rest of the public cloud's settings spelt out (botframework-connector's
 * AuthenticationConstants and CallerIdConstants.PublicAzureChannel).
 */
function publicCloudWithKeysFrom(keySources: { channelOpenIdMetadataUrl?: string; emulatorOpenIdMetadataUrl?: string }): Record<string, string | boolean> {
  return {
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
    ToChannelFromBotOAuthScope: 'https://api.botframework.com',
    ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
    OAuthUrl: 'https://api.botframework.com',
    ToBotFromChannelOpenIdMetadataUrl: keySources.channelOpenIdMetadataUrl ?? 'https://login.botframework.com/v1/.well-known/openidconfiguration',
    ToBotFromEmulatorOpenIdMetadataUrl: keySources.emulatorOpenIdMetadataUrl ?? 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}

export function createMessageEndpoint(adapter: CloudAdapter, bot: ActivityHandler): MessageEndpoint {
  const edge = adapter instanceof PlanCloudAdapter ? adapter : undefined;
  if (!edge) return { handle: (req, res) => adapter.process(req, res, (context) => bot.run(context)) };
  const refused = refusalLog(edge.log.child({ module: 'messages' }), 'Bot Framework request refused');
  return { handle: (req, res) => handleMessage(edge, bot, refused, req, res) };
}

async function handleMessage(adapter: PlanCloudAdapter, bot: ActivityHandler, refused: RefusalLog, req: Request, res: Response): Promise<void> {
  const end = (status: number, body?: unknown) => {
    res.status(status);
    if (body !== undefined) res.send(body);
    res.end();
  };
  const body = req.body as Partial<Activity> | undefined;
  if (!body || typeof body !== 'object' || Array.isArray(body) || typeof body.type !== 'string' || body.type.trim() === '') {
    refused({ reason: 'not-an-activity', status: 400 });
    return end(400, { error: 'The body is not a Bot Framework activity (it needs a type).' });
  }
  const activity = body as Activity;
  if (!serviceUrlAllowed(activity.serviceUrl, adapter.local)) {
    // Never post a reply to an address the caller names unless it is a connector we may talk to.
    const status = adapter.local ? 401 : 400;
    refused({ reason: adapter.local ? 'service-url-not-loopback' : 'service-url-not-https', status, activityType: activity.type });
    return end(status, { error: 'serviceUrl refused' });
  }
  const header = req.headers.authorization ?? req.headers.Authorization;
  let auth: AuthenticateRequestResult;
  try {
    auth = await adapter.authenticate(activity, typeof header === 'string' ? header : '');
  } catch (error) {
    refused({ reason: 'not-authenticated', status: 401, detail: shortReason(error), activityType: activity.type });
    return end(401, { error: 'Unauthorized' });
  }
  try {
    const invoke = await adapter.run(auth, activity, (context) => bot.run(context));
    // botbuilder answers an invoke the app has no handler for (task modules, settings, sign-in, an
    // unknown name, a card action without an action) with 501. The app does not offer those: 400.
    if (invoke?.status === 501) return end(400, { error: 'Gemensam plan tar inte emot den här sortens anrop.' });
    end(invoke?.status ?? 200, invoke?.body);
  } catch (error) {
    // The turn's own errors are handled by onTurnError; this is the adapter failing around it.
    adapter.log.error({ err: error, activityId: activity.id, conversationId: activity.conversation?.id }, 'Bot Framework request failed');
    end(500);
  }
}

/** The library's error name and first line, without the token or a stack. */
function shortReason(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message.split('\n')[0]!.slice(0, 160)}`;
  return String(error).slice(0, 160);
}
