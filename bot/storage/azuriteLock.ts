// Ties an Azurite data folder to the one Azurite that serves it: a pid file in the folder names
// that Azurite, the app that started it and its port. Before a new Azurite starts on the folder,
// a leftover one (its app was killed, e.g. SIGKILL) is closed the saving way; a folder whose
// Azurite still belongs to a running app is refused, so two Azurites never share one folder.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { StorageUnreachableError } from './tables';

const FILE = 'gemensam-plan-azurite.pid.json';

interface Lock {
  azuritePid: number;
  appPid: number;
  port: number;
}

/** Reported by bot/index.ts as one line, like any other store it cannot use. */
export class AzuriteFolderInUseError extends StorageUnreachableError {}

export function lockPath(location: string): string {
  return path.join(location, FILE);
}

export function writeLock(location: string, lock: Lock): void {
  writeFileSync(lockPath(location), JSON.stringify(lock));
}

/** Removes the pid file if it still names this Azurite. */
export function releaseLock(location: string, azuritePid: number | undefined): void {
  if (readLock(location)?.azuritePid === azuritePid) rmSync(lockPath(location), { force: true });
}

function readLock(location: string): Lock | undefined {
  try {
    const lock = JSON.parse(readFileSync(lockPath(location), 'utf8')) as Lock;
    return Number.isInteger(lock.azuritePid) && Number.isInteger(lock.appPid) ? lock : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether pid is an Azurite on this folder (on Linux by its command line; elsewhere trusted). */
function isAzuriteOn(pid: number, location: string): boolean {
  if (!alive(pid)) return false;
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return args.some((a) => a.includes('azurite')) && args.includes(location);
  } catch {
    return process.platform !== 'linux';
  }
}

export interface LeftoverOutcome {
  /** What was found and done, for one log line; undefined when the folder was free. */
  message?: string;
}

/**
 * Makes the folder free for a new Azurite: closes a leftover one (SIGINT: its wrapper saves and
 * exits; SIGKILL after waitMs) or throws when the folder's Azurite belongs to a running app.
 */
export async function freeFolder(location: string, waitMs = 15_000): Promise<LeftoverOutcome> {
  const lock = readLock(location);
  if (!lock) return {};
  if (!isAzuriteOn(lock.azuritePid, location)) {
    rmSync(lockPath(location), { force: true });
    return {};
  }
  if (lock.appPid !== process.pid && alive(lock.appPid)) {
    throw new AzuriteFolderInUseError(
      `The Azurite data folder ${location} is in use by another running Gemensam plan (process ${lock.appPid}, Azurite ${lock.azuritePid} on port ${lock.port}). Stop that one first; two stores must never share one folder.`,
    );
  }
  process.kill(lock.azuritePid, 'SIGINT');
  const deadline = Date.now() + waitMs;
  while (alive(lock.azuritePid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  let how = 'closed it (it saved its data)';
  if (alive(lock.azuritePid)) {
    process.kill(lock.azuritePid, 'SIGKILL');
    how = `ended it with SIGKILL after it did not close within ${waitMs / 1000} s (writes since its last save may be lost)`;
  }
  rmSync(lockPath(location), { force: true });
  return { message: `A leftover embedded Azurite from an earlier run (process ${lock.azuritePid}, port ${lock.port}) still held ${location}; ${how} before starting a new one` };
}
