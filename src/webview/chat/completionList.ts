/**
 * The suggestion list under the message box: a listbox whose active option the text box points at
 * (aria-activedescendant), so focus stays in the text while arrows move through the options.
 * Arrow keys move, Enter or Tab picks, Escape closes; a click picks too.
 */
import type { Completion, CompletionItem } from './completion';
import { h } from '../shared/dom';

export class CompletionList {
  readonly element = h('ul', { class: 'completions', role: 'listbox', id: 'nova-completions', 'aria-label': 'Suggestions', hidden: true });
  private completion: Completion | undefined;
  private active = 0;

  constructor(
    private readonly input: HTMLTextAreaElement,
    private readonly pick: (completion: Completion, item: CompletionItem) => void,
  ) {
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-controls', this.element.id);
    // Keep the focus in the text box when an option is clicked.
    this.element.addEventListener('mousedown', (event) => event.preventDefault());
  }

  get isOpen(): boolean {
    return this.completion !== undefined;
  }

  /** Shows `completion`'s items, or closes the list when there is none. */
  show(completion: Completion | undefined): void {
    const same = completion && this.completion && completion.trigger === this.completion.trigger && completion.items.map((item) => item.label).join() === this.completion.items.map((item) => item.label).join();
    this.completion = completion;
    if (!completion) return this.close();
    if (!same) this.active = 0;
    this.element.replaceChildren(
      ...completion.items.map((item, index) => {
        const option = h('li', { role: 'option', id: `nova-completion-${index}`, class: 'completion', 'aria-selected': String(index === this.active) }, h('span', { class: 'completion-label' }, `${completion.trigger}${item.label}`), h('span', { class: 'completion-detail' }, item.detail));
        option.addEventListener('click', () => this.choose(index));
        return option;
      }),
    );
    this.element.hidden = false;
    this.input.setAttribute('aria-activedescendant', `nova-completion-${this.active}`);
  }

  close(): void {
    this.completion = undefined;
    this.element.hidden = true;
    this.element.replaceChildren();
    this.input.removeAttribute('aria-activedescendant');
  }

  /** Handles a key in the text box; true when the list used it. */
  onKey(event: KeyboardEvent): boolean {
    if (!this.completion) return false;
    const count = this.completion.items.length;
    switch (event.key) {
      case 'ArrowDown':
        this.move((this.active + 1) % count);
        return true;
      case 'ArrowUp':
        this.move((this.active - 1 + count) % count);
        return true;
      case 'Enter':
      case 'Tab':
        if (event.shiftKey) return false;
        this.choose(this.active);
        return true;
      case 'Escape':
        this.close();
        return true;
      default:
        return false;
    }
  }

  private move(index: number): void {
    this.element.children[this.active]?.setAttribute('aria-selected', 'false');
    this.active = index;
    const option = this.element.children[index];
    option?.setAttribute('aria-selected', 'true');
    option?.scrollIntoView({ block: 'nearest' });
    this.input.setAttribute('aria-activedescendant', `nova-completion-${index}`);
  }

  private choose(index: number): void {
    const completion = this.completion;
    const item = completion?.items[index];
    this.close();
    if (completion && item) this.pick(completion, item);
  }
}
