// The tab's own makeStyles resolved at build time, as Fluent UI's components ship theirs: WyW-in-JS
// (@wyw-in-js/transform) evaluates each style object in Node, and @griffel/tag-processor (which
// @griffel/react's package.json names for makeStyles and makeResetStyles) replaces the call with
// __styles() holding the finished class names and CSS rules. The browser then only inserts those
// rules on first use instead of running Griffel's resolver (stylis and all) while the first view
// renders. The class names are the ones the run-time resolver makes, so the styles are unchanged.
//
// Why not @wyw-in-js/esbuild: its 0.8.1 (the newest on npm that @griffel/tag-processor 1.0.x works
// with) returns the file untransformed when the transform extracted no CSS file, which is always
// so for Griffel (its rules stay in the script); wyw-in-js fixed that in its 2.x (PR #227). This
// plugin does what that one does, returning the transformed code.
import { transform, TransformCacheCollection } from '@wyw-in-js/transform';
import { transformSync, type Plugin } from 'esbuild';
import fs from 'node:fs/promises';
import path from 'node:path';

/** An esbuild plugin that transforms the .ts/.tsx files under `dir` that call makeStyles or makeResetStyles. */
export function griffelAtBuildTime(dir: string): Plugin {
  const cache = new TransformCacheCollection();
  return {
    name: 'griffel-at-build-time',
    setup(build) {
      build.onLoad({ filter: /\.tsx?$/ }, async (args) => {
        if (!args.path.startsWith(dir + path.sep)) return undefined;
        const source = await fs.readFile(args.path, 'utf8');
        const loader = args.path.endsWith('.tsx') ? 'tsx' : 'ts';
        if (!/\bmake(Reset)?Styles\(/.test(source)) return { contents: source, loader };
        // WyW reads JavaScript: TypeScript and JSX compiled first, as the build compiles them, with a
        // source map inline that the transform carries on, so profiles still point at tab/src.
        const compiled = transformSync(source, { loader, jsx: 'automatic', target: 'esnext', sourcefile: args.path, sourcemap: 'inline' });
        const result = await transform(
          {
            options: {
              filename: args.path,
              root: process.cwd(),
              // The modules a style object imports (ui.tsx's breakpoints, Fluent's tokens) are evaluated from their own source, TypeScript included.
              pluginOptions: { babelOptions: { presets: ['@babel/preset-typescript'] } },
            },
            cache,
          },
          compiled.code,
          async (what, importer) => {
            const found = await build.resolve(what, { resolveDir: path.dirname(importer), kind: 'import-statement' });
            if (found.errors.length > 0) throw new Error(`Cannot resolve ${what} from ${importer}`);
            return found.path;
          },
        );
        const map = result.sourceMap ? `\n//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(result.sourceMap)).toString('base64')}` : '';
        return { contents: result.code + map, loader: 'js', resolveDir: path.dirname(args.path) };
      });
    },
  };
}
