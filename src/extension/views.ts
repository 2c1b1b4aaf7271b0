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

/** Registers Nova's views in its activity-bar container. */
export function registerViews(context: vscode.ExtensionContext): void {
  for (const id of Object.values(viewIds)) {
    context.subscriptions.push(vscode.window.registerTreeDataProvider(id, new EmptyView()));
  }
}
