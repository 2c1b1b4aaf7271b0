import * as vscode from 'vscode';
import { commandIds } from './contributions';

/** Registers Nova's general commands (the ids and titles are declared in package.json; the chat's are in chatView.ts). */
export function registerCommands(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  const extensionId = context.extension.id;
  context.subscriptions.push(
    vscode.commands.registerCommand(commandIds.showLog, () => log.show()),
    vscode.commands.registerCommand(commandIds.openSettings, () =>
      vscode.commands.executeCommand('workbench.action.openSettings', `@ext:${extensionId}`),
    ),
  );
}
