/**
 * Code actions for Nova's findings: a finding TypeScript can fix safely offers "Nova: propose …".
 * Choosing it runs `nova.proposeFix`, which stores the fix as a proposal for the person to accept
 * or reject — the server never edits a file, and the action carries no edit.
 */
import { CodeActionKind, type CodeAction } from 'vscode-languageserver/node';
import { ProposalRefused, type ProposalStore } from '../core/proposals/store';
import { proposeCodeFix, type DiagnosticRange } from '../core/typescript/codeFix';
import { proposablePathProblem } from '../core/workspace/proposablePath';
import { check, novaErrorCodes, type NovaErrorData } from '../protocol/message';
import { proposalsChanged } from '../protocol/proposals';
import { proposeFixCommand, ProposeFixArgument } from '../protocol/review';
import { diagnosticSource, type NovaDiagnosticData } from './diagnostics';
import { abortSignalOf, notify, type ServerConnection } from './handlers';
import type { ServerWorkspace } from './workspace';

export function registerCodeActions({ connection, ResponseError }: ServerConnection, workspace: ServerWorkspace, proposals: () => Promise<ProposalStore>, announce: (message: string) => void, trusted: () => boolean): void {
  connection.onCodeAction(async ({ textDocument, context }, token): Promise<CodeAction[]> => {
    const path = workspace.pathOf(textDocument.uri);
    if (!path) return [];
    const signal = abortSignalOf(token);
    const sandbox = await workspace.sandbox();
    const actions: CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      const tsCode = (diagnostic.data as NovaDiagnosticData | undefined)?.tsCode;
      if (diagnostic.source !== diagnosticSource || typeof tsCode !== 'number') continue;
      const fix = await proposeCodeFix(sandbox, path, findingRange(diagnostic.range), tsCode, signal, trusted()).catch(() => undefined);
      // No quick fix for a file no proposal may name (a protected path): it would only be refused.
      if (!fix || fix.proposal.files.some((file) => proposablePathProblem(file.path) !== undefined)) continue;
      const title = `Nova: propose “${fix.title}”`;
      const argument: ProposeFixArgument = { uri: textDocument.uri, code: tsCode, rule: String(diagnostic.code ?? `ts-${tsCode}`), range: diagnostic.range };
      actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title, command: proposeFixCommand, arguments: [argument] } });
    }
    return actions;
  });

  connection.onExecuteCommand(async ({ command, arguments: args }) => {
    if (command !== proposeFixCommand) return new ResponseError<NovaErrorData>(novaErrorCodes.invalidParams, `Nova has no command ${command}.`);
    const checked = check(ProposeFixArgument, args?.[0]);
    if (!checked.ok) return new ResponseError<NovaErrorData>(novaErrorCodes.invalidParams, `${proposeFixCommand}: invalid argument: ${checked.issues.join('; ')}`, { issues: checked.issues });
    const { uri, code, rule, range } = checked.value;
    const path = workspace.pathOf(uri);
    if (!path) return new ResponseError<NovaErrorData>(novaErrorCodes.invalidParams, `${uri} is not a file in the workspace.`);
    const sandbox = await workspace.sandbox();
    const at = findingRange(range);
    const fix = await proposeCodeFix(sandbox, path, at, code, AbortSignal.timeout(60_000), trusted());
    if (!fix) return new ResponseError<NovaErrorData>(novaErrorCodes.conflict, `TypeScript no longer offers a safe fix for ${rule} at line ${at.startLine}: the file changed. Review it again.`);
    const stored = await (await proposals())
      .add({ kind: 'fix', rule, path: fix.proposal.files[0]?.path ?? path, line: at.startLine, title: fix.title }, fix.proposal)
      .catch((error: unknown) => {
        if (error instanceof ProposalRefused) return error;
        throw error;
      });
    // A fix for a file the store will not take (a protected path, or one a link leads out) is refused as a conflict.
    if (stored instanceof ProposalRefused) return new ResponseError<NovaErrorData>(novaErrorCodes.conflict, `Nova did not store the fix. ${stored.message}`, { issues: [...stored.problems] });
    if (stored.duplicate) {
      announce(`Nova already has this proposal waiting: ${fix.title}. Nothing was changed; accept or reject it in Nova's Proposals.`);
      return { proposalId: stored.changeSet.id };
    }
    notify(connection, proposalsChanged, { id: stored.changeSet.id, change: 'added' });
    announce(`Nova stored a proposal: ${fix.title}. Nothing was changed; accept or reject it in Nova's Proposals.`);
    return { proposalId: stored.changeSet.id };
  });
}

/** A finding range (1-based lines) from an LSP range (0-based lines). */
function findingRange(range: { start: { line: number; character: number }; end: { line: number; character: number } }): DiagnosticRange {
  return { startLine: range.start.line + 1, startColumn: range.start.character, endLine: range.end.line + 1, endColumn: range.end.character };
}
