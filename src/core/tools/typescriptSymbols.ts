/**
 * typescript_symbols: what TypeScript's language service knows about names — a file's
 * declarations (exports, classes and their methods, functions, interfaces, types, consts) with
 * their lines, or where a name is declared; and for each, what references it (Find All
 * References), capped with an honest count of the rest. Read-only: it computes over the
 * workspace as the sandbox reads it, so it runs in Restricted Mode too.
 */
import { z } from 'zod';
import { declarationsNamed, fileDeclarations, similarNames, type Declaration } from '../typescript/declarations';
import type { TypeScriptProject } from '../typescript/project';
import { referencesOf, type ReferenceUse } from '../typescript/references';
import { isTypeScriptSource } from '../typescript/sourceScope';
import { slashPath } from '../typescript/sourceStore';
import { projectsFor } from '../typescript/workspaceProjects';
import type { WorkspaceSandbox } from '../workspace/sandbox';
import { withJsonBlock } from './structuredOutput';
import type { Tool, ToolOutcome } from './tool';

/** Caps on one answer, so a huge file or a name used everywhere cannot flood a model's context. */
export const symbolLimits = {
  maxDeclarations: 100,
  /** References listed per declaration of a file: an outline stays readable. */
  maxFileReferences: 10,
  /** References listed per declaration of a symbol asked about: that is the question. */
  maxSymbolReferences: 30,
  maxSuggestions: 5,
} as const;

/** A place, as the tool reports it: a workspace path and a 1-based line. */
export interface SymbolPlace {
  readonly path: string;
  readonly line: number;
}

/** One reference in the tool's data. */
export interface SymbolReference extends SymbolPlace {
  readonly use: ReferenceUse;
  readonly within?: string;
}

/** One declaration in the tool's data, with the references listed and how many more there are. */
export interface SymbolDeclaration extends SymbolPlace {
  readonly name: string;
  readonly kind: string;
  readonly exported: boolean;
  readonly container?: string;
  readonly references: readonly SymbolReference[];
  readonly moreReferences: number;
}

/** The ```json block the tool ends with. */
export interface SymbolReport {
  readonly path?: string;
  readonly symbol?: string;
  readonly declarations: readonly SymbolDeclaration[];
  /** Declarations found but not listed (over `maxDeclarations`). */
  readonly notListed: number;
  /** For a name with no declaration: names that contain it. */
  readonly similar?: readonly string[];
}

const symbolName = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/;

// The name is checked by a refinement, not a regex, so the pattern does not lengthen every prompt.
const input = z
  .strictObject({
    path: z.string().min(1).optional().describe('A TypeScript file; with symbol, only its declarations.'),
    symbol: z.string().refine((value) => symbolName.test(value), 'a symbol is an identifier, or Class.member').optional().describe('A name or Class.member.'),
  })
  .refine((value) => value.path !== undefined || value.symbol !== undefined, 'give path, symbol, or both');

/** The TypeScript symbols tool. */
export const typescriptSymbolsTool: Tool<z.infer<typeof input>> = {
  name: 'typescript_symbols',
  description:
    "A file's declarations (exports, classes and methods, functions, types, consts), or where a symbol is declared, by " +
    "TypeScript's language service; each with its line and what references it (path:line). Ends with a ```json block.",
  effect: 'read',
  input,
  async run({ path, symbol }, { sandbox, signal, trusted }): Promise<ToolOutcome> {
    let fileName: string | undefined;
    let shown: string | undefined;
    if (path !== undefined) {
      const resolved = await sandbox.resolve(path);
      if (!resolved.ok) return { status: 'refused', output: resolved.reason };
      shown = sandbox.displayPath(resolved);
      const stat = await sandbox.files.stat(resolved.path);
      if (!stat) return { status: 'error', output: `${shown} does not exist in the workspace.` };
      if (stat.kind !== 'file') return { status: 'error', output: `${shown} is not a file; name a TypeScript file.` };
      if (!isTypeScriptSource(shown)) return { status: 'error', output: `${shown} is not a TypeScript source file.` };
      fileName = resolved.path;
    }
    const groups = await projectsFor(sandbox, fileName === undefined ? [] : [fileName], signal, trusted);
    if (groups.length === 0) return { status: 'error', output: `${shown ?? 'The workspace'} belongs to no TypeScript project.` };
    const found = groups.flatMap(({ project }) => {
      const inFile = fileName === undefined ? undefined : slashPath(fileName);
      const declarations = symbol !== undefined ? declarationsNamed(project, symbol, inFile) : inFile !== undefined ? fileDeclarations(project, inFile) : [];
      return declarations.filter((declaration) => inWorkspace(sandbox, declaration)).map((declaration) => ({ project, declaration }));
    });
    const cap = symbol !== undefined ? symbolLimits.maxSymbolReferences : symbolLimits.maxFileReferences;
    const listed = found.slice(0, symbolLimits.maxDeclarations).map(({ project, declaration }) => report(sandbox, project, declaration, cap));
    const similar = symbol !== undefined && found.length === 0 ? [...new Set(groups.flatMap(({ project }) => similarNames(project, symbol, symbolLimits.maxSuggestions)))] : undefined;
    const data: SymbolReport = {
      ...(shown !== undefined ? { path: shown } : {}),
      ...(symbol !== undefined ? { symbol } : {}),
      declarations: listed,
      notListed: found.length - listed.length,
      ...(similar ? { similar: similar.slice(0, symbolLimits.maxSuggestions) } : {}),
    };
    return { status: 'ok', output: withJsonBlock(describeReport(data), data) };
  },
};

function inWorkspace(sandbox: WorkspaceSandbox, declaration: Declaration): boolean {
  return sandbox.locate(declaration.fileName) !== undefined;
}

function report(sandbox: WorkspaceSandbox, project: TypeScriptProject, declaration: Declaration, cap: number): SymbolDeclaration {
  const references = referencesOf(project, declaration).filter((reference) => sandbox.locate(reference.fileName) !== undefined);
  return {
    name: declaration.name,
    kind: declaration.kind,
    exported: declaration.exported,
    ...(declaration.container ? { container: declaration.container } : {}),
    path: project.display(declaration.fileName),
    line: declaration.line,
    references: references.slice(0, cap).map((reference) => ({
      path: project.display(reference.fileName),
      line: reference.line,
      use: reference.use,
      ...(reference.within ? { within: reference.within } : {}),
    })),
    moreReferences: Math.max(0, references.length - cap),
  };
}

/** The report as lines a model or a person reads. */
function describeReport(data: SymbolReport): string[] {
  const subject = data.symbol !== undefined ? `"${data.symbol}"${data.path !== undefined ? ` in ${data.path}` : ''}` : (data.path ?? 'the workspace');
  const total = data.declarations.length + data.notListed;
  if (total === 0) {
    const similar = data.similar && data.similar.length > 0 ? ` Similar names: ${data.similar.join(', ')}.` : '';
    return [`No declaration of ${subject} found by TypeScript's language service.${similar}`];
  }
  return [
    `${total} declaration(s) of ${subject}, by TypeScript's language service (references exclude the declaration itself):`,
    ...data.declarations.map((declaration) => `- ${describeDeclaration(declaration)}: ${describeReferences(declaration)}`),
    ...(data.notListed > 0 ? [`[${data.notListed} more declaration(s) not listed]`] : []),
  ];
}

/** `export class TaskBoard at src/board.ts:5`, `method TaskBoard.move at src/board.ts:49`. */
export function describeDeclaration(declaration: SymbolDeclaration): string {
  const name = declaration.container ? `${declaration.container}.${declaration.name}` : declaration.name;
  return `${declaration.exported ? 'export ' : ''}${declaration.kind} ${name} at ${declaration.path}:${declaration.line}`;
}

/** `referenced from src/sync.ts:1 (import), src/sync.ts:14 (call in applyRemote) and 3 more`. */
export function describeReferences(declaration: SymbolDeclaration): string {
  if (declaration.references.length === 0) return 'no references in the workspace';
  return `referenced from ${listReferences(declaration.references)}${declaration.moreReferences > 0 ? ` and ${declaration.moreReferences} more` : ''}`;
}

/** `src/sync.ts:1 (import), src/sync.ts:14 (call in applyRemote)`; `unsaid` uses are not named (a list of calls). */
export function listReferences(references: readonly SymbolReference[], unsaid: ReferenceUse = 'reference'): string {
  return references
    .map((reference) => {
      const how = [reference.use !== 'reference' && reference.use !== unsaid ? reference.use : '', reference.within ? `in ${reference.within}` : ''].filter(Boolean).join(' ');
      return `${reference.path}:${reference.line}${how ? ` (${how})` : ''}`;
    })
    .join(', ');
}
