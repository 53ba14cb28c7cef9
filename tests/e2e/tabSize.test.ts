// The tab's first load stays small: index.html's script, its static imports and the CSS, gzip.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ensureTabBuilt } from '../helpers/tabBrowser';

const FIRST_LOAD_GZIP_LIMIT = 150 * 1024;

describe("the plan tab's first load", () => {
  it('is under 150 KB gzip (the views opened less often, the charts and the dialog load when needed)', function () {
    this.timeout(120_000);
    ensureTabBuilt();
    const sizes = JSON.parse(fs.readFileSync(path.resolve('tab/dist/sizes.json'), 'utf8')) as { initial: { gzip: number } };
    assert.ok(sizes.initial.gzip < FIRST_LOAD_GZIP_LIMIT, `first load ${(sizes.initial.gzip / 1024).toFixed(1)} KB gzip`);
  });

  // Fluent's keyboard-navigation library (tabster, 60 kB) serves the dialogs, menus and view tabs,
  // which load when needed; Button's styles import one helper from @fluentui/react-tabster, whose
  // index imports tabster, and without scripts/directImports.ts that pulled all of it into the first load.
  it('holds no tabster: the keyboard navigation of dialogs and tabs comes with them', function () {
    this.timeout(120_000);
    ensureTabBuilt();
    const sizes = JSON.parse(fs.readFileSync(path.resolve('tab/dist/sizes.json'), 'utf8')) as { initial: { packages: string[] } };
    assert.ok(sizes.initial.packages.includes('react-dom'), 'the first load lists its packages');
    assert.ok(!sizes.initial.packages.includes('tabster'), `first load packages: ${sizes.initial.packages.join(', ')}`);
  });

  // With code splitting, esbuild puts whatever a lazy view takes from the @fluentui/react-components
  // barrel into the chunk the first load shares (dialogs, text areas, check boxes: 6 KB gzip when
  // this was written). Components come from their own packages (@fluentui/react-button, …), which
  // are the barrel's own dependencies, at the versions it pins.
  it('imports Fluent components from their own packages, never from the barrel', () => {
    const files = fs.readdirSync(path.resolve('tab/src'), { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f));
    const barrel = files.filter((f) => /from '@fluentui\/react-components'/.test(fs.readFileSync(path.resolve('tab/src', f), 'utf8')));
    assert.deepEqual(barrel, []);
  });
});
