/**
 * Declarations as TypeScript's language service sees them: a file's outline (the navigation tree
 * VS Code's Outline view shows) and a name looked up across a project (Go to Symbol in Workspace).
 * Only what a person would call "what this file declares" is kept: top-level declarations, and the
 * methods and accessors of classes; imports and re-export aliases are references, not declarations.
 */
import * as ts from 'typescript';
import type { TypeScriptProject } from './project';
import { slashPath } from './sourceStore';

/** One declaration, located by the start of its name. */
export interface Declaration {
  readonly name: string;
  /** TypeScript's element kind, with `module` said as `namespace`: class, method, function, const… */
  readonly kind: string;
  readonly exported: boolean;
  /** The class (or namespace) a member belongs to. */
  readonly container?: string;
  /** Absolute file name, as the project names it. */
  readonly fileName: string;
  /** Offset of the name (of the declaration, when it has none, as `export default function`). */
  readonly position: number;
  /** 1-based line of `position`. */
  readonly line: number;
}

const topLevelKinds: ReadonlySet<string> = new Set(['class', 'interface', 'type', 'enum', 'function', 'const', 'let', 'var', 'module']);
const memberKinds: ReadonlySet<string> = new Set(['method', 'getter', 'setter']);
const containerKinds: ReadonlySet<string> = new Set(['class', 'module']);

/** The declarations of `fileName` (a file of `project`), in source order. */
export function fileDeclarations(project: TypeScriptProject, fileName: string): Declaration[] {
  const name = slashPath(fileName);
  const found: Declaration[] = [];
  const visit = (items: readonly ts.NavigationTree[] | undefined, container: string | undefined) => {
    for (const item of items ?? []) {
      if (!(container === undefined ? topLevelKinds : memberKinds).has(item.kind)) continue;
      const position = item.nameSpan?.start ?? item.spans[0]?.start ?? 0;
      found.push(declaration(project, name, item.text, item.kind, item.kindModifiers, position, container));
      if (container === undefined && containerKinds.has(item.kind)) visit(item.childItems, item.text);
    }
  };
  visit(project.service.getNavigationTree(name).childItems, undefined);
  return found.sort((a, b) => a.position - b.position);
}

/**
 * Declarations named exactly `name` (case-sensitive; `Class.member` for a member) in the
 * project's own files — never in TypeScript's libs or declaration files — in file and line order.
 * `inFile` keeps only those of one file.
 */
export function declarationsNamed(project: TypeScriptProject, name: string, inFile?: string): Declaration[] {
  const dot = name.lastIndexOf('.');
  const member = dot >= 0 ? name.slice(dot + 1) : name;
  const container = dot >= 0 ? name.slice(0, dot).split('.').at(-1) : undefined;
  const file = inFile === undefined ? undefined : slashPath(inFile);
  return project.service
    .getNavigateToItems(member, maxLookups, file, true)
    .filter((item) => item.name === member && (container === undefined || item.containerName === container) && !item.fileName.endsWith('.d.ts'))
    .filter((item) => item.kind !== 'alias' && (file === undefined || slashPath(item.fileName) === file))
    .map((item) => {
      const fileName = slashPath(item.fileName);
      return declaration(project, fileName, item.name, item.kind, item.kindModifiers, nameStart(project, fileName, item.textSpan), item.containerName || undefined);
    })
    .sort((a, b) => a.fileName.localeCompare(b.fileName) || a.position - b.position);
}

/** Names in the project that resemble `name` (it is part of them, in any case), for "did you mean". */
export function similarNames(project: TypeScriptProject, name: string, limit: number): string[] {
  const member = name.slice(name.lastIndexOf('.') + 1);
  const names = project.service
    .getNavigateToItems(member, maxLookups, undefined, true)
    .filter((item) => item.kind !== 'alias' && item.name.toLowerCase().includes(member.toLowerCase()))
    .map((item) => (item.containerName ? `${item.containerName}.${item.name}` : item.name));
  return [...new Set(names)].filter((found) => found !== name).slice(0, limit);
}

/**
 * Where the name of the declaration spanning `span` starts: Go to Symbol gives the whole
 * declaration, and Find All References must start from the name (and skip it as the declaration).
 */
function nameStart(project: TypeScriptProject, fileName: string, span: ts.TextSpan): number {
  const source = project.program().getSourceFile(fileName);
  let node: ts.Node | undefined = source;
  while (source && node) {
    if (node.getStart(source) === span.start && node.getEnd() === span.start + span.length) {
      const name = ts.getNameOfDeclaration(node as ts.Declaration);
      if (name) return name.getStart(source);
    }
    node = ts.forEachChild(node, (child) => (child.getStart(source) <= span.start && span.start < child.getEnd() ? child : undefined));
  }
  return span.start;
}

/** Items asked of Go to Symbol per lookup: enough for any real name. */
const maxLookups = 500;

function declaration(project: TypeScriptProject, fileName: string, name: string, kind: string, modifiers: string, position: number, container: string | undefined): Declaration {
  const source = project.program().getSourceFile(fileName);
  const line = source ? source.getLineAndCharacterOfPosition(position).line + 1 : 1;
  return {
    name,
    kind: kind === 'module' ? 'namespace' : kind,
    exported: modifiers.split(',').includes('export'),
    ...(container ? { container } : {}),
    fileName,
    position,
    line,
  };
}
