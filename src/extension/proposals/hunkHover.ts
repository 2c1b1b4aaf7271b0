/**
 * The hover over a proposed hunk's lines: every line it proposes, who wrote them and why (./hunkWhy.ts).
 * Text from a change set is untrusted: the Markdown is neither trusted nor allowed HTML.
 */
import * as vscode from 'vscode';
import type { EditorHunks } from './editorHunks';
import { hunkWhy } from './hunkWhy';
import { coveredLines, type ProposedHunk } from './proposedHunks';

export class HunkHover implements vscode.HoverProvider {
  constructor(private readonly hunks: EditorHunks) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const here = this.hunks.hunksOf(document).filter((proposed) => {
      const { start, end } = coveredLines(proposed, document.lineCount);
      return position.line >= start && position.line < end;
    });
    if (here.length === 0) return undefined;
    return new vscode.Hover(here.map((proposed) => hoverMarkdown(proposed)));
  }
}

/** The Markdown shown for one proposed hunk. */
export function hoverMarkdown(proposed: ProposedHunk): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString(hunkWhy(proposed.set, proposed.hunk, proposed.kind === 'conflict' ? proposed.reason : undefined));
  markdown.isTrusted = false;
  markdown.supportHtml = false;
  return markdown;
}
