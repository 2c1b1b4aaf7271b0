/**
 * The top of the view: the chat's title, New chat, and the earlier chats (a disclosure listing
 * each with its number of turns and when it was last used; picking one opens it with chat/open).
 */
import { chatNew, chatOpen } from '../../protocol/webview/chat';
import type { ChatSummary } from '../../protocol/webview/transcript';
import { button, h } from '../shared/dom';
import type { PageServices } from './services';

export class HeaderView {
  readonly element: HTMLElement;
  private readonly title = h('h1', { class: 'chat-title' });
  private readonly earlier = h('details', { class: 'earlier-chats' });
  private readonly summary = h('summary', { 'aria-label': 'Earlier chats' }, 'Earlier chats');
  private readonly list = h('ul', { class: 'chat-list', 'aria-label': 'Earlier chats' });

  constructor(private readonly services: PageServices) {
    this.earlier.append(this.summary, this.list);
    this.element = h('header', { class: 'chat-header' }, this.title, h('div', { class: 'header-actions' }, button('New chat', () => void this.services.actions.ask('start a new chat', chatNew, {}), { class: 'secondary' }), this.earlier));
  }

  show(title: string, openId: string, chats: readonly ChatSummary[]): void {
    this.title.textContent = title;
    const others = chats.filter((chat) => chat.id !== openId).sort((a, b) => b.updatedAt - a.updatedAt);
    this.summary.textContent = `Earlier chats (${others.length})`;
    this.earlier.hidden = others.length === 0;
    this.list.replaceChildren(
      ...others.map((chat) =>
        h(
          'li',
          {},
          button(`${chat.title}, ${chat.turns} turn${chat.turns === 1 ? '' : 's'}`, () => {
            this.earlier.open = false;
            void this.services.actions.ask('open the chat', chatOpen, { chatId: chat.id });
          }, { class: 'chat-link' }, h('span', { class: 'chat-link-title' }, chat.title), h('span', { class: 'muted' }, ` · ${chat.turns} turn${chat.turns === 1 ? '' : 's'} · ${new Date(chat.updatedAt).toLocaleString()}`)),
        ),
      ),
    );
  }
}
