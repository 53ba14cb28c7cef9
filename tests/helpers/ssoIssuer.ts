// A stand-in for Entra ID on 127.0.0.1: serves a key set (JWKS) and mints Teams SSO tokens
// signed with its key, so the tab's API runs its real token validation in tests.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

type Jose = typeof import('jose', { with: { 'resolution-mode': 'import' } });
export type SigningKey = Awaited<ReturnType<Jose['generateKeyPair']>>['privateKey'];

export const SSO = {
  clientId: '11111111-2222-3333-4444-555555555555',
  tenant: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
  domain: 'plan.example.test',
  get audience() {
    return `api://${this.domain}/${this.clientId}`;
  },
};

export interface TokenOptions {
  key?: SigningKey;
  kid?: string;
  audience?: string;
  issuer?: string;
  expiresIn?: string | number;
  oid?: string | null;
  name?: string;
  /** The tenant (`tid`); null leaves it out. */
  tid?: string | null;
  /** Delegated scopes (`scp`); default the app's access_as_user, null leaves it out (an app-only token). */
  scp?: string | null;
  idtyp?: string;
  /** Leave out `exp`: a token that would never expire. */
  noExpiry?: boolean;
}

export class SsoIssuer {
  jose!: Jose;
  issuer = '';
  private server?: http.Server;
  private key?: SigningKey;
  /** A key the issuer does not publish: tokens signed with it must be refused. */
  strangerKey?: SigningKey;
  base = '';
  /** How the key set URL answers: normally, never (hangs), or with a 500. */
  keyService: 'up' | 'hanging' | 'failing' = 'up';
  /** Requests the key set URL has received. */
  keyRequests = 0;

  async start(): Promise<this> {
    this.jose = await import('jose');
    const pair = await this.jose.generateKeyPair('RS256');
    this.key = pair.privateKey;
    this.strangerKey = (await this.jose.generateKeyPair('RS256')).privateKey;
    const jwk = { ...(await this.jose.exportJWK(pair.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
    this.server = http.createServer((req, res) => {
      if (req.url === '/keys') {
        this.keyRequests++;
        if (this.keyService === 'hanging') return;
        if (this.keyService === 'failing') {
          res.statusCode = 500;
          res.end();
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ keys: [jwk] }));
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    this.issuer = `${this.base}/${SSO.tenant}/v2.0`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** The environment that points the app's token validation at this issuer. */
  env(): Record<string, string> {
    return { AAD_APP_CLIENT_ID: SSO.clientId, TAB_DOMAIN: SSO.domain, AUTH_TENANT_ID: SSO.tenant, AUTH_JWKS_URL: `${this.base}/keys`, AUTH_ISSUERS: this.issuer };
  }

  async token(options: TokenOptions = {}): Promise<string> {
    const claims: Record<string, unknown> = { name: options.name ?? 'Anna Andersson' };
    if (options.tid !== null) claims['tid'] = options.tid ?? SSO.tenant;
    if (options.oid !== null) claims['oid'] = options.oid ?? 'oid-anna';
    if (options.scp !== null) claims['scp'] = options.scp ?? 'access_as_user';
    if (options.idtyp) claims['idtyp'] = options.idtyp;
    const jwt = new this.jose.SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'key-1' })
      .setIssuer(options.issuer ?? this.issuer)
      .setAudience(options.audience ?? SSO.audience)
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200);
    if (!options.noExpiry) jwt.setExpirationTime(options.expiresIn ?? '1h');
    return jwt.sign(options.key ?? this.key!);
  }
}
