/**
 * What the runtime did between agents, inline in the turn: a payload sent back to its producer
 * (and what was wrong with it), a handoff it refused, a model call retried, a notice.
 */
import type { Entry } from '../../../protocol/webview/transcript';
import { h } from '../../shared/dom';

type Of<K extends Entry['kind']> = Extract<Entry, { kind: K }>;

export function bounceView(entry: Of<'bounce'>): HTMLElement {
  const what = entry.direction === 'result' ? 'result' : 'handoff';
  return h(
    'div',
    { class: 'entry event bounce', role: 'group', 'aria-label': `${entry.agent}'s ${entry.contract} sent back` },
    h('div', { class: 'event-line' }, h('span', { class: 'event-icon', 'aria-hidden': 'true' }, '↩'), `${entry.agent}'s ${what} failed ${entry.contract} and went back to ${entry.agent}:`),
    h('ul', { class: 'issues' }, ...entry.issues.map((issue) => h('li', {}, h('code', {}, issue)))),
  );
}

export function refusedView(entry: Of<'refused'>): HTMLElement {
  return h(
    'div',
    { class: 'entry event refused', role: 'group', 'aria-label': `Handoff from ${entry.from} to ${entry.to} refused` },
    h('div', { class: 'event-line' }, h('span', { class: 'event-icon', 'aria-hidden': 'true' }, '⊘'), `Refused handoff ${entry.from} → ${entry.to} · ${entry.contract}: ${entry.detail}`),
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
