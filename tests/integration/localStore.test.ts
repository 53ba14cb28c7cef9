// `npm start` with its embedded Azurite, as a real process: what was saved right before a clean
// stop is there after the next start, and an Azurite that dies under the running app is started
// again instead of leaving the app at 503.
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { azuriteConnectionString, freePort } from '../../bot/storage/azurite';
import { ChannelStore } from '../../bot/storage/channelStore';
import { createTables } from '../../bot/storage/tables';
import { ConnectorStandIn } from '../helpers/connector';
import { channelMessage, PLAN_TEAM } from '../helpers/teamsActivity';

const root = path.resolve(__dirname, '../..');
const berg = { ...PLAN_TEAM, channelId: '19:berg-local@thread.tacv2', channelName: 'Berg' };

interface Started {
  child: ChildProcess;
  url: string;
  /** Resolves when the app has logged a line containing the text. */
  logged: (text: string) => Promise<void>;
}

async function startServer(env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', '--import', 'tsx', 'bot/index.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', DOTENV_CONFIG_PATH: '/nonexistent', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      stdout += c.toString();
      if (stdout.includes('Gemensam plan is running')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
  const logged = (text: string) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (!stdout.includes(text)) return;
        child.stdout!.off('data', check);
        resolve();
      };
      child.stdout!.on('data', check);
      check();
    });
  return { child, url: `http://127.0.0.1:${env.PORT}`, logged };
}

async function stopServer(server: Started): Promise<number | null> {
  if (server.child.exitCode !== null) return server.child.exitCode;
  const exited = once(server.child, 'exit');
  server.child.kill('SIGTERM');
  const [code] = (await exited) as [number | null];
  return code;
}

async function health(url: string): Promise<number> {
  try {
    const res = await fetch(`${url}/healthz`);
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

describe('npm start with its embedded Azurite', function () {
  this.timeout(240_000);
  const connector = new ConnectorStandIn();
  let folder: string;
  before(() => connector.start());
  after(() => connector.stop());
  beforeEach(() => (folder = mkdtempSync(path.join(tmpdir(), 'gp-local-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('recovers from a dead Azurite, and keeps a channel link made right before a clean stop', async () => {
    const env = { PORT: String(await freePort()), AZURITE_TABLE_PORT: String(await freePort()), AZURITE_LOCATION: folder };
    const first = await startServer(env);
    try {
      // Azurite dies under the running app: it is started again, and the app answers again.
      // The app's own child running Azurite (tsx may run an esbuild child too).
      const azuritePid = Number(execFileSync('pgrep', ['-P', String(first.child.pid), '-f', 'azurite/dist/src/table/main.js']).toString().trim());
      const back = first.logged('The embedded Azurite is running again');
      process.kill(azuritePid, 'SIGKILL');
      await first.logged('The embedded Azurite stopped unexpectedly; starting it again');
      await back;
      assert.equal(await health(first.url), 200);

      // "Sparat", and the app is stopped at once.
      const res = await fetch(`${first.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(channelMessage(connector.url, berg, 'koppla Berg')) });
      assert.equal(res.status, 200);
    } finally {
      assert.equal(await stopServer(first), 0);
    }

    const second = await startServer(env);
    try {
      const channels = new ChannelStore(createTables({ kind: 'connectionString', connectionString: azuriteConnectionString(Number(env.AZURITE_TABLE_PORT)) }).channels);
      assert.equal((await channels.get(berg.channelId))?.arenaId, 'berg');
    } finally {
      await stopServer(second);
    }
  });
});
