/**
 * What the runtime did between agents, inline in the turn: a payload sent back to its producer
 * (and what was wrong with it), a handoff it refused, a model call retried, a notice. A bounce and
 * a refusal that name their trace span offer "Open in trace", which opens the run's trace there.
 */
import { chatOpenTrace } from '../../../protocol/webview/chat';
import type { Entry } from '../../../protocol/webview/transcript';
import { button, h } from '../../shared/dom';
import type { PageServices } from '../services';

type Of<K extends Entry['kind']> = Extract<Entry, { kind: K }>;

/** "Open in trace" for an entry that names its span (chats stored before spans were named have none). */
function traceButton(turnId: string, spanId: string | undefined, services: PageServices, what: string): HTMLElement | undefined {
  if (!spanId) return undefined;
  return button('Open in trace', () => void services.actions.ask('open the trace', chatOpenTrace, { turnId, spanId }), { class: 'link-button event-trace', 'aria-label': `Open ${what} in the trace` });
}

export function bounceView(entry: Of<'bounce'>, turnId: string, services: PageServices): HTMLElement {
  const what = entry.direction === 'result' ? 'result' : 'handoff';
  return h(
    'div',
    { class: 'entry event bounce', role: 'group', 'aria-label': `${entry.agent}'s ${entry.contract} sent back` },
    h('div', { class: 'event-line' }, h('span', { class: 'event-icon', 'aria-hidden': 'true' }, '↩'), `${entry.agent}'s ${what} failed ${entry.contract} and went back to ${entry.agent}:`),
    h('ul', { class: 'issues' }, ...entry.issues.map((issue) => h('li', {}, h('code', {}, issue)))),
    traceButton(turnId, entry.spanId, services, `this bounce of ${entry.agent}'s ${entry.contract}`),
  );
}

export function refusedView(entry: Of<'refused'>, turnId: string, services: PageServices): HTMLElement {
  return h(
    'div',
    { class: 'entry event refused', role: 'group', 'aria-label': `Handoff from ${entry.from} to ${entry.to} refused` },
    h('div', { class: 'event-line' }, h('span', { class: 'event-icon', 'aria-hidden': 'true' }, '⊘'), `Refused handoff ${entry.from} → ${entry.to} · ${entry.contract}: ${entry.detail}`),
    traceButton(turnId, entry.spanId, services, `the refused handoff ${entry.from} → ${entry.to}`),
  );
}

export function retryView(entry: Of<'retry'>): HTMLElement {
  return h(
    'div',
    { class: 'entry event retry' },
    h('div', { class: 'event-line' }, h('span', { class: 'event-icon', 'aria-hidden': 'true' }, '↻'), `${entry.agent}: retrying the model call (attempt ${entry.attempt}): ${entry.reason}`),
  );
}

export function noticeView(entry: Of<'notice'>): HTMLElement {
  return h('div', { class: `entry event notice notice-${entry.level}`, role: entry.level === 'error' ? 'alert' : undefined }, h('div', { class: 'event-line' }, entry.text));
}
