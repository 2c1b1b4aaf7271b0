/**
 * The model banner: offline or Claude, decided the way the server is configured
 * (client/configuration.ts: `nova.model.provider`; `auto` is Claude exactly when a key is in
 * SecretStorage or ANTHROPIC_API_KEY), with a label a person reads. Never shows the key.
 */
import * as vscode from 'vscode';
import type { ChatModel } from '../../../protocol/webview/chat';
import { chatModelOf } from './modelBanner';
import { apiKeySecret } from '../../contributions';
import { settings, type ModelProvider } from '../../settings';
import { DisposableStore, type Disposable } from '../../disposableStore';

/** The banner now. */
export async function currentChatModel(context: vscode.ExtensionContext): Promise<ChatModel> {
  const config = vscode.workspace.getConfiguration();
  const key = (await context.secrets.get(apiKeySecret)) ?? process.env.ANTHROPIC_API_KEY;
  return chatModelOf({
    provider: config.get<ModelProvider>(settings.modelProvider.key, settings.modelProvider.default),
    hasKey: Boolean(key?.trim()),
    model: config.get<string>(settings.modelName.key, settings.modelName.default).trim(),
    baseURL: (config.inspect<string>(settings.anthropicBaseURL.key)?.globalValue ?? process.env.ANTHROPIC_BASE_URL ?? '').trim(),
  });
}

/** Calls `changed` with the banner whenever a model setting or the key changes. */
export function watchChatModel(context: vscode.ExtensionContext, changed: (model: ChatModel) => void): Disposable {
  const store = new DisposableStore();
  const again = () => void currentChatModel(context).then(changed, () => undefined);
  store.add(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if ([settings.modelProvider, settings.modelName, settings.anthropicBaseURL].some((setting) => event.affectsConfiguration(setting.key))) again();
    }),
  );
  store.add(context.secrets.onDidChange((event) => event.key === apiKeySecret && again()));
  return store;
}
