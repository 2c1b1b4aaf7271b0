/**
 * A value shown as pretty JSON, built only when the person opens it: a 500-turn history carries
 * hundreds of handoff payloads, and stringifying each up front would be most of its render time.
 */
import { h } from '../shared/dom';

/** Pretty JSON of any value, even one JSON cannot hold (cycles, BigInt): then its String form. */
export function prettyJson(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

/** A <details> with `summary`; its body is the value's JSON, drawn on first open. */
export function jsonDetails(summary: Node | string, value: unknown, className = 'payload'): HTMLDetailsElement {
  const details = h('details', { class: className }, h('summary', {}, summary));
  details.addEventListener('toggle', () => {
    if (details.open && details.childElementCount === 1) details.append(h('pre', { class: 'json' }, h('code', {}, prettyJson(value))));
  });
  return details;
}
