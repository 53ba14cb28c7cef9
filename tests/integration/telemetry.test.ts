// Telemetry as it runs in Azure: the server started as `npm start` starts it (bot/index.ts), with
// APPLICATIONINSIGHTS_CONNECTION_STRING set, and stand-ins on 127.0.0.1 for everything outside:
// an OTLP/HTTP collector (OTEL_EXPORTER_OTLP_ENDPOINT) and the Bot Connector.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ConnectorStandIn } from '../helpers/connector';
import { azuriteConnectionString, uniquePrefix } from '../helpers/storage';
import { PLAN_TEAM, channelMessage } from '../helpers/teamsActivity';

const repoRoot = join(__dirname, '..', '..');

interface Received {
  path: string;
  text: string;
}

/**
 * Accepts OTLP/HTTP (JSON) and keeps every body. (The Azure Monitor exporter itself only speaks
 * https, so its own calls to this stand-in fail and stay in its offline store, a scratch folder.)
 */
class CollectorStandIn {
  readonly received: Received[] = [];
  private server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const text = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
      this.received.push({ path: req.url ?? '', text });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(req.url?.startsWith('/v1/') ? '{}' : JSON.stringify({ itemsReceived: 1, itemsAccepted: 1, errors: [] }));
    });
  });

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  start(): Promise<void> {
    return new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** Every span sent over OTLP, with its trace, parent and attributes. */
  spans(): OtlpSpan[] {
    return this.received
      .filter((r) => r.path === '/v1/traces')
      .flatMap((r) => (JSON.parse(r.text) as OtlpTraces).resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans)));
  }

  /** Every log record sent over OTLP. */
  logRecords(): OtlpLogRecord[] {
    return this.received
      .filter((r) => r.path === '/v1/logs')
      .flatMap((r) => (JSON.parse(r.text) as OtlpLogs).resourceLogs.flatMap((rl) => rl.scopeLogs.flatMap((sl) => sl.logRecords)));
  }
}

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Array<{ key: string; value: Record<string, unknown> }>;
}
interface OtlpLogRecord {
  traceId?: string;
  body: unknown;
  attributes: Array<{ key: string; value: Record<string, unknown> }>;
}
interface OtlpLogs {
  resourceLogs: Array<{ scopeLogs: Array<{ logRecords: OtlpLogRecord[] }> }>;
}
interface OtlpTraces {
  resourceSpans: Array<{ scopeSpans: Array<{ spans: OtlpSpan[] }> }>;
}

const SPAN_KIND_SERVER = 2;

function attribute(span: OtlpSpan, key: string): unknown {
  const value = span.attributes.find((a) => a.key === key)?.value;
  return value ? Object.values(value)[0] : undefined;
}

/** Starts bot/index.ts in its own process and resolves with the URL it logs. */
function startServer(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--disable-warning=DEP0111', join('bot', 'index.ts')], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').slice(0, -1).find((l) => l.includes('Gemensam plan is running')); // whole lines only
      if (line) {
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        child.stderr!.resume();
        resolve({ child, url: (JSON.parse(line) as { url: string }).url });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`The server exited (code ${code}) before it started:\n${output}`)));
  });
}

describe('telemetry in Azure', function () {
  this.timeout(120_000);
  const collector = new CollectorStandIn();
  const connector = new ConnectorStandIn();
  const place = { ...PLAN_TEAM, channelId: '19:telemetry@thread.tacv2', channelName: 'Kanalnamn-Qvx' };
  const note = 'hemligt sekretessord';

  const scratch = mkdtempSync(join(tmpdir(), 'gemensam-plan-telemetry-'));

  before(async () => {
    await collector.start();
    await connector.start();
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TMPDIR: scratch,
      // Every setting the app reads is given, so that a developer's .env changes nothing here.
      APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=${collector.url}/`,
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      TABLES_CONNECTION_STRING: azuriteConnectionString(),
      TABLES_ACCOUNT_URL: '',
      TABLE_PREFIX: uniquePrefix(),
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      BOT_ID: '',
      AAD_APP_CLIENT_ID: '',
      PLAN_TEAM_IDS: '',
      PROJECT_LEADER_IDS: '',
      PLAN_FILE: '',
      TAB_DEV_MODE: 'false',
    };
    const { child, url } = await startServer(env);
    const response = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(channelMessage(connector.url, place, note)),
    });
    assert.ok(response.ok, `POST /api/messages answered ${response.status}`);
    await connector.waitForCalls(1);
    // Stopping flushes what is buffered: every span of the turn has arrived once it has exited.
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  });

  after(async () => {
    await connector.stop();
    await collector.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('records a bot turn as a request with its Table Storage calls under it', () => {
    const spans = collector.spans();
    const request = spans.find((s) => s.kind === SPAN_KIND_SERVER && /\/api\/messages/.test(String(attribute(s, 'http.target') ?? attribute(s, 'url.path') ?? s.name)));
    assert.ok(request, `no request span for /api/messages among: ${spans.map((s) => s.name).join(', ')}`);
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    const underRequest = (span: OtlpSpan): boolean => {
      for (let parent = span.parentSpanId ? byId.get(span.parentSpanId) : undefined; parent; parent = parent.parentSpanId ? byId.get(parent.parentSpanId) : undefined) {
        if (parent.spanId === request.spanId) return true;
      }
      return false;
    };
    const storageCalls = spans.filter((s) => s.traceId === request.traceId && attribute(s, 'az.namespace') === 'Microsoft.Data.Tables' && underRequest(s));
    assert.ok(storageCalls.length > 0, `no Table Storage span under the request: ${spans.filter((s) => s.traceId === request.traceId).map((s) => s.name).join(', ')}`);
  });

  it('writes the turn\'s log lines with the request\'s trace and the turn\'s correlation id', () => {
    const request = collector.spans().find((s) => s.kind === SPAN_KIND_SERVER)!;
    const turnLines = collector.logRecords().filter((r) => r.traceId === request.traceId);
    assert.ok(turnLines.length > 0, 'no log line carries the request\'s trace id');
    const started = turnLines.find((r) => JSON.stringify(r.body).includes('Turn started'));
    assert.ok(started, `no "Turn started" line in the request's trace: ${turnLines.map((r) => JSON.stringify(r.body)).join(', ')}`);
    assert.ok(started.attributes.some((a) => a.key === 'correlationId'), 'the turn\'s log line has no correlationId');
  });

  it('sends no names, no message text and no client address, only ids', () => {
    const everything = collector.received.map((r) => r.text).join('\n');
    for (const personal of ['Anna Andersson', 'Kanalnamn-Qvx', 'hemligt', 'sekretessord']) {
      const at = everything.indexOf(personal);
      assert.ok(at < 0, `telemetry contains "${personal}": ${everything.slice(Math.max(0, at - 300), at + 100)}`);
    }
    const request = collector.spans().find((s) => s.kind === SPAN_KIND_SERVER);
    assert.equal(attribute(request!, 'client.address'), undefined);
    assert.equal(attribute(request!, 'user_agent.original'), undefined);
  });
});
