// The tab's sign-in settings, read from the environment once and validated. Teams SSO tokens are
// checked against the issuer's key set (JWKS), the accepted issuers and the app's audience.
// TAB_DEV_MODE lets a plain browser use the tab as a fixed development user; it is refused
// whenever the app is configured for Azure (BOT_ID or TABLES_ACCOUNT_URL set). The accessibility
// statement's contact address (ACCESSIBILITY_CONTACT) is the one public setting the tab reads.
import { z } from 'zod';
import { optionalText } from '../envText';

const tabEnvSchema = z.object({
  /** Client id of the tab's Entra app registration (aad.manifest.json). */
  AAD_APP_CLIENT_ID: optionalText,
  /** Host name the tab is served from, as in the identifier URI api://<domain>/<client id>. */
  TAB_DOMAIN: optionalText,
  /** Entra tenant whose users sign in. */
  AUTH_TENANT_ID: optionalText,
  /** Key set URL; defaults to Entra's v2 keys for the tenant. */
  AUTH_JWKS_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  /** Accepted issuers, comma separated; default Entra v2 and v1 issuers of the tenant. */
  AUTH_ISSUERS: optionalText,
  /** The delegated scope the tab asks for (aad.manifest.json's oauth2Permissions). */
  AUTH_SCOPE: optionalText,
  TAB_DEV_MODE: z.enum(['true', 'false', '']).optional(),
  /** Where people report accessibility problems (DOS-lagen): an e-mail address or an https page. */
  ACCESSIBILITY_CONTACT: optionalText.pipe(z.union([z.email(), z.url({ protocol: /^https$/ })]).optional()),
  BOT_ID: optionalText,
  TABLES_ACCOUNT_URL: optionalText,
});

export interface SsoSettings {
  clientId: string;
  /** Every audience a valid token may carry: api://<domain>/<client id> and the client id. */
  audiences: string[];
  issuers: string[];
  jwksUrl: string;
  /** The tenant whose users may sign in (the token's `tid`). */
  tenantId: string;
  /** The app's delegated scope a user token must carry in `scp`. */
  scope: string;
}

export interface TabConfig {
  /** Undefined: sign-in is not configured, and the tab's API refuses every request without dev mode. */
  sso?: SsoSettings;
  /** Requests without a token are served as a fixed development user. Never with Azure settings. */
  devMode: boolean;
  /** The accessibility statement's contact: an e-mail address or an https page; undefined when none is configured. */
  accessibilityContact?: string;
}

/** What the tab may read without signing in: the accessibility statement is public (GET /api/tab-settings). */
export interface PublicTabSettings {
  accessibilityContact: { kind: 'email' | 'web'; address: string } | null;
}

export function publicTabSettings(config: TabConfig): PublicTabSettings {
  const address = config.accessibilityContact;
  if (!address) return { accessibilityContact: null };
  return { accessibilityContact: { kind: address.startsWith('https://') ? 'web' : 'email', address } };
}

export class TabConfigError extends Error {}

export function loadTabConfig(env: NodeJS.ProcessEnv | Record<string, string | undefined> = process.env): TabConfig {
  const parsed = tabEnvSchema.safeParse(env, { error: z.locales.en().localeError });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new TabConfigError(`Invalid tab configuration (${problems}). See .env.example.`);
  }
  const e = parsed.data;
  const devMode = e.TAB_DEV_MODE === 'true';
  if (devMode && (e.BOT_ID || e.TABLES_ACCOUNT_URL)) {
    throw new TabConfigError('TAB_DEV_MODE=true is refused: the app is configured for Azure (BOT_ID or TABLES_ACCOUNT_URL is set).');
  }
  let sso: SsoSettings | undefined;
  if (e.AAD_APP_CLIENT_ID) {
    // The tenant is required: a token is accepted only from the configured tenant's users.
    if (!e.AUTH_TENANT_ID) {
      throw new TabConfigError('AAD_APP_CLIENT_ID is set but AUTH_TENANT_ID is not. See .env.example.');
    }
    if (!e.TAB_DOMAIN) throw new TabConfigError('AAD_APP_CLIENT_ID is set but TAB_DOMAIN is not. See .env.example.');
    const tenant = e.AUTH_TENANT_ID;
    const issuers = e.AUTH_ISSUERS
      ? e.AUTH_ISSUERS.split(',').map((s) => s.trim()).filter(Boolean)
      : [`https://login.microsoftonline.com/${tenant}/v2.0`, `https://sts.windows.net/${tenant}/`];
    sso = {
      clientId: e.AAD_APP_CLIENT_ID,
      audiences: [`api://${e.TAB_DOMAIN}/${e.AAD_APP_CLIENT_ID}`, e.AAD_APP_CLIENT_ID],
      issuers,
      jwksUrl: e.AUTH_JWKS_URL ?? `https://login.microsoftonline.com/${tenant}/discovery/v2.0/keys`,
      tenantId: tenant,
      scope: e.AUTH_SCOPE ?? 'access_as_user',
    };
  }
  // Without sso and dev mode the tab's API refuses every request (401), which is safe.
  return Object.freeze({ ...(sso ? { sso } : {}), devMode, ...(e.ACCESSIBILITY_CONTACT ? { accessibilityContact: e.ACCESSIBILITY_CONTACT } : {}) });
}
