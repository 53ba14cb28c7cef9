// An esbuild plugin for the tab's build: named imports of a package's index (a "barrel") are
// resolved to the files that define them, so that the first load holds only what it uses.
//
// Why: esbuild assigns a file to the chunks of every entry that can reach it through an import,
// whether or not the imported names are used. @fluentui/react-tabster's index not only re-exports
// its hooks but imports `tabster` itself (for a few event helpers it passes on), so every Fluent
// component that imports one style helper from it (Button imports createCustomFocusIndicatorStyle)
// put all of tabster (60 kB) and every hook the lazy views use (dialogs, tabs) into main.js's
// chunks. Importing the defining files directly leaves those to the chunks that use them.
//
// Conservative: only `import { a, b as c } from 'pkg'` statements are rewritten, and only when every
// name is found re-exported from a relative file; anything else (a namespace import, `export *`, a
// name the index defines or takes from another package) keeps the index, as without the plugin.
import fs from 'node:fs';
import path from 'node:path';
import type { Plugin, PluginBuild } from 'esbuild';

const NAMESPACE = 'direct-imports';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/** Each module's re-exports, read once per build process (the barrels do not change during a build). */
const reExportsRead = new Map<string, Map<string, [string, string]>>();

/** `export { a, b as c } from './x.js'` statements of a module: exported name → [file, name there]. */
function reExports(file: string): Map<string, [string, string]> {
  const known = reExportsRead.get(file);
  if (known) return known;
  const source = fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  const found = new Map<string, [string, string]>();
  for (const m of source.matchAll(/export\s*\{([^}]*)\}\s*from\s*["'](\.[^"']+)["']/g)) {
    const target = path.resolve(path.dirname(file), m[2]!);
    for (const part of m[1]!.split(',').map((p) => p.trim()).filter(Boolean)) {
      const [local, exported = local] = part.split(/\s+as\s+/).map((s) => s.trim());
      found.set(exported!, [target, local!]);
    }
  }
  reExportsRead.set(file, found);
  return found;
}

/** Where `name` is defined, following relative re-exports from `file` (the index) down. */
function definingFile(file: string, name: string, depth = 0): [string, string] | undefined {
  const next = reExports(file).get(name);
  if (!next) return depth === 0 ? undefined : [file, name];
  return depth > 8 ? undefined : definingFile(next[0], next[1], depth + 1);
}

/** The names an importer takes from `specifier` with plain named imports; undefined for any other form. */
function importedNames(source: string, specifier: string): Array<[string, string]> | undefined {
  const all = [...source.matchAll(new RegExp(`(import|export)\\s*([^;]*?)\\s*from\\s*["']${escapeRegExp(specifier)}["']`, 'g'))];
  if (all.length === 0) return undefined;
  const names: Array<[string, string]> = [];
  for (const m of all) {
    const braces = /^\{([^}]*)\}$/.exec(m[2]!.trim());
    if (m[1] !== 'import' || !braces) return undefined;
    for (const part of braces[1]!.split(',').map((p) => p.trim()).filter(Boolean)) {
      if (part.startsWith('type ')) continue;
      const [imported, local = imported] = part.split(/\s+as\s+/).map((s) => s.trim());
      names.push([imported!, local!]);
    }
  }
  return names;
}

export function directImports(packages: string[]): Plugin {
  return {
    name: 'direct-imports',
    setup(build: PluginBuild) {
      const filter = new RegExp(`^(${packages.map(escapeRegExp).join('|')})$`);
      build.onResolve({ filter }, async (args) => {
        if (args.pluginData === NAMESPACE || args.kind !== 'import-statement' || !args.importer) return undefined;
        const names = importedNames(await fs.promises.readFile(args.importer, 'utf8'), args.path);
        if (!names || names.length === 0) return undefined;
        const index = await build.resolve(args.path, { kind: 'import-statement', resolveDir: args.resolveDir, importer: args.importer, pluginData: NAMESPACE });
        if (index.errors.length > 0) return undefined;
        const lines: string[] = [];
        for (const [imported] of names) {
          const at = definingFile(index.path, imported);
          if (!at) return undefined;
          lines.push(`export { ${at[1]} as ${imported} } from ${JSON.stringify(at[0])};`);
        }
        return { path: `${args.path}?${[...new Set(names.map(([n]) => n))].sort().join(',')}`, namespace: NAMESPACE, pluginData: lines };
      });
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({ contents: [...new Set(args.pluginData as string[])].join('\n'), loader: 'js', resolveDir: '/' }));
    },
  };
}
