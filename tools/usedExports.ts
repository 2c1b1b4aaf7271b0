/**
 * Which exports of a package Nova's sources use, read from their import declarations with
 * TypeScript's parser: the names a file imports by name, and the properties it reads from a
 * namespace import (`ts.isIdentifier`). The on-demand stand-ins (tools/bundle.ts) stand in for
 * those alone: TypeScript exports 2,000 functions and Nova calls about 150, and each stand-in is
 * code the server core loads at start. A namespace used any other way (passed along, indexed with
 * a computed key) means every export may be used.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

/** Every export may be used: some file uses the package's namespace as a value. */
export const everyExport = 'every export';

/** The names of `packageName`'s exports that the TypeScript files under `folder` use (`default` for a default import). */
export function usedExports(packageName: string, folder: string): ReadonlySet<string> | typeof everyExport {
  const used = new Set<string>();
  for (const file of typeScriptFiles(folder)) {
    const text = readFileSync(file, 'utf8');
    if (!text.includes(packageName)) continue;
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    if (addUsedExports(source, packageName, used) === everyExport) return everyExport;
  }
  return used;
}

function addUsedExports(source: ts.SourceFile, packageName: string, used: Set<string>): void | typeof everyExport {
  const namespaces = new Set<string>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || statement.moduleSpecifier.text !== packageName) continue;
    const clause = statement.importClause;
    if (clause === undefined || clause.isTypeOnly) continue;
    if (clause.name) used.add('default');
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) namespaces.add(bindings.name.text);
    if (bindings && ts.isNamedImports(bindings)) {
      for (const element of bindings.elements) if (!element.isTypeOnly) used.add((element.propertyName ?? element.name).text);
    }
  }
  if (namespaces.size === 0) return;
  let asValue = false;
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && namespaces.has(node.text) && !isDeclarationOrTypeUse(node)) {
      if (ts.isPropertyAccessExpression(node.parent) && node.parent.expression === node) used.add(node.parent.name.text);
      else asValue = true;
    }
    ts.forEachChild(node, visit);
  };
  for (const statement of source.statements) if (!ts.isImportDeclaration(statement)) visit(statement);
  return asValue ? everyExport : undefined;
}

/** `ts` in `ts.Node` (a type), or a property, parameter or binding that happens to be called `ts`: not a read of the namespace. */
function isDeclarationOrTypeUse(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isQualifiedName(parent) || ts.isTypeQueryNode(parent)) return true;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return true;
  if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isMethodDeclaration(parent) || ts.isPropertySignature(parent)) && parent.name === node) return true;
  if (ts.isExpressionWithTypeArguments(parent) && ts.isHeritageClause(parent.parent) && parent.parent.token === ts.SyntaxKind.ImplementsKeyword) return true;
  return false;
}

function typeScriptFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}
