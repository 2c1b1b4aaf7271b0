/**
 * A review of workspace files: the TypeScript sources under some paths, each analyzed with its
 * project's types. The `review_analyzers` tool and the language server's diagnostics both use it.
 */
import * as path from 'node:path';
import type { WorkspaceSandbox } from '../workspace/sandbox';
import { resolveSourceScope, type ScopeFile, type SourceScope } from '../typescript/sourceScope';
import { slashPath } from '../typescript/sourceStore';
import type { TypeScriptProject } from '../typescript/project';
import { projectsFor } from '../typescript/workspaceProjects';
import type { AnalyzedFinding } from './analyzer';
import { runAnalyzers } from './run';

/** A source a review analyzed, with the text its findings were made from. */
export interface ReviewedSource extends ScopeFile {
  readonly text: string;
}

/** What a review covered and found. Findings name files by their workspace (display) path. */
export interface WorkspaceReview {
  /** Every source analyzed, with or without findings. */
  readonly files: readonly ReviewedSource[];
  readonly findings: readonly AnalyzedFinding[];
  /** Paths that gave no sources, and sources that could not be read. */
  readonly problems: readonly string[];
}

/** A review published as it goes: the analyzed files split into `count` parts, each handed over once analyzed. */
export interface ReviewParts {
  readonly count: number;
  /** One part's files and findings; the review goes on once it settles. */
  onPart(part: Pick<WorkspaceReview, 'files' | 'findings'>): Promise<void> | void;
}

/**
 * Reviews the TypeScript sources under `paths` (default: the whole workspace). `trusted` false
 * (Restricted Mode): no declaration outside the workspace folders is read for types. The workspace
 * is read once, whatever the number of `parts`: a part only analyzes its share of the files, and
 * between parts the event loop runs, so a cancel can arrive.
 */
export async function reviewWorkspace(sandbox: WorkspaceSandbox, paths: readonly string[], signal: AbortSignal, trusted: boolean, parts?: ReviewParts): Promise<WorkspaceReview> {
  return reviewScope(sandbox, await resolveSourceScope(sandbox, paths, signal), signal, trusted, parts);
}

/** Reviews the sources of a scope already resolved (see reviewWorkspace). */
export async function reviewScope(sandbox: WorkspaceSandbox, scope: SourceScope, signal: AbortSignal, trusted: boolean, parts?: ReviewParts): Promise<WorkspaceReview> {
  const inScope = new Map(scope.files.map((file) => [slashPath(file.path), file]));
  const problems = [...scope.problems];
  if (scope.files.length === 0) return { files: [], findings: [], problems };
  const toAnalyze: { project: TypeScriptProject; source: ReviewedSource }[] = [];
  for (const { project, fileNames } of await projectsFor(sandbox, scope.files.map((file) => file.path), signal, trusted)) {
    for (const fileName of fileNames) {
      const file = inScope.get(fileName) ?? { path: fileName, display: project.display(fileName) };
      const text = project.text(fileName);
      if (text === undefined) problems.push(`${file.display} could not be read (too large?)`);
      else toAnalyze.push({ project, source: { ...file, text } });
    }
  }
  // Evidence in another workspace file is kept; in a library outside the workspace it is not.
  const evidencePath = (project: TypeScriptProject) => (fileName: string) => inScope.get(slashPath(fileName))?.display ?? (sandbox.locate(path.resolve(fileName)) ? project.display(fileName) : undefined);
  const files: ReviewedSource[] = [];
  const findings: AnalyzedFinding[] = [];
  const partSize = Math.max(1, Math.ceil(toAnalyze.length / Math.max(1, parts?.count ?? 1)));
  for (let start = 0; start < toAnalyze.length; start += partSize) {
    if (start > 0) await new Promise((resolve) => setImmediate(resolve));
    signal.throwIfAborted();
    const part = toAnalyze.slice(start, start + partSize);
    const found = [...byProject(part)].flatMap(([project, sources]) =>
      runAnalyzers(sources.map((source) => ({ path: source.display, text: source.text, fileName: slashPath(source.path) })), { service: project.service, display: evidencePath(project) }),
    );
    const analyzed = part.map((entry) => entry.source);
    files.push(...analyzed);
    findings.push(...found);
    await parts?.onPart({ files: analyzed, findings: found });
  }
  return { files, findings, problems };
}

/** The sources of a part grouped by their project, in the order they came. */
function byProject(part: readonly { project: TypeScriptProject; source: ReviewedSource }[]): Map<TypeScriptProject, ReviewedSource[]> {
  const groups = new Map<TypeScriptProject, ReviewedSource[]>();
  for (const { project, source } of part) {
    const sources = groups.get(project) ?? [];
    sources.push(source);
    groups.set(project, sources);
  }
  return groups;
}
