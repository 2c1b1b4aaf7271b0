/**
 * A loopback OTLP/HTTP traces receiver for tests: it accepts POST /v1/traces on 127.0.0.1 (a port
 * of its own) and decodes each body with the OpenTelemetry protobuf definitions (vendored under
 * test/fixtures/otlp) through protobufjs — not with the exporter's serializer, so a test checks what
 * a real collector would read. It can be told to refuse, as a collector without credentials does.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import * as path from 'node:path';
import protobuf from 'protobufjs';
import { repoRoot } from '../../tools/paths';

const protoRoot = path.join(repoRoot, 'test', 'fixtures', 'otlp');

/** One attribute as a collector reads it: the AnyValue's set field. */
export type OtlpValue =
  | { stringValue: string }
  | { boolValue: boolean }
  | { intValue: string }
  | { doubleValue: number }
  | { arrayValue: { values?: OtlpValue[] } }
  | { kvlistValue: { values?: OtlpKeyValue[] } }
  | { bytesValue: string };
export interface OtlpKeyValue { key: string; value: OtlpValue }

/** A decoded span, field names as protobufjs gives them (camelCase); ids hex, times decimal strings of ns. */
export interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: string;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes?: OtlpKeyValue[];
  links?: { traceId: string; spanId: string; attributes?: OtlpKeyValue[] }[];
  status?: { code?: string; message?: string };
  flags?: number;
}

/** A decoded ExportTraceServiceRequest. */
export interface OtlpRequest {
  resourceSpans: {
    resource?: { attributes?: OtlpKeyValue[] };
    scopeSpans: { scope?: { name: string; version?: string }; spans: OtlpSpan[] }[];
  }[];
}

/** One request the receiver got. */
export interface Received {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: OtlpRequest;
}

let requestType: protobuf.Type | undefined;

/** The ExportTraceServiceRequest type, loaded once from the vendored .proto files. */
function exportRequestType(): protobuf.Type {
  if (requestType) return requestType;
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => path.join(protoRoot, target);
  root.loadSync('opentelemetry/proto/collector/trace/v1/trace_service.proto', { keepCase: false });
  requestType = root.lookupType('opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest');
  return requestType;
}

/** Decodes an OTLP/HTTP protobuf traces body; ids as hex, 64-bit integers as decimal strings, enums by name. */
export function decodeOtlpTraces(bytes: Uint8Array): OtlpRequest {
  const type = exportRequestType();
  const message = type.decode(bytes);
  const object = type.toObject(message, { longs: String, enums: String, bytes: String, defaults: false, arrays: true });
  return hexIds(object) as OtlpRequest;
}

/** protobufjs gives bytes as base64; OpenTelemetry ids read as hex everywhere else. */
function hexIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(hexIds);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, field]) => [
    key,
    /^(traceId|spanId|parentSpanId)$/.test(key) && typeof field === 'string' ? Buffer.from(field, 'base64').toString('hex') : hexIds(field),
  ]));
}

export interface OtlpReceiver {
  /** The traces endpoint: http://127.0.0.1:<port>/v1/traces. */
  readonly endpoint: string;
  readonly received: Received[];
  /** Every span received so far, in arrival order. */
  spans(): OtlpSpan[];
  /** Resolves once at least `count` spans arrived. */
  waitForSpans(count: number, timeoutMs?: number): Promise<OtlpSpan[]>;
  close(): Promise<void>;
}

export interface ReceiverOptions {
  /** Answer every request with this status (and a body saying why) instead of accepting it. */
  readonly refuseWith?: number;
}

export async function startOtlpReceiver(options: ReceiverOptions = {}): Promise<OtlpReceiver> {
  const received: Received[] = [];
  const waiters = new Set<() => void>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (options.refuseWith !== undefined) {
        response.writeHead(options.refuseWith, { 'content-type': 'text/plain' }).end('missing credentials');
        return;
      }
      if (request.method !== 'POST' || request.url !== '/v1/traces' || request.headers['content-type'] !== 'application/x-protobuf') {
        response.writeHead(404).end();
        return;
      }
      try {
        received.push({ path: request.url, headers: request.headers, body: decodeOtlpTraces(Buffer.concat(chunks)) });
      } catch (error) {
        response.writeHead(400, { 'content-type': 'text/plain' }).end(String(error));
        return;
      }
      // An empty ExportTraceServiceResponse: everything accepted.
      response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
      for (const wake of waiters) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const spans = () => received.flatMap((request) => request.body.resourceSpans.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans)));
  return {
    endpoint: `http://127.0.0.1:${port}/v1/traces`,
    received,
    spans,
    waitForSpans: (count, timeoutMs = 10_000) => new Promise((resolve, reject) => {
      const check = () => {
        if (spans().length < count) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(spans());
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`The receiver got ${spans().length} spans, not ${count}, within ${timeoutMs} ms.`));
      }, timeoutMs);
      waiters.add(check);
      check();
    }),
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** An attribute's value as plain JS: strings, numbers (ints from their decimal string), booleans, arrays. */
export function attributeValue(value: OtlpValue | undefined): unknown {
  if (value === undefined) return undefined;
  if ('stringValue' in value) return value.stringValue;
  if ('boolValue' in value) return value.boolValue;
  if ('intValue' in value) return Number(value.intValue);
  if ('doubleValue' in value) return value.doubleValue;
  if ('arrayValue' in value) return (value.arrayValue.values ?? []).map(attributeValue);
  if ('kvlistValue' in value) return Object.fromEntries((value.kvlistValue.values ?? []).map((entry) => [entry.key, attributeValue(entry.value)]));
  return value.bytesValue;
}

/** A span's (or resource's) attributes as a plain record. */
export function attributesOf(holder: { attributes?: OtlpKeyValue[] } | undefined): Record<string, unknown> {
  return Object.fromEntries((holder?.attributes ?? []).map((entry) => [entry.key, attributeValue(entry.value)]));
}

/** A loopback port nothing listens on (bound, then released): an endpoint that refuses connections. */
export async function closedLoopbackPort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
