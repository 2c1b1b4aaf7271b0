/**
 * floating-promise: a call whose promise is dropped — not awaited, returned, chained with a
 * rejection handler or marked `void` — turns a failure into an unhandled rejection. Needs types:
 * whether a call returns a promise is the checker's answer, not the syntax's.
 */
import * as ts from 'typescript';
import type { Finding } from '../contracts';
import { finding, forEachNode, lineOf, snippet, type Analyzer } from './analyzer';

export const floatingPromise: Analyzer = {
  name: 'floating-promise',
  description: 'promises created in a statement and then dropped (not awaited, returned or handled)',
  security: false,
  analyze({ path, sourceFile, program }) {
    const checker = program.getTypeChecker();
    const found: Finding[] = [];
    forEachNode(sourceFile, (node) => {
      if (!ts.isExpressionStatement(node)) return;
      const expression = skipParentheses(node.expression);
      if (!ts.isCallExpression(expression) || handlesRejection(expression)) return;
      if (!isPromiseLike(checker, checker.getTypeAtLocation(expression), expression)) return;
      found.push(finding({
        path,
        line: lineOf(node, sourceFile),
        severity: 'warning',
        rule: 'floating-promise',
        message: `The promise from \`${snippet(expression, sourceFile)}\` is neither awaited nor handled; if it rejects, the rejection goes unhandled.`,
        suggestion: 'Await it (or return it), or add a .catch() handler; write `void` before it only when dropping it is deliberate.',
      }));
    });
    return found;
  },
};

function skipParentheses(node: ts.Expression): ts.Expression {
  return ts.isParenthesizedExpression(node) ? skipParentheses(node.expression) : node;
}

/** `.catch(handler)` or `.then(onFulfilled, onRejected)` already handle a rejection. */
function handlesRejection(call: ts.CallExpression): boolean {
  if (!ts.isPropertyAccessExpression(call.expression)) return false;
  const method = call.expression.name.text;
  return (method === 'catch' && call.arguments.length > 0) || (method === 'then' && call.arguments.length > 1);
}

/** A type with a callable `then` (or a union with such a member): what `await` would wait for. */
function isPromiseLike(checker: ts.TypeChecker, type: ts.Type, at: ts.Node): boolean {
  if (type.isUnion()) return type.types.some((member) => isPromiseLike(checker, member, at));
  const then = type.getProperty('then');
  return then !== undefined && checker.getTypeOfSymbolAtLocation(then, at).getCallSignatures().length > 0;
}
