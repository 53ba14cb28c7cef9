// `npm run bench`: speed and memory of the app's hot paths on a real Azurite, printed as figures
// and as ratios against a baseline measured in the same run (GET /healthz: one HTTP round trip
// plus one storage round trip). Nothing here asserts a time; it reports.
import { performance } from 'node:perf_hooks';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startApp } from '../bot/app';
import { loadConfig } from '../bot/config';
import { loadPlanContent } from '../bot/content/loadPlan';
import { createLogger } from '../bot/log';
import { startAzurite } from '../bot/storage/azurite';
import { PlanStore } from '../bot/storage/planStore';
import { createTables, ensureTables } from '../bot/storage/tables';
import { ConnectorStandIn } from '../tests/helpers/connector';
import { channelMessage, PLAN_TEAM } from '../tests/helpers/teamsActivity';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);

interface Figures {
  name: string;
  p50: number;
  p95: number;
  mean: number;
}

async function measure(name: string, rounds: number, work: () => Promise<unknown>): Promise<Figures> {
  for (let i = 0; i < Math.min(20, rounds); i++) await work(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await work();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { name, p50: at(0.5), p95: at(0.95), mean: times.reduce((a, b) => a + b, 0) / times.length };
}

function row(f: Figures, baseline: Figures): string {
  const ms = (v: number) => `${v.toFixed(2).padStart(8)} ms`;
  return `${f.name.padEnd(40)} p50 ${ms(f.p50)}  p95 ${ms(f.p95)}  ×${(f.p50 / baseline.p50).toFixed(1).padStart(5)} baseline`;
}


async function main(): Promise<void> {
  const azurite = await startAzurite();
  const connector = await new ConnectorStandIn().start();
  try {
    const content = loadPlanContent();
    // Seeding: first start (everything created) and every later start (nothing to add).
    const tables = createTables({ kind: 'connectionString', connectionString: azurite.connectionString }, 'bench');
    await ensureTables(tables, 'bench');
    const store = new PlanStore(tables.plan);
    let t = performance.now();
    const first = await store.seed(content);
    const firstSeedMs = performance.now() - t;
    t = performance.now();
    await store.seed(content);
    const reseedMs = performance.now() - t;

    const settle = () => (globalThis as { gc?: () => void }).gc?.();
    settle();
    const heapBefore = process.memoryUsage().heapUsed;
    const rssBefore = process.memoryUsage().rss;
    const app = await startApp(loadConfig({ PORT: '0', LOG_LEVEL: 'silent', TABLES_CONNECTION_STRING: azurite.connectionString, TABLE_PREFIX: 'benchapp' }), { log: createLogger('silent') });
    const place = { ...PLAN_TEAM, channelId: '19:lan@thread.tacv2', channelName: 'Länsgemensam samverkan' };
    const post = (text: string) =>
      fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(channelMessage(connector.url, place, text)) }).then((r) => r.text());
    await post('koppla Länsgemensam samverkan');

    const baseline = await measure('baseline: GET /healthz', ROUNDS, () => fetch(`${app.url}/healthz`).then((r) => r.text()));
    const results = [
      await measure('GET /api/plan (whole plan, live status)', ROUNDS, () => fetch(`${app.url}/api/plan`).then((r) => r.text())),
      await measure('bot turn: "status" (county channel)', ROUNDS, () => post('status')),
      await measure('bot turn: "aktiviteter 2"', ROUNDS, () => post('aktiviteter 2')),
      await measure('bot turn: "hjälp"', ROUNDS, () => post('hjälp')),
    ];
    const planBytes = (await (await fetch(`${app.url}/api/plan`)).text()).length;
    settle();
    const heapAfter = process.memoryUsage().heapUsed;
    const rssAfter = process.memoryUsage().rss;
    // After the memory figures: the browser's driver lives in this process too.
    const tabRender = await measureTabRender(app.url, content.strategies.reduce((n, s) => n + s.activities.reduce((m, a) => m + a.subActivities.length, 0), 0));

    await app.close();

    console.log(`Gemensam plan benchmark (${ROUNDS} rounds each, Azurite in memory, Node ${process.version})`);
    console.log(`seed, first start: ${firstSeedMs.toFixed(0)} ms for ${first.created} rows; later starts: ${reseedMs.toFixed(0)} ms (×${(reseedMs / firstSeedMs).toFixed(2)} of first)`);
    console.log(row(baseline, baseline));
    for (const r of results) console.log(row(r, baseline));
    console.log(`GET /api/plan body: ${(planBytes / 1024).toFixed(1)} KiB`);
    const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;
    console.log(`memory after ${ROUNDS * (results.length + 1)} requests (server + bench in one process, after GC): heap ${mib(heapBefore)} → ${mib(heapAfter)} (×${(heapAfter / heapBefore).toFixed(2)}), RSS ${mib(rssBefore)} → ${mib(rssAfter)}`);
    if (tabRender) {
      console.log(`tab in headless Chromium: GET /healthz page loaded p50 ${tabRender.baseline.toFixed(0)} ms (baseline); Handlingsplan with every sub-activity rendered p50 ${tabRender.render.toFixed(0)} ms (×${(tabRender.render / tabRender.baseline).toFixed(1)})`);
    } else {
      console.log('tab render time: skipped (no /usr/bin/chromium or tab not built)');
    }
    const sizes = path.resolve(__dirname, '../tab/dist/sizes.json');
    if (existsSync(sizes)) {
      const { initial, all } = JSON.parse(readFileSync(sizes, 'utf8')) as Record<'initial' | 'all', { bytes: number; gzip: number }>;
      const kib = (b: number) => `${(b / 1024).toFixed(0)} KiB`;
      console.log(`tab first load: ${kib(initial.bytes)} (${kib(initial.gzip)} gzip), ×${(initial.bytes / all.bytes).toFixed(2)} of all the tab's code (${kib(all.bytes)}; charts, report and teams-js load on demand)`);
    } else {
      console.log('tab bundle: not built (npm run build:tab)');
    }
  } finally {
    await connector.stop();
    await azurite.stop();
  }
}

/** Opens the tab's action plan in Debian's Chromium and times it until every sub-activity is on screen. */
async function measureTabRender(url: string, subs: number): Promise<{ baseline: number; render: number } | undefined> {
  if (!existsSync('/usr/bin/chromium') || !existsSync(path.resolve(__dirname, '../tab/dist/main.js'))) return undefined;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const baseline: number[] = [];
    const render: number[] = [];
    for (let i = 0; i < 7; i++) {
      const page = await browser.newPage();
      await page.goto(`${url}/healthz`);
      baseline.push((await page.evaluate('performance.now()')) as number);
      await page.goto(`${url}/tab/index.html?view=handlingsplan`);
      render.push(
        (await page.evaluate(`new Promise((resolve) => {
          const done = () => document.querySelectorAll('[data-sub]').length >= ${subs};
          if (done()) return resolve(performance.now());
          new MutationObserver((_m, o) => { if (done()) { o.disconnect(); resolve(performance.now()); } }).observe(document.body, { childList: true, subtree: true });
        })`)) as number,
      );
      await page.close();
    }
    return { baseline: median(baseline.slice(2)), render: median(render.slice(2)) };
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
