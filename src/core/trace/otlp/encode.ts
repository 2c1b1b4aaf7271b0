/**
 * A run's spans as one OTLP/HTTP protobuf request body (`ExportTraceServiceRequest`), for saving to a
 * file and sending later (`curl --data-binary @run.otlp -H 'Content-Type: application/x-protobuf'`).
 * The bytes are the OpenTelemetry SDK's own serializer's, the same its OTLP/HTTP exporter sends.
 */
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { Span } from '../spans';
import { toOtelSpans } from './otelSpans';

export function encodeOtlpTrace(spans: readonly Span[]): Uint8Array {
  // The serializer answers undefined only for an empty list; an empty request is still a valid one.
  return ProtobufTraceSerializer.serializeRequest(toOtelSpans(spans)) ?? new Uint8Array();
}
