/**
 * What references a declaration, by TypeScript's language service (Find All References): every
 * place that names it — through imports and aliases too — except the declaration itself, one per
 * line, each with how it is used (a call, `new`, an import, another reference) and the declaration it
 * sits in, so "who calls moveCard" can be answered as "applyRemote, in sync.ts line 14".
 */
import * as ts from 'typescript';
import type { Declaration } from './declarations';
import type { TypeScriptProject } from './project';
import { slashPath } from './sourceStore';

/** How a reference uses what it names: calls it, constructs it with `new`, imports it, or anything else. */
export type ReferenceUse = 'call' | 'new' | 'import' | 'reference';

/** One place that references a declaration. */
export interface Reference {
  /** Absolute file name, as the project names it. */
  readonly fileName: string;
  /** 1-based line. */
  readonly line: number;
  readonly use: ReferenceUse;
  /** The named function, method or class around it (`TaskBoard.move`), if any. */
  readonly within?: string;
}

/** References to `declaration`, in file and line order, one per line (a call or `new`, if the line has one). */
export function referencesOf(project: TypeScriptProject, declaration: Declaration): Reference[] {
  const program = project.program();
  const byLine = new Map<string, Reference>();
  for (const symbol of project.service.findReferences(declaration.fileName, declaration.position) ?? []) {
    for (const entry of symbol.references) {
      const fileName = slashPath(entry.fileName);
      if (fileName === declaration.fileName && entry.textSpan.start === declaration.position) continue;
      const source = program.getSourceFile(fileName);
      if (!source || source.isDeclarationFile) continue;
      const line = source.getLineAndCharacterOfPosition(entry.textSpan.start).line + 1;
      const key = `${fileName}:${line}`;
      const known = byLine.get(key);
      if (known && invokes(known.use)) continue;
      const { use, within } = describeUse(source, entry.textSpan.start);
      if (!known || invokes(use)) byLine.set(key, { fileName, line, use, ...(within ? { within } : {}) });
    }
  }
  return [...byLine.values()].sort((a, b) => a.fileName.localeCompare(b.fileName) || a.line - b.line);
}

/** Whether a use runs the declaration: a call, or `new`. */
export function invokes(use: ReferenceUse): boolean {
  return use === 'call' || use === 'new';
}

/** How the name at `position` is used, and the named declaration it sits in. */
function describeUse(source: ts.SourceFile, position: number): { use: ReferenceUse; within: string | undefined } {
  const chain: ts.Node[] = [];
  let node: ts.Node | undefined = source;
  while (node) {
    chain.push(node);
    node = ts.forEachChild(node, (child) => (child.getStart(source) <= position && position < child.getEnd() ? child : undefined));
  }
  const names = chain.flatMap((ancestor) => {
    const name = declaredName(ancestor);
    return name ? [name] : [];
  });
  return { use: useOf(chain), within: names.length > 0 ? names.slice(-2).join('.') : undefined };
}

function useOf(chain: readonly ts.Node[]): ReferenceUse {
  let index = chain.length - 1;
  const at = (i: number) => chain[i];
  // `board.moveCard(…)` calls through the property access whose name is the reference.
  while (index > 0 && ts.isPropertyAccessExpression(at(index - 1) as ts.Node) && (at(index - 1) as ts.PropertyAccessExpression).name === at(index)) index--;
  const node = at(index);
  const parent = at(index - 1);
  if (!node || !parent) return 'reference';
  if (ts.isCallExpression(parent) && parent.expression === node) return 'call';
  if (ts.isNewExpression(parent) && parent.expression === node) return 'new';
  if (ts.isImportSpecifier(parent) || ts.isImportClause(parent) || ts.isNamespaceImport(parent) || ts.isImportEqualsDeclaration(parent)) return 'import';
  return 'reference';
}

/** The name of a function, method, class or function-valued variable; undefined for anything else. */
function declaredName(node: ts.Node): string | undefined {
  if ((ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node)) && node.name) return node.name.text;
  if ((ts.isMethodDeclaration(node) || ts.isGetAccessor(node) || ts.isSetAccessor(node)) && ts.isIdentifier(node.name)) return node.name.text;
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  if ((ts.isVariableDeclaration(node) || ts.isPropertyDeclaration(node)) && ts.isIdentifier(node.name) && node.initializer && (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))) {
    return node.name.text;
  }
  return undefined;
}
