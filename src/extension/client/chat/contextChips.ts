/**
 * The context chips on offer: the active editor's file (workspace-relative), its selection
 * (`board.ts:12-18`) and its open problems (a count), followed as the person switches editors,
 * selects or the problems change (debounced), so the page can show what a message would carry.
 * Only files inside a workspace folder are offered.
 */
import * as vscode from 'vscode';
import type { ContextChip } from '../../../protocol/webview/transcript';
import { DisposableStore, type Disposable } from '../../disposableStore';
import type { ChipContent } from './chatContext';

const debounceMs = 150;
const severities = ['error', 'warning', 'info', 'hint'] as const;

export class ContextChips implements Disposable {
  private readonly store = new DisposableStore();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private offered: ContextChip[] = [];

  constructor(private readonly changed: (chips: ContextChip[]) => void) {
    this.offered = currentChips();
    const soon = () => this.soon();
    this.store.add(vscode.window.onDidChangeActiveTextEditor(soon));
    this.store.add(vscode.window.onDidChangeTextEditorSelection(soon));
    this.store.add(
      vscode.languages.onDidChangeDiagnostics((event) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && event.uris.some((uri) => uri.toString() === active)) soon();
      }),
    );
  }

  /** The chips on offer now. */
  get chips(): readonly ContextChip[] {
    return this.offered;
  }

  /** What the chips stand for now: the selected text, the problems' messages. */
  contentOf(chips: readonly ContextChip[]): ChipContent {
    const content: { -readonly [K in keyof ChipContent]: ChipContent[K] } = {};
    for (const chip of chips) {
      const uri = chip.path ? uriOf(chip.path) : undefined;
      if (!uri || !chip.path) continue;
      if (chip.kind === 'selection' && chip.startLine && chip.endLine) {
        const document = vscode.workspace.textDocuments.find((open) => open.uri.toString() === uri.toString());
        if (!document) continue;
        const end = Math.min(chip.endLine, document.lineCount);
        const text = document.getText(new vscode.Range(chip.startLine - 1, 0, end - 1, document.lineAt(end - 1).text.length));
        content.selection = { path: chip.path, startLine: chip.startLine, endLine: end, text };
      }
      if (chip.kind === 'problems') {
        const items = openProblems(uri).map((diagnostic) => ({ line: diagnostic.range.start.line + 1, severity: severities[diagnostic.severity] ?? 'error', message: diagnostic.message }));
        content.problems = { path: chip.path, items };
      }
    }
    return content;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.store.dispose();
  }

  private soon(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const next = currentChips();
      if (JSON.stringify(next) === JSON.stringify(this.offered)) return;
      this.offered = next;
      this.changed(next);
    }, debounceMs);
  }
}

/** The chips the active editor offers now. */
function currentChips(): ContextChip[] {
  const editor = vscode.window.activeTextEditor;
  const uri = editor?.document.uri;
  if (!editor || !uri || uri.scheme !== 'file' || !vscode.workspace.getWorkspaceFolder(uri)) return [];
  const path = vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
  const name = path.split('/').pop() ?? path;
  const chips: ContextChip[] = [{ id: `file:${path}`, kind: 'file', label: name, path }];
  const selection = editor.selection;
  if (!selection.isEmpty) {
    const startLine = selection.start.line + 1;
    // A selection that ends at the start of a line does not include that line.
    const endLine = selection.end.character === 0 && selection.end.line > selection.start.line ? selection.end.line : selection.end.line + 1;
    const lines = startLine === endLine ? `${startLine}` : `${startLine}-${endLine}`;
    chips.push({ id: `selection:${path}:${lines}`, kind: 'selection', label: `${name}:${lines}`, path, startLine, endLine });
  }
  const problems = openProblems(uri).length;
  if (problems > 0) chips.push({ id: `problems:${path}`, kind: 'problems', label: `${problems} problem${problems === 1 ? '' : 's'}`, path });
  return chips;
}

/** The file a chip's workspace-relative path names (`folder/rest` in a multi-root workspace). */
function uriOf(path: string): vscode.Uri | undefined {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const [first, ...rest] = path.split('/');
  const named = folders.length > 1 ? folders.find((folder) => folder.name === first) : undefined;
  if (named) return vscode.Uri.joinPath(named.uri, ...rest);
  return folders[0] ? vscode.Uri.joinPath(folders[0].uri, ...path.split('/')) : undefined;
}

/** The file's problems as the Problems view lists them: hints (faded unused code) are not problems. */
function openProblems(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.severity !== vscode.DiagnosticSeverity.Hint);
}
