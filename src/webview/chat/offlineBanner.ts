/**
 * Says which model the team uses, and when it is the offline model, what works without a key and
 * what a key adds, with "Set Anthropic API Key".
 */
import { chatSetApiKey, type ChatModel } from '../../protocol/webview/chat';
import { button, h, replaceChildren } from '../shared/dom';
import type { PageServices } from './services';

export class ModelBanner {
  readonly element = h('section', { class: 'model-banner', 'aria-label': 'Model' });

  constructor(private readonly services: PageServices) {}

  /** Folds what works offline away once the conversation has begun. */
  fold(): void {
    const details = this.element.querySelector('details');
    if (details) details.open = false;
  }

  /** `chatIsEmpty`: the details of what works offline start open (nothing else is on screen yet). */
  show(model: ChatModel, chatIsEmpty = false): void {
    this.element.classList.toggle('offline', model.offline);
    if (!model.offline) {
      replaceChildren(this.element, h('span', { class: 'muted' }, `Model: ${model.label}`));
      return;
    }
    // One line with the key button, so a short view keeps room for the conversation; what works
    // without a key is a click away, and open while the chat is still empty.
    const details = h(
      'details',
      { class: 'banner-details' },
      h('summary', {}, 'What works without a key'),
      h('div', {}, 'Review of the workspace (/review), TypeScript quick fixes, /explain of a file’s structure (exports, classes, functions and who uses them, from TypeScript’s language service), and the team’s fixed plans. A key lets the agents reason with Claude: open questions, refactors that need judgement, real review comments.'),
    );
    (details as HTMLDetailsElement).open = chatIsEmpty;
    replaceChildren(
      this.element,
      h(
        'div',
        { class: 'banner-title', title: model.label },
        h('span', {}, h('strong', {}, 'Offline model'), ' — no network, no API key.'),
        button('Set Anthropic API Key', () => void this.services.actions.ask('set the API key', chatSetApiKey, {}), { class: 'primary' }),
      ),
      details,
    );
  }
}
