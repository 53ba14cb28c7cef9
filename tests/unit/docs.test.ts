// The README and docs/ say only what the repository keeps true: every file they name exists,
// every npm command they show is a script of package.json and every option they give it is one
// the script reads, every link leads somewhere, and the README stays a five-minute read.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const DOCS = ['README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const text = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const scripts: Record<string, string> = JSON.parse(text('package.json')).scripts;

/** Folders that builds and runs make; the docs may name what lands there. */
const GENERATED = /^(appPackage\/build|dist|tab\/dist|test-results|\.data)\//;

/** GitHub's anchor for a heading. */
function slug(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\- _]/gu, '').replace(/ /g, '-');
}
function anchorsOf(file: string): Set<string> {
  return new Set([...text(file).matchAll(/^#+ (.*)$/gm)].map((m) => slug(m[1]!)));
}

/** The file a script runs (`tsx scripts/plan.ts`, `node dist/…` → its source). */
function scriptSource(name: string): string | undefined {
  const m = scripts[name]?.match(/\b((?:scripts|tests|bot)\/[\w/.-]+\.ts)\b/);
  return m?.[1];
}

describe('the docs say only what the repository keeps true', () => {
  for (const doc of DOCS) {
    describe(doc, () => {
      const body = text(doc);

      it('names only files that exist', () => {
        const missing = [...body.matchAll(/`((?:bot|tab|tests|scripts|infra|appPackage|docs|\.ci|\.github)\/[^`\s]*)`/g)]
          .map((m) => (m[1]!.split('#')[0] ?? '').replace(/\/$/, ''))
          .filter((p) => !/[*<…]/.test(p) && !GENERATED.test(p))
          .filter((p) => !fs.existsSync(path.join(ROOT, p)));
        assert.deepEqual(missing, []);
      });

      it('shows npm commands that exist, with options their script reads', () => {
        const wrong: string[] = [];
        for (const m of body.matchAll(/npm run ([\w:-]+)(?: -- ([^`\n#]*))?/g)) {
          const name = m[1]!;
          const args = m[2] ?? '';
          if (!(name in scripts)) {
            wrong.push(`npm run ${name}: no such script`);
            continue;
          }
          const source = scriptSource(name);
          if (!source) continue;
          const code = text(source);
          for (const option of args.match(/--[\w-]+/g) ?? []) {
            if (!code.includes(`'${option}'`) && !code.includes(`"${option}"`) && !code.includes(option.slice(2))) wrong.push(`npm run ${name} -- ${option}: ${source} does not read it`);
          }
        }
        assert.deepEqual(wrong, []);
      });

      it('links only to files and headings that exist', () => {
        const broken: string[] = [];
        for (const m of body.matchAll(/\]\(([^)\s]+)\)/g)) {
          const target = m[1]!;
          if (/^(https?:|mailto:)/.test(target)) continue;
          const [file, anchor] = target.split('#');
          const resolved = file ? path.normalize(path.join(path.dirname(doc), file)) : doc;
          if (!fs.existsSync(path.join(ROOT, resolved))) {
            broken.push(`${target}: no file ${resolved}`);
            continue;
          }
          if (anchor && resolved.endsWith('.md') && !anchorsOf(resolved).has(anchor)) broken.push(`${target}: no heading #${anchor} in ${resolved}`);
        }
        assert.deepEqual(broken, []);
      });
    });
  }

  it('keeps the README a five-minute read with the two commands', () => {
    const readme = text('README.md');
    assert.ok(readme.split('\n').length <= 120, `${readme.split('\n').length} lines`);
    const commands = [...readme.matchAll(/```sh\n([^`]*)```/g)].map((m) => m[1]!.trim());
    assert.deepEqual(commands, ['npm install && npm start', 'npm test']);
    for (const doc of DOCS.filter((d) => d.startsWith('docs/'))) {
      if (doc === 'docs/snabbguide.md') continue; // the printable card, reached from the guide
      assert.ok(readme.includes(`](${doc})`), `the README leads to ${doc}`);
    }
  });
});
