/**
 * The context on offer above the message box (the active file, the selection, the open problems),
 * each removable before sending. The extension offers chips by id; the page sends back the ids
 * the person kept. A chip the person removed stays removed while it is offered, until they send.
 */
import type { ContextChip } from '../../protocol/webview/transcript';
import { button, h } from '../shared/dom';

const kindText: Record<ContextChip['kind'], string> = { file: 'File', selection: 'Selection', problems: 'Problems' };

export class ChipsView {
  readonly element = h('ul', { class: 'chips', 'aria-label': 'Context to send' });
  private offered: readonly ContextChip[] = [];
  private readonly removed = new Set<string>();

  constructor(private readonly changed: () => void = () => undefined) {}

  /** What the extension offers now. */
  offer(chips: readonly ContextChip[]): void {
    this.offered = chips;
    this.render();
  }

  /** The ids of the chips to send. */
  kept(): string[] {
    return this.offered.filter((chip) => !this.removed.has(chip.id)).map((chip) => chip.id);
  }

  /** The removed ids, for the saved state. */
  get removedIds(): string[] {
    return [...this.removed];
  }

  restoreRemoved(ids: readonly string[]): void {
    for (const id of ids) this.removed.add(id);
    this.render();
  }

  /** After sending: every chip on offer counts again. */
  reset(): void {
    this.removed.clear();
    this.render();
  }

  private render(): void {
    const shown = this.offered.filter((chip) => !this.removed.has(chip.id));
    this.element.hidden = shown.length === 0;
    this.element.replaceChildren(
      ...shown.map((chip) =>
        h(
          'li',
          { class: `chip chip-${chip.kind}`, title: chip.path ?? chip.label },
          h('span', { class: 'chip-kind' }, `${kindText[chip.kind]}: `),
          h('span', { class: 'chip-label' }, chip.label),
          button(`Remove ${chip.label}`, () => this.remove(chip.id), { class: 'icon-button chip-remove', 'aria-label': `Remove ${chip.label}` }, '✕'),
        ),
      ),
    );
  }

  private remove(id: string): void {
    this.removed.add(id);
    this.render();
    this.changed();
  }
}
