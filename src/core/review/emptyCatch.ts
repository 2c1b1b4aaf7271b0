/**
 * empty-catch: a catch block with no statements and no comment swallows the error silently. Not a
 * finding when the swallow is visibly deliberate: a comment inside the block says why, or the error
 * is bound to a name that starts with `_` (`catch (_) {}`, `catch (_err) {}`), the usual mark of a
 * value ignored on purpose. `catch {}` with no binding and no comment is still a finding.
 */
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
      if (/\/\/|\/\*/.test(inside) || ignoredOnPurpose(node)) return;
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

/** `catch (_)` or `catch (_error)`: the error is bound to a name that says it is ignored. */
function ignoredOnPurpose(clause: ts.CatchClause): boolean {
  const name = clause.variableDeclaration?.name;
  return name !== undefined && ts.isIdentifier(name) && name.text.startsWith('_');
}
