/**
 * Where the page says that something the person asked for did not happen: a request the extension
 * refused or failed (with its typed code and each problem), or a request that could not be sent.
 * An alert region, so a screen reader says it at once; each message can be dismissed.
 */
import { WebviewRequestError } from '../../protocol/webview/message';
import { button, h } from './dom';

const kept = 3;

export class ProblemsView {
  readonly element = h('div', { class: 'problems', role: 'alert', 'aria-label': 'Problems' });

  /** Shows that `what` ("send the message") failed, and why. */
  show(what: string, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    const issues = error instanceof WebviewRequestError ? error.issues : [];
    const code = error instanceof WebviewRequestError ? ` (${error.code})` : '';
    const item = h(
      'div',
      { class: 'problem' },
      h('span', { class: 'problem-text' }, `Could not ${what}${code}: ${message}`),
      issues.length > 0 && h('ul', { class: 'problem-issues' }, ...issues.map((issue) => h('li', {}, issue))),
    );
    item.append(button('Dismiss', () => item.remove(), { class: 'icon-button', 'aria-label': 'Dismiss this problem' }, '✕'));
    this.element.append(item);
    while (this.element.childElementCount > kept) this.element.firstElementChild?.remove();
  }

  /** Says something went wrong that was not a request (a message the page refused). */
  note(text: string): void {
    this.show('handle a message from the extension', new Error(text));
  }
}
