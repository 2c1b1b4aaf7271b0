/**
 * One agent's activation in a turn: who speaks (with where the agent comes from), the handoff that
 * brought the work (expandable to its validated payload), its streamed reply as Markdown, and its
 * thinking, collapsed. The entry is the transcript's own object, updated in place by applyUpdate;
 * the view repaints from it — only this element, at most once a frame — when told it changed.
 */
import type { Entry } from '../../../protocol/webview/transcript';
import { h } from '../../shared/dom';
import type { Paintable } from '../frames';
import { jsonDetails } from '../json';
import { renderMarkdownInto } from '../sanitize';
import { provenanceBadge } from './provenance';

export type AgentEntry = Extract<Entry, { kind: 'agent' }>;

/** Who handed the work over, as the handoff line names them. */
function senderName(from: string): string {
  return from === 'person' ? 'you' : from;
}

export class AgentMessageView implements Paintable {
  readonly element: HTMLElement;
  private readonly reply = h('div', { class: 'reply markdown' });
  private readonly thinking = h('details', { class: 'thinking', hidden: true }, h('summary', {}, 'Thinking'));
  private readonly thinkingText = h('div', { class: 'thinking-text' });
  private paintedText: string | undefined;
  private paintedThinking = '';

  constructor(
    private readonly entry: AgentEntry,
    private readonly streaming: () => boolean,
  ) {
    this.thinking.append(this.thinkingText);
    const handoff = jsonDetails(
      h('span', { class: 'handoff-line' }, `${senderName(entry.from)} → ${entry.agent}`, h('span', { class: 'contract' }, ` · ${entry.contract}`)),
      entry.payload,
      'handoff',
    );
    handoff.setAttribute('aria-label', `Handoff from ${senderName(entry.from)} to ${entry.agent}: ${entry.contract}`);
    this.element = h(
      'article',
      { class: `entry agent-message${entry.continued ? ' continued' : ''}`, 'aria-label': `${entry.agent} (${entry.provenance.origin})` },
      h('header', { class: 'speaker' }, h('span', { class: 'agent-name' }, entry.agent), provenanceBadge(entry.provenance), entry.continued && h('span', { class: 'muted' }, ' continues')),
      !entry.continued && handoff,
      this.thinking,
      this.reply,
    );
    this.paint();
  }

  /** Draws what changed since the last paint: the reply's Markdown, the thinking, whether it streams. */
  paint(): void {
    if (this.entry.text !== this.paintedText) {
      renderMarkdownInto(this.reply, this.entry.text);
      this.paintedText = this.entry.text;
    }
    if (this.entry.thinking !== this.paintedThinking) {
      this.thinkingText.textContent = this.entry.thinking;
      this.thinking.hidden = this.entry.thinking.length === 0;
      this.paintedThinking = this.entry.thinking;
    }
    // A live region announces a reply once it is whole, not at every delta.
    const streaming = this.streaming();
    this.reply.setAttribute('aria-busy', String(streaming));
    this.element.classList.toggle('streaming', streaming);
    this.reply.hidden = this.entry.text.length === 0 && !streaming;
  }
}
