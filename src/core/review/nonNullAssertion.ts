/**
 * non-null-assertion: `x!` tells the compiler a value is there; when it is not, the program fails
 * later and elsewhere. A hint, never an error: the assertion may well be right.
 *
 * Reported only where the `!` hides something: the checker's type of the operand (already narrowed
 * by the guards before it) still admits null or undefined, i.e. removing those from it changes the
 * type. Not reported where the checker has already proven the value present (`if (x) x!`), where
 * the operand is `any` (the `!` changes nothing), after a guard the checker does not narrow by
 * (`map.has(key)` before `map.get(key)!`, a test of a variable outside the callback: presenceGuard.ts), or in a project without `strictNullChecks`: the
 * compiler does not track null and undefined there at all, so a `!` neither hides nor adds a check
 * (turn strictNullChecks on to have missing values checked).
 */
import * as ts from 'typescript';
import { isGuardedPresent } from './presenceGuard';
import { finding, forEachNode, snippet, type AnalyzedFinding, type Analyzer } from './analyzer';

export const nonNullAssertion: Analyzer = {
  name: 'non-null-assertion',
  description: 'non-null assertions (`value!`) that hide a possible undefined or null',
  security: false,
  analyze(input) {
    const { sourceFile, program } = input;
    const options = program.getCompilerOptions();
    if (!(options.strictNullChecks ?? options.strict ?? false)) return [];
    const checker = program.getTypeChecker();
    const found: AnalyzedFinding[] = [];
    forEachNode(sourceFile, (node) => {
      if (!ts.isNonNullExpression(node) || !mayBeMissing(checker, node.expression) || isGuardedPresent(node, sourceFile)) return;
      found.push(finding(input, node, {
        severity: 'hint',
        rule: 'non-null-assertion',
        message: `\`${snippet(node, sourceFile)}\` asserts the value is not null or undefined, and nothing before it proves that.`,
        suggestion: 'Check the value and handle the missing case explicitly.',
      }));
    });
    return found;
  },
};

/** Whether the operand's (narrowed) type still admits null or undefined: the `!` changes it. */
function mayBeMissing(checker: ts.TypeChecker, operand: ts.Expression): boolean {
  const type = checker.getTypeAtLocation(operand);
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Never)) return false;
  return checker.getNonNullableType(type) !== type;
}
