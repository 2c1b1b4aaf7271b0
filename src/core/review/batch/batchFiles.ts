/**
 * The files of a workspace review as a batched team review takes them: each file with findings, its
 * text as the TypeScript project holds it, and its repository map context from the same program —
 * the project the review just used (projectsFor caches it per sandbox), so nothing is parsed twice.
 */
import * as path from 'node:path';
import type { WorkspaceSandbox } from '../../workspace/sandbox';
import { RepositoryMap } from '../../typescript/repositoryMap';
import type { ScopeFile } from '../../typescript/sourceScope';
import { slashPath } from '../../typescript/sourceStore';
import { projectsFor } from '../../typescript/workspaceProjects';
import type { AnalyzedFinding } from '../analyzer';
import type { BatchFile } from './teamRequests';

/**
 * `findings` are those to review (after suppressions and the baseline, as the person would see
 * them), by workspace path; files without any are left out.
 */
export async function batchFilesOf(sandbox: WorkspaceSandbox, files: readonly ScopeFile[], findings: readonly AnalyzedFinding[], signal: AbortSignal, trusted: boolean): Promise<BatchFile[]> {
  const byPath = new Map<string, AnalyzedFinding[]>();
  for (const found of findings) byPath.set(found.path, [...(byPath.get(found.path) ?? []), found]);
  const wanted = files.filter((file) => byPath.has(file.display));
  if (wanted.length === 0) return [];
  const display = new Map(wanted.map((file) => [slashPath(file.path), file.display]));
  const batchFiles: BatchFile[] = [];
  for (const { project, fileNames } of await projectsFor(sandbox, wanted.map((file) => file.path), signal, trusted)) {
    const map = new RepositoryMap(project.program(), (fileName) => (sandbox.locate(path.resolve(fileName)) ? project.display(fileName) : undefined));
    for (const fileName of fileNames) {
      const shown = display.get(fileName);
      const text = project.text(fileName);
      if (shown === undefined || text === undefined) continue;
      batchFiles.push({ path: shown, text, findings: byPath.get(shown) ?? [], context: map.contextOf(fileName) });
    }
  }
  return batchFiles;
}
