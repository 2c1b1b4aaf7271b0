/**
 * The conversation: a log region of turns. A chat/state draws a fresh log (a new region, so a
 * screen reader does not read a whole history out as "new"); updates go to the one turn they name.
 *
 * A long history is drawn in two steps so it opens at once: every turn's shell (the person's
 * message and the footer) is built in one fragment, and the bodies of the last few turns with it;
 * the others are drawn when they come within a screen of the viewport. The view stays at the
 * bottom while the team writes, unless the person has scrolled up to read.
 */
import { applyUpdate, type Chat, type TranscriptUpdate } from '../../protocol/webview/transcript';
import { h } from '../shared/dom';
import type { PageServices } from './services';
import { TurnView } from './turnView';

/** Turns whose bodies are drawn with the chat itself (the rest when scrolled near). */
const eagerTurns = 8;
const nearBottom = 48;

export class TranscriptView {
  readonly element = h('div', { class: 'scroller' });
  private log = this.newLog();
  private readonly turns = new Map<string, TurnView>();
  private observer: IntersectionObserver | undefined;
  /** Whether the view follows the conversation down; the person scrolling up to read stops it. */
  private following = true;
  private lastInput = 0;
  private lastTop = 0;

  constructor(
    private readonly services: PageServices,
    private readonly emptyHint: () => HTMLElement,
  ) {
    this.element.append(this.log);
    // Only a scroll the person made changes `following`: the page's own scrolls, and the layout of
    // turns drawn lazily (their height is estimated until drawn), must not stop it.
    const input = (): void => {
      this.lastInput = performance.now();
    };
    for (const event of ['wheel', 'touchstart', 'pointerdown', 'keydown'] as const) this.element.addEventListener(event, input, { passive: true });
    // Only scrolling up stops it: the page's own scroll to the bottom can be dispatched after more
    // was appended (a busy machine), which looks like being far from the bottom, never like going up.
    this.element.addEventListener('scroll', () => {
      const top = this.element.scrollTop;
      const up = top < this.lastTop;
      this.lastTop = top;
      if (performance.now() - this.lastInput >= 1000) return;
      const near = this.distanceFromBottom() <= nearBottom;
      if (near) this.following = true;
      else if (up) this.following = false;
    }, { passive: true });
  }

  /** Draws `chat` from scratch. */
  show(chat: Chat): void {
    this.observer?.disconnect();
    this.turns.clear();
    const log = this.newLog();
    const fragment = document.createDocumentFragment();
    const views = chat.turns.map((turn) => this.add(turn, fragment));
    views.slice(-eagerTurns).forEach((view) => view.renderBody());
    if (views.length === 0) fragment.append(this.emptyHint());
    log.append(fragment);
    this.log.replaceWith(log);
    this.log = log;
    this.observeLazyTurns(views);
    this.scrollToBottom();
  }

  /** Applies `update` to `chat` (which this view shows) and draws what it changed. */
  apply(chat: Chat, update: TranscriptUpdate): void {
    const turn = applyUpdate(chat, update);
    if (!turn) return;
    if (update.type === 'text') return this.turns.get(turn.id)?.apply(update);
    // The person just sent a message: they want to see the reply.
    if (update.type === 'turnStarted') this.following = true;
    this.keepAtBottom(() => {
      if (update.type === 'turnStarted') {
        if (this.turns.size === 0) this.log.replaceChildren();
        this.add(turn, this.log).renderBody();
      } else {
        this.turns.get(turn.id)?.apply(update);
      }
    }, true);
  }

  /**
   * Runs `change`, then scrolls to the bottom unless the person has scrolled up to read. `relayout`:
   * the change added entries whose height settles in the next frame (a card, a turn), so follow
   * once more then; streamed text (every frame) does not need it.
   */
  keepAtBottom(change: () => void, relayout = false): void {
    change();
    if (this.following) this.scrollToBottom(relayout);
  }

  private distanceFromBottom(): number {
    const { scrollTop, scrollHeight, clientHeight } = this.element;
    return scrollHeight - scrollTop - clientHeight;
  }

  private scrollToBottom(relayout = true): void {
    this.element.scrollTop = this.element.scrollHeight;
    if (!relayout) return;
    requestAnimationFrame(() => {
      if (this.following) this.element.scrollTop = this.element.scrollHeight;
    });
  }

  private newLog(): HTMLElement {
    return h('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', 'aria-label': 'Conversation with the team' });
  }

  private add(turn: Chat['turns'][number], into: Node): TurnView {
    const view = new TurnView(turn, this.services);
    this.turns.set(turn.id, view);
    into.appendChild(view.element);
    return view;
  }

  private observeLazyTurns(views: readonly TurnView[]): void {
    const lazy = views.filter((view) => !view.isRendered);
    if (lazy.length === 0) return;
    const byElement = new Map(lazy.map((view) => [view.element, view]));
    this.observer = new IntersectionObserver(
      (seen) => {
        for (const each of seen) {
          if (!each.isIntersecting) continue;
          byElement.get(each.target as HTMLElement)?.renderBody();
          this.observer?.unobserve(each.target);
        }
      },
      { root: this.element, rootMargin: '100% 0px' },
    );
    for (const view of lazy) this.observer.observe(view.element);
  }
}
