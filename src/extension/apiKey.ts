import * as vscode from 'vscode';
import { apiKeySecret, commandIds } from './contributions';

/**
 * "Nova: Set Anthropic API Key": the key goes to VS Code's SecretStorage (the OS keychain where
 * there is one), never to settings or logs. An empty entry removes it; Nova then uses the offline
 * model unless ANTHROPIC_API_KEY is set.
 */
export function registerApiKeyCommand(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(commandIds.setApiKey, async () => {
      const hasKey = (await context.secrets.get(apiKeySecret)) !== undefined;
      const key = await vscode.window.showInputBox({
        title: 'Nova: Anthropic API Key',
        prompt: hasKey ? 'A key is stored. Enter a new one to replace it, or leave empty to remove it.' : 'Stored in VS Code’s secret storage, never in settings. Leave empty to keep using the offline model.',
        password: true,
        ignoreFocusOut: true,
        placeHolder: 'sk-ant-…',
        validateInput: (value) => (value.trim() === '' || /^\S+$/.test(value.trim()) ? undefined : 'An API key has no spaces.'),
      });
      if (key === undefined) return;
      if (key.trim() === '') {
        await context.secrets.delete(apiKeySecret);
        log.info('Anthropic API key removed from secret storage');
        void vscode.window.showInformationMessage('Nova: the Anthropic API key was removed. Nova uses the offline model unless ANTHROPIC_API_KEY is set.');
        return;
      }
      await context.secrets.store(apiKeySecret, key.trim());
      log.info('Anthropic API key stored in secret storage');
      void vscode.window.showInformationMessage('Nova: the Anthropic API key is stored in VS Code’s secret storage.');
    }),
  );
}
