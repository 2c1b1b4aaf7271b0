/** loose-equality: `==` and `!=` coerce types before comparing; `== null` (null or undefined) is the accepted idiom. */
import * as ts from 'typescript';
import { finding, forEachNode, snippet, type AnalyzedFinding, type Analyzer } from './analyzer';

export const looseEquality: Analyzer = {
  name: 'loose-equality',
  description: '== and != (except comparisons with null), which coerce types before comparing',
  security: false,
  analyze(input) {
    const { sourceFile } = input;
    const found: AnalyzedFinding[] = [];
    for (const node of binaryExpressions(sourceFile)) {
      const operator = node.operatorToken.kind;
      if (operator !== ts.SyntaxKind.EqualsEqualsToken && operator !== ts.SyntaxKind.ExclamationEqualsToken) continue;
      if (isNull(node.left) || isNull(node.right)) continue;
      const strict = operator === ts.SyntaxKind.EqualsEqualsToken ? '===' : '!==';
      found.push(finding(input, node.operatorToken, {
        severity: 'warning',
        rule: 'loose-equality',
        message: `\`${snippet(node, sourceFile)}\` compares with type coercion.`,
        suggestion: `Use \`${strict}\`.`,
      }));
    }
    return found;
  },
};

function binaryExpressions(sourceFile: ts.SourceFile): ts.BinaryExpression[] {
  const nodes: ts.BinaryExpression[] = [];
  forEachNode(sourceFile, (node) => ts.isBinaryExpression(node) && nodes.push(node));
  return nodes;
}

function isNull(node: ts.Expression): boolean {
  return node.kind === ts.SyntaxKind.NullKeyword;
}
