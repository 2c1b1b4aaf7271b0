/** The model banner's words: offline or Claude, as the server would be configured. Pure, so Node tests check it. */
import type { ChatModel } from '../../../protocol/webview/chat';
import type { ModelProvider } from '../../settings';

/** What the banner shows, from the provider setting, whether a key is set, the chosen model and endpoint. Pure. */
export function chatModelOf(choice: { provider: ModelProvider; hasKey: boolean; model: string; baseURL: string }): ChatModel {
  if (choice.provider === 'offline' || (choice.provider === 'auto' && !choice.hasKey)) {
    return { offline: true, label: 'Offline model — no network and no key: fixed plans over real tools (TypeScript checks and fixes, Nova\'s analyzers, explanations from the language service)' };
  }
  const model = choice.model || "each agent's own model";
  const endpoint = choice.baseURL ? ` via ${hostOf(choice.baseURL)}` : '';
  return { offline: false, label: `Claude (${model})${endpoint}${choice.hasKey ? '' : ' — no API key is set: runs fail until you set one'}` };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
