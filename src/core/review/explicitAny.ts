/** explicit-any: an `any` written in the code switches type checking off for everything it reaches. */
import * as ts from 'typescript';
import { finding, forEachNode, type AnalyzedFinding, type Analyzer } from './analyzer';

export const explicitAny: Analyzer = {
  name: 'explicit-any',
  description: 'types written as `any`',
  security: false,
  analyze(input) {
    const found: AnalyzedFinding[] = [];
    forEachNode(input.sourceFile, (node) => {
      if (node.kind !== ts.SyntaxKind.AnyKeyword) return;
      found.push(finding(input, node, {
        severity: 'warning',
        rule: 'explicit-any',
        message: `${describe(node.parent)}: nothing it reaches is type-checked.`,
        suggestion: 'Use `unknown` and narrow it, or a specific type.',
      }));
    });
    return found;
  },
};

/** What is `any`, in words: "Parameter `raw` is typed `any`", "`as any`", "A type argument is `any`". */
function describe(parent: ts.Node | undefined): string {
  if (parent && (ts.isParameter(parent) || ts.isVariableDeclaration(parent) || ts.isPropertyDeclaration(parent) || ts.isPropertySignature(parent)) && ts.isIdentifier(parent.name)) {
    const kind = ts.isParameter(parent) ? 'Parameter' : ts.isVariableDeclaration(parent) ? 'Variable' : 'Property';
    return `${kind} \`${parent.name.text}\` is typed \`any\``;
  }
  if (parent && (ts.isAsExpression(parent) || ts.isTypeAssertionExpression(parent))) return 'A type assertion to `any`';
  if (parent && ts.isFunctionLike(parent)) return 'The return type is `any`';
  if (parent && (ts.isTypeReferenceNode(parent) || ts.isExpressionWithTypeArguments(parent))) return 'A type argument is `any`';
  if (parent && ts.isArrayTypeNode(parent)) return 'An array of `any`';
  return 'A type is `any`';
}
