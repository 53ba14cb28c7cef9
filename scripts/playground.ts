// Starts the Microsoft 365 Agents Playground (npm package @microsoft/m365agentsplayground) as a
// child process: a Teams-like web client on 127.0.0.1 that talks to the bot's /api/messages
// without a Microsoft 365 tenant. Used by scripts/dev.ts and by tests/e2e/playground.test.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { freePort } from '../bot/localPorts';

const ROOT = path.resolve(__dirname, '..');

/** The mock Teams context: the plan's team with a channel per arena (read by the Playground). */
export const PLAYGROUND_CONFIG = path.join(ROOT, '.m365agentsplayground.yml');

export interface PlaygroundOptions {
  /** The bot's endpoint, e.g. http://127.0.0.1:3978/api/messages. */
  appEndpoint: string;
  /** Port for the web client; 0 or omitted picks a free one on 127.0.0.1. */
  port?: number;
  /** Where the Playground writes its log (it writes nothing else). */
  logFile: string;
  configFile?: string;
  startTimeoutMs?: number;
}

export interface RunningPlayground {
  /** Open this in a browser. */
  url: string;
  port: number;
  child: ChildProcess;
  /** Resolves when the process has ended, with its exit code (or the signal's name). */
  exited: Promise<number | string>;
  /** The Playground's last words: its output and the end of its log. */
  lastWords(): string;
  stop(): Promise<void>;
}

export async function isLocalPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export async function startPlayground(options: PlaygroundOptions): Promise<RunningPlayground> {
  const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
  const port = options.port || (await freePort());
  mkdirSync(path.dirname(options.logFile), { recursive: true });
  const args = [
    '--disable-warning=DEP0111',
    '--require', path.join(__dirname, 'playgroundPreload.cjs'),
    cli,
    '--app-endpoint', options.appEndpoint,
    '--channel-id', 'msteams',
    '--port', String(port),
    // The bot answers here; the Playground's default says "localhost", which may mean ::1.
    '--service-url', `http://127.0.0.1:${port}/_connector`,
    // Local and offline: no usage data to Microsoft.
    '--disable-telemetry',
  ];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: options.configFile ?? PLAYGROUND_CONFIG,
      M365_AGENTS_PLAYGROUND_LOGFILE: options.logFile,
      // Do not open a browser by itself: the caller prints the address (or drives a browser).
      TEAMSAPPTESTER_BROWSER: 'none',
      // The activities' localTimezone comes from the Playground's process: the plan's time zone.
      TZ: 'Europe/Stockholm',
    },
  });
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output = (output + chunk).slice(-4000)));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output = (output + chunk).slice(-4000)));

  const listening = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The Playground did not start within ${options.startTimeoutMs ?? 30_000} ms.${describe(output, options.logFile)}`)), options.startTimeoutMs ?? 30_000);
    const check = () => {
      if (/Listening on \d+/.test(output)) {
        clearTimeout(timer);
        child.stdout?.off('data', check);
        resolve();
      }
    };
    child.stdout?.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`The Playground stopped before it started (exit ${code}).${describe(output, options.logFile)}`));
    });
  });
  try {
    await listening;
  } catch (error) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    throw error;
  }
  // If the port was taken meanwhile, the Playground falls back to a random one: the bot would answer the wrong one.
  const stated = Number(/Listening on (\d+)/.exec(output)?.[1]);
  if (stated !== port) {
    child.kill('SIGTERM');
    throw new Error(`The Playground listens on ${stated}, not on ${port}.`);
  }
  // It listens before it reads its configuration; a bad file stops it right after.
  const url = `http://127.0.0.1:${port}`;
  try {
    await configLoaded(url, exited, options.startTimeoutMs ?? 30_000);
  } catch (error) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    throw new Error(`${error instanceof Error ? error.message : String(error)}${describe(output, options.logFile)}`);
  }
  return {
    url,
    port,
    child,
    exited,
    lastWords: () => describe(output, options.logFile).trim(),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Waits until the Playground serves its configuration (its backend is up), or stops. */
async function configLoaded(url: string, exited: Promise<number | string>, timeoutMs: number): Promise<void> {
  let stopped: number | string | undefined;
  void exited.then((code) => (stopped = code));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (stopped !== undefined) throw new Error(`The Playground stopped while reading its configuration (exit ${stopped}).`);
    const res = await fetch(`${url}/_internal/v1/config`).catch(() => undefined);
    if (res?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The Playground did not load its configuration within ${timeoutMs} ms.`);
}

function describe(output: string, logFile: string): string {
  // The Playground writes its messages to its log file when its output is not a terminal.
  const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').filter((l) => !l.startsWith('debug')).slice(-15).join('\n') : '';
  const text = [output.trim(), log.trim()].filter(Boolean).join('\n');
  return text ? `\n${text}` : '';
}
