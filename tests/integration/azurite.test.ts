// The embedded Azurite of `npm start`: what people saved survives a clean stop, and an Azurite
// that dies is started again (or the app is told, so that it stops with a clear line).
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TableClient } from '@azure/data-tables';
import pino from 'pino';
import { startAzurite, type RunningAzurite } from '../../bot/storage/azurite';

const silent = pino({ level: 'silent' });

function table(azurite: RunningAzurite): TableClient {
  return TableClient.fromConnectionString(azurite.connectionString, 'durable', { allowInsecureConnection: true, retryOptions: { maxRetries: 0 } });
}

describe('the embedded Azurite', function () {
  this.timeout(60_000);
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(path.join(tmpdir(), 'gp-azurite-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('keeps a write made just before a clean stop', async () => {
    const first = await startAzurite({ location: folder });
    await table(first).createTable();
    await table(first).createEntity({ partitionKey: 'p', rowKey: 'sparat', note: 'Sparat' });
    await first.stop();

    const second = await startAzurite({ location: folder, port: first.port });
    try {
      const row = await table(second).getEntity<{ note: string }>('p', 'sparat');
      assert.equal(row.note, 'Sparat');
    } finally {
      await second.stop();
    }
  });

  it('starts Azurite again when it dies, on the same port and data', async () => {
    const lost: Error[] = [];
    const azurite = await startAzurite({ location: folder, supervise: { log: silent, onGiveUp: (e) => lost.push(e), baseDelayMs: 10 } });
    try {
      await table(azurite).createTable();
      const before = azurite.pid;
      process.kill(before!, 'SIGKILL');
      await once(azurite.events, 'restarted');
      assert.notEqual(azurite.pid, before);
      // A crash can lose the last seconds' writes (README.md), the table among them; Azurite works again.
      await table(azurite).createTable();
      await table(azurite).createEntity({ partitionKey: 'p', rowKey: 'after', note: 'ok' });
      assert.equal((await table(azurite).getEntity<{ note: string }>('p', 'after')).note, 'ok');
      assert.deepEqual(lost, []);
    } finally {
      await azurite.stop();
    }
  });

  it('gives up with a clear error when it cannot be kept running, instead of leaving the app at 503', async () => {
    const lost: Error[] = [];
    const azurite = await startAzurite({ location: folder, supervise: { log: silent, onGiveUp: (e) => lost.push(e), maxRestarts: 0 } });
    try {
      process.kill(azurite.pid!, 'SIGKILL');
      await once(azurite.events, 'gaveUp');
      assert.equal(lost.length, 1);
      assert.match(lost[0]!.message, new RegExp(`The embedded Azurite \\(Table Storage on 127\\.0\\.0\\.1:${azurite.port}\\) stopped \\(SIGKILL\\) and could not be kept running; its data is in ${folder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    } finally {
      await azurite.stop();
    }
  });
});
