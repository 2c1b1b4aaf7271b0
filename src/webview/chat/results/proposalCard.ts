/**
 * A ChangeProposal as a summary card: what it changes (files, hunks), why, its risks, and "Review
 * changes", which opens the diff review of the stored proposal. Nothing here writes a file.
 */
import { chatReviewChanges } from '../../../protocol/webview/chat';
import { button, h } from '../../shared/dom';
import { locationLink } from '../locationLink';
import type { PageServices } from '../services';
import { risks } from './plan';
import type { ResultView } from './resultView';

export function proposalCard(view: Extract<ResultView, { kind: 'proposal' }>, services: PageServices): HTMLElement {
  const { value, proposalId } = view;
  const hunks = value.files.reduce((sum, file) => sum + file.hunks.length, 0);
  const counts = `${value.files.length} file${value.files.length === 1 ? '' : 's'}, ${hunks} hunk${hunks === 1 ? '' : 's'}`;
  return h(
    'section',
    { class: 'result proposal', 'aria-label': `Change proposal: ${value.summary}` },
    h('div', { class: 'result-title' }, h('span', { class: 'badge' }, 'Proposal'), ` ${value.summary}`),
    h('div', { class: 'muted' }, `by ${view.agent} · ${counts} · nothing changes until you accept`),
    h('p', {}, value.rationale),
    h('ul', { class: 'proposal-files' }, ...value.files.map((file) => h('li', {}, locationLink({ path: file.path, line: file.hunks[0]?.startLine ?? 1 }, file.path), h('span', { class: 'muted' }, ` · ${file.hunks.length} hunk${file.hunks.length === 1 ? '' : 's'}`)))),
    risks(value.risks),
    h(
      'div',
      { class: 'card-actions' },
      proposalId === undefined
        ? h('span', { class: 'muted' }, 'This proposal was not stored, so it cannot be reviewed.')
        : button('Review changes', () => void services.actions.ask('open the review', chatReviewChanges, { proposalId }), { class: 'primary' }),
    ),
  );
}
