/**
 * A payload as the trace kept it: inline, pretty-printed; or, when it was too large for the trace
 * line, its preview and "Load full payload", which asks the extension for the side file's copy
 * (trace/payload). Copy puts the whole JSON on the clipboard (trace/copy).
 */
import type { TracedPayload } from '../../../core/trace/spans';
import { traceCopy, tracePayload } from '../../../protocol/webview/trace';
import { prettyJson } from '../../chat/json';
import { button, h } from '../../shared/dom';
import { jsonView } from './jsonView';
import type { DetailServices } from './services';

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The payload's whole value if the page has it (inline, or loaded from the side file). */
export function knownPayload(spanId: string, traced: TracedPayload | undefined, services: DetailServices): { value: unknown } | undefined {
  if (traced?.value !== undefined) return { value: traced.value };
  if (services.loadedPayloads.has(spanId)) return { value: services.loadedPayloads.get(spanId) };
  return undefined;
}

/** Loads the side file's copy, once; undefined when the extension could not (it says why). */
export async function loadPayload(spanId: string, services: DetailServices): Promise<{ value: unknown } | undefined> {
  if (services.loadedPayloads.has(spanId)) return { value: services.loadedPayloads.get(spanId) };
  const answer = await services.actions.ask('load the full payload', tracePayload, { spanId });
  if (!answer) return undefined;
  services.loadedPayloads.set(spanId, answer.payload);
  return { value: answer.payload };
}

export function payloadSection(label: string, spanId: string, traced: TracedPayload | undefined, services: DetailServices): HTMLElement {
  const section = h('section', { class: 'payload', 'aria-label': label });
  if (!traced) {
    section.append(h('h3', {}, label), h('p', { class: 'muted' }, 'Not recorded: this trace was written before Nova kept payloads.'));
    return section;
  }
  const body = h('div', { class: 'payload-body' });
  const copy = button('Copy', () => {
    const known = knownPayload(spanId, traced, services);
    void services.actions.ask('copy the payload', traceCopy, { text: known ? prettyJson(known.value) : (traced.preview ?? '') });
  }, { class: 'link-button', 'aria-label': `Copy ${label}` });
  section.append(h('div', { class: 'section-head' }, h('h3', {}, label), h('span', { class: 'muted' }, formatBytes(traced.bytes)), copy), body);
  const known = knownPayload(spanId, traced, services);
  if (known) {
    body.append(jsonView(known.value));
    return section;
  }
  const load = button('Load full payload', async () => {
    load.disabled = true;
    const loaded = await loadPayload(spanId, services);
    if (loaded) body.replaceChildren(jsonView(loaded.value));
    else load.disabled = false;
  }, { class: 'secondary' });
  body.append(
    h('p', { class: 'muted' }, `Too large for the trace line: the whole payload is in the trace's side file. The start of it:`),
    h('pre', { class: 'payload-preview' }, `${traced.preview ?? ''}…`),
    load,
  );
  return section;
}
