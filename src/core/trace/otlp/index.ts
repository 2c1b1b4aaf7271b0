/**
 * Nova's OpenTelemetry export: a run's spans as OTLP (GenAI semantic conventions, Nova's own under
 * `nova.*`), saved as a protobuf request, sent to an endpoint, or streamed live while a run goes on.
 */
export { encodeOtlpTrace } from './encode';
export { checkOtlpEndpoint } from './endpoint';
export { liveOtlpProcessor, type LiveOtlpOptions } from './liveProcessor';
export { sendOtlpTrace, type SendOtlpOptions } from './send';
export { toOtelSpan, toOtelSpans } from './otelSpans';
