/**
 * loose-equality: `==` and `!=` coerce types before comparing. Not a finding where no coercion can
 * happen or it is the point: `x == null` (null or undefined, the accepted idiom) and
 * `typeof x == "string"` (both sides are strings), as ESLint's eqeqeq "smart" option.
 */
import * as ts from 'typescript';
import { finding, forEachNode, snippet, type AnalyzedFinding, type Analyzer } from './analyzer';

export const looseEquality: Analyzer = {
  name: 'loose-equality',
  description: '== and != (except `== null` and `typeof x == "…"`), which coerce types before comparing',
  security: false,
  analyze(input) {
    const { sourceFile } = input;
    const found: AnalyzedFinding[] = [];
    for (const node of binaryExpressions(sourceFile)) {
      const operator = node.operatorToken.kind;
      if (operator !== ts.SyntaxKind.EqualsEqualsToken && operator !== ts.SyntaxKind.ExclamationEqualsToken) continue;
      if (isNull(node.left) || isNull(node.right) || (isTypeof(node.left) && isString(node.right)) || (isString(node.left) && isTypeof(node.right))) continue;
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

function isTypeof(node: ts.Expression): boolean {
  return ts.isTypeOfExpression(node);
}

function isString(node: ts.Expression): boolean {
  return ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node);
}
