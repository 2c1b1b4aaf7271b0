/**
 * Proposed changes drawn in place, in the theme's own diff colours:
 * - lines a pending hunk removes or replaces: the diff editor's removed-line background, a bar at
 *   the left edge and a mark in the overview ruler; where a hunk only inserts, a dotted line over
 *   the line it goes before;
 * - the lines it adds: VS Code cannot insert virtual lines into an editor, so the hunk's last line
 *   (for an insertion, the line it goes before) ends with a short, italic note of what it proposes
 *   — "becomes 3 lines: return total; …" — on the diff editor's inserted-text background; the hover
 *   (./hunkHover.ts) shows every proposed line, and Open diff the whole file side by side. A note
 *   never moves the person's lines, so the text stays where their eyes and cursor are;
 * - a hunk that no longer applies (the person's typing, or another change, broke its lines): a
 *   dashed warning bar, a warning mark in the ruler and the reason, instead of the diff colours.
 */
import * as vscode from 'vscode';
import type { EditorHunks } from './editorHunks';
import { coveredLines, proposedSummary, type ProposedHunk } from './proposedHunks';

/** What the decorations of one editor came to, for Nova's tests in a real VS Code (a decoration cannot be read back). */
export interface DrawnHunk {
  readonly hunkId: string;
  readonly kind: ProposedHunk['kind'];
  /** 0-based lines marked as removed (or in conflict). */
  readonly lines: readonly number[];
  /** The note shown after the hunk's last line. */
  readonly note: string;
}

export class HunkDecorations implements vscode.Disposable {
  private readonly removed = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('diffEditor.removedLineBackground'),
    borderWidth: '0 0 0 3px',
    borderStyle: 'solid',
    borderColor: new vscode.ThemeColor('editorGutter.deletedBackground'),
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.deletedForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Left,
  });
  private readonly inserted = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    borderWidth: '2px 0 0 0',
    borderStyle: 'dotted',
    borderColor: new vscode.ThemeColor('editorGutter.addedBackground'),
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.addedForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Left,
  });
  private readonly note = vscode.window.createTextEditorDecorationType({
    after: {
      margin: '0 0 0 2em',
      fontStyle: 'italic',
      color: new vscode.ThemeColor('editorCodeLens.foreground'),
      backgroundColor: new vscode.ThemeColor('diffEditor.insertedTextBackground'),
    },
  });
  private readonly conflict = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    borderWidth: '0 0 0 3px',
    borderStyle: 'dashed',
    borderColor: new vscode.ThemeColor('editorWarning.foreground'),
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.warningForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Left,
    after: { margin: '0 0 0 2em', fontStyle: 'italic', color: new vscode.ThemeColor('editorWarning.foreground') },
  });
  private readonly drawn = new Map<string, readonly DrawnHunk[]>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly hunks: EditorHunks) {
    this.subscriptions = [
      hunks.onDidChange((uri) => {
        for (const editor of vscode.window.visibleTextEditors) if (editor.document.uri.toString() === uri.toString()) this.draw(editor);
      }),
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((editor) => this.draw(editor))),
    ];
    vscode.window.visibleTextEditors.forEach((editor) => this.draw(editor));
  }

  /** What is drawn in the editors of `uri`. */
  drawnIn(uri: vscode.Uri): readonly DrawnHunk[] {
    return this.drawn.get(uri.toString()) ?? [];
  }

  private draw(editor: vscode.TextEditor): void {
    const { document } = editor;
    const lineTotal = document.lineCount;
    const removed: vscode.DecorationOptions[] = [];
    const inserted: vscode.DecorationOptions[] = [];
    const notes: vscode.DecorationOptions[] = [];
    const conflicts: vscode.DecorationOptions[] = [];
    const drawn: DrawnHunk[] = [];
    for (const proposed of this.hunks.hunksOf(document)) {
      const { start, end } = coveredLines(proposed, lineTotal);
      const last = document.lineAt(Math.max(0, Math.min(end, lineTotal) - 1));
      const lines: number[] = [];
      if (proposed.kind === 'conflict') {
        const note = `Nova: this proposed change no longer applies — ${proposed.reason}`;
        conflicts.push({ range: new vscode.Range(start, 0, start, 0), renderOptions: { after: { contentText: note } } });
        drawn.push({ hunkId: proposed.hunk.id, kind: proposed.kind, lines: [start], note });
        continue;
      }
      if (proposed.lineCount > 0) {
        for (let line = start; line < end; line++) lines.push(line);
        removed.push({ range: new vscode.Range(start, 0, end - 1, document.lineAt(end - 1).text.length) });
      } else {
        inserted.push({ range: new vscode.Range(start, 0, start, 0) });
      }
      const note = `+ Nova proposes: ${proposedSummary(proposed.hunk)}`;
      notes.push({ range: new vscode.Range(last.lineNumber, last.text.length, last.lineNumber, last.text.length), renderOptions: { after: { contentText: note } } });
      drawn.push({ hunkId: proposed.hunk.id, kind: proposed.kind, lines, note });
    }
    editor.setDecorations(this.removed, removed);
    editor.setDecorations(this.inserted, inserted);
    editor.setDecorations(this.note, notes);
    editor.setDecorations(this.conflict, conflicts);
    this.drawn.set(document.uri.toString(), drawn);
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    for (const type of [this.removed, this.inserted, this.note, this.conflict]) type.dispose();
  }
}
