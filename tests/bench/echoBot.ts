// The bench's baseline: a bare echo bot on exactly the app's stack (botbuilder's CloudAdapter
// behind restify, unauthenticated local mode, replies to the same connector stand-in). What the
// app costs beyond this is what the app itself adds.
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import { createLogger } from '../../bot/log';
import { createBotAdapter } from '../../bot/teams/adapter';

export interface EchoBot {
  url: string;
  close(): Promise<void>;
}

export async function startEchoBot(): Promise<EchoBot> {
  const adapter = createBotAdapter(undefined, createLogger('silent'));
  const server = restify.createServer({ name: 'echo' });
  server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false }));
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, async (context) => {
      await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
