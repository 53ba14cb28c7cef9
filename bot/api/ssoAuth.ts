// Teams SSO for the tab's API: the bearer token is verified with jose against the issuer's key
// set (signature), the configured issuers, the app's audiences and its expiry, and it must be a
// *user* token for this app from the configured tenant: `exp`, `oid` and `tid` present, `tid`
// the tenant, `scp` with the app's delegated scope, `idtyp` not "app". Anything else is a 401
// with a Swedish message; a key service that cannot be reached is a 503. In the explicit
// development mode a request without a token is served as a fixed development user; a token
// that is sent is still verified.
import type { JWTPayload, JWTVerifyGetKey } from 'jose' with { 'resolution-mode': 'import' };
import type { TabConfig } from './tabConfig';

export interface TabUser {
  /** Entra object id (the `oid` claim): the same id the bot sees as aadObjectId. */
  id: string;
  name: string;
  /** True for the development user of TAB_DEV_MODE. */
  dev: boolean;
}

export type AuthOutcome = { ok: true; user: TabUser } | { ok: false; status: 401 | 503; message: string };

export const DEV_USER: TabUser = { id: 'dev-user', name: 'Utvecklare (inte inloggad)', dev: true };

const refused = (message: string): AuthOutcome => ({ ok: false, status: 401, message });

export const KEY_SERVICE_DOWN = 'Inloggningen kan inte kontrolleras just nu (Microsofts inloggningstjänst svarar inte). Försök igen om en stund.';

export type Authenticator = (authorization: string | undefined) => Promise<AuthOutcome>;

export interface AuthenticatorOptions {
  /** How long one fetch of the key set may take. */
  keyTimeoutMs?: number;
  /** After the key service failed, requests get 503 at once for this long instead of each waiting. */
  keyServiceBackoffMs?: number;
  clock?: () => number;
}

export function createAuthenticator(config: TabConfig, options: AuthenticatorOptions = {}): Authenticator {
  const sso = config.sso;
  const clock = options.clock ?? Date.now;
  // jose is an ES module: loaded once, on first use (this project compiles to CommonJS).
  const jose = import('jose');
  let keys: JWTVerifyGetKey | undefined;
  let keyServiceDownUntil = 0;

  return async (authorization) => {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '')?.[1];
    if (!token) {
      if (config.devMode) return { ok: true, user: DEV_USER };
      return refused('Du är inte inloggad. Öppna fliken i Teams så loggas du in automatiskt.');
    }
    if (!sso) return refused('Inloggning är inte konfigurerad för fliken. Kontakta den som förvaltar appen.');
    const { createRemoteJWKSet, jwtVerify, errors } = await jose;
    if (clock() < keyServiceDownUntil) return { ok: false, status: 503, message: KEY_SERVICE_DOWN };
    keys ??= createRemoteJWKSet(new URL(sso.jwksUrl), { cooldownDuration: 30_000, timeoutDuration: options.keyTimeoutMs ?? 2_000 });
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: sso.issuers,
        audience: sso.audiences,
        algorithms: ['RS256'],
        clockTolerance: 60,
        requiredClaims: ['exp', 'oid', 'tid'],
      }));
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ERR_JWT_EXPIRED') return refused('Din inloggning har gått ut. Ladda om fliken.');
      // The key service did not answer, or answered with something that is not a key set: not
      // the person's fault, and not a reason to send them to sign in again.
      if (code === 'ERR_JWKS_TIMEOUT' || code === 'ERR_JWKS_INVALID' || !(error instanceof errors.JOSEError) || isKeySetHttpFailure(error)) {
        keyServiceDownUntil = clock() + (options.keyServiceBackoffMs ?? 15_000);
        return { ok: false, status: 503, message: KEY_SERVICE_DOWN };
      }
      return refused('Inloggningen kunde inte godkännas. Ladda om fliken i Teams.');
    }
    if (typeof payload['tid'] !== 'string' || payload['tid'].toLowerCase() !== sso.tenantId.toLowerCase()) return refused('Du är inloggad i en annan organisation än den planen används i.');
    if (payload['idtyp'] === 'app' || !hasScope(payload['scp'], sso.scope)) {
      return refused('Inloggningen är inte en användares inloggning för fliken. Ladda om fliken i Teams.');
    }
    const oid = typeof payload['oid'] === 'string' ? payload['oid'] : undefined;
    if (!oid) return refused('Inloggningen saknar ditt användar-id. Ladda om fliken i Teams.');
    const name = typeof payload['name'] === 'string' && payload['name'].trim() ? payload['name'].trim().slice(0, 200) : 'Okänd användare';
    return { ok: true, user: { id: oid, name, dev: false } };
  };
}

/** `scp` is a space-separated list of the delegated scopes granted to the app. */
function hasScope(scp: unknown, scope: string): boolean {
  return typeof scp === 'string' && scp.split(' ').includes(scope);
}

/** jose's generic error for a key set URL that answered without 200 OK. */
function isKeySetHttpFailure(error: unknown): boolean {
  return (error as { code?: string }).code === 'ERR_JOSE_GENERIC' && /JSON Web Key Set/i.test((error as Error).message);
}
