// One restify server: /api/messages for the Bot Framework and /healthz; the tab's REST API and
// static files are added by api/tabApi.ts. Handlers authenticate, hand over, and map the outcome
// to a status; nothing more.
import restify, { type Request, type Response, type Server } from 'restify';
import type { Logger } from './log';
import type { MessageEndpoint } from './teams/adapter';

/** The largest request body any route takes (a card submission, a tab update). */
const MAX_BODY_KB = 256;

export interface ServerDeps {
  log: Logger;
  messages: MessageEndpoint;
  storageReachable: () => Promise<boolean>;
}

export function createServer(deps: ServerDeps): Server {
  const server = restify.createServer({ name: 'gemensam-plan' });
  // A compressed body is refused before restify's reader sees it: its gunzip has no error
  // handler (a broken gzip body ended the process) and its size limit counts compressed bytes
  // (a gzip bomb). Neither Teams nor the tab compresses what it sends.
  server.pre((req: Request, res: Response, next: (err?: false) => void) => {
    const encoding = req.headers['content-encoding'];
    if (encoding === undefined || encoding === '' || encoding === 'identity') return next();
    res.header('Content-Type', 'application/json; charset=utf-8');
    res.send(415, { error: ERROR_MESSAGES[415] });
    return next(false);
  });
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_KB * 1024, mapParams: false }));
  server.use(restify.plugins.queryParser({ mapParams: false }));

  server.post('/api/messages', async (req: Request, res: Response) => {
    await deps.messages.handle(req, res);
  });

  server.get('/healthz', async (_req: Request, res: Response) => {
    const storage = await deps.storageReachable();
    res.send(storage ? 200 : 503, { status: storage ? 'ok' : 'degraded', storage: storage ? 'ok' : 'unreachable' });
  });

  // restify's own refusals (a body that is not JSON, too large, an unknown route) are answered
  // like every other error of the API: JSON with a Swedish sentence, never restify's English.
  server.on('restifyError', (req: Request, res: Response, err: Error & { statusCode?: number; toJSON?: () => unknown }, callback: () => void) => {
    const status = err.statusCode ?? 500;
    if (status >= 500) deps.log.error({ err, path: req.path() }, 'Request failed');
    const message = ERROR_MESSAGES[status] ?? (status >= 500 ? ERROR_MESSAGES[500]! : ERROR_MESSAGES[400]!);
    err.toJSON = () => ({ error: message });
    res.header('Content-Type', 'application/json; charset=utf-8');
    callback();
  });
  return server;
}

/** The Swedish answer to a request restify refused before a handler saw it, by status. */
const ERROR_MESSAGES: Record<number, string> = {
  400: 'Begäran kunde inte läsas: innehållet är inte giltig JSON.',
  404: 'Det finns ingenting på den adressen.',
  405: 'Det går inte att göra så på den här adressen.',
  413: `Begäran är för stor: högst ${MAX_BODY_KB} kB.`,
  415: 'Skicka innehållet som JSON (Content-Type: application/json), okomprimerat.',
  500: 'Något gick fel. Försök igen om en stund.',
};
