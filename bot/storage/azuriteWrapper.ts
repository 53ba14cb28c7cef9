// The script the embedded Azurite runs in (`node -e AZURITE_WRAPPER <azurite main.js> <args>`):
// Azurite's own entry point, plus one rule: every way to end it ends it the saving way, once.
//
// Azurite's main.js closes cleanly (saving its tables) on SIGINT or the IPC message "shutdown",
// and dies without saving on SIGTERM or SIGHUP. Two closes at once throw "Cannot close server
// in status Closing" mid-save. So here SIGINT, SIGTERM, SIGHUP, the app's IPC message
// "gp-close" and the app going away (its IPC channel closes) all lead to exactly one SIGINT
// handled by main.js; repeats are swallowed. When Azurite says it has closed, the process exits.
// Plain JavaScript in a string: it runs in Azurite's process, which loads no TypeScript.
export const AZURITE_WRAPPER = `
'use strict';
const main = process.argv[1];
const STARTED = 'Azurite Table service successfully started';
const CLOSED = 'Azurite Table service successfully closed';
let closing = false;
let pending = false;
// A parent that went away leaves a closed pipe: writing to it must not crash the save.
process.stdout.on('error', () => undefined);
process.stderr.on('error', () => undefined);
// Registered before main.js's own once('SIGINT'): a second SIGINT finds a listener and is ignored.
process.on('SIGINT', () => { closing = true; });
function close() {
  if (closing) return;
  // main.js listens for SIGINT only once its server has started.
  if (process.listenerCount('SIGINT') < 2) { pending = true; return; }
  process.emit('SIGINT');
}
process.on('newListener', (event) => { if (event === 'SIGINT' && pending) setImmediate(close); });
process.on('SIGTERM', close);
process.on('SIGHUP', close);
process.on('message', (message) => { if (message === 'gp-close') close(); });
process.on('disconnect', close);
const log = console.log.bind(console);
console.log = (...parts) => {
  log(...parts);
  const text = parts.join(' ');
  if (text.startsWith(CLOSED)) {
    releaseLock();
    process.exit(0);
  }
  if (text.startsWith(STARTED) && pending) setImmediate(close);
};
// The data folder's pid file (bot/storage/azuriteLock.ts), removed if it still names this process.
function releaseLock() {
  const file = process.env.GP_AZURITE_LOCK;
  if (!file) return;
  try {
    if (JSON.parse(require('node:fs').readFileSync(file, 'utf8')).azuritePid === process.pid) require('node:fs').rmSync(file, { force: true });
  } catch {}
}
require(main);
`;
