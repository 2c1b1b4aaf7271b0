/**
 * A review of workspace files: the TypeScript sources under some paths, each analyzed with its
 * project's types. The `review_analyzers` tool and the language server's diagnostics both use it.
 */
import * as path from 'node:path';
import type { WorkspaceSandbox } from '../workspace/sandbox';
import { resolveSourceScope, type ScopeFile } from '../typescript/sourceScope';
import { slashPath } from '../typescript/sourceStore';
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

/**
 * Reviews the TypeScript sources under `paths` (default: the whole workspace). `trusted` false
 * (Restricted Mode): no declaration outside the workspace folders is read for types.
 */
export async function reviewWorkspace(sandbox: WorkspaceSandbox, paths: readonly string[], signal: AbortSignal, trusted: boolean): Promise<WorkspaceReview> {
  const scope = await resolveSourceScope(sandbox, paths, signal);
  const display = new Map(scope.files.map((file) => [slashPath(file.path), file.display]));
  const problems = [...scope.problems];
  const findings: AnalyzedFinding[] = [];
  const analyzed: ReviewedSource[] = [];
  if (scope.files.length === 0) return { files: [], findings, problems };
  for (const { project, fileNames } of await projectsFor(sandbox, scope.files.map((file) => file.path), signal, trusted)) {
    const sources = fileNames.flatMap((fileName) => {
      const text = project.text(fileName);
      const shown = display.get(fileName) ?? project.display(fileName);
      if (text === undefined) problems.push(`${shown} could not be read (too large?)`);
      return text === undefined ? [] : [{ path: shown, text, fileName }];
    });
    // Evidence in another workspace file is kept; in a library outside the workspace it is not.
    const evidencePath = (fileName: string) => display.get(slashPath(fileName)) ?? (sandbox.locate(path.resolve(fileName)) ? project.display(fileName) : undefined);
    findings.push(...runAnalyzers(sources, { service: project.service, display: evidencePath }));
    const texts = new Map(sources.map((source) => [source.fileName, source.text]));
    for (const file of scope.files) {
      const text = texts.get(slashPath(file.path));
      if (text !== undefined) analyzed.push({ ...file, text });
    }
  }
  return { files: analyzed, findings, problems };
}
