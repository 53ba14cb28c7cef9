// An HTTP proxy between the app and the run's Azurite that can make the store fail the way a
// real one does: stop answering (hang, as a SIGSTOPped or unreachable store) or fail every
// request from the n-th write on (an outage midway). The app is pointed at it by its
// connection string; nothing in the app knows.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { azuriteConnectionString } from './storage';

export class StorageProxy {
  private server?: http.Server;
  private target!: URL;
  private mode: 'pass' | 'hang' | 'swallow' | 'fail' = 'pass';
  private writesLeft = Infinity;
  /** Requests held while hanging, answered (forwarded) on resume. */
  private held: Array<() => void> = [];
  /** Answers never given (swallowAnswers), ended when the proxy stops. */
  private swallowed: http.ServerResponse[] = [];
  /** Write requests forwarded to Azurite ("METHOD path"). */
  readonly writes: string[] = [];
  private connection = '';

  async start(): Promise<this> {
    const cs = azuriteConnectionString();
    this.target = new URL(/TableEndpoint=([^;]+)/.exec(cs)![1]!);
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const port = (this.server.address() as AddressInfo).port;
    this.connection = cs.replace(/TableEndpoint=[^;]+/, `TableEndpoint=http://127.0.0.1:${port}${this.target.pathname}`);
    return this;
  }

  /** The connection string that reaches Azurite through this proxy. */
  connectionString(): string {
    return this.connection;
  }

  /** Forward everything again (held requests go on to Azurite now). */
  pass(): void {
    this.mode = 'pass';
    this.writesLeft = Infinity;
    const held = this.held;
    this.held = [];
    for (const go of held) go();
  }

  /** Stop answering: requests are held, neither forwarded nor refused. */
  hang(): void {
    this.mode = 'hang';
  }

  /** Forward writes to Azurite (they land) but never answer them, as a connection cut after sending or a gateway that times out; reads pass. */
  swallowWriteAnswers(): void {
    this.mode = 'swallow';
  }

  /** Held requests never reach Azurite (the store was gone); then forward everything again. */
  dropHeld(): void {
    this.held = [];
    this.pass();
  }

  /** Requests held now (sent by the app, not answered). */
  get holding(): number {
    return this.held.length;
  }

  /** Forward `n` more writes, then answer every request 503 (the store is down). */
  failAfterWrites(n: number): void {
    this.writesLeft = n;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const write = req.method !== 'GET' && req.method !== 'HEAD';
    if (this.mode === 'fail' || (write && this.writesLeft <= 0)) {
      this.mode = 'fail';
      req.resume();
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ 'odata.error': { code: 'ServerBusy', message: { value: 'The proxy is down' } } }));
      return;
    }
    const forward = () => {
      if (write) {
        this.writesLeft -= 1;
        this.writes.push(`${req.method} ${req.url}`);
      }
      const swallow = this.mode === 'swallow' && write;
      const out = http.request({ host: this.target.hostname, port: this.target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
        if (swallow) {
          answer.resume();
          this.swallowed.push(res);
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      out.on('error', () => res.destroy());
      req.pipe(out);
    };
    if (this.mode === 'hang') {
      req.pause();
      this.held.push(forward);
    } else forward();
  }

  async stop(): Promise<void> {
    this.held = [];
    for (const res of this.swallowed.splice(0)) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
