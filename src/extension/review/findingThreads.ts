/**
 * Review findings as comment threads in the editor (VS Code's Comments API): one thread per finding
 * on its range, whose first comment is the finding — what it says, what to do, and its evidence
 * with links. The person can reply, resolve or reopen (all kept in the workspace's state, by
 * fingerprint: findingReplies.ts) or dismiss: a dismissed finding leaves its thread, its
 * diagnostic and its row in the Findings view, and no later review or window shows it again.
 */
import * as vscode from 'vscode';
import type { ReviewedFinding } from '../../protocol/review';
import { commandIds } from '../contributions';
import { FindingReplies } from './findingReplies';
import type { ReviewFindings } from './reviewFindings';

/** Thread context values (package.json `comments/commentThread/title` menus match them). */
export const threadContext = { open: 'nova.finding', resolved: 'nova.finding.resolved' } as const;

/** Where the fingerprints of resolved findings are kept (workspaceState). */
const resolvedKey = 'nova.review.resolved';

const severityTitles: Record<ReviewedFinding['severity'], string> = { error: 'Error', warning: 'Warning', info: 'Note', hint: 'Hint' };

function lspRange(range: ReviewedFinding['range']): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

/** The finding as the thread's first comment (Markdown, untrusted: no command links). */
export function findingBody(finding: ReviewedFinding): vscode.MarkdownString {
  const body = new vscode.MarkdownString(undefined, true);
  body.isTrusted = false;
  body.appendText(finding.message);
  if (finding.suggestion) body.appendMarkdown('\n\n').appendText(finding.suggestion);
  const raised = raisedBy(finding);
  if (raised) body.appendMarkdown('\n\n*').appendText(raised).appendMarkdown('*');
  for (const item of finding.evidence ?? []) {
    const target = vscode.Uri.parse(item.uri).with({ fragment: `L${item.range.start.line + 1}` });
    body.appendMarkdown('\n\n$(references) ').appendText(`${item.message} — `);
    body.appendMarkdown(`[${vscode.workspace.asRelativePath(vscode.Uri.parse(item.uri))}:${item.range.start.line + 1}](${target.toString()})`);
  }
  return body;
}

/** Who raised the finding and how sure it is, as the person reads it ("hardcoded-secret, high confidence"). */
export function raisedBy(finding: Pick<ReviewedFinding, 'analyzer' | 'confidence'>): string | undefined {
  const parts = [finding.analyzer === undefined ? undefined : `Raised by ${finding.analyzer}`, finding.confidence === undefined ? undefined : `${finding.confidence} confidence`];
  const said = parts.filter((part) => part !== undefined).join(', ');
  return said === '' ? undefined : said.replace(/^./, (first) => first.toUpperCase());
}

/** A comment shown as written (findings and replies are not edited in place). */
function plainComment(body: string | vscode.MarkdownString, author: string, label?: string): vscode.Comment {
  return { body, author: { name: author }, mode: vscode.CommentMode.Preview, ...(label === undefined ? {} : { label }) };
}

/** What the real-VS Code tests read and do. */
export interface FindingThreadsTesting {
  threads(): { readonly fingerprint: string; readonly uri: string; readonly line: number; readonly label: string; readonly resolved: boolean; readonly comments: readonly string[] }[];
  /** Runs a thread action as its title button would. */
  act(fingerprint: string, action: 'resolve' | 'reopen' | 'dismiss'): Promise<void>;
  reply(fingerprint: string, text: string): Promise<void>;
}

export function registerFindingThreads(context: vscode.ExtensionContext, findings: ReviewFindings, log: vscode.LogOutputChannel): FindingThreadsTesting {
  const controller = vscode.comments.createCommentController('nova.review', 'Nova Review');
  controller.options = { prompt: 'Reply to Nova…', placeHolder: 'Reply (kept with this workspace)' };
  const threads = new Map<string, vscode.CommentThread>();
  const fingerprintOf = new WeakMap<vscode.CommentThread, string>();
  const resolved = new Set(context.workspaceState.get<string[]>(resolvedKey, []));
  const replies = new FindingReplies(context.workspaceState);

  const draw = (thread: vscode.CommentThread, finding: ReviewedFinding) => {
    thread.range = lspRange(finding.range);
    thread.label = `${severityTitles[finding.severity]} · ${finding.rule}`;
    const first = plainComment(findingBody(finding), 'Nova review', finding.rule);
    thread.comments = [first, ...replies.of(finding.fingerprint).map((text) => plainComment(text, 'You'))];
    const isResolved = resolved.has(finding.fingerprint);
    thread.state = isResolved ? vscode.CommentThreadState.Resolved : vscode.CommentThreadState.Unresolved;
    thread.contextValue = isResolved ? threadContext.resolved : threadContext.open;
    thread.canReply = true;
  };

  const sync = () => {
    const current = new Set<string>();
    for (const file of findings.files()) {
      const uri = vscode.Uri.parse(file.uri);
      for (const finding of file.findings) {
        current.add(finding.fingerprint);
        let thread = threads.get(finding.fingerprint);
        if (thread && thread.uri.toString() !== uri.toString()) {
          thread.dispose();
          thread = undefined;
        }
        if (!thread) {
          thread = controller.createCommentThread(uri, lspRange(finding.range), []);
          thread.collapsibleState = vscode.CommentThreadCollapsibleState.Collapsed;
          threads.set(finding.fingerprint, thread);
          fingerprintOf.set(thread, finding.fingerprint);
        }
        draw(thread, finding);
      }
    }
    for (const [fingerprint, thread] of threads) {
      if (current.has(fingerprint)) continue;
      thread.dispose();
      threads.delete(fingerprint);
    }
  };

  const setResolved = async (fingerprint: string, value: boolean) => {
    if (value) resolved.add(fingerprint);
    else resolved.delete(fingerprint);
    await context.workspaceState.update(resolvedKey, [...resolved]);
    const located = findings.find(fingerprint);
    const thread = threads.get(fingerprint);
    if (located && thread) draw(thread, located.finding);
  };

  const dismiss = async (fingerprint: string) => {
    try {
      await findings.dismiss(fingerprint);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log.error(`Dismissing a finding failed: ${message}`);
      void vscode.window.showErrorMessage(`Nova could not dismiss the finding: ${message}`);
    }
  };

  const reply = async (fingerprint: string, text: string) => {
    await replies.add(fingerprint, text);
    const located = findings.find(fingerprint);
    const thread = threads.get(fingerprint);
    if (located && thread) draw(thread, located.finding);
  };

  /** A thread action gets the thread (title buttons), a reply (the reply box) or a fingerprint (the Findings view, tests). */
  const fingerprintFrom = (target: unknown): string | undefined => {
    if (typeof target === 'string') return target;
    if (target && typeof target === 'object') {
      if ('thread' in target) return fingerprintOf.get((target as vscode.CommentReply).thread);
      if ('finding' in target) return (target as { finding: ReviewedFinding }).finding.fingerprint;
      return fingerprintOf.get(target as vscode.CommentThread);
    }
    return undefined;
  };

  const show = async (fingerprint: string) => {
    const located = findings.find(fingerprint);
    if (!located) return;
    const range = lspRange(located.finding.range);
    await vscode.window.showTextDocument(vscode.Uri.parse(located.file.uri), { selection: new vscode.Range(range.start, range.start), preview: true });
    const thread = threads.get(fingerprint);
    if (thread) thread.collapsibleState = vscode.CommentThreadCollapsibleState.Expanded;
  };

  const withFingerprint = (run: (fingerprint: string) => unknown) => (target: unknown) => {
    const fingerprint = fingerprintFrom(target);
    return fingerprint === undefined ? undefined : run(fingerprint);
  };

  context.subscriptions.push(
    controller,
    findings.onDidChange(sync),
    vscode.commands.registerCommand(commandIds.resolveFinding, withFingerprint((fingerprint) => setResolved(fingerprint, true))),
    vscode.commands.registerCommand(commandIds.reopenFinding, withFingerprint((fingerprint) => setResolved(fingerprint, false))),
    vscode.commands.registerCommand(commandIds.dismissFinding, withFingerprint(dismiss)),
    vscode.commands.registerCommand(commandIds.showFinding, withFingerprint(show)),
    vscode.commands.registerCommand(commandIds.replyToFinding, (answer: vscode.CommentReply) => {
      const fingerprint = fingerprintOf.get(answer.thread);
      return fingerprint === undefined ? undefined : reply(fingerprint, answer.text);
    }),
    { dispose: () => threads.forEach((thread) => thread.dispose()) },
  );
  sync();

  return {
    threads: () =>
      [...threads].map(([fingerprint, thread]) => ({
        fingerprint,
        uri: thread.uri.toString(),
        line: (thread.range?.start.line ?? 0) + 1,
        label: thread.label ?? '',
        resolved: thread.state === vscode.CommentThreadState.Resolved,
        comments: thread.comments.map((comment) => (typeof comment.body === 'string' ? comment.body : comment.body.value)),
      })),
    act: async (fingerprint, action) => {
      if (action === 'dismiss') await dismiss(fingerprint);
      else await setResolved(fingerprint, action === 'resolve');
    },
    reply,
  };
}
