// Reads the environment once, validates it and returns a frozen, typed Config.
// "Unset" means "use the embedded default" (Azurite, started by the app itself); nothing here
// branches on tests: tests pass their own environment object.
import path from 'node:path';
import { z } from 'zod';
import { optionalText } from './envText';
import { loadTabConfig, TabConfigError, type TabConfig } from './api/tabConfig';
import { DEFAULT_STORAGE_DEADLINE_MS } from './storage/deadline';
import { isLoopbackHost, isLoopbackUrl, resolvedTableEndpoint } from './storage/endpoint';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Connection string of a Table Storage account (or Azurite). */
  TABLES_CONNECTION_STRING: optionalText,
  /** Account URL, e.g. https://<account>.table.core.windows.net, reached with a managed identity. */
  TABLES_ACCOUNT_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  /** Client id of a user-assigned managed identity (read by @azure/identity too). */
  AZURE_CLIENT_ID: optionalText,
  /** Prefix for table names, so that several deployments can share one account. */
  TABLE_PREFIX: z
    .string()
    .trim()
    .regex(/^([A-Za-z][A-Za-z0-9]{0,20})?$/, 'letters and digits only, starting with a letter')
    .default(''),
  /** Where the embedded Azurite keeps its data (git-ignored). */
  AZURITE_LOCATION: z.string().trim().min(1).default('.data/azurite'),
  AZURITE_TABLE_PORT: z.coerce.number().int().min(1).max(65535).default(10002),
  /** The longest one storage request, with its retries, may take (ms); below what Teams waits for a card (about 15 s). */
  STORAGE_DEADLINE_MS: z.coerce.number().int().min(200).max(60_000).default(DEFAULT_STORAGE_DEADLINE_MS),
  /** The plan file to seed; another region's plan loads from its own file. */
  PLAN_FILE: optionalText,
  /** Teams team ids (comma separated) the plan is followed up in; unset: the first team a channel is linked in. */
  PLAN_TEAM_IDS: optionalText,
  /** Entra object ids (comma separated) of the people who may link channels to arenas; unset: anyone in the plan's team. */
  PROJECT_LEADER_IDS: optionalText,
  /** The Teams app id (manifest id), for deep links from cards to the tab. */
  TEAMS_APP_ID: optionalText,
  /** The app's public base URL (the tab is served under it). */
  PUBLIC_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  /** Bot identity; unset means local development without Bot Framework authentication. */
  BOT_ID: optionalText,
  BOT_PASSWORD: optionalText,
  BOT_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
  BOT_TENANT_ID: optionalText,
});

export type StorageConfig =
  | { kind: 'connectionString'; connectionString: string }
  | { kind: 'managedIdentity'; accountUrl: string; clientId?: string }
  | { kind: 'embeddedAzurite'; location: string; port: number };

export interface BotIdentity {
  appId: string;
  password?: string;
  type: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  tenantId?: string;
}

export interface Config {
  port: number;
  host: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  storage: StorageConfig;
  tablePrefix: string;
  /** The longest one storage request, with its retries, may take (ms). */
  storageDeadlineMs: number;
  planFile?: string;
  teamsAppId?: string;
  /** Teams teams the plan is followed up in; empty: pinned by the first linked channel. */
  planTeamIds: string[];
  /** Who may link channels to arenas (Entra object ids); empty: anyone in the plan's team. */
  projectLeaderIds: string[];
  /** Base URL of the app as people's browsers reach it. */
  publicUrl: string;
  /** Undefined: /api/messages runs unauthenticated, for local development only. */
  bot?: BotIdentity;
  /** The tab's sign-in (Teams SSO) or its development mode. */
  tab: TabConfig;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, projectRoot = process.cwd()): Config {
  const parsed = envSchema.safeParse(env, { error: z.locales.en().localeError });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration (${problems}). See .env.example.`);
  }
  const e = parsed.data;
  if (e.TABLES_CONNECTION_STRING && e.TABLES_ACCOUNT_URL) {
    throw new ConfigError('Set either TABLES_CONNECTION_STRING or TABLES_ACCOUNT_URL, not both. See .env.example.');
  }
  const storage: StorageConfig = e.TABLES_CONNECTION_STRING
    ? { kind: 'connectionString', connectionString: e.TABLES_CONNECTION_STRING }
    : e.TABLES_ACCOUNT_URL
      ? { kind: 'managedIdentity', accountUrl: e.TABLES_ACCOUNT_URL, ...(e.AZURE_CLIENT_ID ? { clientId: e.AZURE_CLIENT_ID } : {}) }
      : { kind: 'embeddedAzurite', location: path.resolve(projectRoot, e.AZURITE_LOCATION), port: e.AZURITE_TABLE_PORT };

  let bot: BotIdentity | undefined;
  if (e.BOT_ID) {
    const type = e.BOT_TYPE ?? 'MultiTenant';
    if (type !== 'UserAssignedMSI' && !e.BOT_PASSWORD) {
      throw new ConfigError(`BOT_ID is set but BOT_PASSWORD is not (required for BOT_TYPE=${type}). See .env.example.`);
    }
    if (type !== 'MultiTenant' && !e.BOT_TENANT_ID) {
      throw new ConfigError(`BOT_TYPE=${type} needs BOT_TENANT_ID. See .env.example.`);
    }
    bot = { appId: e.BOT_ID, type, ...(e.BOT_PASSWORD ? { password: e.BOT_PASSWORD } : {}), ...(e.BOT_TENANT_ID ? { tenantId: e.BOT_TENANT_ID } : {}) };
  }

  // Where the store really is, as the storage client resolves the connection string.
  const storeEndpoint = e.TABLES_CONNECTION_STRING !== undefined ? resolvedTableEndpoint(e.TABLES_CONNECTION_STRING) : undefined;
  // A string the client cannot resolve is not provably local (it fails at start-up, on connecting).
  const remoteStore = e.TABLES_ACCOUNT_URL !== undefined || (e.TABLES_CONNECTION_STRING !== undefined && (!storeEndpoint || !isLoopbackUrl(storeEndpoint)));
  const publicUrl = e.PUBLIC_URL ?? `http://127.0.0.1:${e.PORT}`;

  // Without BOT_ID, /api/messages takes unauthenticated requests: allowed only when the whole
  // setup is provably on this machine (listening on loopback, reached on loopback, storing on
  // loopback). Anything else could be reached or harmed from outside.
  if (!bot) {
    const notLocal = [
      ...(isLoopbackHost(e.HOST) ? [] : [`HOST=${e.HOST}`]),
      ...(isLoopbackUrl(publicUrl) ? [] : ['PUBLIC_URL']),
      ...(remoteStore ? [e.TABLES_ACCOUNT_URL ? 'TABLES_ACCOUNT_URL' : 'TABLES_CONNECTION_STRING'] : []),
    ];
    if (notLocal.length > 0) {
      throw new ConfigError(
        `BOT_ID is not set, so the bot would accept unauthenticated requests; that is allowed only when everything is on this machine, but ${notLocal.join(', ')} ${notLocal.length === 1 ? 'is' : 'are'} not. Set BOT_ID (and BOT_PASSWORD), or keep HOST, PUBLIC_URL and the store on 127.0.0.1. See .env.example.`,
      );
    }
  }

  // With nothing configured for Azure or sign-in (the embedded defaults, or Azurite on this
  // machine), the tab and its API run in the visible development mode; TAB_DEV_MODE=false turns
  // it off, and tabConfig.ts refuses it whenever BOT_ID or TABLES_ACCOUNT_URL is set.
  const localOnly = !e.BOT_ID && !remoteStore && !env.AAD_APP_CLIENT_ID?.trim();
  if (remoteStore && env.TAB_DEV_MODE?.trim() === 'true') {
    throw new ConfigError('TAB_DEV_MODE=true is refused: the store is not on this machine.');
  }
  let tab: TabConfig;
  try {
    tab = loadTabConfig({ ...env, TAB_DEV_MODE: env.TAB_DEV_MODE?.trim() || (localOnly ? 'true' : 'false') });
  } catch (error) {
    if (error instanceof TabConfigError) throw new ConfigError(error.message);
    throw error;
  }

  return Object.freeze({
    port: e.PORT,
    tab,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    storage,
    tablePrefix: e.TABLE_PREFIX,
    storageDeadlineMs: e.STORAGE_DEADLINE_MS,
    ...(e.PLAN_FILE ? { planFile: path.resolve(projectRoot, e.PLAN_FILE) } : {}),
    ...(e.TEAMS_APP_ID ? { teamsAppId: e.TEAMS_APP_ID } : {}),
    planTeamIds: list(e.PLAN_TEAM_IDS),
    projectLeaderIds: list(e.PROJECT_LEADER_IDS),
    publicUrl,
    ...(bot ? { bot } : {}),
  });
}

function list(value: string | undefined): string[] {
  return (value ?? '').split(',').map((id) => id.trim()).filter(Boolean);
}

/** A summary safe to log: no secrets, no connection strings. */
export function redactedConfig(config: Config): Record<string, unknown> {
  const storage =
    config.storage.kind === 'connectionString'
      ? { kind: config.storage.kind }
      : config.storage.kind === 'managedIdentity'
        ? { kind: config.storage.kind, accountUrl: config.storage.accountUrl }
        : config.storage;
  return {
    port: config.port,
    host: config.host,
    storage,
    tablePrefix: config.tablePrefix || undefined,
    planFile: config.planFile,
    botAuthentication: config.bot ? config.bot.type : 'off (local development)',
    tabSignIn: config.tab.sso ? 'Teams SSO' : config.tab.devMode ? 'development mode (no sign-in)' : 'not configured (tab API refuses requests)',
  };
}
