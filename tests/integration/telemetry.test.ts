// Telemetry as it runs in Azure: the server started as `npm start` starts it (bot/index.ts), with
// APPLICATIONINSIGHTS_CONNECTION_STRING set, and stand-ins on 127.0.0.1 for everything outside:
// an OTLP/HTTP collector (OTEL_EXPORTER_OTLP_ENDPOINT), Application Insights' ingestion endpoint
// and App Service's managed identity endpoint (one HTTPS stand-in: the Azure SDK sends a bearer
// token over TLS only; its certificate is made with openssl and trusted by NODE_EXTRA_CA_CERTS),
// and the Bot Connector.
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
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
  authorization?: string;
}

const STAND_IN_TOKEN = 'stand-in-managed-identity-token';

/**
 * Accepts OTLP/HTTP (JSON) and keeps every body. (The Azure Monitor exporter itself only speaks
 * https, so its own calls to this stand-in fail and stay in its offline store, a scratch folder.)
 */
class CollectorStandIn {
  readonly received: Received[] = [];
  private server: https.Server;

  constructor(private readonly tls: { key: Buffer; cert: Buffer }) {
    this.server = https.createServer(tls, (req, res) => this.answer(req, res));
  }

  private answer(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const text = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
      // App Service's managed identity endpoint (IDENTITY_ENDPOINT): Application Insights takes
      // telemetry only with an Entra token (local auth is off in infra/azure.bicep).
      if (req.url?.startsWith('/msi/token')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ access_token: STAND_IN_TOKEN, expires_on: String(Math.floor(Date.now() / 1000) + 3600), resource: 'https://monitor.azure.com/', token_type: 'Bearer' }));
        return;
      }
      this.received.push({ path: req.url ?? '', text, authorization: req.headers.authorization });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(req.url?.startsWith('/v1/') ? '{}' : JSON.stringify({ itemsReceived: 1, itemsAccepted: 1, errors: [] }));
    });
  }

  get url(): string {
    return `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
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
  status?: { code?: number };
  events?: Array<{ name: string }>;
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
const SPAN_KIND_CLIENT = 3;
const STATUS_ERROR = 2;
/** Azurite's table endpoint, where every Table Storage call of the test goes. */
const tableEndpoint = () => /TableEndpoint=([^;]+)/.exec(azuriteConnectionString())![1]!;
const isTableCall = (span: OtlpSpan) => span.kind === SPAN_KIND_CLIENT && String(attribute(span, 'url.full') ?? '').startsWith(tableEndpoint());

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
  const scratch = mkdtempSync(join(tmpdir(), 'gemensam-plan-telemetry-'));
  // A self-signed certificate for 127.0.0.1, trusted by the server process only.
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(scratch, 'key.pem'), '-out', join(scratch, 'cert.pem')], { stdio: 'ignore' });
  const collector = new CollectorStandIn({ key: readFileSync(join(scratch, 'key.pem')), cert: readFileSync(join(scratch, 'cert.pem')) });
  const connector = new ConnectorStandIn();
  const place = { ...PLAN_TEAM, channelId: '19:telemetry@thread.tacv2', channelName: 'Kanalnamn-Qvx' };
  const note = 'hemligt sekretessord';

  before(async () => {
    await collector.start();
    await connector.start();
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TMPDIR: scratch,
      NODE_EXTRA_CA_CERTS: join(scratch, 'cert.pem'),
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
      // As in App Service: the user-assigned identity, and the platform's token endpoint.
      AZURE_CLIENT_ID: '00000000-0000-0000-0000-0000000000c1',
      IDENTITY_ENDPOINT: `${collector.url}/msi/token`,
      IDENTITY_HEADER: 'stand-in-identity-header',
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
    const storageCalls = spans.filter((s) => s.traceId === request.traceId && isTableCall(s) && underRequest(s));
    assert.ok(storageCalls.length > 0, `no Table Storage span under the request: ${spans.filter((s) => s.traceId === request.traceId).map((s) => s.name).join(', ')}`);
  });

  it('records each Table Storage call once, as the HTTP request it is', () => {
    const spans = collector.spans();
    const tableCalls = spans.filter(isTableCall);
    assert.ok(tableCalls.length > 0, 'no Table Storage call was recorded');
    // Another span under a Table call, or a Table call under another Table call, would be the same
    // call recorded again (the Azure SDK's method and HTTP spans did that).
    const ids = new Set(tableCalls.map((s) => s.spanId));
    const again = spans.filter((s) => s.parentSpanId && ids.has(s.parentSpanId));
    assert.deepEqual(again.map((s) => s.name), []);
    assert.deepEqual(spans.filter((s) => attribute(s, 'az.namespace') !== undefined).map((s) => s.name), [], 'Azure SDK spans are recorded too');
  });

  it('records a read of a row that does not exist (404) as a successful call, not a failure or an exception', () => {
    const tableCalls = collector.spans().filter(isTableCall);
    const notFound = tableCalls.filter((s) => attribute(s, 'http.response.status_code') === 404);
    // The channel's first turn reads its link before there is one.
    assert.ok(notFound.length > 0, 'the turn read no missing row, so this test checks nothing');
    assert.deepEqual(notFound.filter((s) => s.status?.code === STATUS_ERROR).map((s) => attribute(s, 'url.full')), [], 'a 404 read is recorded as a failed dependency');
    assert.deepEqual(tableCalls.filter((s) => (s.events ?? []).some((e) => e.name === 'exception')).map((s) => s.name), [], 'a Table call carries an exception');
  });

  it("records only the app's own dependencies: Table Storage and the Bot Connector", () => {
    const outgoing = collector.spans().filter((s) => s.kind === SPAN_KIND_CLIENT).map((s) => String(attribute(s, 'url.full') ?? attribute(s, 'http.url')));
    const others = outgoing.filter((url) => !url.startsWith(tableEndpoint()) && !url.startsWith(connector.url));
    assert.deepEqual(others, []);
  });

  it('sends the request to Application Insights signed in with the managed identity (local auth is off)', () => {
    const track = collector.received.filter((r) => /\/track/.test(r.path));
    assert.ok(track.length > 0, `nothing reached the Application Insights ingestion endpoint: ${collector.received.map((r) => r.path).join(', ')}`);
    assert.ok(track.every((r) => r.authorization === `Bearer ${STAND_IN_TOKEN}`), `sent without the identity's token: ${track.map((r) => r.authorization ?? 'no Authorization').join(', ')}`);
    assert.ok(track.some((r) => r.text.includes('RequestData') && r.text.includes('/api/messages')), 'the bot turn\'s request is not among what was sent');
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
