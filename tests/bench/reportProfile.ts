// Where the year's report spends its time at a scale: a deployment of <arenas> arenas (the county
// and generated municipalities, each 100 local activities × 10 changes, as the bench's scale run),
// then the report's steps one by one, in this process: reading the state, reading the period's
// changes, building the model, the JSON, Word and Excel. Run it under node's profiler:
//   npx tsx --cpu-prof --cpu-prof-dir=test-results/prof tests/bench/reportProfile.ts 40
// It asserts nothing.
import { performance } from 'node:perf_hooks';
import { startApp } from '../../bot/app';
import { reportXlsx } from '../../bot/api/reportExcel';
import { reportDocx } from '../../bot/api/reportWord';
import { loadConfig } from '../../bot/config';
import { loadPlanContent } from '../../bot/content/loadPlan';
import { createLogger } from '../../bot/log';
import { startAzurite } from '../../bot/storage/azurite';
import { NO_ROUNDS, yearReport } from '../../bot/useCases/yearReport';
import { fillArena, inParallel, planWithArenas } from './scale';

const arenaCount = Number(process.argv[2] ?? '40');

async function main(): Promise<void> {
  const azurite = await startAzurite();
  const content = loadPlanContent();
  const app = await startApp(loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', TABLES_CONNECTION_STRING: azurite.connectionString, TABLE_PREFIX: 'repprof', PLAN_FILE: planWithArenas(content, arenaCount) }), { log: createLogger('silent') });
  const arenas = (await app.plan.content()).arenas.filter((a) => a.kind === 'municipality');
  const strategyIds = content.strategies.map((s) => s.id);
  await inParallel(arenas, 8, (a) => fillArena(app.tables.plan, a.id, strategyIds, { activities: 100, changesPerActivity: 10 }));
  const deps = { plan: app.plan, activities: app.activities, measures: app.measures, rounds: NO_ROUNDS, now: () => new Date() };
  const step = async <T>(name: string, work: () => Promise<T> | T): Promise<T> => {
    const started = performance.now();
    const result = await work();
    console.log(`  ${name.padEnd(24)} ${(performance.now() - started).toFixed(0).padStart(7)} ms`);
    return result;
  };
  for (let round = 1; round <= 2; round++) {
    console.log(`${arenaCount} arenas, round ${round}:`);
    const { report, changes } = await step('the model (reads + build)', () => yearReport(deps, 2026));
    const json = await step('JSON', () => JSON.stringify(report));
    console.log(`  ${' '.repeat(24)} ${(json.length / 2 ** 20).toFixed(1)} MiB of JSON, ${changes.length} changes`);
    await step('Word', () => reportDocx(report));
    await step('Excel', () => reportXlsx(report, changes));
  }
  await app.close();
  await azurite.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
