/** The loaded team (`/agents`): each agent's role, the decisions it owns and advises on, and its file. */
import type { Entry } from '../../../protocol/webview/transcript';
import { h } from '../../shared/dom';
import { provenanceBadge } from './provenance';

export function teamView(entry: Extract<Entry, { kind: 'team' }>): HTMLElement {
  const list = (names: readonly string[]) => (names.length > 0 ? names.join(', ') : '—');
  return h(
    'section',
    { class: 'entry team', 'aria-label': 'The team' },
    h(
      'table',
      { class: 'team-table' },
      h('thead', {}, h('tr', {}, ...['Agent', 'Role', 'Owns', 'Advises on', 'From'].map((title) => h('th', { scope: 'col' }, title)))),
      h(
        'tbody',
        {},
        ...entry.agents.map((agent) =>
          h('tr', {}, h('th', { scope: 'row', class: 'agent-name' }, agent.name), h('td', {}, agent.role), h('td', {}, list(agent.owns)), h('td', {}, list(agent.advises)), h('td', {}, provenanceBadge(agent.provenance))),
        ),
      ),
    ),
    entry.problems.length > 0 && h('ul', { class: 'team-problems', 'aria-label': 'Problems loading the team' }, ...entry.problems.map((problem) => h('li', {}, problem))),
  );
}
