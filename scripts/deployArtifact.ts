// Builds what App Service runs, and nothing else: `npm run artifact` writes build/deploy/ with
//
//   dist/            the compiled server (with the plan's JSON and the card templates)
//   tab/*.html       the tab's pages, and tab/dist/ the tab's bundle
//   package.json, package-lock.json
//   node_modules/    production dependencies only, without their source maps and type declarations
//
// The Agents Toolkit's deploy step (m365agents.yml) uploads that folder as it is; App Service
// starts `node dist/bot/index.js` and builds nothing. Azurite and every build and test tool are
// development dependencies, so they are not in it: in Azure the app uses the storage account.
//
//   npm run artifact                 build, then assemble build/deploy/
//   npm run artifact -- --no-build   assemble from the current dist/ and tab/dist/
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..');
export const ARTIFACT_DIR = join(root, 'build', 'deploy');

export interface ArtifactSize {
  files: number;
  bytes: number;
}

export function folderSize(dir: string): ArtifactSize {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      const inner = folderSize(full);
      files += inner.files;
      bytes += inner.bytes;
    } else if (entry.isFile()) {
      files += 1;
      bytes += statSync(full).size;
    }
  }
  return { files, bytes };
}

function npm(args: string[], cwd: string): void {
  execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, { cwd, stdio: 'inherit', shell: process.platform === 'win32' });
}

export function buildArtifact(options: { build?: boolean; out?: string } = {}): ArtifactSize {
  const out = options.out ?? ARTIFACT_DIR;
  if (options.build !== false) npm(['run', 'build'], root);
  for (const needed of ['dist/bot/index.js', 'dist/bot/content/plan.sv.json', 'tab/dist/main.js']) {
    if (!existsSync(join(root, needed))) throw new Error(`${needed} is missing: run \`npm run build\` first`);
  }
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'tab'), { recursive: true });
  // Source maps stay: stack traces in Application Insights then point at the TypeScript lines.
  cpSync(join(root, 'dist', 'bot'), join(out, 'dist', 'bot'), { recursive: true });
  for (const page of readdirSync(join(root, 'tab')).filter((name) => name.endsWith('.html'))) {
    cpSync(join(root, 'tab', page), join(out, 'tab', page));
  }
  cpSync(join(root, 'tab', 'dist'), join(out, 'tab', 'dist'), { recursive: true });

  // The package as App Service sees it: no scripts to run, no development dependencies.
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
  const { devDependencies: _dev, scripts: _scripts, ...runtime } = pkg;
  writeFileSync(join(out, 'package.json'), `${JSON.stringify({ ...runtime, scripts: { start: 'node dist/bot/index.js' } }, null, 2)}\n`);
  cpSync(join(root, 'package-lock.json'), join(out, 'package-lock.json'));
  // The lock's layout is made for the whole development tree, where Azurite's older OpenTelemetry
  // holds the top level and the app's own is nested dozens of times. Prune the lock to production
  // dependencies and hoist again (same versions: the lock and package.json's overrides fix them).
  // No production dependency needs an install script (package.json's allowScripts).
  npm(['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund'], out);
  npm(['dedupe', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund'], out);
  npm(['ci', '--ignore-scripts', '--no-audit', '--no-fund'], out);
  pruneDevelopmentFiles(join(out, 'node_modules'));
  return folderSize(out);
}

/** Files no running program reads: source maps and type declarations of the dependencies. */
const DEVELOPMENT_FILE = /\.(?:js\.map|mjs\.map|cjs\.map|d\.ts|d\.mts|d\.cts|d\.ts\.map)$/;

function pruneDevelopmentFiles(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) pruneDevelopmentFiles(full);
    else if (entry.isFile() && DEVELOPMENT_FILE.test(entry.name)) rmSync(full);
  }
}

if (require.main === module) {
  const size = buildArtifact({ build: !process.argv.includes('--no-build') });
  const mb = (size.bytes / 1024 / 1024).toFixed(1);
  console.log(`Deploy artifact: ${ARTIFACT_DIR} (${size.files} files, ${mb} MB)`);
}
