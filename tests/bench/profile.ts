// Where a turn's time goes: runs one kind of turn (or the echo bot) at a given concurrency and
// reports its latency with the CPU time each process spent on it: this process (app, bench
// client, connector stand-in) and the Azurite child. Run it under node's own profiler:
//   npx tsx --cpu-prof --cpu-prof-dir=test-results/prof tests/bench/profile.ts status 16 2000
// (set AZURITE_CPU_PROF=dir to profile the Azurite child too). It asserts nothing.
import { spawn } from 'node:child_process';
import { startApp } from '../../bot/app';
import { loadConfig } from '../../bot/config';
import { createLogger } from '../../bot/log';
import { azuriteConnectionString, freePort, startAzurite } from '../../bot/storage/azurite';
import { ConnectorStandIn } from '../helpers/connector';
import { channelMessage, PLAN_TEAM, type ChannelPlace } from '../helpers/teamsActivity';
import { ANNA, invokeActivity, TeamsClient } from '../helpers/teamsClient';
import { startEchoBot } from './echoBot';
import { startFormReader } from './formReader';
import { fillArena } from './scale';
import { cpuSeconds, latencyRow, load } from './latency';

const [what = 'status', concurrencyArg = '16', turnsArg = '2000'] = process.argv.slice(2);
const concurrency = Number(concurrencyArg);
const turns = Number(turnsArg);

/** Azurite under node's profiler (AZURITE_CPU_PROF=dir), stopped with SIGINT so that it writes the profile. */
async function profiledAzurite(dir: string): Promise<{ pid: number; connectionString: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, require.resolve('azurite/dist/src/table/main.js'), '--tableHost', '127.0.0.1', '--tablePort', String(port), '--disableTelemetry', '--skipApiVersionCheck', '--silent', '--inMemoryPersistence'], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => child.stdout!.on('data', (b: Buffer) => b.toString().includes('successfully started') && resolve()));
  child.stdout!.resume();
  return { pid: child.pid!, connectionString: azuriteConnectionString(port), stop: () => new Promise((resolve) => (child.once('exit', () => resolve()), child.kill('SIGINT'))) };
}

async function main(): Promise<void> {
  const azurite = process.env.AZURITE_CPU_PROF ? await profiledAzurite(process.env.AZURITE_CPU_PROF) : await startAzurite();
  const connector = await new ConnectorStandIn().start();
  const app = await startApp(loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', TABLES_CONNECTION_STRING: azurite.connectionString, TABLE_PREFIX: 'prof' }), { log: createLogger('silent') });
  const echo = await startEchoBot();
  const county: ChannelPlace = { ...PLAN_TEAM, channelId: '19:lan@thread.tacv2', channelName: 'Länsgemensam samverkan' };
  const teams = new TeamsClient(app.url, connector, () => app.cardUpdates());
  await teams.say(county, 'koppla Länsgemensam samverkan');
  // Saves go where the bench's go: an arena's local activities, with the bench's history (2,200 rows).
  const arena: ChannelPlace = { ...PLAN_TEAM, channelId: '19:krokom@thread.tacv2', channelName: 'Krokom' };
  await teams.say(arena, 'koppla Krokom');
  const strategyIds = (await app.plan.content()).strategies.map((s) => s.id);
  const subs = await fillArena(app.tables.plan, 'krokom', strategyIds, { activities: 100, changesPerActivity: 10 });
  const post = (url: string, text: string) => fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(channelMessage(connector.url, county, text)) });
  const ok = async (res: Response) => res.status === 200 && (await res.text(), true);
  const turn =
    what === 'echo'
      ? async () => ok(await post(echo.url, 'hej'))
      : what === 'spara'
        ? async (_i: number, data: Record<string, unknown>) => {
            const res = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(invokeActivity(connector.url, arena, 'saveSubActivity', data, ANNA)) });
            return res.status === 200 && (await res.text(), true);
          }
        : async () => ok(await post(app.url, what));
  // As the bench does: the form's state read off the app's thread (formReader.ts).
  const forms = startFormReader(azurite.connectionString, app.tables.plan);
  const prepare = async (i: number, worker: number) => {
    if (what !== 'spara') return {};
    const id = subs[worker % subs.length]!;
    const form = await forms.read('krokom', id);
    return { scopeId: 'krokom', subActivityId: id, etag: form.etag, version: form.version, status: i % 2 ? 'klar' : 'pagar', statusNote: form.statusNote, measureAnswer: form.measureAnswer, comment: 'Bench' };
  };
  if (what === 'memory') {
    // Heap after GC, round after round of mixed turns: growth that does not level off is a leak.
    const gc = (globalThis as { gc?: () => void }).gc!;
    const words = ['status', 'hjälp', 'aktiviteter 2', 'mått'];
    const keep = process.argv.includes('--keep-calls');
    for (let round = 0; round < Number(concurrencyArg); round++) {
      await load('mixed', { turns, concurrency: 16, warmUp: 0 }, async (i) => ok(await post(app.url, words[i % words.length]!)));
      if (!keep) connector.calls.length = 0;
      gc();
      const m = process.memoryUsage();
      console.log(`after ${(round + 1) * turns} turns: heap ${(m.heapUsed / 2 ** 20).toFixed(1)} MiB, rss ${(m.rss / 2 ** 20).toFixed(0)} MiB, connector calls kept ${connector.calls.length}`);
    }
    if (process.argv.includes('--snapshot')) (await import('node:v8')).writeHeapSnapshot('test-results/prof/after.heapsnapshot');
    await Promise.all([echo.close(), app.close()]);
    await connector.stop();
    await azurite.stop();
    return;
  }
  await load(what, { turns: 200, concurrency }, turn, prepare);
  connector.calls.length = 0;
  const selfBefore = process.cpuUsage();
  const azBefore = cpuSeconds(azurite.pid!);
  const wall = performance.now();
  const figures = await load(what, { turns, concurrency, warmUp: 0 }, turn, prepare);
  const wallS = (performance.now() - wall) / 1000;
  const self = process.cpuUsage(selfBefore);
  const azS = cpuSeconds(azurite.pid!) - azBefore;
  const selfS = (self.user + self.system) / 1e6;
  console.log(latencyRow(figures, figures));
  console.log(`wall ${wallS.toFixed(1)} s; CPU per turn: this process ${((selfS / turns) * 1000).toFixed(2)} ms, Azurite ${((azS / turns) * 1000).toFixed(2)} ms; cores busy: ${((selfS + azS) / wallS).toFixed(2)}`);
  await echo.close();
  await forms.close();
  await app.close();
  await connector.stop();
  await azurite.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
