/**
 * The chat page: the header, the model banner, the conversation, the usage bar, the problems and
 * the message box, fed by the extension's notifications. It keeps its own copy of the chat and
 * applies each chat/update to it with the transcript's one fold (applyUpdate), as the extension
 * does to the copy it stores.
 *
 * Clicks on what Markdown and results draw (location links, code-block buttons) are handled here,
 * once for the whole page, so a 500-turn history does not carry a listener per link.
 */
import { chatCopy, chatOpenLocation, chatProposeCode, type ChatModel } from '../../protocol/webview/chat';
import type { TeamMember } from '../../protocol/team';
import type { Chat, ChatSummary, ContextChip, TranscriptUpdate } from '../../protocol/webview/transcript';
import type { PageActions } from '../shared/actions';
import { Composer } from './composer';
import { h } from '../shared/dom';
import { FramePainter } from './frames';
import { HeaderView } from './header';
import { ModelBanner } from './offlineBanner';
import type { ProblemsView } from '../shared/problems';
import type { SavedState } from './savedState';
import type { PageServices } from './services';
import { TranscriptView } from './transcriptView';
import { UsageBar } from './usageBar';

/** What chat/state carries. */
export interface ChatStateParams {
  chat: Chat;
  chats: ChatSummary[];
  team: TeamMember[];
  context: ContextChip[];
  model: ChatModel;
}

/** How many of the latest turns the saved state keeps. */
const savedTurns = 100;

export class ChatPage {
  private state: ChatStateParams | undefined;
  private readonly header: HeaderView;
  private readonly banner: ModelBanner;
  private readonly transcript: TranscriptView;
  private readonly usage = new UsageBar();
  private readonly services: PageServices;
  readonly composer: Composer;
  /** Paints streamed text once a frame, and measures it (see frames.ts). */
  readonly painter: FramePainter;

  constructor(
    root: HTMLElement,
    actions: PageActions,
    problems: ProblemsView,
    private readonly changed: () => void,
  ) {
    this.painter = new FramePainter(root, (paint) => this.transcript.keepAtBottom(paint));
    const services = { actions, painter: this.painter };
    this.services = services;
    this.header = new HeaderView(services);
    this.banner = new ModelBanner(services);
    this.transcript = new TranscriptView(services, () => this.emptyHint());
    this.composer = new Composer(services, changed);
    root.replaceChildren(this.header.element, this.banner.element, this.transcript.element, this.usage.element, problems.element, this.composer.element);
    root.addEventListener('click', (event) => this.onClick(event));
  }

  /** Everything the page shows, from chat/state (or the saved state). */
  showState(state: ChatStateParams): void {
    this.state = state;
    this.header.show(state.chat.title, state.chat.id, state.chats);
    this.banner.show(state.model, state.chat.turns.length === 0);
    this.composer.setTeam(state.team);
    this.composer.setContext(state.context);
    this.transcript.show(state.chat);
    this.afterTurnChange(state.chat);
    this.changed();
  }

  update(chatId: string, update: TranscriptUpdate): void {
    const state = this.state;
    // An update for a chat no longer open (another was opened meanwhile) is dropped.
    if (!state || state.chat.id !== chatId) return;
    this.transcript.apply(state.chat, update);
    if (update.type !== 'text') {
      this.afterTurnChange(state.chat);
      if (update.type === 'turnStarted') {
        this.header.show(state.chat.title, state.chat.id, state.chats);
        this.banner.fold();
      }
    }
    this.changed();
  }

  setContext(chips: ContextChip[]): void {
    if (this.state) this.state.context = chips;
    this.composer.setContext(chips);
    this.changed();
  }

  setTeam(team: TeamMember[]): void {
    if (this.state) this.state.team = team;
    this.composer.setTeam(team);
    this.changed();
  }

  setModel(model: ChatModel): void {
    if (this.state) this.state.model = model;
    this.banner.show(model, (this.state?.chat.turns.length ?? 0) === 0);
    this.changed();
  }

  setChats(chats: ChatSummary[]): void {
    if (!this.state) return;
    this.state.chats = chats;
    this.header.show(this.state.chat.title, this.state.chat.id, chats);
    this.changed();
  }

  /** Runs `paint`, keeping the conversation at its bottom if it was there. */
  keepAtBottom(paint: () => void): void {
    this.transcript.keepAtBottom(paint);
  }

  /**
   * The state to save, with the draft. Only the last turns: the saved state paints the view until
   * chat/state arrives (with the whole chat), and VS Code serializes it on every save.
   */
  saved(): SavedState | undefined {
    if (!this.state) return undefined;
    const { chat } = this.state;
    const kept = chat.turns.length > savedTurns ? { ...chat, turns: chat.turns.slice(-savedTurns) } : chat;
    return { version: 1, state: { ...this.state, chat: kept }, draft: this.composer.draft };
  }

  private afterTurnChange(chat: Chat): void {
    this.usage.show(chat);
    const running = [...chat.turns].reverse().find((turn) => turn.status === 'running');
    this.composer.setRunning(running?.id);
  }

  private emptyHint(): HTMLElement {
    return h(
      'div',
      { class: 'empty-hint' },
      h('p', {}, 'Ask the team. Each agent that takes part says who it is; handoffs, decisions and anything they need from you appear here as they happen.'),
      h('p', { class: 'muted' }, 'Try /explain with a file, /review, /agents, or @ to address one agent.'),
    );
  }

  private onClick(event: MouseEvent): void {
    const target = event.target instanceof Element ? event.target : undefined;
    const link = target?.closest('a.location');
    if (link instanceof HTMLElement) {
      event.preventDefault();
      const path = link.dataset.path;
      const line = Number(link.dataset.line);
      if (path) void this.services.actions.ask(`open ${path}`, chatOpenLocation, Number.isInteger(line) && line >= 1 ? { path, line } : { path });
      return;
    }
    if (target?.closest('a')) return event.preventDefault();
    const action = target?.closest('.code-block button[data-action]');
    if (action instanceof HTMLButtonElement) this.onCodeAction(action);
  }

  private onCodeAction(action: HTMLButtonElement): void {
    const block = action.closest('.code-block');
    const code = block?.querySelector('pre > code')?.textContent ?? '';
    if (action.dataset.action === 'copy') {
      void this.services.actions.ask('copy the code', chatCopy, { text: code }).then((done) => {
        if (done === undefined) return;
        action.textContent = 'Copied';
        setTimeout(() => (action.textContent = 'Copy'), 1500);
      });
      return;
    }
    const turnId = action.closest<HTMLElement>('[data-turn-id]')?.dataset.turnId;
    if (!turnId) return;
    const language = block instanceof HTMLElement ? block.dataset.language : undefined;
    void this.services.actions.ask('propose the code as a change', chatProposeCode, language ? { turnId, code, language } : { turnId, code });
  }
}
