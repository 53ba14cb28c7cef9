// Routing of the bot's turns. The conversation itself (cards, commands, linking) is issue #3;
// for now every message is answered with the help text, never silence.
import { TeamsActivityHandler, TurnContext } from 'botbuilder';
import { helpText, type PlanSummary } from '../domain/helpText';

export class PlanBot extends TeamsActivityHandler {
  constructor(private readonly summary: () => Promise<PlanSummary>) {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity({ type: 'message', text: helpText(await this.summary()), textFormat: 'markdown' });
      await next();
    });
  }
}

export { TurnContext };
