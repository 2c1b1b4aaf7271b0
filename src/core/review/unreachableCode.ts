/**
 * unreachable-code: statements that can never run because the statement before them in the same
 * block always leaves it — `return`, `throw`, `break`, `continue`, a call that never returns
 * (`process.exit()`, any function typed `never`), a block or an `if`/`else` whose every branch
 * leaves. Nova's own check, so it reports whatever the project's `allowUnreachableCode` says; the
 * TypeScript finding for the same code (ts-7027) is dropped in its favour (`supersedes`), and this
 * one carries code 7027 so editors grey it out and TypeScript's "remove unreachable code" fix
 * applies. Hoisted declarations (functions, types, interfaces) after a `return` are not reported:
 * they are still in scope above it.
 */
import * as ts from 'typescript';
import { evidence, finding, forEachNode, type AnalyzedFinding, type Analyzer, type AnalyzerInput } from './analyzer';

export const unreachableCode: Analyzer = {
  name: 'unreachable-code',
  description: 'statements after return, throw, break, continue or process.exit() that never run',
  security: false,
  supersedes: ['ts-7027'],
  analyze(input) {
    const checker = input.program.getTypeChecker();
    const found: AnalyzedFinding[] = [];
    // Code inside code already reported (a dead block's own `return; x()`) is part of that finding.
    const reported: { start: number; end: number }[] = [];
    forEachNode(input.sourceFile, (node) => {
      const statements = statementList(node);
      if (!statements || reported.some((span) => span.start <= node.pos && node.pos < span.end)) return;
      const exit = statements.findIndex((statement) => leaves(statement, checker));
      const dead = statements.slice(exit + 1).filter(isReportable);
      const first = dead[0];
      const last = dead.at(-1);
      const leaving = statements[exit];
      if (exit < 0 || !first || !last || !leaving) return;
      found.push(report(input, leaving, first, last));
      reported.push({ start: first.pos, end: last.getEnd() });
    });
    return found;
  },
};

function report(input: AnalyzerInput, leaving: ts.Statement, first: ts.Statement, last: ts.Statement): AnalyzedFinding {
  const { sourceFile } = input;
  const how = leavingWord(leaving, sourceFile);
  const line = sourceFile.getLineAndCharacterOfPosition(leaving.getStart(sourceFile)).line + 1;
  return finding(input, { start: first.getStart(sourceFile), end: last.getEnd() }, {
    severity: 'warning',
    rule: 'unreachable-code',
    message: `This code never runs: it comes after ${how} on line ${line}.`,
    suggestion: `Remove it, or move it before ${how} if it should run.`,
    evidence: [evidence(input, sourceFile, leaving, `${how} leaves here`)],
    tsCode: unreachableCodeDiagnostic,
  });
}

/** TypeScript's "Unreachable code detected": its quick fix removes what this analyzer reports. */
const unreachableCodeDiagnostic = 7027;

/** The statements of a block-like node, in order; undefined for other nodes. */
function statementList(node: ts.Node): readonly ts.Statement[] | undefined {
  if (ts.isBlock(node) || ts.isSourceFile(node) || ts.isModuleBlock(node) || ts.isCaseClause(node) || ts.isDefaultClause(node)) return node.statements;
  return undefined;
}

/** Whether control never goes past the statement. */
function leaves(statement: ts.Statement, checker: ts.TypeChecker): boolean {
  if (ts.isReturnStatement(statement) || ts.isThrowStatement(statement) || ts.isBreakStatement(statement) || ts.isContinueStatement(statement)) return true;
  if (ts.isExpressionStatement(statement)) return neverReturns(statement.expression, checker);
  if (ts.isBlock(statement)) return statement.statements.some((inner) => leaves(inner, checker));
  if (ts.isIfStatement(statement)) return statement.elseStatement !== undefined && leaves(statement.thenStatement, checker) && leaves(statement.elseStatement, checker);
  return false;
}

/** `process.exit(…)`, or a call the checker types `never` (`fail(): never`). */
function neverReturns(expression: ts.Expression, checker: ts.TypeChecker): boolean {
  let call = expression;
  while (ts.isParenthesizedExpression(call) || ts.isAwaitExpression(call)) call = call.expression;
  if (!ts.isCallExpression(call)) return false;
  const callee = call.expression;
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'process' && callee.name.text === 'exit' && isGlobalProcess(callee.expression, checker)) return true;
  return (checker.getTypeAtLocation(call).flags & ts.TypeFlags.Never) !== 0 && hasDeclaredNever(call, checker);
}

/** `process` not declared by the program itself (Node's global, typed or not). */
function isGlobalProcess(identifier: ts.Identifier, checker: ts.TypeChecker): boolean {
  const declarations = checker.getSymbolAtLocation(identifier)?.declarations ?? [];
  return declarations.every((declaration) => declaration.getSourceFile().isDeclarationFile);
}

/** The callee says `never` in its signature (as TypeScript requires for a call to end the flow), not an error type. */
function hasDeclaredNever(call: ts.CallExpression, checker: ts.TypeChecker): boolean {
  const declaration = checker.getResolvedSignature(call)?.getDeclaration() as ts.SignatureDeclaration | undefined;
  return declaration?.type?.kind === ts.SyntaxKind.NeverKeyword;
}

/** Statements whose presence after an exit is a mistake; hoisted and type-only declarations are not. */
function isReportable(statement: ts.Statement): boolean {
  if (ts.isFunctionDeclaration(statement) || ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isEmptyStatement(statement)) return false;
  if (ts.isModuleDeclaration(statement) || (ts.isEnumDeclaration(statement) && statement.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ConstKeyword || modifier.kind === ts.SyntaxKind.DeclareKeyword))) return false;
  // `var x;` is hoisted and does nothing where it stands.
  if (ts.isVariableStatement(statement) && (statement.declarationList.flags & ts.NodeFlags.BlockScoped) === 0) return statement.declarationList.declarations.some((declaration) => declaration.initializer !== undefined);
  return true;
}

function leavingWord(statement: ts.Statement, sourceFile: ts.SourceFile): string {
  if (ts.isReturnStatement(statement)) return '`return`';
  if (ts.isThrowStatement(statement)) return '`throw`';
  if (ts.isBreakStatement(statement)) return '`break`';
  if (ts.isContinueStatement(statement)) return '`continue`';
  if (ts.isExpressionStatement(statement)) return `\`${statement.expression.getText(sourceFile).replace(/\(.*$/s, '()')}\``;
  return 'a block that always leaves';
}
