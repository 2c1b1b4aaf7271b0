/**
 * chat/proposeCode: a code block of a reply becomes a stored proposal — never a write. The person
 * picks where it goes (the selection the message carried or that is selected now, or the whole of
 * the active file) in a Quick Pick; the hunk replaces exactly the lines the target has now, so the
 * proposal conflicts instead of misapplying if the file changes before it is accepted. The server
 * stores it with the same checks as a run's proposal (nova/proposals.add).
 */
import * as vscode from 'vscode';
import type { ChangeProposal } from '../../../core/contracts';
import { hunkLines, splitText } from '../../../core/edits/lineHunks';
import type { ContextChip } from '../../../protocol/webview/transcript';

/** Where the code goes: lines of a workspace file (1-based, inclusive), as they read now. */
export interface CodeTarget {
  readonly path: string;
  readonly startLine: number;
  readonly endLine: number;
  /** The lines replaced, as the ChangeProposal convention writes them (joined by `\n`, no final break). */
  readonly before: string;
  readonly label: string;
}

/** The proposal for `code` at `target`. Pure. */
export function codeProposal(code: string, target: CodeTarget, from: string): ChangeProposal {
  // The code block's own final line break is not a line of its own.
  const after = hunkLines(code.replace(/\r?\n$/, '')).join('\n');
  return {
    summary: `Code from the chat into ${target.label}`,
    rationale: `The person proposed a code block from ${from}'s reply in Nova's chat for ${target.label}.`,
    files: [{ path: target.path, hunks: [{ startLine: target.startLine, before: target.before, after, rationale: `Replaces ${target.label} with the code block.` }] }],
    risks: ['The code comes from a chat reply as written; nothing checked that it compiles or fits.'],
  };
}

/** The lines `startLine..endLine` of `text` in the proposal convention, and the whole text's lines. Pure. */
export function linesOf(text: string, startLine: number, endLine: number): string {
  return splitText(text).lines.slice(startLine - 1, endLine).join('\n');
}

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
