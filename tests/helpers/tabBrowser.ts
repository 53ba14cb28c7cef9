// Shared pieces of the tab's browser tests: a fresh build of the tab when its sources changed, and
// axe-core with exactly one known false positive left out. Chromium is launched by ./chromium.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import axe from 'axe-core';
import type { Page } from 'playwright-core';

/** Builds tab/dist when it is missing or older than the tab's sources or the domain it bundles. */
export function ensureTabBuilt(): void {
  const built = path.resolve('tab/dist/main.js');
  const newest = (dir: string): number =>
    fs.readdirSync(dir, { withFileTypes: true }).reduce((max, e) => {
      const p = path.join(dir, e.name);
      return Math.max(max, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
    }, 0);
  const sources = Math.max(newest(path.resolve('tab/src')), newest(path.resolve('bot/domain')), fs.statSync(path.resolve('package-lock.json')).mtimeMs);
  if (!fs.existsSync(built) || fs.statSync(built).mtimeMs < sources) execFileSync(process.execPath, ['--import', 'tsx', 'scripts/buildTab.ts'], { stdio: 'pipe' });
}

/**
 * axe-core's WCAG 2.0/2.1 A and AA rules (scrollable-region-focusable among them) on the whole
 * page. The one exception: aria-hidden-focus on Fluent's focus guards (tabster's
 * data-tabster-dummy spans), a known false positive that Accessibility Insights suppresses too:
 * exactly those nodes are left out, never the rule.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axe.source });
  const result = (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((r) => r.violations.map((v) => ({
      id: v.id,
      nodes: v.nodes
        .filter((n) => !(v.id === 'aria-hidden-focus' && n.target.length === 1 && document.querySelector(n.target[0])?.hasAttribute('data-tabster-dummy')))
        .map((n) => JSON.stringify(n.target) + ' ' + (n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 160)),
    })).filter((v) => v.nodes.length > 0))`)) as Array<{ id: string; nodes: string[] }>;
  return result.map((v) => `${v.id}: ${v.nodes.slice(0, 3).join(' | ')}`);
}

/** How far the page scrolls sideways (0: it reflows). */
export async function sidewaysScroll(page: Page): Promise<number> {
  return Math.max(0, (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number);
}
