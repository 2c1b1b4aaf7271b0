/** empty-catch: a catch block with no statements and no comment swallows the error silently. */
import * as ts from 'typescript';
import { finding, forEachNode, type AnalyzedFinding, type Analyzer } from './analyzer';

export const emptyCatch: Analyzer = {
  name: 'empty-catch',
  description: 'catch blocks that swallow errors without handling or explaining them',
  security: false,
  analyze(input) {
    const { sourceFile } = input;
    const found: AnalyzedFinding[] = [];
    forEachNode(sourceFile, (node) => {
      if (!ts.isCatchClause(node) || node.block.statements.length > 0) return;
      // A comment inside says the swallow is deliberate; that is a decision, not an oversight.
      const inside = sourceFile.text.slice(node.block.getStart(sourceFile) + 1, node.block.getEnd() - 1);
      if (/\/\/|\/\*/.test(inside)) return;
      found.push(finding(input, node, {
        severity: 'warning',
        rule: 'empty-catch',
        message: 'The catch block is empty: the error is swallowed without a trace.',
        suggestion: 'Handle the error, rethrow it, or log it; if ignoring it is intended, say why in a comment.',
      }));
    });
    return found;
  },
};
