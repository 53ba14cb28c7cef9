// The bench's baseline: a bare echo bot on exactly the app's stack (botbuilder's CloudAdapter and
// the app's message endpoint behind restify, local mode, replies to the same connector stand-in). What the
// app costs beyond this is what the app itself adds.
import type { AddressInfo } from 'node:net';
import { ActivityHandler } from 'botbuilder';
import restify from 'restify';
import { createLogger } from '../../bot/log';
import { createBotAdapter, createMessageEndpoint } from '../../bot/teams/adapter';

export interface EchoBot {
  url: string;
  close(): Promise<void>;
}

export async function startEchoBot(): Promise<EchoBot> {
  const adapter = createBotAdapter(undefined, createLogger('silent'));
  const server = restify.createServer({ name: 'echo' });
  server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false }));
  const echo = new ActivityHandler().onMessage(async (context, next) => {
    await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
    await next();
  });
  // The app's own endpoint (authentication and refusals included), with a bot that only echoes.
  const endpoint = createMessageEndpoint(adapter, echo);
  server.post('/api/messages', async (req, res) => {
    await endpoint.handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
