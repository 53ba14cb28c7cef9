// Nothing answered "Sparat" is lost by stopping the app the ways people stop apps: Ctrl+C in the
// terminal of `npm start` (SIGINT to the process group), SIGTERM to the group (a service manager),
// SIGHUP (the terminal closed), and SIGKILL (whose Azurite must not block the next start).
// One run per way here; tests/stress/stopSignals.ts runs each ten times.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { placeIn, saveStopRestart } from '../helpers/spawnedApp';

describe('stopping the app keeps every answered save', function () {
  this.timeout(300_000);
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(path.join(tmpdir(), 'gp-stop-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('Ctrl+C in the terminal of npm start (SIGINT to the process group)', async () => {
    const { saved, after } = await saveStopRestart('npm start', 'SIGINT', true, await placeIn(folder));
    assert.deepEqual(after, saved);
  });

  it('SIGTERM to the process group of node alone (a service manager)', async () => {
    const { saved, after } = await saveStopRestart('node', 'SIGTERM', true, await placeIn(folder));
    assert.deepEqual(after, saved);
  });

  it('SIGHUP to the process group (the terminal closed)', async () => {
    const { saved, after } = await saveStopRestart('node', 'SIGHUP', true, await placeIn(folder));
    assert.deepEqual(after, saved);
  });

  it('a killed app (SIGKILL) leaves no Azurite that blocks the next start, and its answered saves are kept', async () => {
    const { saved, after } = await saveStopRestart('node', 'SIGKILL', true, await placeIn(folder));
    assert.deepEqual(after, saved);
  });
});
