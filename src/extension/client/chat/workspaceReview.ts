/**
 * `/review` with nothing after it: Nova's analyzers over the workspace (nova/review.run, the same
 * review as "Nova: Review Workspace"), rendered in the chat as a verdict with its findings as
 * `path:line` locations. The findings are the diagnostics the review published (source "Nova"),
 * read back from VS Code. `/review <what>` goes to the team's reviewer instead, as a run.
 */
import * as vscode from 'vscode';
import type { Finding } from '../../../core/contracts';

/** The most findings one chat result lists (the Problems view has them all). */
const maxFindings = 500;

const severities: Record<number, Finding['severity']> = { 0: 'error', 1: 'warning', 2: 'info', 3: 'hint' };

/** The review's findings, from the diagnostics it published for `uris`. */
export function publishedFindings(uris: readonly string[]): Finding[] {
  const findings: Finding[] = [];
  for (const raw of uris) {
    const uri = vscode.Uri.parse(raw);
    if (!vscode.workspace.getWorkspaceFolder(uri)) continue;
    const path = vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
    for (const diagnostic of vscode.languages.getDiagnostics(uri)) {
      if (diagnostic.source !== 'Nova' || findings.length >= maxFindings) continue;
      const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
      findings.push({ path, line: diagnostic.range.start.line + 1, severity: severities[diagnostic.severity] ?? 'info', rule: String(code ?? 'nova'), message: diagnostic.message || '(no message)' });
    }
  }
  return findings;
}
