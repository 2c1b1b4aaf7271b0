/**
 * Sends a run's spans to an OTLP/HTTP endpoint (Jaeger, an OpenTelemetry Collector, Langfuse,
 * Phoenix) through the OpenTelemetry SDK's protobuf exporter — its transport, retries of 429/502/
 * 503/504 and refused connections within the timeout, and the OTEL_EXPORTER_OTLP_HEADERS it reads
 * for credentials — in batches, so a 100,000-span run is not one request a collector would refuse
 * for its size.
 */
import { ExportResultCode } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import type { Span } from '../spans';
import { checkOtlpEndpoint, describeExportFailure } from './endpoint';
import { toOtelSpans } from './otelSpans';

/** How long one request may take, retries included, unless the caller says otherwise. */
export const defaultExportTimeoutMs = 10_000;

/** Spans per request: well under the collector's default body limit for Nova's attribute sizes. */
export const spansPerRequest = 512;

export interface SendOtlpOptions {
  readonly signal?: AbortSignal;
  /** Extra HTTP headers (credentials); merged over OTEL_EXPORTER_OTLP_HEADERS. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Per request, retries included. */
  readonly timeoutMs?: number;
}

/** Resolves once every span was accepted; rejects with a sentence naming the endpoint otherwise. */
export async function sendOtlpTrace(spans: readonly Span[], endpoint: string, options: SendOtlpOptions = {}): Promise<void> {
  const exporter = otlpExporter(endpoint, options);
  try {
    const otel = toOtelSpans(spans);
    for (let start = 0; start < otel.length; start += spansPerRequest) {
      options.signal?.throwIfAborted();
      await exportBatch(exporter, otel.slice(start, start + spansPerRequest), endpoint, options);
    }
  } finally {
    // Shutting down waits for requests in flight; after a cancel, that would hold the caller up to a timeout.
    const shutdown = exporter.shutdown().catch(() => undefined);
    if (!options.signal?.aborted) await shutdown;
  }
}

/** The SDK's OTLP/HTTP protobuf exporter for `endpoint` (checked first). */
export function otlpExporter(endpoint: string, options: Pick<SendOtlpOptions, 'headers' | 'timeoutMs'>): OTLPTraceExporter {
  checkOtlpEndpoint(endpoint);
  return new OTLPTraceExporter({ url: endpoint, timeoutMillis: options.timeoutMs ?? defaultExportTimeoutMs, ...(options.headers ? { headers: { ...options.headers } } : {}) });
}

/** One request; an abort rejects at once (the request itself ends with its timeout). */
export function exportBatch(exporter: OTLPTraceExporter, batch: ReadableSpan[], endpoint: string, options: Pick<SendOtlpOptions, 'signal' | 'timeoutMs'>): Promise<void> {
  return new Promise((resolve, reject) => {
    const { signal } = options;
    const onAbort = () => reject(signal?.reason ?? new Error('The export was cancelled.'));
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    exporter.export(batch, (result) => {
      signal?.removeEventListener('abort', onAbort);
      if (result.code === ExportResultCode.SUCCESS) resolve();
      else reject(new Error(describeExportFailure(endpoint, result.error, options.timeoutMs ?? defaultExportTimeoutMs)));
    });
  });
}
