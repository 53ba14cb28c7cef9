// The Teams app package: scripts/package.ts fills the manifest from an env file and zips it.
// The zip is checked against Microsoft's own JSON schemas from @microsoft/app-manifest, for
// exactly the manifest version it declares.
import assert from 'node:assert/strict';
import { COMMAND_WORDS } from '../../bot/domain/commands';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import AdmZip from 'adm-zip';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { PNG } from 'pngjs';
import { drawColorIcon, drawOutlineIcon } from '../../scripts/drawIcons';
import {
  MissingPlaceholderValuesError,
  PackageError,
  packageApp,
  parseArgs,
  type PackageOptions,
} from '../../scripts/package';

const repoRoot = join(__dirname, '..', '..');
const schemaDir = join(dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build', 'json-schemas', 'teams');

const TENANT_VALUES = {
  TEAMS_APP_ID: '3f1b2c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  BOT_ID: '9a8b7c6d-5e4f-4321-8765-fedcba987654',
  AAD_APP_CLIENT_ID: '0f9e8d7c-6b5a-4c3d-9e2f-1a0b9c8d7e6f',
  TAB_ENDPOINT: 'https://gemensamplan-dev-abc123.azurewebsites.net',
  TAB_DOMAIN: 'gemensamplan-dev-abc123.azurewebsites.net',
  DEVELOPER_WEBSITE_URL: 'https://www.regionjh.se',
  DEVELOPER_PRIVACY_URL: 'https://www.regionjh.se/integritet',
  DEVELOPER_TERMS_OF_USE_URL: 'https://www.regionjh.se/villkor',
};

function envFileText(values: Record<string, string>): string {
  return `${Object.entries(values)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n')}\n`;
}

/** A scratch repository root: the real appPackage/ (without build/) and the given env files. */
function scratchRoot(envFiles: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'gemensam-plan-package-'));
  cpSync(join(repoRoot, 'appPackage'), join(root, 'appPackage'), {
    recursive: true,
    filter: (src) => !src.includes(`${join('appPackage', 'build')}`),
  });
  mkdirSync(join(root, 'env'));
  cpSync(join(repoRoot, 'env', '.env.dev'), join(root, 'env', '.env.dev'));
  for (const [name, text] of Object.entries(envFiles)) writeFileSync(join(root, 'env', name), text);
  return root;
}

function validator(schemaFile: string) {
  const ajv = new Ajv({ allErrors: true, strictTypes: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object);
}

function assertValid(schemaFile: string, value: unknown, what: string): void {
  const validate = validator(schemaFile);
  const ok = validate(value);
  assert.ok(ok, `${what} does not match ${schemaFile}:\n${JSON.stringify(validate.errors, null, 2)}`);
}

function readZip(zipPath: string): Map<string, Buffer> {
  return new Map(new AdmZip(zipPath).getEntries().map((e) => [e.entryName, e.getData()]));
}

function json(buffer: Buffer | undefined, name: string): Record<string, unknown> {
  assert.ok(buffer, `${name} is missing from the zip`);
  return JSON.parse(buffer.toString('utf8')) as Record<string, unknown>;
}

function pixelsAreWhiteOrTransparent(png: PNG): boolean {
  for (let i = 0; i < png.data.length; i += 4) {
    const [r, g, b, a] = [png.data[i], png.data[i + 1], png.data[i + 2], png.data[i + 3]];
    if (a !== 0 && (r !== 255 || g !== 255 || b !== 255)) return false;
  }
  return true;
}

describe('Teams app package', function () {
  this.timeout(30_000);
  const roots: string[] = [];
  const scratch = (envFiles: Record<string, string>) => {
    const root = scratchRoot(envFiles);
    roots.push(root);
    return root;
  };
  const build = (root: string, options: PackageOptions = {}) =>
    packageApp({ rootDir: root, outDir: join(root, 'out'), environment: {}, ...options });

  after(() => {
    for (const root of roots) rmSync(root, { recursive: true, force: true });
  });

  describe('built from an env file with a tenant’s values', () => {
    let zipPath: string;
    let files: Map<string, Buffer>;
    let manifest: Record<string, unknown>;

    before(() => {
      const root = scratch({ '.env.ci': envFileText(TENANT_VALUES) });
      const result = build(root, { env: 'ci' });
      zipPath = result.zipPath;
      files = readZip(zipPath);
      manifest = json(files.get('manifest.json'), 'manifest.json');
      assert.deepEqual(result.standIns, []);
    });

    it('is written to appPackage.<env>.zip', () => {
      assert.match(zipPath, /appPackage\.ci\.zip$/);
      assert.ok(existsSync(zipPath));
    });

    it('holds the manifest, the English strings and the two icons, and nothing else', () => {
      assert.deepEqual([...files.keys()].sort(), ['color.png', 'en-us.json', 'manifest.json', 'outline.png']);
    });

    it('declares a manifest version whose official schema the package ships, and matches it', () => {
      const version = manifest.manifestVersion;
      assert.equal(typeof version, 'string');
      const schemaFile = join(schemaDir, `v${String(version)}`, 'MicrosoftTeams.schema.json');
      assert.ok(existsSync(schemaFile), `no schema for manifestVersion ${String(version)}`);
      assert.equal(manifest.$schema, `https://developer.microsoft.com/json-schemas/teams/v${String(version)}/MicrosoftTeams.schema.json`);
      assertValid(schemaFile, manifest, 'manifest.json');
    });

    it('has an English language file that matches the localization schema of the same version', () => {
      const version = String(manifest.manifestVersion);
      const info = manifest.localizationInfo as { defaultLanguageTag: string; additionalLanguages: Array<{ languageTag: string; file: string }> };
      assert.equal(info.defaultLanguageTag, 'sv-SE');
      assert.deepEqual(info.additionalLanguages, [{ languageTag: 'en-us', file: 'en-us.json' }]);
      const strings = json(files.get('en-us.json'), 'en-us.json');
      assert.equal(strings.$schema, `https://developer.microsoft.com/json-schemas/teams/v${version}/MicrosoftTeams.Localization.schema.json`);
      assertValid(join(schemaDir, `v${version}`, 'MicrosoftTeams.Localization.schema.json'), strings, 'en-us.json');
    });

    it('leaves no ${{ placeholder anywhere', () => {
      for (const [name, data] of files) {
        if (name.endsWith('.json')) assert.ok(!data.toString('utf8').includes('${{'), `${name} still has a placeholder`);
      }
    });

    it('fills the ids and addresses from the env file', () => {
      assert.equal(manifest.id, TENANT_VALUES.TEAMS_APP_ID);
      const [bot] = manifest.bots as Array<{ botId: string; scopes: string[] }>;
      assert.equal(bot?.botId, TENANT_VALUES.BOT_ID);
      assert.deepEqual(bot?.scopes, ['team', 'groupChat', 'personal']);
      assert.deepEqual(manifest.validDomains, [TENANT_VALUES.TAB_DOMAIN]);
      assert.deepEqual(manifest.webApplicationInfo, {
        id: TENANT_VALUES.AAD_APP_CLIENT_ID,
        resource: `api://${TENANT_VALUES.TAB_DOMAIN}/${TENANT_VALUES.AAD_APP_CLIENT_ID}`,
      });
      const [configurable] = manifest.configurableTabs as Array<{ configurationUrl: string }>;
      assert.equal(configurable?.configurationUrl, `${TENANT_VALUES.TAB_ENDPOINT}/tab/config.html`);
      const planTab = (manifest.staticTabs as Array<{ name?: string; contentUrl?: string }>).find((t) => t.name === 'Planen');
      assert.equal(planTab?.contentUrl, `${TENANT_VALUES.TAB_ENDPOINT}/tab/index.html`);
    });

    it('lists the bot commands in Swedish, with koppla in the team scope', () => {
      const [bot] = manifest.bots as Array<{ commandLists: Array<{ scopes: string[]; commands: Array<{ title: string }> }> }>;
      const team = bot?.commandLists.find((l) => l.scopes.includes('team'));
      assert.deepEqual(
        team?.commands.map((c) => c.title),
        COMMAND_WORDS.filter((c) => c.inManifest).map((c) => c.word),
      );
    });

    it('has a 192×192 colour icon and a 32×32 outline icon that is only white or transparent', () => {
      const color = PNG.sync.read(files.get('color.png')!);
      const outline = PNG.sync.read(files.get('outline.png')!);
      assert.deepEqual([color.width, color.height], [192, 192]);
      assert.deepEqual([outline.width, outline.height], [32, 32]);
      assert.ok(pixelsAreWhiteOrTransparent(outline), 'outline.png has a pixel that is neither white nor transparent');
      assert.ok(outline.data.some((v, i) => i % 4 === 3 && v === 255), 'outline.png is empty');
      for (let i = 3; i < color.data.length; i += 4) assert.equal(color.data[i], 255, 'color.png must be opaque (full-bleed)');
    });
  });

  it('takes a value from the environment over the env file', () => {
    const root = scratch({ '.env.ci': envFileText(TENANT_VALUES) });
    const otherBot = '12345678-90ab-4cde-8f01-234567890abc';
    const { manifest } = build(root, { env: 'ci', environment: { BOT_ID: otherBot, TAB_DOMAIN: '' } });
    assert.equal((manifest.bots as Array<{ botId: string }>)[0]?.botId, otherBot);
    // An empty variable in the environment does not blank out the file's value.
    assert.deepEqual(manifest.validDomains, [TENANT_VALUES.TAB_DOMAIN]);
  });

  it('refuses a placeholder without a value, naming it, and writes no zip', () => {
    const { BOT_ID: _bot, TAB_DOMAIN: _domain, ...rest } = TENANT_VALUES;
    const root = scratch({ '.env.ci': `${envFileText(rest)}BOT_ID=\n` });
    assert.throws(
      () => build(root, { env: 'ci' }),
      (error: unknown) => {
        assert.ok(error instanceof MissingPlaceholderValuesError);
        assert.deepEqual([...error.names].sort(), ['BOT_ID', 'TAB_DOMAIN']);
        assert.match(error.message, /BOT_ID/);
        assert.match(error.message, /TAB_DOMAIN/);
        assert.match(error.message, /\.env\.ci/);
        assert.ok(!error.message.includes('\n'), 'the message is one line');
        return true;
      },
    );
    assert.ok(!existsSync(join(root, 'out', 'appPackage.ci.zip')));
  });

  it('refuses a value that makes the manifest invalid', () => {
    const root = scratch({ '.env.ci': envFileText({ ...TENANT_VALUES, BOT_ID: 'not-a-guid' }) });
    assert.throws(() => build(root, { env: 'ci' }), (error: unknown) => {
      assert.ok(error instanceof PackageError);
      assert.match(error.message, /\/bots\/0\/botId/);
      return true;
    });
  });

  it('refuses an environment that has no env file, other than local', () => {
    const root = scratch({});
    assert.throws(() => build(root, { env: 'prod' }), /\.env\.prod/);
  });

  it('on a fresh clone (no env/.env.local) builds "local" from the committed stand-ins in env/.env.dev', () => {
    const root = scratch({});
    const result = build(root);
    assert.equal(result.env, 'local');
    assert.match(result.zipPath, /appPackage\.local\.zip$/);
    assert.deepEqual([...result.standIns].sort(), ['AAD_APP_CLIENT_ID', 'BOT_ID', 'TAB_DOMAIN', 'TAB_ENDPOINT', 'TEAMS_APP_ID']);
    assert.equal(result.manifest.id, '00000000-0000-0000-0000-000000000000');
    const version = String(result.manifest.manifestVersion);
    assertValid(join(schemaDir, `v${version}`, 'MicrosoftTeams.schema.json'), result.manifest, 'stand-in manifest');
    assert.ok(!JSON.stringify(result.manifest).includes('${{'));
  });

  it('keeps the stand-ins out of the toolkit’s view: the values in env/.env.dev are empty', () => {
    const text = readFileSync(join(repoRoot, 'env', '.env.dev'), 'utf8');
    for (const name of ['TEAMS_APP_ID', 'BOT_ID', 'AAD_APP_CLIENT_ID', 'TAB_ENDPOINT', 'TAB_DOMAIN']) {
      assert.match(text, new RegExp(`^${name}=$`, 'm'), `${name} must stay empty in env/.env.dev`);
    }
  });

  it('reads --env from the command line', () => {
    assert.deepEqual(parseArgs([]), { env: 'local' });
    assert.deepEqual(parseArgs(['--env', 'dev']), { env: 'dev' });
    assert.deepEqual(parseArgs(['--env=dev']), { env: 'dev' });
    assert.throws(() => parseArgs(['--env']), PackageError);
    assert.throws(() => parseArgs(['dev']), PackageError);
  });

  it('ships the icons that scripts/drawIcons.ts draws', () => {
    const committedColor = PNG.sync.read(readFileSync(join(repoRoot, 'appPackage', 'color.png')));
    const committedOutline = PNG.sync.read(readFileSync(join(repoRoot, 'appPackage', 'outline.png')));
    assert.ok(committedColor.data.equals(drawColorIcon().data), 'color.png differs: run npx tsx scripts/drawIcons.ts');
    assert.ok(committedOutline.data.equals(drawOutlineIcon().data), 'outline.png differs: run npx tsx scripts/drawIcons.ts');
  });
});
