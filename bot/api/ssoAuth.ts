// Teams SSO for the tab's API: the bearer token is verified with jose against the issuer's key
// set (signature), the configured issuers, the app's audiences and its expiry. Anything else is
// a 401 with a Swedish message. In the explicit development mode a request without a token is
// served as a fixed development user; a token that is sent is still verified.
import type { JWTPayload, JWTVerifyGetKey } from 'jose' with { 'resolution-mode': 'import' };
import type { TabConfig } from './tabConfig';

export interface TabUser {
  /** Entra object id (the `oid` claim): the same id the bot sees as aadObjectId. */
  id: string;
  name: string;
  /** True for the development user of TAB_DEV_MODE. */
  dev: boolean;
}

export type AuthOutcome = { ok: true; user: TabUser } | { ok: false; status: 401; message: string };

export const DEV_USER: TabUser = { id: 'dev-user', name: 'Utvecklare (inte inloggad)', dev: true };

const refused = (message: string): AuthOutcome => ({ ok: false, status: 401, message });

export type Authenticator = (authorization: string | undefined) => Promise<AuthOutcome>;

export function createAuthenticator(config: TabConfig): Authenticator {
  const sso = config.sso;
  // jose is an ES module: loaded once, on first use (this project compiles to CommonJS).
  const jose = import('jose');
  let keys: JWTVerifyGetKey | undefined;

  return async (authorization) => {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '')?.[1];
    if (!token) {
      if (config.devMode) return { ok: true, user: DEV_USER };
      return refused('Du är inte inloggad. Öppna fliken i Teams så loggas du in automatiskt.');
    }
    if (!sso) return refused('Inloggning är inte konfigurerad för fliken. Kontakta den som förvaltar appen.');
    const { createRemoteJWKSet, jwtVerify } = await jose;
    keys ??= createRemoteJWKSet(new URL(sso.jwksUrl), { cooldownDuration: 30_000, timeoutDuration: 5_000 });
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, { issuer: sso.issuers, audience: sso.audiences, algorithms: ['RS256'], clockTolerance: 60 }));
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ERR_JWT_EXPIRED') return refused('Din inloggning har gått ut. Ladda om fliken.');
      return refused('Inloggningen kunde inte godkännas. Ladda om fliken i Teams.');
    }
    const oid = typeof payload['oid'] === 'string' ? payload['oid'] : undefined;
    if (!oid) return refused('Inloggningen saknar ditt användar-id. Ladda om fliken i Teams.');
    const name = typeof payload['name'] === 'string' && payload['name'].trim() ? payload['name'].trim().slice(0, 200) : 'Okänd användare';
    return { ok: true, user: { id: oid, name, dev: false } };
  };
}
