// Builds the Teams app package appPackage/build/appPackage.<env>.zip for a manual upload
// (Teams admin center, or "Upload a custom app" in Teams).
//
//   npx tsx scripts/package.ts              # env "local": env/.env.local
//   npx tsx scripts/package.ts --env dev    # env/.env.dev
//
// Every ${{NAME}} placeholder in appPackage/manifest.json and its language files is filled
// from env/.env.<env>, and from the process environment, which wins. A placeholder left
// without a value stops the build with one line naming it. The filled manifest is checked
// against Microsoft's JSON schema for the version it declares before anything is written.
//
// On a fresh clone there is no env/.env.local (it is git-ignored: the toolkit writes each
// developer's own app ids and tunnel address there). Then, and only for "local", the build
// falls back to the committed env/.env.dev plus its "# stand-in:" comment lines: obviously fake
// but schema-valid values (zero GUIDs, example.invalid) that let the package be built and
// checked without a tenant. Such a package cannot be installed, and the script says so. The
// stand-ins are comment lines so that the Agents Toolkit, which reads the same file, never
// sees them: a non-empty TEAMS_APP_ID or AAD_APP_CLIENT_ID would stop `provision` from
// creating the real apps.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import AdmZip from 'adm-zip';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { parse as parseDotenv } from 'dotenv';

export const DEFAULT_ENV = 'local';
/** The environment whose committed file holds the stand-ins for a fresh clone. */
export const STAND_IN_SOURCE_ENV = 'dev';

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
const STAND_IN_LINE = /^\s*#\s*stand-in:\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/;

export interface PackageOptions {
  /** Environment name: reads env/.env.<env>. Default "local". */
  env?: string;
  /** Repository root holding appPackage/ and env/. Default: the parent of scripts/. */
  rootDir?: string;
  /** Where the zip goes. Default <rootDir>/appPackage/build. */
  outDir?: string;
  /** Values that win over the env file. Default process.env. */
  environment?: Record<string, string | undefined>;
}

export interface PackageResult {
  zipPath: string;
  env: string;
  /** The env file the values came from. */
  envFile: string;
  /** Placeholders filled with a fake stand-in (empty unless env/.env.<env> was missing). */
  standIns: string[];
  /** The filled manifest, as written into the zip. */
  manifest: Record<string, unknown>;
  /** Every file name written into the zip. */
  entries: string[];
}

/** The package cannot be built as configured; the message is one line, meant for a terminal. */
export class PackageError extends Error {
  override name = 'PackageError';
}

export class MissingPlaceholderValuesError extends PackageError {
  override name = 'MissingPlaceholderValuesError';
  constructor(
    readonly names: string[],
    envFile: string,
  ) {
    super(
      `No value for ${names.length === 1 ? 'placeholder' : 'placeholders'} ${names.join(', ')}: ` +
        `set ${names.length === 1 ? 'it' : 'them'} in ${envFile} (the toolkit's provision fills most of them) ` +
        'or in the environment.',
    );
  }
}

/** Schema file for a manifestVersion such as "1.30", inside @microsoft/app-manifest. */
export function teamsSchemaPath(manifestVersion: string, file = 'MicrosoftTeams.schema.json'): string {
  const packageJson = require.resolve('@microsoft/app-manifest/package.json');
  return join(dirname(packageJson), 'build', 'json-schemas', 'teams', `v${manifestVersion}`, file);
}

/**
 * Validates JSON against one of the Teams schemas shipped by @microsoft/app-manifest.
 * They are draft-04 schemas whose regular expressions are written for non-Unicode mode.
 * Returns the errors, one string each (empty when valid).
 */
export function schemaErrors(schemaFile: string, value: unknown): string[] {
  const ajv = new Ajv({ allErrors: true, strictTypes: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/** Names of the placeholders in a text, in order of first appearance. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/** Reads `# stand-in: NAME=value` comment lines. */
export function readStandIns(envFileText: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of envFileText.split(/\r?\n/)) {
    const m = STAND_IN_LINE.exec(line);
    if (m) values[m[1]!] = m[2]!;
  }
  return values;
}

function nonEmpty(values: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v.trim() !== '') out[k] = v.trim();
  return out;
}

interface ResolvedValues {
  envFile: string;
  values: Record<string, string>;
  /** Names whose value is a stand-in (nothing in the env file or the environment overrode it). */
  standIns: Set<string>;
}

function resolveValues(rootDir: string, env: string, environment: Record<string, string | undefined>): ResolvedValues {
  const envFile = join(rootDir, 'env', `.env.${env}`);
  if (existsSync(envFile)) {
    return { envFile, values: { ...nonEmpty(parseDotenv(readFileSync(envFile))), ...nonEmpty(environment) }, standIns: new Set() };
  }
  const fallback = join(rootDir, 'env', `.env.${STAND_IN_SOURCE_ENV}`);
  if (env !== DEFAULT_ENV || !existsSync(fallback)) {
    throw new PackageError(`No env file ${envFile}: create it, or pass --env <name> for an existing env/.env.<name>.`);
  }
  const text = readFileSync(fallback, 'utf8');
  const standIns = readStandIns(text);
  const real = { ...nonEmpty(parseDotenv(text)), ...nonEmpty(environment) };
  return {
    envFile: fallback,
    values: { ...standIns, ...real },
    standIns: new Set(Object.keys(standIns).filter((name) => !(name in real))),
  };
}

/** Replaces the placeholders in every string of a JSON value. */
function fill(value: unknown, values: Record<string, string>): unknown {
  if (typeof value === 'string') return value.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
  if (Array.isArray(value)) return value.map((v) => fill(v, values));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, values)]));
  }
  return value;
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, '')) as unknown;
}

/** The package files a manifest refers to: its icons and language files. */
function referencedFiles(manifest: Record<string, unknown>): { icons: string[]; languageFiles: string[] } {
  const icons = Object.values((manifest.icons ?? {}) as Record<string, string>);
  const info = (manifest.localizationInfo ?? {}) as {
    defaultLanguageFile?: string;
    additionalLanguages?: Array<{ file: string }>;
  };
  const languageFiles = [
    ...(info.defaultLanguageFile ? [info.defaultLanguageFile] : []),
    ...(info.additionalLanguages ?? []).map((l) => l.file),
  ];
  return { icons, languageFiles };
}

export function packageApp(options: PackageOptions = {}): PackageResult {
  const env = options.env ?? DEFAULT_ENV;
  if (!/^[A-Za-z0-9_-]+$/.test(env)) throw new PackageError(`Invalid environment name "${env}".`);
  const rootDir = resolve(options.rootDir ?? join(__dirname, '..'));
  const appDir = join(rootDir, 'appPackage');
  const outDir = resolve(options.outDir ?? join(appDir, 'build'));
  const { envFile, values, standIns } = resolveValues(rootDir, env, options.environment ?? process.env);

  const template = readJson(join(appDir, 'manifest.json')) as Record<string, unknown>;
  const { icons, languageFiles } = referencedFiles(template);
  const languageTemplates = languageFiles.map((file) => [file, readJson(join(appDir, file))] as const);

  const used = placeholdersIn(JSON.stringify([template, languageTemplates.map(([, json]) => json)]));
  const missing = used.filter((name) => values[name] === undefined);
  if (missing.length > 0) throw new MissingPlaceholderValuesError(missing, envFile);

  const manifest = fill(template, values) as Record<string, unknown>;
  const languages = languageTemplates.map(([file, json]) => [file, fill(json, values)] as const);

  const version = String(manifest.manifestVersion);
  const schema = teamsSchemaPath(version);
  if (!existsSync(schema)) throw new PackageError(`manifestVersion ${version}: @microsoft/app-manifest has no schema ${schema}.`);
  const problems = schemaErrors(schema, manifest);
  for (const [file, json] of languages) {
    schemaErrors(teamsSchemaPath(version, 'MicrosoftTeams.Localization.schema.json'), json).forEach((p) =>
      problems.push(`${file}: ${p}`),
    );
  }
  if (problems.length > 0) {
    throw new PackageError(`The filled manifest does not match the v${version} schema (check ${envFile}): ${problems.join('; ')}`);
  }

  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'));
  for (const [file, json] of languages) zip.addFile(file, Buffer.from(`${JSON.stringify(json, null, 2)}\n`, 'utf8'));
  for (const icon of icons) zip.addFile(icon, readFileSync(join(appDir, icon)));

  mkdirSync(outDir, { recursive: true });
  const zipPath = join(outDir, `appPackage.${env}.zip`);
  zip.writeZip(zipPath);
  return {
    zipPath,
    env,
    envFile,
    standIns: used.filter((name) => standIns.has(name)),
    manifest,
    entries: zip.getEntries().map((e) => e.entryName),
  };
}

/** Reads `--env dev` or `--env=dev`. */
export function parseArgs(argv: readonly string[]): { env: string } {
  let env = DEFAULT_ENV;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--env') {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('-')) throw new PackageError('--env needs a name, e.g. --env dev.');
      env = next;
      i++;
    } else if (arg.startsWith('--env=')) {
      env = arg.slice('--env='.length);
    } else {
      throw new PackageError(`Unknown argument "${arg}". Usage: npm run package [-- --env <name>]`);
    }
  }
  return { env };
}

function main(): void {
  try {
    const result = packageApp(parseArgs(process.argv.slice(2)));
    if (result.standIns.length > 0) {
      console.warn(
        `No env/.env.${result.env}: used the fake stand-ins from ${result.envFile} for ${result.standIns.join(', ')}. ` +
          'This package is for checks only and cannot be installed in Teams.',
      );
    }
    console.log(result.zipPath);
  } catch (error) {
    if (!(error instanceof PackageError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
}

if (require.main === module) main();
