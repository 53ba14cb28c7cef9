// The tab on a phone (Teams mobile, issue #28): Översikt and Handlingsplan with the real plan and
// Östersund's year of follow-up (1,000 changes), on a CPU throttled 4× (Chromium's own throttling,
// over CDP), timed until the data is on screen, against two pages loaded in the same browser on the
// same throttled CPU: a static page, and the stack alone (stackFloor.tsx: React and Fluent UI with
// the same kind of rows, no app). Used by `npm run bench -- --tab` and by tabProfile.ts.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/chromium';

export interface PhoneView {
  id: string;
  name: string;
  path: string;
  /** A page expression that is true once the view's data is on screen, given the plan's number of Bilaga 1 sub-activities. */
  ready: (subs: number) => string;
}

/** A static page: a heading and a line with the tab's stylesheet, no script (the HTML answered in the browser, the stylesheet from the app). */
const STATIC_PATH = '/tab/static-baseline';
const STATIC_PAGE = '<!doctype html><html lang="sv"><head><meta charset="utf-8"><link rel="stylesheet" href="/tab/dist/tab.css"></head><body><main><h1>Gemensam plan</h1><p>Statisk sida.</p></main></body></html>';
/** The stack alone: stackFloor.tsx bundled as the tab is (esbuild, minified, production React), answered in the browser. */
const FLOOR_PATH = '/tab/stack-floor';
const FLOOR_PAGE = '<!doctype html><html lang="sv"><head><meta charset="utf-8"><link rel="stylesheet" href="/tab/dist/tab.css"></head><body><div id="root"></div><script type="module" src="/tab/stack-floor.js"></script></body></html>';
let floorScript: Promise<string> | undefined;

function stackFloorScript(): Promise<string> {
  floorScript ??= build({
    entryPoints: [path.join(__dirname, 'stackFloor.tsx')],
    bundle: true,
    write: false,
    format: 'esm',
    minify: true,
    jsx: 'automatic',
    target: ['es2022'],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  }).then((r) => r.outputFiles[0]!.text);
  return floorScript;
}

// Until the view's data is on screen: every sub-activity (Handlingsplan), the progress bars and the latest changes (Översikt).
export const TAB_VIEWS_ON_A_PHONE: PhoneView[] = [
  { id: 'static', name: 'static page (baseline)', path: STATIC_PATH, ready: () => 'true' },
  { id: 'floor', name: 'React + Fluent UI alone', path: FLOOR_PATH, ready: (subs) => `document.querySelectorAll('[data-sub]').length >= ${subs}` },
  { id: 'oversikt', name: 'Översikt', path: '/tab/index.html?view=oversikt&arena=ostersund', ready: () => `document.querySelectorAll('[data-progress]').length > 0 && [...document.querySelectorAll('button')].some((b) => b.textContent === 'Visa all historik')` },
  { id: 'handlingsplan', name: 'Handlingsplan', path: '/tab/index.html?view=handlingsplan', ready: (subs) => `document.querySelectorAll('[data-sub]').length >= ${subs}` },
];

/** Opens a phone-sized page on a CPU throttled 4× (the static page and the stack alone answered by the browser). */
export async function phonePage(browser: Browser, view: PhoneView): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 400, height: 800 } });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  if (view.path === STATIC_PATH) await page.route(`**${STATIC_PATH}`, (route) => route.fulfill({ contentType: 'text/html', body: STATIC_PAGE }));
  if (view.path === FLOOR_PATH) {
    const script = await stackFloorScript();
    await page.route(`**${FLOOR_PATH}?*`, (route) => route.fulfill({ contentType: 'text/html', body: FLOOR_PAGE }));
    await page.route('**/tab/stack-floor.js', (route) => route.fulfill({ contentType: 'text/javascript', body: script }));
  }
  return page;
}

/** The address of a view: the stack alone renders as many rows as the plan has sub-activities. */
export function viewUrl(url: string, view: PhoneView, subs: number): string {
  return view.path === FLOOR_PATH ? `${url}${FLOOR_PATH}?rows=${subs}` : `${url}${view.path}`;
}

/** The page's time (ms since navigation started) at which `ready` first held. */
export async function waitUntilReady(page: Page, ready: string): Promise<number> {
  return (await page.evaluate(`new Promise((resolve) => {
    const done = () => ${ready};
    if (done()) return resolve(performance.now());
    new MutationObserver((_m, o) => { if (done()) { o.disconnect(); resolve(performance.now()); } }).observe(document.body, { childList: true, subtree: true });
  })`)) as number;
}

/** Seven loads of each view in turn, the first two warm-ups; prints each view's median and its ratios to the static page's and the stack's. */
export async function reportThrottledTab(url: string, subs: number): Promise<void> {
  if (!existsSync('/usr/bin/chromium') || !existsSync(path.resolve(__dirname, '../../tab/dist/main.js'))) return;
  const browser = await launchChromium();
  const views = TAB_VIEWS_ON_A_PHONE;
  try {
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const figures = new Map<string, number[]>();
    for (let i = 0; i < 7; i++) {
      for (const v of views) {
        const page = await phonePage(browser, v);
        await page.goto(viewUrl(url, v, subs));
        const at = await waitUntilReady(page, v.ready(subs));
        figures.set(v.name, [...(figures.get(v.name) ?? []), at]);
        await page.close();
      }
    }
    const p50 = (id: string) => median(figures.get(views.find((v) => v.id === id)!.name)!.slice(2));
    const base = p50('static');
    const floor = p50('floor');
    console.log('\nThe tab on a CPU throttled 4× at 400 px (Teams mobile), until the data is on screen (p50 of 5 after 2 warm-ups):');
    for (const v of views) {
      const ms = p50(v.id);
      const ratios = v.id === 'static' ? '' : `  ×${(ms / base).toFixed(1)} of the static page${v.id === 'floor' ? '' : ` (target ≤ 3), ×${(ms / floor).toFixed(1)} of React + Fluent UI alone`}`;
      console.log(`  ${v.name.padEnd(24)} ${ms.toFixed(0).padStart(6)} ms${ratios}`);
    }
  } finally {
    await browser.close();
  }
}
