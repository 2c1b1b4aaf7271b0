/**
 * Whether an expression is a constant a reader can see in the source — a literal, a template or
 * concatenation of constants, a `const` bound to one, or anything the checker types as string
 * literals — and, when it is not, which of its parts are not (the parts that can carry input).
 * Dangerous-sink checks use it: `exec('ls -la')` runs what the author wrote, `exec(`ls ${dir}`)`
 * runs whatever `dir` holds.
 */
import * as ts from 'typescript';

/** How deep `const` bindings are followed (`const a = b; const b = 'x'`): enough for real code, finite for cycles. */
const maxBindings = 8;

/** The parts of `expression` that are not constants, outermost first; empty: the whole expression is constant. */
export function nonConstantParts(expression: ts.Expression, checker: ts.TypeChecker, depth = 0): ts.Expression[] {
  const node = skipWrappers(expression);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isNumericLiteral(node)) return [];
  if (node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword || node.kind === ts.SyntaxKind.NullKeyword) return [];
  if (ts.isTemplateExpression(node)) return node.templateSpans.flatMap((span) => nonConstantParts(span.expression, checker, depth));
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    return [...nonConstantParts(node.left, checker, depth), ...nonConstantParts(node.right, checker, depth)];
  }
  if (ts.isArrayLiteralExpression(node)) return node.elements.flatMap((element) => (ts.isSpreadElement(element) ? nonConstantParts(element.expression, checker, depth) : nonConstantParts(element, checker, depth)));
  if (ts.isIdentifier(node) && depth < maxBindings) {
    const initializer = constInitializer(node, checker);
    if (initializer) return nonConstantParts(initializer, checker, depth + 1).length === 0 ? [] : [node];
  }
  return literalTyped(node, checker) ? [] : [node];
}

/** `(x)`, `x as T`, `<T>x`, `x!`, `x satisfies T`: the same value. */
export function skipWrappers(expression: ts.Expression): ts.Expression {
  let node = expression;
  while (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isTypeAssertionExpression(node) || ts.isNonNullExpression(node) || ts.isSatisfiesExpression(node)) node = node.expression;
  return node;
}

/** The initializer of the `const` an identifier names, when it is a plain `const name = …` in this program. */
function constInitializer(identifier: ts.Identifier, checker: ts.TypeChecker): ts.Expression | undefined {
  const declaration = checker.getSymbolAtLocation(identifier)?.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name) || !declaration.initializer) return undefined;
  const list = declaration.parent;
  return ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.Const) !== 0 ? declaration.initializer : undefined;
}

/** Typed as a string or number literal, or a union of them (`mode: 'fast' | 'safe'`): only values the source spells out. */
function literalTyped(node: ts.Expression, checker: ts.TypeChecker): boolean {
  const type = checker.getTypeAtLocation(node);
  const parts = type.isUnion() ? type.types : [type];
  return parts.every((part) => part.isStringLiteral() || part.isNumberLiteral());
}
