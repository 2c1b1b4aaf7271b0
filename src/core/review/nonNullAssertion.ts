/** non-null-assertion: `x!` tells the compiler a value is there; when it is not, the program fails later and elsewhere. */
import * as ts from 'typescript';
import { finding, forEachNode, snippet, type AnalyzedFinding, type Analyzer } from './analyzer';

export const nonNullAssertion: Analyzer = {
  name: 'non-null-assertion',
  description: 'non-null assertions (`value!`) that hide a possible undefined or null',
  security: false,
  analyze(input) {
    const { sourceFile } = input;
    const found: AnalyzedFinding[] = [];
    forEachNode(sourceFile, (node) => {
      if (!ts.isNonNullExpression(node)) return;
      found.push(finding(input, node, {
        severity: 'warning',
        rule: 'non-null-assertion',
        message: `\`${snippet(node, sourceFile)}\` asserts the value is not null or undefined without checking.`,
        suggestion: 'Check the value and handle the missing case explicitly.',
      }));
    });
    return found;
  },
};
