/**
 * chat/proposeCode: a code block of a reply becomes a stored proposal — never a write. The person
 * picks where it goes (the selection the message carried or that is selected now, or the whole of
 * the active file) in a Quick Pick; the hunk replaces exactly the lines the target has now, so the
 * proposal conflicts instead of misapplying if the file changes before it is accepted. The server
 * stores it with the same checks as a run's proposal (nova/proposals.add).
 */
import * as vscode from 'vscode';
import { splitText } from '../../../core/edits/lines';
import type { ContextChip } from '../../../protocol/webview/transcript';
import { linesOf, type CodeTarget } from './codeBlockProposal';

/**
 * Asks where the code goes. Offered: the selection chip (of the message, else of the editor now),
 * and the whole active file. Undefined when the person cancels or nothing can be offered.
 */
export async function pickCodeTarget(selection: ContextChip | undefined, relativePath: (uri: vscode.Uri) => string | undefined): Promise<CodeTarget | undefined> {
  const items: (vscode.QuickPickItem & { target: () => Promise<CodeTarget | undefined> })[] = [];
  if (selection?.path && selection.startLine && selection.endLine) {
    const { path, startLine, endLine } = selection;
    items.push({
      label: `Replace ${selection.label}`,
      description: 'the selected lines',
      target: async () => {
        const document = await openWorkspaceDocument(path);
        return document && { path, startLine, endLine, before: linesOf(document.getText(), startLine, endLine), label: selection.label };
      },
    });
  }
  const active = vscode.window.activeTextEditor?.document;
  const activePath = active ? relativePath(active.uri) : undefined;
  if (active && activePath) {
    items.push({
      label: `Replace the whole of ${activePath}`,
      description: 'the active file',
      target: () => {
        const lines = splitText(active.getText()).lines;
        return Promise.resolve({ path: activePath, startLine: 1, endLine: Math.max(lines.length, 1), before: lines.join('\n'), label: activePath });
      },
    });
  }
  if (items.length === 0) throw new Error('Open the file the code is for (or select the lines it replaces), then propose it again.');
  const picked = await vscode.window.showQuickPick(items, { title: 'Nova: propose this code as a change to…', placeHolder: 'Nothing is written: the proposal waits in the Proposals view until you accept it.' });
  return picked?.target();
}

async function openWorkspaceDocument(path: string): Promise<vscode.TextDocument | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const [first, ...rest] = path.split('/');
  const named = folders.length > 1 ? folders.find((folder) => folder.name === first) : undefined;
  const uri = named ? vscode.Uri.joinPath(named.uri, ...rest) : folders[0] ? vscode.Uri.joinPath(folders[0].uri, ...path.split('/')) : undefined;
  return uri ? vscode.workspace.openTextDocument(uri) : undefined;
}
