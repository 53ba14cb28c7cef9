// Telemetry for Azure: the Azure Monitor OpenTelemetry distro, started only when
// APPLICATIONINSIGHTS_CONNECTION_STRING is set (App Service gets it from infra/azure.bicep).
// It records incoming requests (the bot's turns, the tab's API), their dependencies (Table Storage
// through the Azure SDK, the Bot Connector over HTTP), exceptions, pino's log lines (correlated
// with the request they were written in) and the app's own counters (metrics.ts).
//
// It must start before anything it instruments is loaded: bot/index.ts imports ./register first.
//
// What leaves the process is ids and technical facts only: logs carry ids by design (log.ts), and
// scrubPersonalData below drops the client's IP address, user agent and query strings that HTTP
// instrumentation would otherwise add to request spans.
//
// OTEL_EXPORTER_OTLP_ENDPOINT (standard OpenTelemetry) additionally sends spans and logs to an
// OTLP/HTTP collector; the tests use it to see a turn's telemetry without Azure.
import type { IncomingMessage, RequestOptions } from 'node:http';
import type { BatchLogRecordProcessor } from '@opentelemetry/sdk-logs';
import type { BatchSpanProcessor, ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';

// Loaded only when telemetry starts: without a connection string none of it is in memory.
type Distro = typeof import('@azure/monitor-opentelemetry');
const load = {
  distro: () => require('@azure/monitor-opentelemetry') as Distro,
  instrumentation: () => require('@opentelemetry/instrumentation') as typeof import('@opentelemetry/instrumentation'),
  pino: () => require('@opentelemetry/instrumentation-pino') as typeof import('@opentelemetry/instrumentation-pino'),
  otlpLogs: () => require('@opentelemetry/exporter-logs-otlp-http') as typeof import('@opentelemetry/exporter-logs-otlp-http'),
  otlpTraces: () => require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http'),
  sdkLogs: () => require('@opentelemetry/sdk-logs') as typeof import('@opentelemetry/sdk-logs'),
  identity: () => require('@azure/identity') as typeof import('@azure/identity'),
  sdkTraces: () => require('@opentelemetry/sdk-trace-base') as typeof import('@opentelemetry/sdk-trace-base'),
};

let started = false;
let distro: Distro | undefined;
/** The OTLP processors, flushed on their own at stop (the Azure Monitor exporter may fail first). */
let otlpProcessors: Array<BatchSpanProcessor | BatchLogRecordProcessor> = [];

/** Starts telemetry when the environment asks for it; returns whether it did. */
export function startTelemetry(env: NodeJS.ProcessEnv = process.env): boolean {
  const connectionString = env.APPLICATIONINSIGHTS_CONNECTION_STRING?.trim();
  if (started || !connectionString) return started;
  // Cloud role name in Application Insights.
  env.OTEL_SERVICE_NAME ||= 'gemensam-plan';
  // Statsbeat is the SDK's own usage report to Microsoft, outside the region's resource: off,
  // so that telemetry goes to the Application Insights resource in Sweden Central only.
  env.APPLICATIONINSIGHTS_STATSBEAT_DISABLED ||= 'true';
  const otlp = Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim());
  const otlpSpans = otlp ? [new (load.sdkTraces().BatchSpanProcessor)(new (load.otlpTraces().OTLPTraceExporter)())] : [];
  const otlpLogs = otlp ? [new (load.sdkLogs().BatchLogRecordProcessor)({ exporter: new (load.otlpLogs().OTLPLogExporter)() })] : [];
  otlpProcessors = [...otlpSpans, ...otlpLogs];
  distro = load.distro();
  // Application Insights accepts telemetry only with Entra ID (local auth is off in
  // infra/azure.bicep): in Azure the app signs in with its managed identity (AZURE_CLIENT_ID).
  const clientId = env.AZURE_CLIENT_ID?.trim();
  const credential = clientId ? new (load.identity().ManagedIdentityCredential)({ clientId }) : undefined;
  distro.useAzureMonitor({
    azureMonitorExporterOptions: { connectionString, ...(credential ? { credential } : {}) },
    // A county's teams make few requests: keep every one rather than a rate-limited sample.
    samplingRatio: 1,
    tracesPerSecond: 0,
    enableLiveMetrics: false,
    instrumentationOptions: {
      http: {
        enabled: true,
        ignoreIncomingRequestHook: (req: IncomingMessage) => req.url === '/healthz',
        ignoreOutgoingRequestHook: (req: RequestOptions) => NOT_THE_APPS_DEPENDENCIES.has(String(req.hostname ?? req.host ?? '').replace(/:\d+$/, '')),
      } as { enabled: boolean },
      // Every Table Storage call is recorded once, as the HTTP request it is (the instrumentation
      // above). The Azure SDK's own spans would record each call twice more (the method and its
      // HTTP request) and turn each "not found" into an exception.
      azureSdk: { enabled: false },
    },
    spanProcessors: [scrubPersonalData, expectedNotFound, ...otlpSpans],
    logRecordProcessors: otlpLogs,
  });
  // pino is not among the distro's log instrumentations: this one adds trace and span ids to each
  // log line and sends the line to Azure Monitor with the request it belongs to.
  load.instrumentation().registerInstrumentations({ instrumentations: [new (load.pino().PinoInstrumentation)()] });
  started = true;
  return true;
}

/** Sends what is buffered; called once when the process stops. */
export async function stopTelemetry(): Promise<void> {
  if (!started) return;
  started = false;
  await Promise.allSettled(otlpProcessors.map((p) => p.forceFlush()));
  try {
    await distro?.shutdownAzureMonitor();
  } catch (error) {
    // Telemetry that cannot be delivered must not change how the app stops; say so once.
    console.error(`Telemetry could not be flushed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Requests the telemetry packages make for themselves, not for the app: the Azure VM resource
 * detector's probe of the instance metadata service (refused outside a VM) and the exporter's
 * feature-settings poll (a GET without telemetry; it cannot be switched off).
 */
const NOT_THE_APPS_DEPENDENCIES = new Set(['169.254.169.254', 'settings.sdk.monitor.azure.com']);

/** A Table Storage point read: GET …/<table>(PartitionKey='…',RowKey='…'). */
const POINT_READ = /\(PartitionKey='[^']*',RowKey='[^']*'\)$/;

/**
 * A point read answered 404 is the store's ordinary "there is no such row" (reads of what may not
 * exist yet, such as a channel's link), not a failed dependency: it is recorded as succeeded.
 */
export const expectedNotFound: SpanProcessor = {
  onStart: () => undefined,
  onEnding: (span: Span) => {
    const attributes = span.attributes as Record<string, unknown>;
    const status = Number(attributes['http.response.status_code'] ?? attributes['http.status_code']);
    const method = attributes['http.request.method'] ?? attributes['http.method'];
    const url = String(attributes['url.full'] ?? attributes['http.url'] ?? '');
    if (status === 404 && method === 'GET' && POINT_READ.test(url.split('?')[0]!)) span.setStatus({ code: 1 /* SpanStatusCode.OK */ });
  },
  onEnd: () => undefined,
  forceFlush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
};

/** Attributes that would say who or where a person is; ids in paths are Teams/Entra ids only. */
const PERSONAL_ATTRIBUTES = [
  'client.address',
  'http.client_ip',
  'net.peer.ip',
  'network.peer.address',
  'net.sock.peer.addr',
  'user_agent.original',
  'http.user_agent',
  'url.query',
];
const URL_ATTRIBUTES = ['http.url', 'http.target', 'url.full'];

/** Runs before the exporters read the span (they export in batches, after onEnd). */
export const scrubPersonalData: SpanProcessor = {
  onStart: () => undefined,
  onEnd: (span: ReadableSpan) => {
    const attributes = span.attributes as Record<string, unknown>;
    for (const key of PERSONAL_ATTRIBUTES) delete attributes[key];
    for (const key of URL_ATTRIBUTES) {
      const value = attributes[key];
      if (typeof value === 'string' && value.includes('?')) attributes[key] = value.slice(0, value.indexOf('?'));
    }
  },
  forceFlush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
};
