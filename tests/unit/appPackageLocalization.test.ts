// The English localization (appPackage/en-us.json) is held to the manifest: Teams shows an English
// user the en-us string at the same index as the manifest's, so a command added, removed or moved
// in the manifest without the same change in en-us.json shows an English user another command's
// description. Generic over whatever the manifest holds: every text the Teams localization schema
// (for the manifest's own version) lets us translate.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const repoRoot = join(__dirname, '..', '..');
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
const manifest = readJson(join(repoRoot, 'appPackage', 'manifest.json'));
const languages = (manifest.localizationInfo as { additionalLanguages: Array<{ languageTag: string; file: string }> }).additionalLanguages;
const english = languages.find((l) => l.languageTag.toLowerCase() === 'en-us');
const version = String(manifest.manifestVersion);
const localizationSchema = readJson(
  join(dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build', 'json-schemas', 'teams', `v${version}`, 'MicrosoftTeams.Localization.schema.json'),
) as { properties: Record<string, unknown>; patternProperties: Record<string, unknown> };

/** Every string in the manifest by its localization key (`bots[0].commandLists[1].commands[2].title`). */
function flatten(value: unknown, path = '', out = new Map<string, string>()): Map<string, string> {
  if (typeof value === 'string') out.set(path, value);
  else if (Array.isArray(value)) value.forEach((v, i) => flatten(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) flatten(v, path ? `${path}.${k}` : k, out);
  return out;
}

const localizable = [...Object.keys(localizationSchema.properties).filter((k) => !k.startsWith('$') && k !== 'localizationKeys'), ...Object.keys(localizationSchema.patternProperties)].map(
  (key) => (key.startsWith('^') ? new RegExp(key) : new RegExp(`^${key.replace(/[.[\]]/g, '\\$&')}$`)),
);
/** Texts people read; urls, keyboard keys and the like are not translated. */
const isText = (key: string, value: string) => /(^|\.)(title|description|name|prompt|text|label|displayName|short|full)$/.test(key) && !/^https?:/.test(value);
/** Bot commands are typed in Swedish whatever the client's language (docs/features.md): their titles stay. */
const typedCommandTitle = /^bots\[\d+\]\.commandLists\[\d+\]\.commands\[\d+\]\.title$/;

const manifestTexts = [...flatten(manifest)].filter(([key, value]) => isText(key, value) && localizable.some((re) => re.test(key)) && !typedCommandTitle.test(key));

describe('the English localization of the Teams app (en-us.json)', () => {
  const en = readJson(join(repoRoot, 'appPackage', english?.file ?? 'en-us.json')) as Record<string, string>;

  it('is declared in the manifest', () => {
    assert.ok(english, 'manifest.json has no en-us language');
  });

  it('translates every text of the manifest, every command of every command list included', () => {
    const missing = manifestTexts.map(([key]) => key).filter((key) => !(key in en));
    assert.deepEqual(missing, [], `en-us.json lacks ${missing.join(', ')}`);
    const commands = manifestTexts.filter(([key]) => /commands\[\d+\]\.description$/.test(key));
    assert.ok(commands.length > 0, 'the manifest has no command to check');
  });

  it('translates nothing the manifest does not have (a key left behind belongs to another command)', () => {
    const manifestKeys = new Set(flatten(manifest).keys());
    const stray = Object.keys(en).filter((key) => !key.startsWith('$') && !manifestKeys.has(key));
    assert.deepEqual(stray, [], `en-us.json has keys the manifest does not: ${stray.join(', ')}`);
  });

  it("describes each typed command as that command: the English description names the command's Swedish word", () => {
    const flat = flatten(manifest);
    const wrong: string[] = [];
    for (const [key, title] of flat) {
      if (!typedCommandTitle.test(key)) continue;
      const descriptionKey = key.replace(/\.title$/, '.description');
      const description = en[descriptionKey];
      if (description !== undefined && !description.toLowerCase().includes(title.toLowerCase())) wrong.push(`${descriptionKey} ("${title}"): ${description}`);
    }
    assert.deepEqual(wrong, []);
  });

  it('translates a command the same way in every command list where the manifest describes it the same way', () => {
    const flat = flatten(manifest);
    const byTitle = new Map<string, Set<string>>();
    for (const [key, title] of flat) {
      if (!typedCommandTitle.test(key)) continue;
      const descriptionKey = key.replace(/\.title$/, '.description');
      const description = en[descriptionKey];
      const same = `${title}: ${flat.get(descriptionKey) ?? ''}`;
      if (description !== undefined) byTitle.set(same, (byTitle.get(same) ?? new Set()).add(description));
    }
    const differing = [...byTitle].filter(([, descriptions]) => descriptions.size > 1).map(([title]) => title);
    assert.deepEqual(differing, [], 'the same command is described differently in the team and the chat lists');
  });
});
