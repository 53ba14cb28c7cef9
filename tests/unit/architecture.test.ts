// The house of docs/architecture.md, held: which layer of bot/ may import which, that only the
// Teams edge speaks botbuilder, and that the tab takes from the server only the domain (code)
// and the API's shapes (types, erased at build).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** Lower first; a module may import its own layer and those below it. */
const LAYERS: readonly (readonly string[])[] = [
  ['log.ts', 'envText.ts', 'localPorts.ts', 'netErrors.ts', 'refusalLog.ts', 'domain', 'content'],
  ['storage'],
  ['useCases', 'telemetry'],
  ['cards', 'conversation', 'api', 'reminders'],
  ['teams', 'app.ts', 'compose.ts', 'config.ts', 'index.ts', 'server.ts'],
];

interface Import {
  from: string;
  to: string;
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'dist' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Every static import/export-from and dynamic import() of a file. */
function importsOf(file: string): Import[] {
  const text = fs.readFileSync(file, 'utf8');
  const found: Import[] = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^;]*?\sfrom\s+'([^']+)'/gms)) {
    found.push({ from: file, to: m[3]!, typeOnly: Boolean(m[2]) });
  }
  for (const m of text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)) found.push({ from: file, to: m[1]!, typeOnly: false });
  return found;
}

/** The layer part of a path under bot/: its first directory, or the file's name at bot/'s root. */
function part(file: string): string {
  return path.relative(path.join(ROOT, 'bot'), file).split(path.sep)[0] ?? '';
}

function layerOf(file: string): number {
  const p = part(file);
  const layer = LAYERS.findIndex((l) => l.includes(p));
  assert.notEqual(layer, -1, `bot/${p} is in no layer of docs/architecture.md: place it in LAYERS (and the doc)`);
  return layer;
}

function resolved(imp: Import): string | undefined {
  if (!imp.to.startsWith('.')) return undefined;
  return path.resolve(path.dirname(imp.from), imp.to);
}

const botImports = sourceFiles(path.join(ROOT, 'bot')).flatMap(importsOf);

describe('architecture: the layers of bot/ (docs/architecture.md)', () => {
  it('imports only its own layer or a lower one', () => {
    const upward = botImports
      .map((imp) => ({ imp, target: resolved(imp) }))
      .filter((x): x is { imp: Import; target: string } => x.target !== undefined)
      .filter(({ imp, target }) => layerOf(target + '.ts') > layerOf(imp.from))
      .map(({ imp, target }) => `${path.relative(ROOT, imp.from)} → ${path.relative(ROOT, target)}`);
    assert.deepEqual(upward, []);
  });

  it('speaks botbuilder only at the Teams edge (bot/teams/ and the composition in app.ts)', () => {
    const outside = botImports
      .filter((imp) => /^(botbuilder|botframework-)/.test(imp.to))
      .filter((imp) => !['teams', 'app.ts'].includes(part(imp.from)))
      .map((imp) => `${path.relative(ROOT, imp.from)} imports ${imp.to}`);
    assert.deepEqual(outside, []);
  });

  it('knows every part of bot/ (a new folder must be given a layer)', () => {
    const parts = new Set(sourceFiles(path.join(ROOT, 'bot')).map(part));
    const known = new Set(LAYERS.flat());
    assert.deepEqual([...parts].filter((p) => !known.has(p)), []);
  });
});

describe('architecture: what the tab takes from the server', () => {
  const tabImports = sourceFiles(path.join(ROOT, 'tab/src')).flatMap(importsOf);

  it('runs only bot/domain code; from the API, storage and use cases it takes types only', () => {
    const wrong = tabImports
      .map((imp) => ({ imp, target: resolved(imp) }))
      .filter((x): x is { imp: Import; target: string } => x.target !== undefined && x.target.startsWith(path.join(ROOT, 'bot') + path.sep))
      .filter(({ imp, target }) => !target.startsWith(path.join(ROOT, 'bot/domain') + path.sep) && !imp.typeOnly)
      .map(({ imp, target }) => `${path.relative(ROOT, imp.from)} → ${path.relative(ROOT, target)}`);
    assert.deepEqual(wrong, []);
  });
});
