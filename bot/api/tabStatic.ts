// The tab's static files under /tab/: tab/*.html and the bundle in tab/dist (scripts/buildTab.ts).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** The tab/ folder: next to bot/ when run with tsx, two levels further up when run from dist/. */
export function findTabRoot(): string {
  const candidates = [path.resolve(__dirname, '../../tab'), path.resolve(__dirname, '../../../tab'), path.resolve(process.cwd(), 'tab')];
  return candidates.find((c) => fs.existsSync(path.join(c, 'index.html'))) ?? candidates[0]!;
}

/**
 * The pages may be framed only by Teams and the other Microsoft 365 hosts (Microsoft's tab
 * requirements) and load scripts only from this server. Fluent UI inserts its styles at run
 * time, hence 'unsafe-inline' for styles only. teams-js reads the list of hosts it may talk to from
 * Microsoft's CDN (res.cdn.office.net) when it starts inside Teams; blocked, it logs a CSP error.
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self' https://res.cdn.office.net",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft https://*.microsoft365.com https://*.office.com https://outlook.office.com https://outlook.office365.com",
].join('; ');

export type StaticFile = { found: true; body: Buffer; type: string; cache: string; csp?: string; gzip: boolean } | { found: false };

/** Compressed files, computed once per file version (the bundle changes only with a build). */
const compressed = new Map<string, { mtimeMs: number; body: Buffer }>();

function gzipOf(file: string, mtimeMs: number, body: Buffer): Buffer {
  const cached = compressed.get(file);
  if (cached?.mtimeMs === mtimeMs) return cached.body;
  const zipped = zlib.gzipSync(body, { level: 9 });
  compressed.set(file, { mtimeMs, body: zipped });
  return zipped;
}

/**
 * Resolves /tab/<rest> to a file: only *.html at the top and anything under dist/; never outside.
 * Source maps (the tab's sources) only when asked for: in the local development mode.
 */
export async function tabFile(root: string, rest: string, acceptsGzip = false, sourceMaps = false): Promise<StaticFile> {
  const clean = rest === '' ? 'index.html' : rest;
  if (!/^(?:[\w-]+\.html|dist\/[\w./-]+)$/.test(clean) || clean.includes('..')) return { found: false };
  if (!sourceMaps && clean.endsWith('.map')) return { found: false };
  const file = path.resolve(root, clean);
  if (!file.startsWith(root + path.sep)) return { found: false };
  try {
    const [raw, stat] = await Promise.all([fs.promises.readFile(file), fs.promises.stat(file)]);
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    const gzip = acceptsGzip && /^text\/|json/.test(type) && raw.length > 1024;
    const body = gzip ? gzipOf(file, stat.mtimeMs, raw) : raw;
    // Chunks carry a content hash in their name; the entry files and pages must be revalidated.
    const cache = /-[A-Z0-9]{8}\.js$/.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache';
    return { found: true, body, type, cache, gzip, ...(file.endsWith('.html') ? { csp: PAGE_CSP } : {}) };
  } catch {
    return { found: false };
  }
}
