import * as vscode from 'vscode';
import { viewIds } from './contributions';

/**
 * A view whose feature is not built yet: it has no items, so VS Code shows the view's welcome
 * content from package.json (`viewsWelcome`), which says honestly what will appear there.
 */
class EmptyView implements vscode.TreeDataProvider<never> {
  getTreeItem(element: never): vscode.TreeItem {
    return element;
  }

  getChildren(): never[] {
    return [];
  }
}

/** Registers the views whose features are not built yet (Proposals and Runs register themselves). */
export function registerViews(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.window.registerTreeDataProvider(viewIds.chat, new EmptyView()));
}
