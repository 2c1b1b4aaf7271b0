/**
 * typescript_check: TypeScript's diagnostics for workspace files, or — given a proposal — the
 * proposal's hunks applied in memory and the project type-checked before and after, naming the
 * errors the change would introduce and the hunks that no longer apply. Computes; never writes.
 */
import { z } from 'zod';
import { formatDiagnostic, sortDiagnostics, type CheckDiagnostic } from '../typescript/diagnostics';
import type { HunkConflict } from '../edits/placement';
import { checkProposal, describeProposalCheck, type ProposalCheck, type ProposedFile } from '../typescript/proposalCheck';
import { slashPath } from '../typescript/sourceStore';
import { resolveSourceScope } from '../typescript/sourceScope';
import { projectsFor } from '../typescript/workspaceProjects';
import type { WorkspaceSandbox } from '../workspace/sandbox';
import { withJsonBlock } from './structuredOutput';
import type { Tool, ToolOutcome } from './tool';

/** Diagnostics listed in one output; the count is always complete. */
const maxListed = 200;

const hunk = z.object({
  startLine: z.number().int().min(1),
  before: z.string().describe('Exact current lines replaced, joined by \\n ("" for a pure insertion)'),
  after: z.string().describe('The replacement lines ("" to delete)'),
});

const input = z.strictObject({
  paths: z.array(z.string().min(1)).optional().describe('Files or directories to report on. Default: the whole project.'),
  proposal: z
    .object({ files: z.array(z.object({ path: z.string().min(1), hunks: z.array(hunk).min(1) })).min(1) })
    .optional()
    .describe('A ChangeProposal (or just its files): applied in memory and type-checked; reports new errors and conflicts.'),
});

/** The TypeScript check tool. */
export const typescriptCheckTool: Tool<z.infer<typeof input>> = {
  name: 'typescript_check',
  description:
    "Type-checks the workspace's TypeScript with its tsconfig.json and lists errors as `path:line: TS####: message`. " +
    'Given a proposal (a ChangeProposal\'s files and hunks), applies the hunks in memory — each `before` must match ' +
    'the file at `startLine` exactly, else it is reported as a conflict — and reports the type errors the change would ' +
    'introduce. Nothing is written. Ends with a ```json block holding the result.',
  effect: 'read',
  input,
  async run({ paths, proposal }, { sandbox, signal, trusted }): Promise<ToolOutcome> {
    return proposal ? checkProposalFiles(sandbox, proposal.files, signal, trusted) : checkPaths(sandbox, paths ?? [], signal, trusted);
  },
};

async function checkPaths(sandbox: WorkspaceSandbox, paths: readonly string[], signal: AbortSignal, trusted: boolean): Promise<ToolOutcome> {
  const scope = paths.length > 0 ? await resolveSourceScope(sandbox, paths, signal) : undefined;
  if (scope && scope.files.length === 0) return { status: 'error', output: `No TypeScript files to check: ${scope.problems.join('; ')}.` };
  const groups = await projectsFor(sandbox, scope?.files.map((file) => file.path) ?? [], signal, trusted);
  const diagnostics: CheckDiagnostic[] = [];
  let fileCount = 0;
  for (const { project, fileNames } of groups) {
    const files = fileNames.length > 0 ? fileNames : undefined;
    fileCount += files?.length ?? project.rootFiles.filter((name) => !name.endsWith('.d.ts')).length;
    diagnostics.push(...project.diagnostics(files).filter((diagnostic) => diagnostic.severity !== 'info'));
  }
  const sorted = sortDiagnostics(diagnostics);
  const errors = sorted.filter((diagnostic) => diagnostic.severity === 'error').length;
  const configs = groups.map(({ project }) => (project.configFile ? project.display(project.configFile) : 'no tsconfig.json (strict defaults)'));
  const lines = [
    `TypeScript check of ${fileCount} file(s) (${configs.join(', ')}): ${errors} error(s), ${sorted.length - errors} warning(s).`,
    ...sorted.slice(0, maxListed).map(formatDiagnostic),
    ...(sorted.length > maxListed ? [`[${sorted.length - maxListed} more not listed]`] : []),
    ...(scope?.problems ?? []).map((problem) => `Not checked: ${problem}.`),
  ];
  return { status: 'ok', output: withJsonBlock(lines, { files: fileCount, errors, warnings: sorted.length - errors, diagnostics: sorted.slice(0, maxListed) }) };
}

type ProposalInput = NonNullable<z.infer<typeof input>['proposal']>['files'];

async function checkProposalFiles(sandbox: WorkspaceSandbox, files: ProposalInput, signal: AbortSignal, trusted: boolean): Promise<ToolOutcome> {
  const located: ProposedFile[] = [];
  const refused: HunkConflict[] = [];
  for (const file of files) {
    const resolved = await sandbox.resolve(file.path);
    const same = resolved.ok ? located.find((other) => other.fileName === slashPath(resolved.path)) : undefined;
    if (same) located[located.indexOf(same)] = { ...same, hunks: [...same.hunks, ...file.hunks] };
    else if (resolved.ok) located.push({ path: sandbox.displayPath(resolved), fileName: slashPath(resolved.path), hunks: file.hunks });
    else refused.push({ path: file.path, hunk: 0, startLine: file.hunks[0]?.startLine ?? 1, reason: resolved.reason });
  }
  const checks: ProposalCheck[] = [];
  for (const { project, fileNames } of await projectsFor(sandbox, located.map((file) => file.fileName), signal, trusted)) {
    checks.push(checkProposal(project, located.filter((file) => fileNames.includes(file.fileName))));
  }
  const result: ProposalCheck = {
    conflicts: [...refused, ...checks.flatMap((check) => check.conflicts)],
    errorsBefore: sum(checks.map((check) => check.errorsBefore)),
    errorsAfter: sum(checks.map((check) => check.errorsAfter)),
    introduced: checks.flatMap((check) => check.introduced),
    resolved: checks.flatMap((check) => check.resolved),
  };
  const ok = result.conflicts.length === 0 && result.introduced.length === 0;
  const lines = [`Proposal over ${located.length} file(s), checked in memory: ${ok ? 'it applies and type-checks with no new errors' : 'problems found'}.`, ...describeProposalCheck(result)];
  return { status: 'ok', output: withJsonBlock(lines, { ok, ...result }) };
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
