// What an operator sees when `npm start` cannot reach its store: one line that says what to set.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { azuriteConnectionString, freePort } from '../../bot/storage/azurite';

// restify 11 reads process.binding('http_parser') through a dependency; npm start hides that warning the same way.
const root = path.resolve(__dirname, '../..');

function runServer(env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--disable-warning=DEP0111', '--import', 'tsx', 'bot/index.ts'], {
      cwd: root,
      // No .env from the developer's checkout: only what the test says.
      env: { PATH: process.env.PATH ?? '', DOTENV_CONFIG_PATH: '/nonexistent', LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stderr, stdout }));
  });
}

describe('starting the server', () => {
  it('refuses an unreachable store with one line that says what to set', async function () {
    this.timeout(60_000);
    const closedPort = await freePort();
    const result = await runServer({ PORT: '0', TABLES_CONNECTION_STRING: azuriteConnectionString(closedPort) });
    assert.equal(result.code, 1);
    const lines = result.stderr.trim().split('\n');
    assert.equal(lines.length, 1, `expected one line, got:\n${result.stderr}`);
    assert.match(lines[0]!, /Cannot reach Table Storage at http:\/\/127\.0\.0\.1:\d+\/devstoreaccount1/);
    assert.match(lines[0]!, /TABLES_CONNECTION_STRING/);
  });

  it('refuses an invalid setting with one line that names it', async () => {
    const result = await runServer({ PORT: 'not-a-port' });
    assert.equal(result.code, 1);
    const lines = result.stderr.trim().split('\n');
    assert.equal(lines.length, 1, result.stderr);
    assert.match(lines[0]!, /PORT/);
  });
});
