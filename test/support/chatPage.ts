/**
 * The built chat page (dist/webview/chat.js + media/webview.css and chat.css) in the system Chromium, as the
 * nova.chat view serves it (webviewPage.ts), its stub answering chat/send and chat/retry with a
 * turn, chat/cancel as cancelled and chat/proposeCode with an empty success.
 */
import { chatLandmark } from '../../src/extension/webviewHtml';
import { openPageHarness, type HarnessOptions, type PageHarness } from './webviewPage';

export { themes, type InPage, type ThemeName } from './webviewPage';
export type ChatHarness = PageHarness;

const chatPage = {
  name: 'chat',
  landmark: chatLandmark,
  answers: { 'chat/send': { turnId: 'stub-turn' }, 'chat/retry': { turnId: 'stub-turn' }, 'chat/cancel': { cancelled: true }, 'chat/proposeCode': {} },
};

export function openChatHarness(options: HarnessOptions = {}): Promise<ChatHarness> {
  return openPageHarness(chatPage, { ...options, viewport: options.viewport ?? { width: 420, height: 900 } });
}
