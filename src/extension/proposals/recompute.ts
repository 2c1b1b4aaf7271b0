/**
 * Making a change set again: a stale quick fix is proposed afresh through the server's
 * `nova.proposeFix` (from the finding as it is now), and the stale one is marked superseded by it;
 * an agent's change set goes back to the agent that wrote it, in a run whose input is the person's
 * feedback (ChangeFeedback: every hunk with its status and reason) — for a stale change set, what
 * no longer matches; for "Try again", what they accepted and rejected.
 */
import * as vscode from 'vscode';
import { changeFeedback } from '../../core/edits/changeFeedback';
import { allHunks, isOpen } from '../../core/edits/changeSetState';
import type { HunkConflict } from '../../core/edits/placement';
import type { ChangeSet } from '../../protocol/proposals';
import type { LazyServer } from '../lazyServer';
import type { ChangeSets } from './changeSets';
import { proposalUri } from './targets';

/** The server's command that stores a quick fix as a change set (src/server/codeActions.ts). */
const proposeFixCommand = 'nova.proposeFix';
/** The source Nova's diagnostics carry (src/server/diagnostics.ts). */
const diagnosticSource = 'Nova';

/** What recomputing came to, and the message the person was shown. */
export interface RecomputeOutcome {
  readonly message: string;
  /** The new change set (a quick fix) or the run that will propose one (an agent). */
  readonly changeSetId?: string;
  readonly runId?: string;
}

/** What a quick fix's recomputation needs from the editor. */
export interface RecomputeDeps {
  readonly changeSets: ChangeSets;
  readonly server: LazyServer;
  /** Asks about workspace agent files before a run loads them (see AgentFileReview). */
  readonly beforeRun: () => Promise<unknown>;
}

/** Proposes a quick fix again from the finding as it is now; the stale change set is superseded (or it still applies, and is left alone). */
export async function recomputeFix(deps: RecomputeDeps, set: ChangeSet): Promise<RecomputeOutcome> {
  const { source } = set;
  if (source.kind !== 'fix') throw new Error(`“${set.summary}” is not a quick fix.`);
  const code = /^ts-(\d+)$/.exec(source.rule)?.[1];
  const uri = proposalUri(source.path);
  if (!code || !uri) throw new Error(`Nova cannot recompute ${source.rule} in ${source.path}: it is not one of TypeScript's fixes in this workspace.`);
  const finding = await currentFinding(uri, source.rule, source.line, source.title);
  if (!finding) {
    await supersede(deps.changeSets, set, `TypeScript no longer reports ${source.rule} in ${source.path}: nothing to fix`);
    return { message: `Nova: ${source.path} no longer has the finding (${source.rule}) this fix was for; the stale fix is moved to History.` };
  }
  const range = { start: { line: finding.range.start.line, character: finding.range.start.character }, end: { line: finding.range.end.line, character: finding.range.end.character } };
  const result = await vscode.commands.executeCommand<{ proposalId?: string } | undefined>(proposeFixCommand, { uri: uri.toString(), code: Number(code), rule: source.rule, range });
  const id = result?.proposalId;
  if (!id) throw new Error(`The server did not propose ${source.rule} again.`);
  if (id === set.id) return { message: `Nova: TypeScript proposes the same fix again; “${set.summary}” is unchanged.`, changeSetId: id };
  await supersede(deps.changeSets, set, `replaced by the recomputed fix ${id}`);
  await deps.changeSets.refresh();
  return { message: `Nova: recomputed “${source.title}” against ${source.path} as it is now; the stale fix is moved to History.`, changeSetId: id };
}

/**
 * Starts a run with the agent that wrote `set`, its input the person's feedback. `conflicts`: the
 * hunks that no longer match (a stale change set), whose reasons the agent is given.
 */
export async function askAuthorAgain(deps: RecomputeDeps, set: ChangeSet, task: string | undefined, conflicts: readonly HunkConflict[] = []): Promise<RecomputeOutcome> {
  if (set.source.kind !== 'agent') throw new Error(`“${set.summary}” is your own proposal, not an agent's: there is no author to ask again. Reject it, and propose it again from the chat.`);
  const agent = set.source.agent;
  const feedback = changeFeedback(set, task);
  const stale = new Map(conflicts.flatMap((conflict) => (conflict.hunkId ? [[conflict.hunkId, conflict.reason] as const] : [])));
  const ids = allHunks(set).map(({ hunk }) => hunk.id);
  const hunks = feedback.hunks.map((hunk, index) => {
    const id = ids[index];
    const reason = id ? stale.get(id) : undefined;
    return reason ? { ...hunk, status: 'conflict' as const, reason: `no longer matches the file: ${reason}` } : hunk;
  });
  await deps.beforeRun();
  const text = task?.trim() || (conflicts.length > 0 ? `Propose “${set.summary}” again against the files as they are now.` : `Try again: “${set.summary}”, after the person's feedback.`);
  const { runId } = await deps.server.features.request('nova/run.start', { task: text, agent, files: [...new Set(set.files.map((file) => file.path))], feedback: { ...feedback, hunks } });
  if (conflicts.length > 0) await supersede(deps.changeSets, set, `${agent} recomputes it in run ${runId}`);
  return { message: `Nova: ${agent} is trying again (run ${runId}); its new proposal will appear in Proposals.`, runId };
}

/** Marks every open hunk of `set` superseded, saying by what; it moves to History, from where it can be reopened. */
async function supersede(changeSets: ChangeSets, set: ChangeSet, reason: string): Promise<void> {
  const open = set.files.flatMap((file) => file.hunks.filter((hunk) => isOpen(hunk.status)));
  if (open.length > 0) await changeSets.decide(set.id, open.map((hunk) => ({ id: hunk.id, status: 'superseded', reason })));
}

/**
 * Nova's finding for `rule` in the file now: the one whose message names what the fix's title
 * names (`'x'`), else the nearest to the line it was at. The file is opened (not shown) so the
 * server reviews it; its diagnostics are awaited for a few seconds.
 */
async function currentFinding(uri: vscode.Uri, rule: string, line: number, title: string): Promise<vscode.Diagnostic | undefined> {
  await vscode.workspace.openTextDocument(uri);
  const findings = () => vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === diagnosticSource && codeOf(diagnostic) === rule);
  if (findings().length === 0) await diagnosticsOf(uri, 5000);
  const names = [...title.matchAll(/'([^']+)'/g)].map((match) => match[1] as string);
  const candidates = findings();
  const named = candidates.filter((diagnostic) => names.some((name) => diagnostic.message.includes(`'${name}'`)));
  const distance = (diagnostic: vscode.Diagnostic) => Math.abs(diagnostic.range.start.line + 1 - line);
  return [...(named.length > 0 ? named : candidates)].sort((a, b) => distance(a) - distance(b))[0];
}

function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const { code } = diagnostic;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

/** Resolves when `uri`'s diagnostics change, or after `timeoutMs`. */
function diagnosticsOf(uri: vscode.Uri, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, timeoutMs);
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) done();
    });
    function done(): void {
      clearTimeout(timer);
      listener.dispose();
      resolve();
    }
  });
}
