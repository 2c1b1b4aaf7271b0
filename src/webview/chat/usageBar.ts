/**
 * Always in view above the message box: what the chat has cost so far, and while a turn runs, how
 * much of its budget it has used.
 */
import { chatUsage, type Chat } from '../../protocol/webview/transcript';
import { h, replaceChildren } from '../shared/dom';
import { budgetParts, usageText } from './usage';

export class UsageBar {
  readonly element = h('div', { class: 'usage-bar', role: 'status', 'aria-live': 'off', 'aria-label': 'Usage' });

  show(chat: Chat): void {
    const running = [...chat.turns].reverse().find((turn) => turn.status === 'running');
    replaceChildren(
      this.element,
      h('span', { class: 'chat-usage' }, `This chat: ${usageText(chatUsage(chat))}`),
      running?.budget && h('span', { class: 'running-budget' }, ' · Running: ', budgetParts(running.usage, running.budget).map((part) => part.text).join(' · ')),
    );
  }
}
