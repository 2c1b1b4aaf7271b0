/**
 * Guards that prove a value present although the type checker does not narrow by them, so a `!`
 * after them hides nothing:
 * - `map.has(key)` before `map.get(key)!` (the checker never links the two calls);
 * - a truthiness or `!= null` test of a variable before a `!` on it inside a callback (the checker
 *   drops the narrowing of a `let` or a parameter in a closure);
 * - a loop over an object's own keys (`for (const k of Reflect.ownKeys(o))`, `Object.keys`,
 *   `Object.getOwnPropertyNames`) around `Object.getOwnPropertyDescriptor(o, k)!`: an own key has a
 *   descriptor. (`for (const k in o)` is no such guard: it also visits inherited keys.)
 * A guard is a condition on the way in (`if (g) …x!`, `g ? x! : …`, `g && x!`) or an earlier
 * statement of an enclosing block that leaves or fills in the missing case:
 * `if (!map.has(key)) return;` / `if (!map.has(key)) map.set(key, …);`. Expressions are compared
 * by their text, so `ctx.seen.has(s)` guards `ctx.seen.get(s)!`.
 */
import * as ts from 'typescript';

/** Whether a guard before `assertion` already proves its operand present. */
export function isGuardedPresent(assertion: ts.NonNullExpression, sourceFile: ts.SourceFile): boolean {
  const operand = skipParentheses(assertion.expression);
  if (isOwnKeyDescriptor(operand, sourceFile)) return true;
  const guard = guardFor(operand, sourceFile);
  if (!guard) return false;
  let child: ts.Node = assertion;
  let inClosure = false;
  for (let node: ts.Node | undefined = assertion.parent; node; child = node, node = node.parent) {
    inClosure ||= ts.isFunctionLike(node);
    if (guard.inClosureOnly && !inClosure) continue;
    if (ts.isIfStatement(node) && node.thenStatement === child && conjuncts(node.expression).some(guard.present)) return true;
    if (ts.isConditionalExpression(node) && node.whenTrue === child && conjuncts(node.condition).some(guard.present)) return true;
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && node.right === child && conjuncts(node.left).some(guard.present)) return true;
    if ((ts.isBlock(node) || ts.isSourceFile(node) || ts.isCaseClause(node)) && earlierStatements(node.statements, child).some((statement) => settles(statement, guard))) return true;
  }
  return false;
}

/** How to recognise, in text, a test that the operand is present, and a statement that makes it so. */
interface Guard {
  /** A guard the checker would have narrowed by, were the `!` not inside a function of its own. */
  readonly inClosureOnly: boolean;
  readonly present: (condition: ts.Expression) => boolean;
  readonly missing: (condition: ts.Expression) => boolean;
  readonly fills: (statement: ts.Statement) => boolean;
}

function guardFor(operand: ts.Expression, sourceFile: ts.SourceFile): Guard | undefined {
  const text = (node: ts.Node) => skipParentheses(node as ts.Expression).getText(sourceFile);
  const lookup = mapLookup(operand);
  if (lookup) {
    const isHas = (node: ts.Expression) => {
      const call = mapCall(node, 'has');
      return call !== undefined && text(call.map) === text(lookup.map) && text(call.key) === text(lookup.key);
    };
    const isSet = (node: ts.Expression) => {
      const call = mapCall(node, 'set');
      return call !== undefined && text(call.map) === text(lookup.map) && text(call.key) === text(lookup.key);
    };
    return { inClosureOnly: false, present: isHas, missing: (condition) => isNot(condition, isHas), fills: (statement) => ts.isExpressionStatement(statement) && isSet(statement.expression) };
  }
  if (!ts.isIdentifier(operand)) return undefined;
  const name = operand.text;
  const isName = (node: ts.Expression) => ts.isIdentifier(node) && node.text === name;
  return {
    inClosureOnly: true,
    present: (condition) => isName(condition) || nullComparison(condition, isName, false),
    missing: (condition) => isNot(condition, isName) || nullComparison(condition, isName, true),
    fills: (statement) => ts.isExpressionStatement(statement) && ts.isBinaryExpression(statement.expression) && statement.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken && isName(skipParentheses(statement.expression.left)),
  };
}

/** `if (<missing>) return|throw|continue|break` or `if (<missing>) <fills it>`: after it the value is there. */
function settles(statement: ts.Statement, guard: Guard): boolean {
  if (!ts.isIfStatement(statement) || statement.elseStatement || !conjuncts(statement.expression).some(guard.missing)) return false;
  const last = ts.isBlock(statement.thenStatement) ? statement.thenStatement.statements.at(-1) : statement.thenStatement;
  return last !== undefined && (ts.isReturnStatement(last) || ts.isThrowStatement(last) || ts.isContinueStatement(last) || ts.isBreakStatement(last) || guard.fills(last));
}

/** The statements of a block before the one that holds `child`. */
function earlierStatements(statements: ts.NodeArray<ts.Statement>, child: ts.Node): ts.Statement[] {
  const index = statements.findIndex((statement) => statement === child);
  return index < 0 ? [] : statements.slice(0, index);
}

/** `Object.getOwnPropertyDescriptor(o, k)` inside `for (const k of Reflect.ownKeys(o))` (or Object.keys, getOwnPropertyNames). */
function isOwnKeyDescriptor(operand: ts.Expression, sourceFile: ts.SourceFile): boolean {
  const lookup = staticCall(operand, ['Object', 'Reflect'], ['getOwnPropertyDescriptor']);
  const [object, key] = lookup?.arguments ?? [];
  if (!object || !key || !ts.isIdentifier(key)) return false;
  for (let node: ts.Node | undefined = operand.parent; node; node = node.parent) {
    if (!ts.isForOfStatement(node) || !ts.isVariableDeclarationList(node.initializer)) continue;
    const declared = node.initializer.declarations[0]?.name;
    const keys = staticCall(node.expression, ['Object', 'Reflect'], ['ownKeys', 'keys', 'getOwnPropertyNames']);
    const source = keys?.arguments[0];
    if (declared && ts.isIdentifier(declared) && declared.text === key.text && source && source.getText(sourceFile) === object.getText(sourceFile)) return true;
  }
  return false;
}

/** `Owner.method(…)` for one of the owners and methods named. */
function staticCall(node: ts.Expression, owners: readonly string[], methods: readonly string[]): ts.CallExpression | undefined {
  const call = skipParentheses(node);
  if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression)) return undefined;
  const { expression: owner, name } = call.expression;
  return ts.isIdentifier(owner) && owners.includes(owner.text) && methods.includes(name.text) ? call : undefined;
}

/** `a && (b && c)` as [a, b, c]. */
function conjuncts(condition: ts.Expression): ts.Expression[] {
  const node = skipParentheses(condition);
  return ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken ? [...conjuncts(node.left), ...conjuncts(node.right)] : [node];
}

function isNot(condition: ts.Expression, test: (node: ts.Expression) => boolean): boolean {
  return ts.isPrefixUnaryExpression(condition) && condition.operator === ts.SyntaxKind.ExclamationToken && test(skipParentheses(condition.operand));
}

/** `x != null` / `x !== undefined` (equal: `x == null` / `x === undefined`), either side. */
function nullComparison(condition: ts.Expression, isName: (node: ts.Expression) => boolean, equal: boolean): boolean {
  if (!ts.isBinaryExpression(condition)) return false;
  const operator = condition.operatorToken.kind;
  const wanted = equal ? [ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.EqualsEqualsEqualsToken] : [ts.SyntaxKind.ExclamationEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken];
  if (!wanted.includes(operator)) return false;
  const isNullish = (node: ts.Expression) => node.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(node) && node.text === 'undefined');
  const [left, right] = [skipParentheses(condition.left), skipParentheses(condition.right)];
  return (isName(left) && isNullish(right)) || (isNullish(left) && isName(right));
}

/** `map.get(key)`: the map and key expressions. */
function mapLookup(node: ts.Expression): { map: ts.Expression; key: ts.Expression } | undefined {
  return mapCall(node, 'get');
}

function mapCall(node: ts.Expression, method: 'get' | 'has' | 'set'): { map: ts.Expression; key: ts.Expression } | undefined {
  const call = skipParentheses(node);
  if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression) || call.expression.name.text !== method) return undefined;
  const key = call.arguments[0];
  return key ? { map: call.expression.expression, key } : undefined;
}

function skipParentheses(node: ts.Expression): ts.Expression {
  return ts.isParenthesizedExpression(node) ? skipParentheses(node.expression) : node;
}
