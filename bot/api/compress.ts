// JSON answers compressed when the client accepts it (brotli preferred, then gzip). GET /api/plan
// is some hundred kilobytes of JSON; compressed it is a tenth of that. Small answers go as they are.
import zlib from 'node:zlib';
import type { Request, Response } from 'restify';

const MIN_BYTES = 1024;

export type Encoding = 'br' | 'gzip' | undefined;

/** The best encoding the Accept-Encoding header allows (q=0 refuses one). */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding {
  const accepted = new Map(
    (acceptEncoding ?? '').split(',').map((part) => {
      const [name, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return [name ?? '', q === undefined ? 1 : Number(q)] as const;
    }),
  );
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return undefined;
}

export function sendJson(req: Request, res: Response, status: number, body: unknown): void {
  const raw = Buffer.from(JSON.stringify(body), 'utf8');
  const encoding = raw.length >= MIN_BYTES ? chooseEncoding(req.header('accept-encoding')) : undefined;
  const payload =
    encoding === 'br'
      ? zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } })
      : encoding === 'gzip'
        ? zlib.gzipSync(raw, { level: 6 })
        : raw;
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': payload.length,
    Vary: 'Accept-Encoding',
    ...(encoding ? { 'Content-Encoding': encoding } : {}),
  });
  res.end(payload);
}
