// Where a Table Storage connection string really points: resolved by the storage client itself,
// never by a regex on the string (a crafted string can carry a loopback address in another key).
import { TableClient } from '@azure/data-tables';

/** The table endpoint the storage client will talk to, or undefined if the string is unusable. */
export function resolvedTableEndpoint(connectionString: string): URL | undefined {
  try {
    return new URL(TableClient.fromConnectionString(connectionString, 'probe', { allowInsecureConnection: true }).url);
  } catch {
    return undefined;
  }
}

/** 127.0.0.0/8, ::1 and localhost: this machine, and nothing else. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h.replace(/^::ffff:/, ''));
  return v4 !== null && Number(v4[1]) === 127 && v4.slice(2).every((p) => Number(p) <= 255);
}

/** An http(s) URL on this machine. */
export function isLoopbackUrl(url: string | URL): boolean {
  try {
    const u = typeof url === 'string' ? new URL(url) : url;
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.username === '' && u.password === '' && isLoopbackHost(u.hostname);
  } catch {
    return false;
  }
}
