// Runs the app the way a person does: `npm start` in a terminal, or `node` alone, as its own
// process group (a terminal's job), with the embedded Azurite on a data folder. Stops it the
// ways people stop apps: a signal to the group (Ctrl+C is SIGINT to the group), or to the app.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ChannelStore } from '../../bot/storage/channelStore';
import { MeasureStore } from '../../bot/storage/measureStore';
import { azuriteConnectionString, freePort } from '../../bot/storage/azurite';
import { lockPath } from '../../bot/storage/azuriteLock';
import { createTables, ensureTables } from '../../bot/storage/tables';
import { DEV_USER } from '../../bot/api/ssoAuth';

const root = path.resolve(__dirname, '../..');

/** `npm start` builds and runs dist/; `node` runs the sources with tsx, no npm in between. */
export type Launch = 'npm start' | 'node';

export interface Place {
  folder: string;
  azuritePort: number;
}

export interface SpawnedApp {
  url: string;
  child: ChildProcess;
  output(): string;
  /** Resolves when every process of the app's group has ended (npm, its shell, node). */
  ended(): Promise<void>;
}

export async function placeIn(folder: string): Promise<Place> {
  return { folder, azuritePort: await freePort() };
}

export async function spawnApp(launch: Launch, place: Place, startTimeoutMs = 180_000): Promise<SpawnedApp> {
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    // No .env from the developer's checkout: only what the test says.
    DOTENV_CONFIG_PATH: '/nonexistent',
    PORT: String(await freePort()),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    AZURITE_LOCATION: place.folder,
    AZURITE_TABLE_PORT: String(place.azuritePort),
    TAB_DEV_MODE: 'true',
  };
  const [command, args] = launch === 'npm start' ? ['npm', ['start']] : [process.execPath, ['--disable-warning=DEP0111', '--import', 'tsx', 'bot/index.ts']];
  // detached: its own process group, as a shell gives each job one.
  const child = spawn(command, args as string[], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the app did not start within ${startTimeoutMs} ms:\n${output}`)), startTimeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /Gemensam plan is running: (http:\/\/[^/\s]+)\/api\/plan/.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the app exited before it started:\n${output}`));
    });
  });
  return {
    url,
    child,
    output: () => output,
    ended: async () => {
      await exited;
      while (groupAlive(child.pid!)) await new Promise((r) => setTimeout(r, 100));
    },
  };
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The stores of a place, reached directly on its Azurite (while an app runs there). */
export async function storesAt(place: Place) {
  const tables = createTables({ kind: 'connectionString', connectionString: azuriteConnectionString(place.azuritePort) });
  await ensureTables(tables, 'test');
  return { channels: new ChannelStore(tables.channels), measures: new MeasureStore(tables.measures) };
}

/**
 * Saves values through the tab's API as the development user, each answered 200 ("Sparat"),
 * and returns them: Östersund's value of measure s3-e1 for three years, reported by the county.
 */
export async function saveValues(app: SpawnedApp, place: Place): Promise<StoredValues> {
  const { channels, measures } = await storesAt(place);
  // The county level reports every effect measure, also a municipality's value.
  await channels.recordMember('lan', DEV_USER.id);
  const saved: StoredValues = {};
  for (const [i, periodId] of PERIODS.entries()) {
    const value = 100 * (i + 1) + Math.floor(Math.random() * 100);
    const current = await measures.get('s3-e1', periodId, 'ostersund');
    const condition: Record<string, string> = current ? { 'if-match': current.etag } : { 'if-none-match': '*' };
    const res = await fetch(`${app.url}/api/measures/s3-e1/values/ostersund/${periodId}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...condition },
      body: JSON.stringify({ values: [String(value)] }),
    });
    if (res.status !== 200) throw new Error(`saving ${periodId} answered ${res.status}: ${await res.text()}`);
    saved[periodId] = value;
  }
  return saved;
}

const PERIODS = ['2024', '2025', '2026'];
export type StoredValues = Record<string, number | string | undefined>;

/** What the store holds for those values, read directly. */
export async function storedValues(place: Place): Promise<StoredValues> {
  const { measures } = await storesAt(place);
  const out: StoredValues = {};
  for (const periodId of PERIODS) out[periodId] = (await measures.get('s3-e1', periodId, 'ostersund'))?.values[0]?.value;
  return out;
}

/** Starts the app, saves, stops it with the signal right after the last answer, starts it again and reads. */
export async function saveStopRestart(launch: Launch, signal: NodeJS.Signals, toGroup: boolean, place: Place): Promise<{ saved: object; after: object; output: string }> {
  const app = await spawnApp(launch, place);
  const saved = await saveValues(app, place);
  process.kill(toGroup ? -app.child.pid! : app.child.pid!, signal);
  await app.ended();
  const output = app.output();
  // A killed app cannot close its Azurite: that one closes itself, or the next start ends it.
  if (signal !== 'SIGKILL') assert.equal(existsSync(lockPath(place.folder)), false, `the embedded Azurite was closed with the app:\n${output}`);
  const again = await spawnApp('node', place);
  try {
    return { saved, after: await storedValues(place), output };
  } finally {
    process.kill(again.child.pid!, 'SIGTERM');
    await again.ended();
  }
}
