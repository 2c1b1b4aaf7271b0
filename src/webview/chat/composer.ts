/**
 * The message box: the chips to send, the text (Enter sends, Shift+Enter starts a new line), `@`
 * and `/` completion, and one button that is Send, or Stop while a turn runs. What was typed is
 * kept until the extension has taken it: a send that fails loses nothing.
 */
import { chatCancel, chatNew, chatSend } from '../../protocol/webview/chat';
import type { TeamMember } from '../../protocol/team';
import type { ContextChip } from '../../protocol/webview/transcript';
import { ChipsView } from './chipsView';
import { applyCompletion, completionAt, type CompletionItem } from './completion';
import { CompletionList } from './completionList';
import { h } from '../shared/dom';
import type { PageServices } from './services';

export class Composer {
  readonly element: HTMLElement;
  readonly input = h('textarea', { class: 'input', rows: 1, 'aria-label': 'Message the team', placeholder: 'Ask the team — @ names an agent, / a command' });
  private readonly chips: ChipsView;
  private readonly completions: CompletionList;
  private readonly action = h('button', { type: 'button', class: 'primary send' });
  private agents: CompletionItem[] = [];
  private runningTurn: string | undefined;
  private sending = false;

  constructor(
    private readonly services: PageServices,
    private readonly changed: () => void,
  ) {
    this.chips = new ChipsView(() => {
      this.input.focus();
      changed();
    });
    this.completions = new CompletionList(this.input, (completion, item) => {
      const next = applyCompletion(this.input.value, completion, item);
      this.input.value = next.text;
      this.input.setSelectionRange(next.caret, next.caret);
      this.changed();
    });
    this.input.addEventListener('keydown', (event) => this.onKey(event));
    this.input.addEventListener('input', () => {
      this.suggest();
      this.changed();
    });
    this.input.addEventListener('blur', () => this.completions.close());
    this.action.addEventListener('click', () => void (this.runningTurn ? this.stop() : this.send()));
    this.element = h('div', { class: 'composer' }, this.chips.element, h('div', { class: 'input-row' }, this.input, this.action), this.completions.element);
    this.renderAction();
  }

  setTeam(team: readonly TeamMember[]): void {
    this.agents = team.map((member) => ({ label: member.name, detail: member.role }));
  }

  setContext(chips: readonly ContextChip[]): void {
    this.chips.offer(chips);
  }

  /** The running turn (the button stops it), or undefined (the button sends). */
  setRunning(turnId: string | undefined): void {
    this.runningTurn = turnId;
    this.renderAction();
  }

  /** What the saved state keeps: the draft and the chips removed from it. */
  get draft(): { text: string; removedChips: string[] } {
    return { text: this.input.value, removedChips: this.chips.removedIds };
  }

  restoreDraft(draft: { text: string; removedChips: readonly string[] }): void {
    this.input.value = draft.text;
    this.chips.restoreRemoved(draft.removedChips);
  }

  focus(): void {
    this.input.focus();
  }

  private onKey(event: KeyboardEvent): void {
    if (event.isComposing) return;
    if (this.completions.onKey(event)) return event.preventDefault();
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      if (!this.runningTurn) void this.send();
    }
  }

  private suggest(): void {
    const caret = this.input.selectionEnd;
    this.completions.show(caret === this.input.selectionStart ? completionAt(this.input.value, caret, this.agents) : undefined);
  }

  private async send(): Promise<void> {
    const text = this.input.value.trim();
    if (text.length === 0 || this.sending) return;
    this.sending = true;
    this.renderAction();
    try {
      // `/new` alone is the page's own command: a new chat, not a message to the team.
      const sent = text === '/new' ? await this.services.actions.ask('start a new chat', chatNew, {}) : await this.services.actions.ask('send the message', chatSend, { text, chips: this.chips.kept() });
      if (sent === undefined) return;
      this.input.value = '';
      this.chips.reset();
      this.changed();
    } finally {
      this.sending = false;
      this.renderAction();
    }
  }

  private async stop(): Promise<void> {
    const turnId = this.runningTurn;
    if (!turnId) return;
    this.action.disabled = true;
    await this.services.actions.ask('stop the reply', chatCancel, { turnId });
    this.action.disabled = false;
  }

  private renderAction(): void {
    const label = this.runningTurn ? 'Stop' : 'Send';
    this.action.textContent = label;
    this.action.setAttribute('aria-label', this.runningTurn ? 'Stop' : 'Send');
    this.action.classList.toggle('stop', this.runningTurn !== undefined);
    this.action.disabled = this.sending;
  }
}
