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

export interface StandInResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export class ConnectorStandIn {
  readonly calls: ConnectorCall[] = [];
  /** The team's channels, as GET /v3/teams/{teamId}/conversations lists them. */
  teamChannels: Array<{ id: string; name?: string }> = [];
  /**
   * Lets a test answer a call differently (429, 403, ...); undefined means the normal answer,
   * 'hang' no answer at all, 'cut' the connection closed after the call was taken (and recorded).
   */
  override?: (call: ConnectorCall) => StandInResponse | 'hang' | 'cut' | undefined;
  /** Calls left without an answer ('hang'), until release(). */
  private hung: Array<{ call: ConnectorCall; res: http.ServerResponse }> = [];
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
        const call: ConnectorCall = {
          method: req.method ?? '',
          path,
          conversationId: match ? decodeURIComponent(match[1]!) : '',
          body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {},
        };
        this.calls.push(call);
        const override = this.override?.(call);
        if (override === 'hang') {
          this.hung.push({ call, res });
          this.notify();
          return;
        }
        if (override === 'cut') {
          res.socket?.destroy();
          this.notify();
          return;
        }
        const answer = override ?? this.normalAnswer(call);
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
        this.notify();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** The team's roster by Teams id, as GET /v3/conversations/{team}/members/{id} answers (TeamsInfo.getMember). */
  readonly members = new Map<string, { id: string; name: string; aadObjectId: string }>();

  private normalAnswer(call: ConnectorCall): StandInResponse {
    const member = call.method === 'GET' ? /\/members\/([^/?]+)$/.exec(call.path) : null;
    if (member) {
      const person = this.members.get(decodeURIComponent(member[1]!));
      return person ? { status: 200, body: { ...person, objectId: person.aadObjectId } } : { status: 404, body: { error: { code: 'MemberNotFoundInConversation' } } };
    }
    if (call.method === 'GET' && /^\/v3\/teams\/[^/]+\/conversations/.test(call.path)) {
      return { status: 200, body: { conversations: this.teamChannels } };
    }
    return { status: 200, body: { id: `reply-${this.nextId++}` } };
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

  /** Answers the calls left hanging, normally. */
  release(): void {
    for (const { call, res } of this.hung.splice(0)) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(this.normalAnswer(call).body));
    }
  }

  reset(): void {
    this.calls.length = 0;
  }

  async stop(): Promise<void> {
    this.release();
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
