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
import { WriteJournal } from '../../bot/storage/writeJournal';

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
      // A crash can lose the last seconds' writes (docs/development.md), the table among them; Azurite works again.
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

  it('closes a leftover Azurite on the same folder the saving way before starting a new one, and says so', async () => {
    const first = await startAzurite({ location: folder });
    await table(first).createTable();
    await table(first).createEntity({ partitionKey: 'p', rowKey: 'left', note: 'Sparat' });
    // The first one is never stopped: as after a run whose app was killed and whose Azurite lived on.
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => void lines.push(JSON.parse(line).msg) });
    const second = await startAzurite({ location: folder, port: first.port, log });
    try {
      assert.equal((await table(second).getEntity<{ note: string }>('p', 'left')).note, 'Sparat');
      assert.equal(lines.length, 1);
      assert.match(lines[0]!, new RegExp(`A leftover embedded Azurite from an earlier run \\(process ${first.pid}, port ${first.port}\\) still held .*; closed it \\(it saved its data\\)`));
    } finally {
      await second.stop();
    }
  });

  it('logs as an error the saves confirmed since its last save when it dies', async () => {
    const journal = new WriteJournal();
    const errors: Array<{ msg: string; possiblyLost?: number; writes?: string[] }> = [];
    const log = pino({ level: 'error' }, { write: (line: string) => void errors.push(JSON.parse(line)) });
    const azurite = await startAzurite({ location: folder, supervise: { log, journal, onGiveUp: () => undefined, baseDelayMs: 10 } });
    try {
      const client = TableClient.fromConnectionString(azurite.connectionString, 'durable', { allowInsecureConnection: true, retryOptions: { maxRetries: 0 }, additionalPolicies: [{ policy: journal.policy(), position: 'perCall' }] });
      await client.createTable();
      await client.createEntity({ partitionKey: 'p', rowKey: 'maybe', note: 'Sparat' });
      process.kill(azurite.pid!, 'SIGKILL');
      await once(azurite.events, 'restarted');
      const died = errors.find((e) => e.msg.startsWith('The embedded Azurite died'));
      assert.ok(died, JSON.stringify(errors));
      assert.match(died.msg, /the \d+ saves confirmed between \S+ – \S+ \(since its last save\) may be lost/);
      assert.ok(died.writes!.some((w) => w.endsWith("POST durable")), died.writes!.join('\n'));
    } finally {
      await azurite.stop();
    }
  });
});
