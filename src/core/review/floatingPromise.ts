/**
 * floating-promise: a call whose promise is dropped — not awaited, returned, chained with a
 * rejection handler or marked `void` — turns a failure into an unhandled rejection. Needs types:
 * whether a call returns a promise is the checker's answer, not the syntax's.
 */
import * as ts from 'typescript';
import { evidence, finding, forEachNode, shorten, snippet, type AnalyzedFinding, type Analyzer, type AnalyzerInput, type FindingEvidence } from './analyzer';

export const floatingPromise: Analyzer = {
  name: 'floating-promise',
  description: 'promises created in a statement and then dropped (not awaited, returned or handled)',
  security: false,
  analyze(input) {
    const { sourceFile, program } = input;
    const checker = program.getTypeChecker();
    const found: AnalyzedFinding[] = [];
    forEachNode(sourceFile, (node) => {
      if (!ts.isExpressionStatement(node)) return;
      const expression = skipParentheses(node.expression);
      if (!ts.isCallExpression(expression) || handlesRejection(expression)) return;
      if (!isPromiseLike(checker, checker.getTypeAtLocation(expression), expression)) return;
      found.push(finding(input, expression, {
        severity: 'warning',
        rule: 'floating-promise',
        message: `The promise from \`${snippet(expression, sourceFile)}\` is neither awaited nor handled; if it rejects, the rejection goes unhandled.`,
        suggestion: 'Await it (or return it), or add a .catch() handler; write `void` before it only when dropping it is deliberate.',
        evidence: [declarationOf(input, checker, expression)],
      }));
    });
    return found;
  },
};

/** The declaration of the called function or method, named by what it returns; undefined when it has none in the workspace. */
function declarationOf(input: AnalyzerInput, checker: ts.TypeChecker, call: ts.CallExpression): FindingEvidence | undefined {
  const signature = checker.getResolvedSignature(call);
  const declaration = signature?.getDeclaration() as ts.SignatureDeclaration | undefined;
  if (!signature || !declaration) return undefined;
  const name = nameOf(declaration);
  const returns = shorten(checker.typeToString(signature.getReturnType()));
  const message = `${name ? `\`${name.getText()}\`` : 'The called function'} returns \`${returns}\` here`;
  return evidence(input, declaration.getSourceFile(), name ?? declaration, message);
}

/** A declaration's name, or the name it is assigned to (`const load = async () => …`). */
function nameOf(declaration: ts.SignatureDeclaration): ts.Node | undefined {
  if (declaration.name) return declaration.name;
  const parent = declaration.parent;
  const named = ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent);
  return named && parent.initializer === declaration ? parent.name : undefined;
}

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
