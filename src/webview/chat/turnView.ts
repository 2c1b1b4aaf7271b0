/**
 * One turn on screen: what the person sent (with its chips), the team's work on it entry by entry,
 * the results and how it ended, and its footer (tokens and cost, the running budget, Retry, and
 * Open trace once the turn has a run — live while it runs).
 *
 * Updates touch only what they change: a text delta schedules a repaint of the one agent message
 * it extends; a new entry is appended; an answered card is redrawn; the end draws the results. A
 * turn far from the viewport keeps only its shell until it is scrolled near (`renderBody`).
 */
import { chatOpenTrace, chatRetry } from '../../protocol/webview/chat';
import type { TranscriptUpdate, Turn } from '../../protocol/webview/transcript';
import { button, h, replaceChildren } from '../shared/dom';
import { entryKey, entryView, type EntryView } from './entries/entryView';
import { drawTurnEnd } from './results/drawResult';
import type { PageServices } from './services';
import { budgetParts, usageText } from './usage';

const labelLength = 80;

export class TurnView {
  readonly element: HTMLElement;
  private readonly body = h('div', { class: 'turn-body pending' });
  private readonly end = h('div', { class: 'turn-end' });
  private readonly footer = h('footer', { class: 'turn-footer' });
  private readonly entryViews: EntryView[] = [];
  private rendered = false;

  constructor(
    private readonly turn: Turn,
    private readonly services: PageServices,
  ) {
    const text = turn.prompt.text.replace(/\s+/g, ' ').trim();
    this.element = h(
      'article',
      { class: 'turn', 'data-turn-id': turn.id, 'aria-label': `You: ${text.length > labelLength ? `${text.slice(0, labelLength - 1)}…` : text}` },
      h(
        'div',
        { class: 'prompt' },
        h('div', { class: 'speaker' }, h('span', { class: 'person-name' }, 'You')),
        h('div', { class: 'prompt-text' }, turn.prompt.text),
        turn.prompt.chips.length > 0 && h('ul', { class: 'prompt-chips', 'aria-label': 'Context sent' }, ...turn.prompt.chips.map((chip) => h('li', { class: `chip chip-${chip.kind}` }, chip.label))),
      ),
      this.body,
      this.footer,
    );
    this.renderFooter();
  }

  get isRendered(): boolean {
    return this.rendered;
  }

  /** Draws the turn's entries and end (once; later updates keep it current). */
  renderBody(): void {
    if (this.rendered) return;
    this.rendered = true;
    this.body.classList.remove('pending');
    const entries = document.createDocumentFragment();
    for (let index = 0; index < this.turn.entries.length; index++) {
      const view = this.viewOf(this.entryViews.length);
      this.entryViews.push(view);
      entries.append(view.element);
    }
    entries.append(this.end);
    this.body.replaceChildren(entries);
    this.renderEnd();
  }

  /** Shows what `update` (already applied to the turn) changed. */
  apply(update: TranscriptUpdate): void {
    if (!this.rendered) return this.renderFooter();
    if (update.type === 'text') {
      // The activation went on after a card: its continuation is a new entry, and the earlier part is whole.
      if (this.entryViews.length !== this.turn.entries.length) {
        this.syncEntries();
        for (const view of this.entryViews) view.message?.paint();
      }
      return this.repaintSpeaker(update.agent);
    }
    if (update.type === 'callEnded' || update.type === 'retry') this.repaintSpeaker(update.agent);
    this.syncEntries();
    if (update.type === 'ended') this.renderEnd();
    // Who is speaking changed: the message that was streaming is whole now (and says so).
    if (update.type === 'ended' || update.type === 'agentStarted') for (const view of this.entryViews) view.message?.paint();
    if (update.type === 'callEnded' || update.type === 'ended' || update.type === 'runStarted') this.renderFooter();
  }

  private viewOf(index: number): EntryView {
    const entry = this.turn.entries[index];
    if (!entry) throw new Error(`No entry ${index} in turn ${this.turn.id}.`);
    return entryView(this.turn.id, entry, this.services, () => this.turn.status === 'running' && this.lastAgentEntry() === entry);
  }

  private lastAgentEntry(): Turn['entries'][number] | undefined {
    for (let index = this.turn.entries.length - 1; index >= 0; index--) if (this.turn.entries[index]?.kind === 'agent') return this.turn.entries[index];
    return undefined;
  }

  private repaintSpeaker(agent: string): void {
    for (let index = this.turn.entries.length - 1; index >= 0; index--) {
      const entry = this.turn.entries[index];
      if (entry?.kind === 'agent' && entry.agent === agent) {
        const message = this.entryViews[index]?.message;
        if (message) this.services.painter.schedule(message);
        return;
      }
    }
  }

  /** Appends new entries and redraws those whose key changed (answered cards). */
  private syncEntries(): void {
    this.turn.entries.forEach((entry, index) => {
      const drawn = this.entryViews[index];
      if (drawn && drawn.key === entryKey(entry)) return;
      const view = this.viewOf(index);
      if (drawn) {
        // An answered card is drawn anew; a keyboard user who answered it stays on it.
        const hadFocus = drawn.element.contains(document.activeElement);
        drawn.element.replaceWith(view.element);
        if (hadFocus) {
          view.element.tabIndex = -1;
          view.element.focus();
        }
      } else this.end.before(view.element);
      this.entryViews[index] = view;
    });
  }

  private renderEnd(): void {
    replaceChildren(this.end, ...drawTurnEnd(this.turn, this.services));
  }

  private renderFooter(): void {
    const { turn } = this;
    const running = turn.status === 'running';
    replaceChildren(
      this.footer,
      h('span', { class: 'turn-usage', 'aria-label': `This turn: ${usageText(turn.usage)}` }, usageText(turn.usage)),
      running && turn.budget && h('span', { class: 'budget', 'aria-label': 'Budget used' }, ...budgetParts(turn.usage, turn.budget).map((part) => h('span', { class: `budget-part budget-${part.what}` }, part.text, h('progress', { max: 1, value: part.fraction.toFixed(3), 'aria-label': part.text })))),
      running ? h('span', { class: 'turn-status' }, 'working…') : button('Retry', () => void this.services.actions.ask('retry', chatRetry, { turnId: turn.id }), { class: 'link-button', 'aria-label': 'Retry' }),
      turn.runId !== undefined && button('Open trace', () => void this.services.actions.ask('open the trace', chatOpenTrace, { turnId: turn.id }), { class: 'link-button', 'aria-label': 'Open trace' }),
    );
  }
}
