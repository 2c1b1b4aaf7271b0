/** The hunks a handoff or result produced; clicking one reveals it in the editor (trace/revealHunk). */
import { traceRevealHunk } from '../../../protocol/webview/trace';
import { button, h } from '../../shared/dom';
import type { DetailServices } from './services';

export function hunkList(spanId: string, services: DetailServices): HTMLElement | undefined {
  const hunks = services.model.hunks[spanId];
  if (!hunks || hunks.length === 0) return undefined;
  return h(
    'section',
    { class: 'hunks', 'aria-label': 'Hunks it produced' },
    h('h3', {}, `Hunks it produced (${hunks.length})`),
    h(
      'ul',
      {},
      ...hunks.map((hunk) =>
        h(
          'li',
          { class: `hunk status-${hunk.status}` },
          button(`${hunk.path}:${hunk.startLine}`, () => void services.actions.ask('reveal the hunk', traceRevealHunk, { changeSetId: hunk.changeSetId, hunkId: hunk.hunkId }), { class: 'link-button', 'aria-label': `Reveal ${hunk.path}:${hunk.startLine} in the editor` }),
          ` ${hunk.summary} `,
          h('span', { class: 'badge' }, hunk.status),
        ),
      ),
    ),
  );
}
