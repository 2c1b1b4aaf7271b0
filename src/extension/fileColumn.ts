/**
 * Where a file opened from a webview panel (the trace's "Reveal" on a hunk) goes: the group already
 * showing it, so a second copy does not open beside the first; else a group other than the panel's,
 * so the panel stays in view; else the active group.
 */
import * as vscode from 'vscode';

export function fileColumn(uri: vscode.Uri): vscode.ViewColumn {
  const shown = vscode.window.visibleTextEditors.find((editor) => editor.document.uri.toString() === uri.toString());
  if (shown?.viewColumn !== undefined) return shown.viewColumn;
  const active = vscode.window.tabGroups.activeTabGroup;
  if (!(active.activeTab?.input instanceof vscode.TabInputWebview)) return vscode.ViewColumn.Active;
  return vscode.window.tabGroups.all.find((group) => group !== active)?.viewColumn ?? vscode.ViewColumn.Beside;
}
