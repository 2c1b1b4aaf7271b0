import * as vscode from 'vscode';
import { registerApiKeyCommand } from './apiKey';
import { registerCommands } from './commands';
import { registerViews } from './views';

/**
 * Nova's entry point. VS Code calls it only when a Nova view or command is first used (package.json
 * declares no startup activation), so it does no I/O and starts nothing heavy: it registers views and
 * commands, each feature through its own `registerX`.
 */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Nova', { log: true });
  context.subscriptions.push(log);
  registerViews(context);
  registerCommands(context, log);
  registerApiKeyCommand(context, log);
  log.info(`Nova ${String(context.extension.packageJSON.version)} activated`);
}

export function deactivate(): void {
  // Everything Nova starts is owned by context.subscriptions, which VS Code disposes.
}
