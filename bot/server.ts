// One restify server: /api/messages for the Bot Framework and /healthz; the tab's REST API and
// static files are added by api/tabApi.ts. Handlers authenticate, hand over, and map the outcome
// to a status; nothing more.
import restify, { type Request, type Response, type Server } from 'restify';
import type { Logger } from './log';
import type { MessageEndpoint } from './teams/adapter';

export interface ServerDeps {
  log: Logger;
  messages: MessageEndpoint;
  storageReachable: () => Promise<boolean>;
}

export function createServer(deps: ServerDeps): Server {
  const server = restify.createServer({ name: 'gemensam-plan' });
  server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false }));
  server.use(restify.plugins.queryParser({ mapParams: false }));

  server.post('/api/messages', async (req: Request, res: Response) => {
    await deps.messages.handle(req, res);
  });

  server.get('/healthz', async (_req: Request, res: Response) => {
    const storage = await deps.storageReachable();
    res.send(storage ? 200 : 503, { status: storage ? 'ok' : 'degraded', storage: storage ? 'ok' : 'unreachable' });
  });

  server.on('restifyError', (req: Request, _res: Response, err: Error & { statusCode?: number }, callback: () => void) => {
    if ((err.statusCode ?? 500) >= 500) deps.log.error({ err, path: req.path() }, 'Request failed');
    callback();
  });
  return server;
}
