// Builds the plan tab (tab/src) into tab/dist with esbuild: minified ES modules, code-split so
// that the charts and the report load only when opened; boot.js (the first requests) is an entry
// of its own that index.html loads ahead of main.js. The tab's own makeStyles are resolved at build
// time (griffelAtBuildTime.ts). Prints each file's size.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { buildGuide } from './buildGuide';
import { directImports } from './directImports';
import { griffelAtBuildTime } from './griffelAtBuildTime';

const root = path.resolve(__dirname, '..', 'tab');
const finalDir = path.join(root, 'dist');
// Built aside and swapped in at the end, so that a server serving tab/dist never sees half a build.
const outdir = path.join(root, `.dist-${process.pid}`);

async function main() {
  fs.rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    entryPoints: { boot: path.join(root, 'src/boot.ts'), main: path.join(root, 'src/main.tsx'), config: path.join(root, 'src/config.tsx'), tab: path.join(root, 'src/tab.css') },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    minify: true,
    sourcemap: 'linked',
    target: ['es2022', 'chrome110', 'safari16'],
    jsx: 'automatic',
    chunkNames: 'chunks/[name]-[hash]',
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'linked',
    metafile: true,
    logLevel: 'warning',
    plugins: [directImports(['@fluentui/react-tabster']), griffelAtBuildTime(path.join(root, 'src'))],
  });
  const rows = Object.entries(result.metafile.outputs)
    .filter(([file]) => !file.endsWith('.map') && !file.endsWith('.LEGAL.txt'))
    .map(([file, info]) => {
      const bytes = fs.readFileSync(file);
      return { file: path.relative(outdir, file), kB: info.bytes / 1024, gzipKB: zlib.gzipSync(bytes).length / 1024, entry: info.entryPoint ? 'entry' : 'chunk' };
    })
    .sort((a, b) => b.kB - a.kB);
  console.log('Tab bundle (tab/dist):');
  for (const r of rows) console.log(`  ${r.file.padEnd(44)} ${r.kB.toFixed(1).padStart(8)} kB  ${r.gzipKB.toFixed(1).padStart(7)} kB gzip  ${r.entry}`);
  const initial = initialLoad(result.metafile.outputs, path.join(outdir, 'main.js'));
  console.log(`Initial load of index.html (boot.js, main.js, their static imports and tab.css): ${(initial.bytes / 1024).toFixed(1)} kB, ${(initial.gzip / 1024).toFixed(1)} kB gzip`);
  // For npm run bench: what a first visit downloads, against everything the tab can load.
  const all = rows.reduce((n, r) => ({ bytes: n.bytes + r.kB * 1024, gzip: n.gzip + r.gzipKB * 1024 }), { bytes: 0, gzip: 0 });
  fs.writeFileSync(path.join(outdir, 'sizes.json'), JSON.stringify({ initial, all }, null, 2));
  await buildGuide(outdir);
  const old = path.join(root, `.old-${process.pid}`);
  if (fs.existsSync(finalDir)) fs.renameSync(finalDir, old);
  fs.renameSync(outdir, finalDir);
  fs.rmSync(old, { recursive: true, force: true });
}

/** The bytes a first visit downloads (the entries index.html loads, their static imports, not dynamic ones, and the CSS) and the packages in them. */
function initialLoad(outputs: Record<string, { imports: Array<{ path: string; kind: string }>; inputs: Record<string, unknown> }>, entry: string) {
  const seen = new Set<string>();
  const visit = (file: string) => {
    const key = Object.keys(outputs).find((k) => path.resolve(k) === path.resolve(file));
    if (!key || seen.has(key)) return;
    seen.add(key);
    for (const i of outputs[key]!.imports) if (i.kind === 'import-statement') visit(i.path);
  };
  visit(entry);
  visit(path.join(outdir, 'boot.js'));
  visit(path.join(outdir, 'tab.css'));
  let bytes = 0;
  let gzip = 0;
  const packages = new Set<string>();
  for (const f of seen) {
    const content = fs.readFileSync(f);
    bytes += content.length;
    gzip += zlib.gzipSync(content).length;
    for (const input of Object.keys(outputs[f]?.inputs ?? {})) {
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
      if (pkg) packages.add(pkg[1]!);
    }
  }
  return { bytes, gzip, packages: [...packages].sort() };
}

main().catch((error: unknown) => {
  fs.rmSync(outdir, { recursive: true, force: true });
  console.error(error);
  process.exit(1);
});
