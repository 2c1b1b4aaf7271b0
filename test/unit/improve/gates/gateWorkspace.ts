/**
 * What the gate tests run on: a real git repository in a temp folder, a change committed on an
 * improve branch in a worktree nested in the repository's .git (as the loop lays it out), and a
 * GateContext over it built the way the loop builds one — a real Orchestrator over the offline model
 * for `runAgent`, a real detached worktree of the base for `checkoutBase`, the real team loader.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadTeam } from '../../../../src/core/agents/load';
import type { Team } from '../../../../src/core/agents/team';
import type { ChangeProposal } from '../../../../src/core/contracts';
import type { GateContext, StageInput } from '../../../../src/core/improve/gate';
import { isNovaRepository } from '../../../../src/core/improve/gates/agentDefinitions';
import { defaultImproveSettings, type ImproveSettings } from '../../../../src/core/improve/settings';
import { OfflineModel } from '../../../../src/core/model/offline/offlineModel';
import type { OrchestratorOptions } from '../../../../src/core/orchestrator/run';
import type { RunResult } from '../../../../src/core/orchestrator/result';
import { createWorkspaceTools } from '../../../../src/core/tools/registry';
import { repoRoot } from '../../../../tools/paths';
import { shippedAgents, teamOrchestrator } from '../../../support/team';

const author = ['-c', 'user.name=t', '-c', 'user.email=t@t'];

export function git(cwd: string, args: readonly string[]): string {
  return execFileSync('git', [...author, ...args], { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
}

/** A file's new text, or null to delete it. */
export type Change = Record<string, string | null>;

export interface GateWorkspace {
  /** The person's repository. */
  readonly repo: string;
  /** The improve worktree, with the change committed on its branch. */
  readonly root: string;
  readonly base: string;
  readonly changedPaths: string[];
  /** The change as a proposal from the real diff: one hunk per file, its whole text before and after. */
  readonly proposal: ChangeProposal;
  readonly logFolder: string;
  /** Base checkouts made by `checkoutBase` and not yet disposed. */
  readonly openCheckouts: Set<string>;
  cleanup(): void;
}

let counter = 0;

/** A repository holding `files` at its base commit, and an improve worktree where `change` is committed. */
export function gateWorkspace(files: Record<string, string>, change: Change = {}): GateWorkspace {
  const repo = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'nova-gates-')));
  git(repo, ['init', '-q', '-b', 'main']);
  writeFiles(repo, files);
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '-m', 'base']);
  const base = git(repo, ['rev-parse', 'HEAD']).trim();
  const runId = `run-${process.pid}-${++counter}`;
  const root = path.join(repo, '.git', 'nova', 'worktrees', runId);
  git(repo, ['worktree', 'add', '-q', '-b', `nova/improve/${runId}`, root, 'HEAD']);
  writeFiles(root, change);
  git(root, ['add', '-A']);
  if (Object.keys(change).length > 0) git(root, ['commit', '-q', '-m', 'the change']);
  const changedPaths = git(root, ['diff', '--name-only', `${base}..HEAD`]).split('\n').filter((line) => line !== '').sort();
  const proposal: ChangeProposal = {
    summary: 'The change under test.',
    rationale: 'Made by the test.',
    files: changedPaths.map((changed) => ({
      path: changed,
      hunks: [{ startLine: 1, before: files[changed] ?? '', after: change[changed] ?? '', rationale: `The test's change to ${changed}.` }],
    })),
    risks: [],
  };
  return {
    repo,
    root,
    base,
    changedPaths,
    proposal,
    logFolder: path.join(repo, '.nova', 'improve', runId),
    openCheckouts: new Set(),
    cleanup: () => fs.rmSync(repo, { recursive: true, force: true }),
  };
}

function writeFiles(folder: string, files: Change): void {
  for (const [name, text] of Object.entries(files)) {
    const target = path.join(folder, name);
    if (text === null) {
      fs.rmSync(target, { force: true });
      continue;
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  }
}

/** Links Nova's own node_modules into `folder`, as the loop links the repository's into the worktree. */
export function linkNodeModules(folder: string): void {
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(folder, 'node_modules'), 'dir');
}

/** The team as it is in `folder`: its own agents/ when it is Nova's repository (else the shipped ones), plus its workspace agents. */
export async function folderTeam(folder: string): Promise<Team> {
  const shippedFolder = (await isNovaRepository(folder)) ? path.join(folder, 'agents') : shippedAgents;
  const { team, problems } = await loadTeam({ shippedFolder, workspace: { folder, trusted: true, acceptedFiles: [], allowedEndpoints: [] }, toolNames: createWorkspaceTools().names() });
  const errors = problems.filter((problem) => problem.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((problem) => `${problem.path}: ${problem.message}`).join('\n'));
  return team;
}

/** Options of the test's GateContext beyond the workspace. */
export interface ContextOptions {
  readonly settings?: Partial<ImproveSettings>;
  readonly commands?: GateContext['commands'];
  readonly trusted?: boolean;
  readonly signal?: AbortSignal;
  readonly proposal?: ChangeProposal;
  /** For the reviewer's run (limits, a team without a reviewer…). */
  readonly orchestrator?: Partial<OrchestratorOptions>;
}

/** A GateContext over the workspace, as the loop gives one to each gate. */
export function gateContext(workspace: GateWorkspace, options: ContextOptions = {}): GateContext & { readonly agentRuns: StageInput[] } {
  const agentRuns: StageInput[] = [];
  const checkoutBase = async () => {
    const folder = path.join(workspace.repo, '.git', 'nova', 'worktrees', `base-${++counter}`);
    git(workspace.repo, ['worktree', 'add', '-q', '--detach', folder, workspace.base]);
    workspace.openCheckouts.add(folder);
    return {
      root: folder,
      dispose: async () => {
        git(workspace.repo, ['worktree', 'remove', '--force', folder]);
        workspace.openCheckouts.delete(folder);
      },
    };
  };
  return {
    root: workspace.root,
    base: workspace.base,
    changedPaths: workspace.changedPaths,
    proposal: options.proposal ?? workspace.proposal,
    settings: { ...defaultImproveSettings, ...options.settings },
    commands: options.commands ?? { allowlist: [] },
    trusted: options.trusted ?? true,
    signal: options.signal ?? new AbortController().signal,
    model: { client: new OfflineModel(), defaultModel: 'offline' },
    logFolder: workspace.logFolder,
    loadTeam: folderTeam,
    checkoutBase,
    agentRuns,
    // The reviewer reads the change against the base, where each hunk's `before` is the file as it is.
    async runAgent(input: StageInput): Promise<RunResult> {
      agentRuns.push(input);
      const checkout = await checkoutBase();
      try {
        const { orchestrator } = await teamOrchestrator(new OfflineModel(), checkout.root, { defaultModel: 'offline', ...options.orchestrator });
        // Until the loop's staged start lands, a handoff start is how a run begins at a given agent with a given payload.
        return await orchestrator.run(
          { text: input.reason, start: { agent: input.agent, contract: input.contract, payload: input.payload, from: 'improve', reason: input.reason, rerunOf: { runId: 'improve', spanId: 'review', edited: false } } },
          options.signal ? { signal: options.signal } : {},
        );
      } finally {
        await checkout.dispose();
      }
    },
  };
}
