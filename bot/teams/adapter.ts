// The Bot Framework edge: the only place that builds the botbuilder adapter. The rest of the app
// sees a MessageEndpoint, so that moving to the Microsoft 365 Agents SDK is this folder's work.
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ActivityHandler,
  type Request,
  type Response,
  type TurnContext,
} from 'botbuilder';
import type { BotIdentity } from '../config';
import type { Logger } from '../log';

export interface MessageEndpoint {
  /** Authenticates an incoming Bot Framework request and runs the bot's turn. */
  handle(req: Request, res: Response): Promise<void>;
}

/** The botbuilder adapter: incoming turns, and proactive messages (see proactiveSender.ts). */
export function createBotAdapter(identity: BotIdentity | undefined, log: Logger): CloudAdapter {
  // Without an app id botbuilder skips authentication and sends no tokens: local development
  // and tests only (config.ts documents it; a deployment always sets BOT_ID).
  const auth = new ConfigurationBotFrameworkAuthentication(
    identity
      ? {
          MicrosoftAppId: identity.appId,
          MicrosoftAppPassword: identity.password ?? '',
          MicrosoftAppType: identity.type,
          MicrosoftAppTenantId: identity.tenantId ?? '',
        }
      : {},
  );
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    log.error({ err: error, activityId: context.activity.id, conversationId: context.activity.conversation?.id }, 'Unhandled error in bot turn');
    await context.sendActivity('Något gick fel hos mig. Försök igen om en stund; kvarstår felet, kontakta planens projektledare.');
  };
  return adapter;
}

export function createMessageEndpoint(adapter: CloudAdapter, bot: ActivityHandler): MessageEndpoint {
  return { handle: (req, res) => adapter.process(req, res, (context) => bot.run(context)) };
}
