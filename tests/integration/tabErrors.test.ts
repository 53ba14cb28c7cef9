// The tab API answers what restify refuses before a handler runs (a body that is not JSON, a
// body that is too large) as it answers everything else: JSON with a Swedish sentence. And the
// tab's source maps are served only in the local development mode.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RunningApp } from '../../bot/app';
import { tabFile } from '../../bot/api/tabStatic';
import { startTabApp } from '../helpers/tabApp';

describe("the tab API's answers to broken requests", () => {
  let app: RunningApp;
  before(async () => (app = await startTabApp({ TAB_DEV_MODE: 'true' })));
  after(() => app?.close());

  async function patch(body: string): Promise<{ status: number; type: string; body: { error?: string } }> {
    const res = await fetch(`${app.url}/api/activities/lan/s1-a1-d1`, { method: 'PATCH', headers: { 'content-type': 'application/json', 'if-match': '*' }, body });
    return { status: res.status, type: res.headers.get('content-type') ?? '', body: (await res.json()) as { error?: string } };
  }

  it('answers malformed JSON with 400 and a Swedish JSON error', async () => {
    const result = await patch('{"status": "klar",');
    assert.equal(result.status, 400);
    assert.match(result.type, /application\/json/);
    assert.deepEqual(result.body, { error: 'Begäran kunde inte läsas: innehållet är inte giltig JSON.' });
  });

  it('answers an oversized body with 413 and a Swedish JSON error', async () => {
    const result = await patch(JSON.stringify({ statusNote: 'x'.repeat(300 * 1024) }));
    assert.equal(result.status, 413);
    assert.match(result.body.error ?? '', /Begäran är för stor: högst 256 kB/);
  });
});

describe("the tab's source maps", () => {
  let root: string;
  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'gp-tab-'));
    mkdirSync(path.join(root, 'dist'));
    writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
    writeFileSync(path.join(root, 'dist', 'main.js'), 'console.log(1)\n//# sourceMappingURL=main.js.map');
    writeFileSync(path.join(root, 'dist', 'main.js.map'), '{"version":3,"sources":["../src/main.tsx"]}');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('are not served in production', async () => {
    assert.equal((await tabFile(root, 'dist/main.js.map')).found, false);
    assert.equal((await tabFile(root, 'dist/main.js')).found, true);
  });

  it('are served in the local development mode', async () => {
    assert.equal((await tabFile(root, 'dist/main.js.map', false, true)).found, true);
  });
});
