/**
 * The hover over a proposed hunk's lines: every line it proposes, who wrote them and why (./hunkWhy.ts).
 * Text from a change set is untrusted: the Markdown is neither trusted nor allowed HTML.
 */
import * as vscode from 'vscode';
import type { EditorHunks } from './editorHunks';
import { hunkWhy } from './hunkWhy';
import type { ChangeSet, Hunk } from '../../core/edits/changeSet';
import { coveredLines } from './proposedHunks';

export class HunkHover implements vscode.HoverProvider {
  constructor(private readonly hunks: EditorHunks) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const here = this.hunks.hunksOf(document).filter((proposed) => {
      const { start, end } = coveredLines(proposed, document.lineCount);
      return position.line >= start && position.line < end;
    });
    if (here.length === 0) return undefined;
    return new vscode.Hover(here.map((proposed) => whyMarkdown(proposed.set, proposed.hunk, proposed.kind === 'conflict' ? proposed.reason : undefined)));
  }
}

/** The Markdown shown for one hunk of a change set (and why it no longer applies, when it does not). */
export function whyMarkdown(set: ChangeSet, hunk: Hunk, conflict: string | undefined): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString(hunkWhy(set, hunk, conflict));
  markdown.isTrusted = false;
  markdown.supportHtml = false;
  return markdown;
}
