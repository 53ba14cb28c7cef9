// A Bot Connector stand-in on 127.0.0.1: the activities' serviceUrl points here, so every reply
// the bot sends arrives as a real HTTP request and is recorded for the test to read.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorCall {
  method: string;
  path: string;
  conversationId: string;
  body: Record<string, unknown>;
}

export class ConnectorStandIn {
  readonly calls: ConnectorCall[] = [];
  private server?: http.Server;
  private waiters: Array<{ count: number; resolve: () => void }> = [];
  private nextId = 1;

  get url(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}/`;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      req.on('end', () => {
        const path = req.url ?? '';
        const match = /^\/v3\/conversations\/([^/]+)/.exec(path);
        this.calls.push({
          method: req.method ?? '',
          path,
          conversationId: match ? decodeURIComponent(match[1]!) : '',
          body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {},
        });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `reply-${this.nextId++}` }));
        this.notify();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** Replies (activities the bot sent), in order. */
  get replies(): Array<Record<string, unknown>> {
    return this.calls.filter((c) => c.method === 'POST' && /\/activities/.test(c.path)).map((c) => c.body);
  }

  /** Resolves once at least `count` calls have arrived. */
  waitForCalls(count: number, timeoutMs = 5_000): Promise<void> {
    if (this.calls.length >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Connector received ${this.calls.length} of ${count} expected calls`)), timeoutMs);
      this.waiters.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  reset(): void {
    this.calls.length = 0;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private notify(): void {
    this.waiters = this.waiters.filter((w) => {
      if (this.calls.length >= w.count) {
        w.resolve();
        return false;
      }
      return true;
    });
  }
}
