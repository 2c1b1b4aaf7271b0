import { createHash } from 'node:crypto';

/** JSON with object keys sorted, so equal payloads hash equally whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A short, stable fingerprint of a payload: handoff loop detection and the trace use it. */
export function payloadHash(payload: unknown): string {
  return createHash('sha256').update(canonical(payload)).digest('hex').slice(0, 16);
}
