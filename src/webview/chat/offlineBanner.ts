/**
 * Says which model the team uses, and when it is the offline model, what works without a key and
 * what a key adds, with "Set Anthropic API Key".
 */
import { chatSetApiKey, type ChatModel } from '../../protocol/webview/chat';
import { button, h, replaceChildren } from './dom';
import type { PageServices } from './services';

export class ModelBanner {
  readonly element = h('section', { class: 'model-banner', 'aria-label': 'Model' });

  constructor(private readonly services: PageServices) {}

  show(model: ChatModel): void {
    this.element.classList.toggle('offline', model.offline);
    if (!model.offline) {
      replaceChildren(this.element, h('span', { class: 'muted' }, `Model: ${model.label}`));
      return;
    }
    replaceChildren(
      this.element,
      h('div', { class: 'banner-title', title: model.label }, h('strong', {}, 'Offline model'), ' — no network, no API key.'),
      h('div', {}, 'Works without a key: /review of the workspace, TypeScript quick fixes, /explain of a file’s structure (exports, classes, functions and who uses them), and the team’s fixed plans. A key lets the agents reason with Claude: open questions, refactors that need judgement, real review comments.'),
      h('div', { class: 'card-actions' }, button('Set Anthropic API Key', () => void this.services.actions.ask('set the API key', chatSetApiKey, {}), { class: 'primary' })),
    );
  }
}
