/** An Answer: its Markdown, and the places it rests on as clickable locations. */
import { h } from '../dom';
import { locationLink } from '../locationLink';
import { markdownFragment } from '../sanitize';
import type { ResultView } from './resultView';

export function answerView(view: Extract<ResultView, { kind: 'answer' }>): HTMLElement {
  const { value } = view;
  return h(
    'section',
    { class: 'result answer', 'aria-label': `Answer from ${view.agent}` },
    h('div', { class: 'reply markdown' }, markdownFragment(value.answer)),
    value.references.length > 0 &&
      h('div', { class: 'references' }, h('span', { class: 'muted' }, 'References: '), h('ul', { class: 'reference-list' }, ...value.references.map((reference) => h('li', {}, locationLink(reference))))),
  );
}
