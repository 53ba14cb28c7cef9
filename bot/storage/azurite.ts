// Starts Microsoft's Table Storage emulator (the `azurite` npm package) as a child process:
// the embedded default of `npm start`, and the real store behind the integration tests.
//
// Durability: Azurite keeps its tables in memory and writes them to its data folder every 5 s
// (LokiJS autosave), and once more when it closes cleanly. Azurite runs in its own process
// group (detached), so Ctrl+C, SIGTERM or SIGHUP to the app's group, or a closed terminal,
// reach the app only; the app then closes Azurite once, the saving way, and waits for it. A
// small wrapper around Azurite's entry point (AZURITE_WRAPPER) makes every other way to end it
// the saving way too: SIGINT/SIGTERM/SIGHUP sent to Azurite itself, and its parent dying (the
// IPC channel closes). Only a crash (SIGKILL of Azurite, of the machine) loses the writes made
// since the last autosave; the supervisor then logs which ones (WriteJournal). docs/development.md says so.
//
// A pid file in the data folder ties the folder to its Azurite: a leftover from a killed run is
// closed (the saving way) before a new one starts, and a second app on the same folder is refused.
//
// Supervision: when Azurite dies while the app runs, it is started again on the same port and
// folder, with backoff; after too many restarts the caller is told (npm start then stops with
// one line), so the app never sits at 503 without saying why.
import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../localPorts';
import type { Logger } from '../log';
import { AZURITE_WRAPPER } from './azuriteWrapper';
import { freeFolder, lockPath, releaseLock, writeLock } from './azuriteLock';
import { StorageUnreachableError } from './tables';
import type { WriteJournal } from './writeJournal';

/** Azurite's fixed, publicly documented development account (not a secret). */
const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export { freePort };

export interface AzuriteSupervision {
  log: Logger;
  /** Called once when Azurite cannot be kept running; the app cannot work without its store. */
  onGiveUp: (error: Error) => void;
  /** Awaited after a restart, before it is announced: e.g. create the tables and seed again. */
  onRestarted?: () => Promise<void>;
  /** Restarts allowed within restartWindowMs before giving up (default 5 in 10 minutes). */
  maxRestarts?: number;
  restartWindowMs?: number;
  /** First wait before a restart; doubles with every restart in the window (default 1 s, at most 30 s). */
  baseDelayMs?: number;
  /** The writes the store confirmed: when Azurite dies, those since its last save are logged as possibly lost. */
  journal?: WriteJournal;
}

export interface AzuriteOptions {
  /** Keep data in this folder; omit for in-memory persistence (tests). */
  location?: string;
  /** Table port; 0 or omitted picks a free port on 127.0.0.1. */
  port?: number;
  startTimeoutMs?: number;
  /** Restart Azurite when it dies unexpectedly (npm start); omitted: nobody watches it. */
  supervise?: AzuriteSupervision;
  /** Where the line about a leftover Azurite goes (default: supervise.log, else stderr). */
  log?: Logger;
}

export interface RunningAzurite {
  port: number;
  connectionString: string;
  /** The current Azurite process id. */
  readonly pid: number | undefined;
  /** 'restarted' after Azurite died and came back; 'gaveUp' (with the error) when it could not. */
  readonly events: EventEmitter;
  /** Closes Azurite cleanly (it saves its data first), or kills it after stopTimeoutMs. */
  stop(): Promise<void>;
}

export function azuriteConnectionString(port: number): string {
  return (
    `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};` +
    `TableEndpoint=http://127.0.0.1:${port}/${DEV_ACCOUNT};`
  );
}

export async function startAzurite(options: AzuriteOptions = {}): Promise<RunningAzurite> {
  const port = options.port || (await freePort());
  const timeoutMs = options.startTimeoutMs ?? 30_000;
  const log = options.log ?? options.supervise?.log;
  if (options.location) {
    mkdirSync(options.location, { recursive: true });
    const leftover = await freeFolder(options.location);
    if (leftover.message) {
      if (log) log.warn({ location: options.location }, leftover.message);
      else console.error(leftover.message);
    }
  }
  const events = new EventEmitter();
  let child = await spawnAzurite(port, options.location, timeoutMs);
  let startedAt = new Date();
  let stopping = false;
  const restarts: number[] = [];

  const watch = (running: AzuriteChild) => {
    running.process.once('exit', (code, signal) => {
      if (stopping || !options.supervise) return;
      void restart(code, signal);
    });
  };

  /**
   * Azurite saves every 5 s and on a clean close; a death loses what was confirmed since its last
   * save (the data file's time, or its start). The log names that window and those writes.
   */
  const logLostWindow = (s: AzuriteSupervision, code: number | null, signal: NodeJS.Signals | null) => {
    const diedAt = new Date();
    const savedAt = lastSavedAt(options.location);
    // A save under way when a write lands may or may not hold it: a second's margin.
    const from = new Date(Math.max(startedAt.getTime(), (savedAt?.getTime() ?? 0) - 1_000));
    const writes = s.journal?.since(from) ?? [];
    const window = `${from.toISOString()} – ${diedAt.toISOString()}`;
    s.log.error(
      { port, code, signal, location: options.location, lastSavedAt: savedAt?.toISOString(), diedAt: diedAt.toISOString(), possiblyLost: writes.length, writes: writes.slice(-200).map((w) => `${w.at.toISOString()} ${w.write}`) },
      s.journal
        ? `The embedded Azurite died (${signal ?? `exit code ${code}`}); the ${writes.length} saves confirmed between ${window} (since its last save) may be lost`
        : `The embedded Azurite died (${signal ?? `exit code ${code}`}); saves confirmed between ${window} (since its last save) may be lost`,
    );
  };

  const restart = async (code: number | null, signal: NodeJS.Signals | null): Promise<void> => {
    const s = options.supervise!;
    const window = s.restartWindowMs ?? 600_000;
    for (;;) {
      const now = Date.now();
      while (restarts.length > 0 && restarts[0]! <= now - window) restarts.shift();
      if (restarts.length >= (s.maxRestarts ?? 5)) {
        const error = new Error(
          `The embedded Azurite (Table Storage on 127.0.0.1:${port}) stopped (${signal ?? `exit code ${code}`}) and could not be kept running` +
            `${options.location ? `; its data is in ${options.location}` : ''}. Check that port ${port} is free and the folder is writable, then start the app again.`,
        );
        s.log.fatal({ port, code, signal }, error.message);
        events.emit('gaveUp', error);
        s.onGiveUp(error);
        return;
      }
      const delayMs = Math.min(30_000, (s.baseDelayMs ?? 1_000) * 2 ** restarts.length);
      if (restarts.length === 0) logLostWindow(s, code, signal);
      restarts.push(now);
      s.log.error({ port, code, signal, delayMs }, 'The embedded Azurite stopped unexpectedly; starting it again');
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (stopping) return;
      try {
        child = await spawnAzurite(port, options.location, timeoutMs);
        startedAt = new Date();
        watch(child);
        await s.onRestarted?.().catch((error: unknown) => s.log.error({ port, err: error }, 'Setting up the restarted Azurite failed'));
        s.log.warn({ port, pid: child.process.pid }, 'The embedded Azurite is running again');
        events.emit('restarted');
        return;
      } catch (error) {
        s.log.error({ port, err: error }, 'The embedded Azurite could not be started again');
      }
    }
  };

  watch(child);
  return {
    port,
    connectionString: azuriteConnectionString(port),
    get pid() {
      return child.process.pid;
    },
    events,
    stop: async () => {
      stopping = true;
      await stopChild(child);
    },
  };
}

interface AzuriteChild {
  process: ChildProcess;
}

async function spawnAzurite(port: number, location: string | undefined, timeoutMs: number): Promise<AzuriteChild> {
  const args = [
    azuriteMain(),
    '--tableHost', '127.0.0.1',
    '--tablePort', String(port),
    '--disableTelemetry',
    '--skipApiVersionCheck',
    // No access log: nobody reads it (its lines only drained from the pipe), and writing a line
    // for every request, and draining it, cost both processes CPU on every storage request.
    '--silent',
  ];
  if (location) args.push('--location', location);
  else args.push('--inMemoryPersistence');
  // Detached: its own process group and session, so signals meant for the app (Ctrl+C, SIGTERM or
  // SIGHUP to the group, a closed terminal) never reach it; the app closes it once, the saving way.
  // The IPC channel carries that "gp-close", and its closing tells Azurite that the app is gone.
  const env = location ? { ...process.env, GP_AZURITE_LOCK: lockPath(location) } : process.env;
  const child = spawn(process.execPath, ['-e', AZURITE_WRAPPER, ...args], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], detached: true, env });
  child.channel?.unref();
  if (location && child.pid) {
    writeLock(location, { azuritePid: child.pid, appPid: process.pid, port });
    child.once('exit', () => releaseLock(location, child.pid));
  }
  const running: AzuriteChild = { process: child };
  await waitForStart(child, port, timeoutMs);
  return running;
}

/** Azurite is a development dependency: resolved only when no storage is configured. */
function azuriteMain(): string {
  try {
    return require.resolve('azurite/dist/src/table/main.js');
  } catch {
    throw new AzuriteMissingError(
      'No storage is configured and the embedded Azurite is not installed (it is a development dependency). ' +
        'Set TABLES_ACCOUNT_URL or TABLES_CONNECTION_STRING, or run `npm install` to get Azurite for local use.',
    );
  }
}

/** Reported by bot/index.ts as one line, like any other unreachable store. */
export class AzuriteMissingError extends StorageUnreachableError {}

function waitForStart(child: ChildProcess, port: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`Azurite did not start on 127.0.0.1:${port} within ${timeoutMs} ms`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('successfully started')) done();
      else if (/EADDRINUSE|address already in use/i.test(output)) {
        fail(
          new Error(
            `Port ${port} is already in use (by another program, or an Azurite not started by this app). Stop it, or set AZURITE_TABLE_PORT to a free port; never point two stores at one AZURITE_LOCATION`,
          ),
        );
      }
    };
    const onExit = (code: number | null) =>
      fail(new Error(`Azurite exited (code ${code}) before it started: ${output.trim().split('\n').pop() ?? ''}`));
    function cleanup() {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      // Keep draining Azurite's output so that it never blocks on a full pipe.
      child.stdout?.resume();
      child.stderr?.resume();
    }
    function done() {
      cleanup();
      resolve();
    }
    function fail(error: Error) {
      cleanup();
      child.kill('SIGKILL');
      reject(error);
    }
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}

/** When Azurite last wrote its tables to the data folder; undefined in memory or before the first save. */
function lastSavedAt(location: string | undefined): Date | undefined {
  if (!location) return undefined;
  try {
    return statSync(path.join(location, '__azurite_db_table__.json')).mtime;
  } catch {
    return undefined;
  }
}

/**
 * Asks Azurite to close (it saves its tables first) and waits until it has exited: its wrapper
 * exits once Azurite says it has closed. Killed only if it has not within stopTimeoutMs.
 */
function stopChild(running: AzuriteChild, stopTimeoutMs = 15_000): Promise<void> {
  const child = running.process;
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    if (child.connected) child.send('gp-close');
    else child.kill('SIGINT');
  });
}
