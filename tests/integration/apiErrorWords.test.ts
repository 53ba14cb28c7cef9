// Every error the app's HTTP API answers (bot/api/*) is a Swedish sentence a person can read:
// each route the server has is sent what a broken or stale tab could send (an unknown id, a body
// with fields nobody may set, no version, no body), and no answer names a field id, an internal
// id or says it in English.
import assert from 'node:assert/strict';
import type { RunningApp } from '../../bot/app';
import { foreignWords } from '../helpers/foreignWords';
import { startTabApp } from '../helpers/tabApp';

/** The texts of an error answer a person may read. */
function errorTexts(body: unknown, key = ''): string[] {
  if (typeof body === 'string') return ['error', 'details', 'errors', 'message', 'reason', 'problems'].includes(key) ? [body] : [];
  if (Array.isArray(body)) return body.flatMap((b) => errorTexts(b, key));
  if (body && typeof body === 'object') return Object.entries(body).flatMap(([k, v]) => (k === 'current' || k === 'since' ? [] : errorTexts(v, ['details', 'errors', 'problems'].includes(key) ? key : k)));
  return [];
}

describe('the API\'s error answers', () => {
  let app: RunningApp;
  before(async () => (app = await startTabApp({ TAB_DEV_MODE: 'true' })));
  after(() => app?.close());

  it('are Swedish and name things in words, on every route', async function () {
    this.timeout(120_000);
    const routes = Object.values(app.server.router.getRoutes() as unknown as Record<string, { method: string; path: string }>).filter((r) => r.path.startsWith('/api/') && r.path !== '/api/messages');
    assert.ok(routes.length > 10, 'the walk finds the routes');
    const bodies = [undefined, '{"x": 1, "version": 2, "status": "nej"}', '{"status": "klar", "value": "mycket", "from": "igår"}', '[]'];
    const found: string[] = [];
    let errors = 0;
    for (const route of routes) {
      for (const ids of ['finns-inte', 'lan', 's1-a1-d1']) {
        const url = `${app.url}${route.path.replace(/:[a-zA-Z]+/g, ids).replace(/\*$/, '')}`;
        for (const body of route.method === 'GET' || route.method === 'HEAD' ? [undefined] : bodies) {
          const res = await fetch(url, { method: route.method, headers: body ? { 'content-type': 'application/json' } : {}, ...(body ? { body } : {}) });
          if (res.status < 400 || !(res.headers.get('content-type') ?? '').includes('json')) {
            await res.arrayBuffer();
            continue;
          }
          errors++;
          const texts = errorTexts(await res.json());
          for (const text of texts) for (const word of foreignWords(text)) found.push(`${route.method} ${route.path} (${res.status}): "${word}" in ${text}`);
        }
      }
    }
    assert.ok(errors > 20, `the walk met ${errors} error answers`);
    assert.deepEqual(found, []);
  });
});
