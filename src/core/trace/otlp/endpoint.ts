/**
 * Where OTLP goes, checked before anything is sent, and what to tell a person when it refused or
 * could not be reached: the exporter's own errors say "Request timed out" or "Not Found" without
 * saying where, nor what the usual mistake is.
 */

/** The endpoint a person gave, as a URL the exporter can post to; throws a clear message otherwise. */
export function checkOtlpEndpoint(endpoint: string): URL {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new Error(`"${endpoint}" is not a URL: an OTLP/HTTP endpoint looks like http://127.0.0.1:4318/v1/traces.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`"${endpoint}" is not an http(s) URL: Nova sends OTLP over HTTP (protobuf), e.g. http://127.0.0.1:4318/v1/traces.`);
  }
  return url;
}

/** One sentence about a failed export, naming the endpoint and, where it helps, the usual fix. */
export function describeExportFailure(endpoint: string, error: unknown, timeoutMs: number): string {
  const status = (error as { code?: unknown } | undefined)?.code;
  if (typeof status === 'number') {
    const body = String((error as { data?: unknown }).data ?? '').replace(/\s+/g, ' ').trim().slice(0, 200);
    const statusText = error instanceof Error && error.message ? ` ${error.message}` : '';
    const hint = status === 404 && !new URL(endpoint).pathname.endsWith('/v1/traces')
      ? ' (an OTLP/HTTP traces endpoint usually ends in /v1/traces)'
      : status === 401 || status === 403 ? ' (does it need credentials? set OTEL_EXPORTER_OTLP_HEADERS, e.g. Authorization=Basic …)' : '';
    return `${endpoint} refused the traces: HTTP ${status}${statusText}${body ? `: ${body}` : ''}${hint}.`;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/timed out/i.test(message)) return `${endpoint} did not answer within ${Math.round(timeoutMs / 1000)} s.`;
  return `Cannot reach ${endpoint}: ${message}${/ECONNREFUSED/.test(message) ? ' (is the collector running, on that port?)' : ''}.`;
}
