// Debian's Chromium for the tests, the benchmark and the pictures, launched one way.
//
// Why not plain `chromium.launch`: Chromium 156's headless mode is the desktop browser without a
// screen, and every new window (each Playwright page) starts a renderer of its own for the address
// bar's drop-down (chrome://omnibox-popup.top-chrome, a "top-chrome WebUI"), about a second of CPU.
// On a 2-core machine that renderer competes with the page under test: traced on the throttled
// phone benchmark it was busy for the first 2.5 s of every load. Teams has no address bar, so it is
// switched off. Chromium honours only the last `--disable-features` switch and Playwright passes its
// own, so the two lists are merged: Playwright's list is read once per process from a first launch
// (Browser.getBrowserCommandLine, which answers only with --enable-automation) and replaced by the merged one.
import { existsSync } from 'node:fs';
import type { Browser, LaunchOptions } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
/** The address bar's drop-down renderer (both switches are needed in Chromium 156). */
const DESKTOP_UI_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

let playwrightDefaults: Promise<string | undefined> | undefined;

/** Playwright's own `--disable-features=…` switch, as it launches Chromium. */
function playwrightDisabledFeatures(): Promise<string | undefined> {
  playwrightDefaults ??= (async () => {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, '--enable-automation'] });
    try {
      const cdp = await browser.newBrowserCDPSession();
      const { arguments: args } = await cdp.send('Browser.getBrowserCommandLine');
      return args.find((a) => a.startsWith('--disable-features='));
    } finally {
      await browser.close();
    }
  })();
  return playwrightDefaults;
}

/** Launches Debian's Chromium headless, without the desktop browser's own UI renderers. */
export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}. Install Debian's package: apt-get install chromium (npm test does it with scripts/ensure-chromium.sh).`);
  const { chromium } = await import('playwright-core');
  const theirs = await playwrightDisabledFeatures();
  const merged = `--disable-features=${[...(theirs ? theirs.slice('--disable-features='.length).split(',') : []), ...DESKTOP_UI_FEATURES].join(',')}`;
  return chromium.launch({ ...options, executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...(options.args ?? []), merged], ignoreDefaultArgs: theirs ? [theirs] : [] });
}
