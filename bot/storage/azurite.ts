// Starts Microsoft's Table Storage emulator (the `azurite` npm package) as a child process:
// the embedded default of `npm start`, and the real store behind the integration tests.
//
// Durability: Azurite keeps its tables in memory and writes them to its data folder every 5 s
// (LokiJS autosave), and once more when it closes cleanly. It closes cleanly on SIGINT or on
// the IPC message "shutdown", not on SIGTERM, so stop() asks for exactly that and waits until
// Azurite says it has closed: every acknowledged write survives a clean stop. A crash (of
// Azurite, of this process with SIGKILL, or of the machine) can lose the writes of the last
// few seconds; Azurite offers no way to save on every write. README.md says so.
//
// Supervision: when Azurite dies while the app runs, it is started again on the same port and
// folder, with backoff; after too many restarts the caller is told (npm start then stops with
// one line), so the app never sits at 503 without saying why.
import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { freePort } from '../localPorts';
import type { Logger } from '../log';
import { StorageUnreachableError } from './tables';

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
}

export interface AzuriteOptions {
  /** Keep data in this folder; omit for in-memory persistence (tests). */
  location?: string;
  /** Table port; 0 or omitted picks a free port on 127.0.0.1. */
  port?: number;
  startTimeoutMs?: number;
  /** Restart Azurite when it dies unexpectedly (npm start); omitted: nobody watches it. */
  supervise?: AzuriteSupervision;
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
  if (options.location) mkdirSync(options.location, { recursive: true });
  const events = new EventEmitter();
  let child = await spawnAzurite(port, options.location, timeoutMs);
  let stopping = false;
  const restarts: number[] = [];

  const watch = (running: AzuriteChild) => {
    running.process.once('exit', (code, signal) => {
      if (stopping || !options.supervise) return;
      void restart(code, signal);
    });
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
      restarts.push(now);
      s.log.error({ port, code, signal, delayMs }, 'The embedded Azurite stopped unexpectedly; starting it again');
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (stopping) return;
      try {
        child = await spawnAzurite(port, options.location, timeoutMs);
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
  /** Azurite has said "successfully closed": its data is saved. */
  closed: boolean;
  output: EventEmitter;
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
  // The IPC channel carries the "shutdown" message that makes Azurite save and close.
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  child.channel?.unref();
  const running: AzuriteChild = { process: child, closed: false, output: new EventEmitter() };
  const onOutput = (chunk: Buffer) => {
    const text = chunk.toString();
    if (text.includes('successfully closed')) {
      running.closed = true;
      running.output.emit('closed');
    }
  };
  child.stdout?.on('data', onOutput);
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
        fail(new Error(`Port ${port} is already in use; set AZURITE_TABLE_PORT to a free port`));
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

/**
 * Asks Azurite to close (it saves its tables first), waits until it says it has, then ends the
 * process. Ctrl+C in a terminal reaches Azurite too, which then closes by itself: also fine.
 */
function stopChild(running: AzuriteChild, stopTimeoutMs = 15_000): Promise<void> {
  const child = running.process;
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
    const end = () => child.kill('SIGTERM');
    child.once('exit', () => {
      clearTimeout(force);
      running.output.off('closed', end);
      resolve();
    });
    if (running.closed) return end();
    running.output.once('closed', end);
    if (child.connected) child.send('shutdown');
    else child.kill('SIGINT');
  });
}
