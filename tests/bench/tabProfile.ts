// `npx tsx tests/bench/tabProfile.ts [oversikt|handlingsplan] [out.json]`: where the tab's first
// load goes on a phone. The same deployment as `npm run bench -- --tab` (the real plan, Östersund
// with a year of follow-up), one load of the view at 400 px on a CPU throttled 4×, traced by
// Chromium (DevTools Protocol): prints when each request started and ended, when the data was on
// screen, and the main thread's time by kind (script parsing and compiling, running, style and
// layout, GC); writes the trace for chrome://tracing or DevTools' Performance panel if asked.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import path from 'node:path';
import { startApp } from '../../bot/app';
import { loadConfig } from '../../bot/config';
import { loadPlanContent } from '../../bot/content/loadPlan';
import { createLogger } from '../../bot/log';
import { startAzurite } from '../../bot/storage/azurite';
import { ConnectorStandIn } from '../helpers/connector';
import { channelMessage, PLAN_TEAM } from '../helpers/teamsActivity';
import { ANNA } from '../helpers/teamsClient';
import { fillArena } from './scale';
import { launchChromium } from '../helpers/chromium';
import { phonePage, TAB_VIEWS_ON_A_PHONE, viewUrl, waitUntilReady } from './tabPhone';

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: Record<string, unknown> };
}

async function main(): Promise<void> {
  const viewName = process.argv[2] ?? 'oversikt';
  const out = process.argv[3];
  const view = TAB_VIEWS_ON_A_PHONE.find((v) => v.id === viewName);
  if (!view) throw new Error(`unknown view ${viewName}: ${TAB_VIEWS_ON_A_PHONE.map((v) => v.id).join(', ')}`);
  const azurite = await startAzurite();
  const connector = await new ConnectorStandIn().start();
  const content = loadPlanContent();
  const app = await startApp(loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', TABLES_CONNECTION_STRING: azurite.connectionString, TABLE_PREFIX: 'tabprofile' }), { log: createLogger('silent') });
  const subs = content.strategies.flatMap((s) => s.activities.flatMap((a) => a.subActivities.map((d) => d.id))).length;
  const browser = await launchChromium();
  try {
    for (const [id, name] of [['lan', 'Länsgemensam samverkan'], ['ostersund', 'Östersund']] as const) {
      await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(channelMessage(connector.url, { ...PLAN_TEAM, channelId: `19:${id}@thread.tacv2`, channelName: name }, `koppla ${name}`, ANNA)) });
    }
    await fillArena(app.tables.plan, 'ostersund', content.strategies.map((s) => s.id), { activities: 100, changesPerActivity: 10 });
    // One warm load (the server's caches and the browser's compile cache, as the bench's warm-ups), then the traced one.
    for (const traced of [false, true]) {
      const page = await phonePage(browser, view);
      const cdp = await page.context().newCDPSession(page);
      const events: TraceEvent[] = [];
      if (traced) {
        cdp.on('Tracing.dataCollected', (e) => void events.push(...(e.value as unknown as TraceEvent[])));
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
        await cdp.send('Profiler.start');
        await cdp.send('Tracing.start', { categories: 'devtools.timeline,v8,v8.execute,blink.user_timing,loading,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
      }
      await page.goto(viewUrl(app.url, view, subs));
      const ready = await waitUntilReady(page, view.ready(subs));
      if (!traced) {
        await page.close();
        continue;
      }
      const { profile } = await cdp.send('Profiler.stop');
      const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
      await cdp.send('Tracing.end');
      await done;
      const timing = (await page.evaluate(`JSON.stringify({
        nav: performance.getEntriesByType('navigation').map((e) => ({ name: 'document', start: 0, end: e.responseEnd, dcl: e.domContentLoadedEventEnd, load: e.loadEventEnd })),
        res: performance.getEntriesByType('resource').map((e) => ({ name: e.name.replace(location.origin, ''), start: e.startTime, end: e.responseEnd, kB: e.encodedBodySize / 1024 })),
        marks: performance.getEntriesByType('mark').map((e) => ({ name: e.name, at: e.startTime })),
      })`)) as string;
      const t = JSON.parse(timing) as { nav: Array<{ dcl: number; load: number }>; res: Array<{ name: string; start: number; end: number; kB: number }>; marks: Array<{ name: string; at: number }> };
      console.log(`${view.name} at 400 px, CPU throttled 4×: data on screen at ${ready.toFixed(0)} ms (DOMContentLoaded ${t.nav[0]?.dcl.toFixed(0)} ms, load ${t.nav[0]?.load.toFixed(0)} ms)`);
      for (const r of t.res) console.log(`  ${r.start.toFixed(0).padStart(6)} → ${r.end.toFixed(0).padStart(6)} ms  ${r.kB.toFixed(1).padStart(7)} kB  ${r.name}`);
      for (const m of t.marks) console.log(`  mark ${m.name} at ${m.at.toFixed(0)} ms`);
      summarise(events);
      selfTimes(profile);
      if (out) writeFileSync(out, JSON.stringify({ traceEvents: events }));
      await page.close();
    }
  } finally {
    await browser.close();
    await app.close();
    await connector.stop();
    await azurite.stop();
  }
}

/** The renderer's main thread: top-level tasks' time by kind, and the longest tasks. */
function summarise(events: TraceEvent[]): void {
  const main = events.find((e) => e.name === 'thread_name' && (e.args as { name?: string } | undefined)?.name === 'CrRendererMain');
  if (!main) return;
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined);
  const byName = new Map<string, number>();
  for (const e of onMain) byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur! / 1000);
  const interesting = ['RunTask', 'EvaluateScript', 'v8.compile', 'v8.parseOnBackground', 'V8.CompileCode', 'v8.compileModule', 'v8.evaluateModule', 'FunctionCall', 'ParseHTML', 'UpdateLayoutTree', 'Layout', 'Paint', 'MajorGC', 'MinorGC', 'V8.GC_SCAVENGER', 'ParseAuthorStyleSheet', 'TimerFire', 'FireAnimationFrame', 'EventDispatch', 'v8.run', 'ScheduleStyleRecalculation', 'PrePaint', 'Layerize'];
  console.log('  main thread (ms, nested kinds overlap):');
  for (const [name, ms] of [...byName].filter(([n]) => interesting.includes(n)).sort((a, b) => b[1] - a[1])) console.log(`    ${name.padEnd(28)} ${ms.toFixed(0).padStart(6)}`);
  const start = Math.min(...onMain.map((e) => e.ts));
  const long = onMain.filter((e) => e.name === 'RunTask' && e.dur! > 50_000).sort((a, b) => a.ts - b.ts);
  console.log('  tasks over 50 ms (start, duration, what is inside):');
  for (const task of long) {
    const inside = onMain.filter((e) => e.ts >= task.ts && e.ts + e.dur! <= task.ts + task.dur! && e !== task && interesting.includes(e.name));
    const kinds = new Map<string, number>();
    for (const e of inside) kinds.set(e.name, (kinds.get(e.name) ?? 0) + e.dur! / 1000);
    const url = inside.map((e) => e.args?.data?.['url'] ?? e.args?.data?.['functionName']).find(Boolean);
    console.log(`    ${((task.ts - start) / 1000).toFixed(0).padStart(6)} ms  ${(task.dur! / 1000).toFixed(0).padStart(5)} ms  ${[...kinds].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([n, ms]) => `${n} ${ms.toFixed(0)}`).join(', ')}${url ? `  (${String(url).replace(/^https?:\/\/[^/]+/, '')})` : ''}`);
  }
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

/**
 * The CPU profile (the JavaScript side of the main thread), each function placed in its source
 * through the bundle's source maps: self time by package or tab file, and the tab's and the
 * domain's functions by total time (their callees included).
 */
function selfTimes(profile: { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] }): void {
  const maps = new Map<string, SourceMap | undefined>();
  const source = (f: ProfileNode['callFrame']): string => {
    const m = /\/tab\/dist\/(.+\.js)$/.exec(f.url);
    if (!m) return f.url ? f.url.replace(/^https?:\/\/[^/]+/, '') : f.functionName;
    if (!maps.has(m[1]!)) {
      const file = path.resolve(__dirname, '../../tab/dist', `${m[1]}.map`);
      maps.set(m[1]!, existsSync(file) ? new SourceMap(JSON.parse(readFileSync(file, 'utf8')) as SourceMapPayload) : undefined);
    }
    const entry = maps.get(m[1]!)?.findEntry(f.lineNumber, f.columnNumber);
    const original = entry && 'originalSource' in entry ? entry.originalSource : m[1]!;
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(original);
    const where = pkg ? pkg[1]! : /packages\/core\/src/.test(original) ? '@griffel/core' : original.replace(/^(\.\.\/)+src\//, 'tab/src/').replace(/^.*?\/(tab\/src|bot)\//, '$1/');
    return entry && 'originalLine' in entry && !pkg && f.lineNumber + f.columnNumber > 0 ? `${where}:${entry.originalLine + 1} ${(entry as { name?: string }).name ?? f.functionName}` : where;
  };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  profile.samples?.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000));
  const byModule = new Map<string, number>();
  const total = new Map<string, number>();
  for (const [id, ms] of self) {
    const here = source(byId.get(id)!.callFrame);
    const module = here.split(':')[0]!;
    byModule.set(module, (byModule.get(module) ?? 0) + ms);
    // Total time of the tab's own functions and of each package: each sample counts once for every distinct one on its stack.
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const f = source(byId.get(n)!.callFrame);
      const pkg = `package ${f.split(':')[0]}`;
      if (!f.includes(':') && !seen.has(pkg)) {
        seen.add(pkg);
        total.set(pkg, (total.get(pkg) ?? 0) + ms);
      }
      if (/^(tab\/src|bot)\//.test(f) && f.includes(':') && !seen.has(f)) {
        seen.add(f);
        total.set(f, (total.get(f) ?? 0) + ms);
      }
    }
  }
  console.log('  CPU profile, self time by source (ms):');
  for (const [where, ms] of [...byModule].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`    ${ms.toFixed(0).padStart(6)}  ${where}`);
  console.log('  the tab\'s and the domain\'s functions and the packages, total time (ms, callees included):');
  for (const [f, ms] of [...total].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`    ${ms.toFixed(0).padStart(6)}  ${f}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
