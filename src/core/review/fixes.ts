/**
 * Mechanical fixes for review findings: given a finding and its file's text, the edits that fix it
 * without guessing what the code means — or nothing. Pure: the text is parsed here, nothing is read
 * or written, and a finding the text no longer has (the file changed since) gets no fix.
 *
 * Which fixes are safe, per rule:
 * - loose-equality: `==` → `===`, `!=` → `!==` (the analyzer already leaves `== null` alone);
 * - hardcoded-secret: the literal becomes `process.env.NAME ?? ''`, NAME derived from the variable
 *   (`apiKey` → `API_KEY`), so the type stays a string and the value leaves the source;
 * - empty-catch: a comment saying the error is ignored on purpose — it keeps behaviour (a rethrow
 *   would not) and the person, accepting it, makes the decision the comment records;
 * - floating-promise: `void` (keeps behaviour, marks the drop as deliberate), and `await` first
 *   when the call is directly inside an async function (usually what was meant).
 * TypeScript's own fixes (unused code, unreachable code) need the language service: see
 * core/typescript/codeFix.ts.
 */
import * as ts from 'typescript';
import type { ChangeProposal } from '../contracts';
import { hunksBetween } from '../edits/lineDiff';
import type { FindingRange } from './analyzer';

/** A replacement of `[start, end)` (UTF-16 offsets into the file's text) by `newText`. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/** One way to fix a finding: `id` tells a rule's fixes apart, `title` speaks to the person. */
export interface FindingFix {
  readonly id: string;
  readonly title: string;
  /** Why the fix is safe, and what is left for the person to do. */
  readonly rationale: string;
  readonly edits: readonly TextEdit[];
}

/** What a fix needs of a finding: its rule and where it is. */
export interface FixableFinding {
  readonly rule: string;
  readonly range: FindingRange;
}

type FixMaker = (site: FixSite) => FindingFix[];

interface FixSite {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly sourceFile: () => ts.SourceFile;
}

const fixMakers: Readonly<Record<string, FixMaker>> = {
  'loose-equality': strictEquality,
  'hardcoded-secret': secretFromEnvironment,
  'empty-catch': commentInEmptyCatch,
  'floating-promise': handledPromise,
};

/** Rules this file can fix (TypeScript's `ts-<code>` fixes are not among them). */
export const mechanicallyFixableRules: ReadonlySet<string> = new Set(Object.keys(fixMakers));

/**
 * The safe fixes for `found` in `text` (`fileName` only decides how it is parsed: .tsx, .js…),
 * best first; empty when the rule has none or the text at the range is no longer what was found.
 */
export function mechanicalFixes(found: FixableFinding, text: string, fileName = 'file.ts'): FindingFix[] {
  const make = Object.hasOwn(fixMakers, found.rule) ? fixMakers[found.rule] : undefined;
  if (!make) return [];
  const start = offsetOf(text, found.range.startLine, found.range.startColumn);
  const end = offsetOf(text, found.range.endLine, found.range.endColumn);
  if (start === undefined || end === undefined || end < start) return [];
  return make({ text, start, end, sourceFile: () => parsed(fileName, text) });
}

/** The last file parsed: a review asks for the fixes of one file's findings one after another. */
let lastParsed: { readonly fileName: string; readonly sourceFile: ts.SourceFile } | undefined;

function parsed(fileName: string, text: string): ts.SourceFile {
  if (lastParsed?.fileName !== fileName || lastParsed.sourceFile.text !== text) {
    lastParsed = { fileName, sourceFile: ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, scriptKind(fileName)) };
  }
  return lastParsed.sourceFile;
}

/** `text` with `edits` applied (they must not overlap). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  return result;
}

/** A fix as a change set over one file (`shown`: its workspace path), for the person to review hunk by hunk. */
export function fixProposal(shown: string, line: number, text: string, fix: FindingFix): ChangeProposal | undefined {
  const hunks = hunksBetween(text, applyEdits(text, fix.edits)).map((hunk) => ({ ...hunk, rationale: fix.rationale }));
  if (hunks.length === 0) return undefined;
  return { summary: `${fix.title} in ${shown}`, rationale: `Nova's fix for the finding at ${shown}:${line}. ${fix.rationale}`, files: [{ path: shown, hunks }], risks: [] };
}

function strictEquality(site: FixSite): FindingFix[] {
  const loose = (node: ts.Node): node is ts.Token<ts.SyntaxKind.EqualsEqualsToken | ts.SyntaxKind.ExclamationEqualsToken> =>
    node.kind === ts.SyntaxKind.EqualsEqualsToken || node.kind === ts.SyntaxKind.ExclamationEqualsToken;
  const operator = nodeAt(site, loose);
  if (!operator) return [];
  const { start, end } = site;
  const strict = operator.kind === ts.SyntaxKind.EqualsEqualsToken ? '===' : '!==';
  return [{ id: 'strict-equality', title: `Compare with ${strict}`, rationale: `\`${strict}\` compares without converting types; check that both sides already have the same type.`, edits: [{ start, end, newText: strict }] }];
}

function secretFromEnvironment(site: FixSite): FindingFix[] {
  const literal = nodeAt(site, (node): node is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral => ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node));
  const name = literal && environmentName(assignedName(literal));
  if (!literal || !name) return [];
  return [{
    id: 'environment-variable',
    title: `Read the secret from the environment variable ${name}`,
    rationale: `The value leaves the source: set ${name} where the code runs, and rotate the exposed value — it stays in the history.`,
    edits: [{ start: site.start, end: site.end, newText: `process.env.${name} ?? ''` }],
  }];
}

function commentInEmptyCatch(site: FixSite): FindingFix[] {
  const clause = nodeAt(site, ts.isCatchClause);
  if (!clause || clause.block.statements.length > 0) return [];
  const sourceFile = site.sourceFile();
  const open = clause.block.getStart(sourceFile);
  const close = clause.block.getEnd() - 1;
  if (/\S/.test(site.text.slice(open + 1, close))) return [];
  const indent = indentationAt(site.text, clause.getStart(sourceFile));
  const comment = '// The error is ignored on purpose: nothing here depends on it.';
  return [{
    id: 'comment',
    title: 'Say in a comment that the error is ignored on purpose',
    rationale: 'Behaviour is unchanged; accept only if ignoring the error is right, and say why in the comment.',
    edits: [{ start: open + 1, end: close, newText: `\n${indent}  ${comment}\n${indent}` }],
  }];
}

function handledPromise(site: FixSite): FindingFix[] {
  const call = nodeAt(site, ts.isCallExpression);
  if (!call || !isStatementExpression(call)) return [];
  const fixes: FindingFix[] = [];
  if (inAsyncFunction(call)) {
    fixes.push({ id: 'await', title: 'Await the promise', rationale: 'A rejection now reaches the caller; the code after it waits for the promise.', edits: [{ start: site.start, end: site.start, newText: 'await ' }] });
  }
  fixes.push({ id: 'void', title: 'Mark the promise as deliberately not awaited (void)', rationale: 'Behaviour is unchanged; a rejection still goes unhandled, so accept only if dropping it is deliberate.', edits: [{ start: site.start, end: site.start, newText: 'void ' }] });
  return fixes;
}

/** The node of the wanted kind that spans exactly the finding's range. */
function nodeAt<T extends ts.Node>(site: FixSite, wanted: (node: ts.Node) => node is T): T | undefined {
  const sourceFile = site.sourceFile();
  let match: T | undefined;
  const visit = (node: ts.Node): void => {
    if (match || node.getEnd() < site.start || node.getFullStart() > site.end) return;
    if (wanted(node) && node.getStart(sourceFile) === site.start && node.getEnd() === site.end) match = node;
    else ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return match;
}

/** The name a literal is given to: a variable, property, parameter or assignment target. */
function assignedName(literal: ts.Expression): string | undefined {
  const parent = literal.parent;
  let name: ts.Node | undefined;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyDeclaration(parent) || ts.isParameter(parent) || ts.isPropertyAssignment(parent)) && parent.initializer === literal) name = parent.name;
  else if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === literal) name = ts.isPropertyAccessExpression(parent.left) ? parent.left.name : parent.left;
  return name && (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name)) ? name.text : undefined;
}

/** `apiKey`, `api-key`, `#apiKey` → `API_KEY`; undefined when no identifier can be made. */
export function environmentName(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[^A-Za-z0-9]+/).filter(Boolean);
  const joined = words.join('_').toUpperCase();
  return /^[A-Z_][A-Z0-9_]*$/.test(joined) ? joined : undefined;
}

/** Whether the call is the whole expression of a statement (maybe in parentheses): `void`/`await` in front changes nothing else. */
function isStatementExpression(call: ts.CallExpression): boolean {
  let node: ts.Node = call;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  return ts.isExpressionStatement(node.parent);
}

/** Whether the nearest enclosing function is async (not a class static block or the module). */
function inAsyncFunction(node: ts.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isFunctionLike(current)) return (ts.getCombinedModifierFlags(current as ts.Declaration) & ts.ModifierFlags.Async) !== 0;
    if (ts.isClassStaticBlockDeclaration(current) || ts.isSourceFile(current)) return false;
  }
  return false;
}

function indentationAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
}

function scriptKind(fileName: string): ts.ScriptKind {
  if (/\.tsx$/i.test(fileName)) return ts.ScriptKind.TSX;
  if (/\.jsx$/i.test(fileName)) return ts.ScriptKind.JSX;
  if (/\.[cm]?js$/i.test(fileName)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

/** The offset of a 1-based line and 0-based column; undefined when the text has no such place. */
function offsetOf(text: string, line: number, column: number): number | undefined {
  let offset = 0;
  for (let current = 1; current < line; current++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return undefined;
    offset = next + 1;
  }
  const lineEnd = text.indexOf('\n', offset);
  const end = lineEnd < 0 ? text.length : lineEnd;
  return offset + column <= end ? offset + column : undefined;
}
