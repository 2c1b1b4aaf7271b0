/** An Answer: its Markdown, and the places it rests on as clickable locations. */
import { h } from '../../shared/dom';
import { locationLink } from '../locationLink';
import { markdownFragment } from '../sanitize';
import type { ResultView } from './resultView';

export function answerView(view: Extract<ResultView, { kind: 'answer' }>): HTMLElement {
  const { value } = view;
  return h(
    'section',
    { class: 'result answer', 'aria-label': `Answer from ${view.agent}` },
    h('div', { class: 'reply markdown' }, markdownFragment(value.answer)),
    value.references.length > 0 && referenceList(value.references),
  );
}

/** Up to this many references are listed open; a longer list (an /explain names every use) starts folded. */
const openReferences = 8;

function referenceList(references: Extract<ResultView, { kind: 'answer' }>['value']['references']): HTMLElement {
  const list = h(
    'details',
    { class: 'references' },
    h('summary', { class: 'muted' }, `References (${references.length})`),
    h('ul', { class: 'reference-list' }, ...references.map((reference) => h('li', {}, locationLink(reference)))),
  ) as HTMLDetailsElement;
  list.open = references.length <= openReferences;
  return list;
}
