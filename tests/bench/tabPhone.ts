// The tab on a phone (Teams mobile, issue #28): Översikt and Handlingsplan with the real plan and
// Östersund's year of follow-up (1,000 changes), on a CPU throttled 4× (Chromium's own throttling,
// over CDP), timed until the data is on screen, against a static page loaded in the same browser
// on the same throttled CPU. Used by `npm run bench -- --tab` and by tabProfile.ts.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

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

// Until the view's data is on screen: every sub-activity (Handlingsplan), the progress bars and the latest changes (Översikt).
export const TAB_VIEWS_ON_A_PHONE: PhoneView[] = [
  { id: 'static', name: 'static page (baseline)', path: STATIC_PATH, ready: () => 'true' },
  { id: 'oversikt', name: 'Översikt', path: '/tab/index.html?view=oversikt&arena=ostersund', ready: () => `document.querySelectorAll('[data-progress]').length > 0 && [...document.querySelectorAll('button')].some((b) => b.textContent === 'Visa all historik')` },
  { id: 'handlingsplan', name: 'Handlingsplan', path: '/tab/index.html?view=handlingsplan', ready: (subs) => `document.querySelectorAll('[data-sub]').length >= ${subs}` },
];

/** Opens a phone-sized page on a CPU throttled 4× (the static page answered by the browser). */
export async function phonePage(browser: import('playwright-core').Browser, view: PhoneView): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 400, height: 800 } });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  if (view.path === STATIC_PATH) await page.route(`**${STATIC_PATH}`, (route) => route.fulfill({ contentType: 'text/html', body: STATIC_PAGE }));
  return page;
}

/** The page's time (ms since navigation started) at which `ready` first held. */
export async function waitUntilReady(page: Page, ready: string): Promise<number> {
  return (await page.evaluate(`new Promise((resolve) => {
    const done = () => ${ready};
    if (done()) return resolve(performance.now());
    new MutationObserver((_m, o) => { if (done()) { o.disconnect(); resolve(performance.now()); } }).observe(document.body, { childList: true, subtree: true });
  })`)) as number;
}

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Seven loads of each view in turn, the first two warm-ups; prints each view's median and its ratio to the static page's. */
export async function reportThrottledTab(url: string, subs: number): Promise<void> {
  if (!existsSync('/usr/bin/chromium') || !existsSync(path.resolve(__dirname, '../../tab/dist/main.js'))) return;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const views = TAB_VIEWS_ON_A_PHONE;
  try {
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const figures = new Map<string, number[]>();
    for (let i = 0; i < 7; i++) {
      for (const v of views) {
        const page = await phonePage(browser, v);
        await page.goto(`${url}${v.path}`);
        const at = await waitUntilReady(page, v.ready(subs));
        figures.set(v.name, [...(figures.get(v.name) ?? []), at]);
        await page.close();
      }
    }
    const base = median(figures.get(views[0]!.name)!.slice(2));
    console.log('\nThe tab on a CPU throttled 4× at 400 px (Teams mobile), until the data is on screen (p50 of 5 after 2 warm-ups):');
    for (const v of views) {
      const p50 = median(figures.get(v.name)!.slice(2));
      console.log(`  ${v.name.padEnd(24)} ${p50.toFixed(0).padStart(6)} ms${v === views[0] ? '' : `  ×${(p50 / base).toFixed(1)} of the static page (target ≤ 3)`}`);
    }
  } finally {
    await browser.close();
  }
}
