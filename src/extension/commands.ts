import * as vscode from 'vscode';
import { commandIds, viewIds } from './contributions';

/** Registers Nova's commands (the ids and titles are declared in package.json). */
export function registerCommands(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  const extensionId = context.extension.id;
  context.subscriptions.push(
    vscode.commands.registerCommand(commandIds.openChat, () =>
      vscode.commands.executeCommand(`${viewIds.chat}.focus`),
    ),
    vscode.commands.registerCommand(commandIds.showLog, () => log.show()),
    vscode.commands.registerCommand(commandIds.openSettings, () =>
      vscode.commands.executeCommand('workbench.action.openSettings', `@ext:${extensionId}`),
    ),
  );
}
