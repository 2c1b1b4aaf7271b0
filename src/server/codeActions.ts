/**
 * Code actions for Nova's findings: a finding with a safe fix offers "Nova: propose …" — Nova's own
 * mechanical fix for its rule (core/review/fixes.ts: `===`, a secret read from the environment, a
 * deliberate `void`…) or TypeScript's fix for a `ts-<code>` finding. Choosing it runs
 * `nova.proposeFix`, which computes the fix again from the file as it is then and stores it as a
 * proposal (a change set) for the person to accept or reject — the server never edits a file, and
 * the action carries no edit.
 */
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver/node';
import type { ChangeProposal } from '../core/contracts';
import { ProposalRefused, type ProposalStore } from '../core/proposals/store';
import { fixProposal, mechanicalFixes, mechanicallyFixableRules } from '../core/review/fixes';
import { proposeCodeFix } from '../core/typescript/codeFix';
import { isTypeScriptSource } from '../core/typescript/sourceScope';
import { proposablePathProblem } from '../core/workspace/proposablePath';
import type { WorkspaceSandbox } from '../core/workspace/sandbox';
import { check, novaErrorCodes, type NovaErrorData } from '../protocol/message';
import { proposalsChanged } from '../protocol/proposals';
import { proposeFixCommand, ProposeFixArgument } from '../protocol/review';
import { abortSignalOf, notify, type ServerConnection } from './handlers';
import { diagnosticSource, findingRange, type NovaDiagnosticData } from './reviewedFindings';
import type { ServerWorkspace } from './workspace';

/** Nova reads no source larger than this to compute a fix. */
const maxSourceBytes = 4 * 1024 * 1024;

/** A fix ready to store: what the person reads and the change set. */
interface ProposedFix {
  readonly title: string;
  readonly proposal: ChangeProposal;
}

export function registerCodeActions({ connection, ResponseError }: ServerConnection, workspace: ServerWorkspace, proposals: () => Promise<ProposalStore>, announce: (message: string) => void, trusted: () => boolean): void {
  /** The file's workspace path and text now (the open document's, unsaved edits included); undefined when the sandbox refuses it. */
  const sourceOf = async (sandbox: WorkspaceSandbox, path: string): Promise<{ shown: string; text: string } | undefined> => {
    const resolved = await sandbox.resolve(path);
    if (!resolved.ok) return undefined;
    const shown = sandbox.displayPath(resolved);
    if (!isTypeScriptSource(shown) || proposablePathProblem(shown) !== undefined) return undefined;
    const open = workspace.openDocument(resolved.path);
    if (open) return { shown, text: open.getText() };
    const read = await sandbox.readResolved(resolved.path, maxSourceBytes);
    return read.ok ? { shown, text: read.text } : undefined;
  };

  connection.onCodeAction(async ({ textDocument, context }, token): Promise<CodeAction[]> => {
    const path = workspace.pathOf(textDocument.uri);
    if (!path) return [];
    const signal = abortSignalOf(token);
    const sandbox = await workspace.sandbox();
    const actions: CodeAction[] = [];
    const offer = (diagnostic: Diagnostic, title: string, argument: ProposeFixArgument) => {
      const shown = `Nova: propose “${title}”`;
      actions.push({ title: shown, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title: shown, command: proposeFixCommand, arguments: [argument] } });
    };
    const novaDiagnostics = context.diagnostics.filter((diagnostic) => diagnostic.source === diagnosticSource);
    const source = novaDiagnostics.some((diagnostic) => mechanicallyFixableRules.has(String(diagnostic.code))) ? await sourceOf(sandbox, path) : undefined;
    for (const diagnostic of novaDiagnostics) {
      const rule = String(diagnostic.code ?? '');
      if (source && mechanicallyFixableRules.has(rule)) {
        for (const fix of mechanicalFixes({ rule, range: findingRange(diagnostic.range) }, source.text, path)) offer(diagnostic, fix.title, { uri: textDocument.uri, rule, fix: fix.id, range: diagnostic.range });
        continue;
      }
      const tsCode = (diagnostic.data as NovaDiagnosticData | undefined)?.tsCode;
      if (typeof tsCode !== 'number') continue;
      const fix = await proposeCodeFix(sandbox, path, findingRange(diagnostic.range), tsCode, signal, trusted()).catch(() => undefined);
      // No quick fix for a file no proposal may name (a protected path): it would only be refused.
      if (!fix || fix.proposal.files.some((file) => proposablePathProblem(file.path) !== undefined)) continue;
      offer(diagnostic, fix.title, { uri: textDocument.uri, code: tsCode, rule: rule || `ts-${tsCode}`, range: diagnostic.range });
    }
    return actions;
  });

  /** The fix the argument names, computed from the file as it is now; a string says why there is none. */
  const computeFix = async (path: string, { code, fix: fixId, rule, range }: ProposeFixArgument): Promise<ProposedFix | string> => {
    const sandbox = await workspace.sandbox();
    const at = findingRange(range);
    const stale = `Nova no longer has a safe fix for ${rule} at line ${at.startLine}: the file changed. Review it again.`;
    if (fixId !== undefined) {
      const source = await sourceOf(sandbox, path);
      if (!source) return `Nova cannot propose a change to ${path}: it is not a TypeScript source it may change.`;
      const fix = mechanicalFixes({ rule, range: at }, source.text, path).find((candidate) => candidate.id === fixId);
      const proposal = fix && fixProposal(source.shown, at.startLine, source.text, fix);
      return fix && proposal ? { title: fix.title, proposal } : stale;
    }
    if (code === undefined) return `${proposeFixCommand}: the argument names neither a fix nor a TypeScript code.`;
    const fix = await proposeCodeFix(sandbox, path, at, code, AbortSignal.timeout(60_000), trusted());
    return fix ? { title: fix.title, proposal: fix.proposal } : stale;
  };

  connection.onExecuteCommand(async ({ command, arguments: args }) => {
    if (command !== proposeFixCommand) return new ResponseError<NovaErrorData>(novaErrorCodes.invalidParams, `Nova has no command ${command}.`);
    const checked = check(ProposeFixArgument, args?.[0]);
    if (!checked.ok) return new ResponseError<NovaErrorData>(novaErrorCodes.invalidParams, `${proposeFixCommand}: invalid argument: ${checked.issues.join('; ')}`, { issues: checked.issues });
    const { uri, rule, range } = checked.value;
    const path = workspace.pathOf(uri);
    if (!path) return new ResponseError<NovaErrorData>(novaErrorCodes.invalidParams, `${uri} is not a file in the workspace.`);
    const fix = await computeFix(path, checked.value);
    if (typeof fix === 'string') return new ResponseError<NovaErrorData>(novaErrorCodes.conflict, fix);
    const line = range.start.line + 1;
    const stored = await (await proposals())
      .add({ kind: 'fix', rule, path: fix.proposal.files[0]?.path ?? path, line, title: fix.title }, fix.proposal)
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
