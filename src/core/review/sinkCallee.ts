/**
 * What a called expression is, by its symbol rather than its spelling: a member of a Node module
 * (`exec` of `child_process`, however it was imported or required) or a global the platform
 * declares (`eval`, `setTimeout`). A local function that happens to be called `exec` or `eval` is
 * neither, so dangerous-sink checks never flag it.
 */
import * as ts from 'typescript';

/** A module member (`{ module: 'child_process', name: 'exec' }`, `node:` prefix dropped) or a global (`{ global: 'eval' }`). */
export type CalleeOrigin = { readonly module: string; readonly name: string } | { readonly global: string };

/** Where the callee of a call or `new` comes from; undefined: the program's own code, or unknown. */
export function calleeOrigin(callee: ts.Expression, checker: ts.TypeChecker): CalleeOrigin | undefined {
  const node = skipParentheses(callee);
  if (ts.isIdentifier(node)) return identifierOrigin(node, checker);
  if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.name)) {
    const name = node.name.text;
    const target = skipParentheses(node.expression);
    const required = requiredModule(target);
    if (required !== undefined) return { module: required, name };
    if (ts.isIdentifier(target)) {
      const owner = moduleObject(target, checker);
      if (owner !== undefined) return { module: owner, name };
      // `globalThis.eval`, `window.setTimeout`: the member is declared by the platform.
      if (['globalThis', 'window', 'self', 'global'].includes(target.text) && declaredByPlatform(checker.getSymbolAtLocation(node.name))) return { global: name };
    }
  }
  return undefined;
}

/** The name a callee is called by, before any lookup: `exec` of `exec(…)` and of `cp.exec(…)`. */
export function calledName(callee: ts.Expression): string | undefined {
  const node = skipParentheses(callee);
  if (ts.isIdentifier(node)) return node.text;
  return ts.isPropertyAccessExpression(node) ? node.name.text : undefined;
}

/** `exec` imported or required from a module, or `eval` the platform declares. */
function identifierOrigin(identifier: ts.Identifier, checker: ts.TypeChecker): CalleeOrigin | undefined {
  const symbol = checker.getSymbolAtLocation(identifier);
  const declaration = symbol?.declarations?.[0];
  if (!symbol || !declaration) return undefined;
  if (ts.isImportSpecifier(declaration)) {
    const from = moduleName(declaration.parent.parent.parent.moduleSpecifier);
    return from === undefined ? undefined : { module: from, name: (declaration.propertyName ?? declaration.name).text };
  }
  if (ts.isBindingElement(declaration) && ts.isObjectBindingPattern(declaration.parent) && ts.isVariableDeclaration(declaration.parent.parent)) {
    const from = declaration.parent.parent.initializer && requiredModule(declaration.parent.parent.initializer);
    const property = declaration.propertyName ?? declaration.name;
    return from !== undefined && ts.isIdentifier(property) ? { module: from, name: property.text } : undefined;
  }
  return declaredByPlatform(symbol) ? { global: identifier.text } : undefined;
}

/** The module an identifier stands for as a whole: `import * as cp`, `import cp from`, `import cp = require(…)`, `const cp = require(…)`. */
function moduleObject(identifier: ts.Identifier, checker: ts.TypeChecker): string | undefined {
  const declaration = checker.getSymbolAtLocation(identifier)?.declarations?.[0];
  if (!declaration) return undefined;
  if (ts.isNamespaceImport(declaration)) return moduleName(declaration.parent.parent.moduleSpecifier);
  if (ts.isImportClause(declaration)) return moduleName(declaration.parent.moduleSpecifier);
  if (ts.isImportEqualsDeclaration(declaration) && ts.isExternalModuleReference(declaration.moduleReference)) return moduleName(declaration.moduleReference.expression);
  if (ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name) && declaration.initializer) return requiredModule(declaration.initializer);
  return undefined;
}

/** `require('child_process')` → `child_process`. */
function requiredModule(expression: ts.Expression): string | undefined {
  const node = skipParentheses(expression);
  if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== 'require') return undefined;
  const [first] = node.arguments;
  return first ? moduleName(first) : undefined;
}

function moduleName(specifier: ts.Expression): string | undefined {
  return ts.isStringLiteralLike(specifier) ? specifier.text.replace(/^node:/, '') : undefined;
}

/** Declared only in declaration files (TypeScript's libs, `@types/node`): the platform's, not the program's. */
function declaredByPlatform(symbol: ts.Symbol | undefined): boolean {
  const declarations = symbol?.declarations ?? [];
  return declarations.length > 0 && declarations.every((declaration) => declaration.getSourceFile().isDeclarationFile);
}

function skipParentheses(expression: ts.Expression): ts.Expression {
  let node = expression;
  while (ts.isParenthesizedExpression(node) || ts.isNonNullExpression(node)) node = node.expression;
  return node;
}
