/**
 * Inline suppressions: a `// nova-ignore <rule>: <reason>` comment tells Nova's review that a
 * finding of that rule is known and accepted. Where it applies:
 * - a comment alone on its line covers the next line;
 * - a comment after code covers its own line.
 * A finding is covered when its range starts on a covered line. Several rules may be named,
 * separated by commas (`// nova-ignore loose-equality, explicit-any: legacy API`).
 *
 * The reason is required: a comment without one (or without a rule) suppresses nothing and is
 * itself reported as a `nova-ignore` warning, so a suppression can never silently hide a finding
 * without someone saying why. Only real `//` line comments count (found with TypeScript's
 * scanner): the words in a string, a template or a block comment are not a suppression.
 */
import * as ts from 'typescript';
import type { AnalyzedFinding } from './analyzer';

/** The rule id of a malformed suppression comment. */
export const suppressionRule = 'nova-ignore';
export const suppressionRuleDescription = 'A `// nova-ignore <rule>: <reason>` comment that names no rule or gives no reason; it suppresses nothing.';

/** One well-formed suppression comment. */
export interface InlineSuppression {
  /** The 1-based line the comment is on. */
  readonly commentLine: number;
  /** The 1-based line whose findings it covers. */
  readonly coveredLine: number;
  readonly rules: readonly string[];
  readonly reason: string;
}

/** A finding that a comment suppressed, with the comment's reason. */
export interface SuppressedFinding<F extends AnalyzedFinding = AnalyzedFinding> {
  readonly finding: F;
  readonly reason: string;
  readonly commentLine: number;
}

/** What a file's comments say: the suppressions, and findings about the comments that are not. */
export interface FileSuppressions {
  readonly suppressions: readonly InlineSuppression[];
  readonly malformed: readonly AnalyzedFinding[];
}

const directive = /^\/\/\s*nova-ignore(?![\w-])(.*)$/;
const ruleList = /^\s+([\w@./-]+(?:\s*,\s*[\w@./-]+)*)\s*(?::(.*))?$/;

/** The suppression comments of one file (`path` is where findings about them are reported). */
export function readSuppressions(path: string, text: string): FileSuppressions {
  const suppressions: InlineSuppression[] = [];
  const malformed: AnalyzedFinding[] = [];
  if (!text.includes('nova-ignore')) return { suppressions, malformed };
  const sourceFile = ts.createSourceFile('suppressions.ts', text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);
  for (const { pos, end } of lineComments(sourceFile)) {
    const found = directive.exec(text.slice(pos, end));
    if (!found) continue;
    const start = sourceFile.getLineAndCharacterOfPosition(pos);
    const line = start.line + 1;
    const parsed = ruleList.exec(found[1] ?? '');
    const rules = parsed?.[1]?.split(',').map((rule) => rule.trim()) ?? [];
    const reason = parsed?.[2]?.trim() ?? '';
    if (rules.length === 0 || reason === '') {
      malformed.push({
        path,
        line,
        severity: 'warning',
        rule: suppressionRule,
        message:
          rules.length === 0
            ? 'This nova-ignore comment names no rule, so it suppresses nothing.'
            : `This nova-ignore comment gives no reason, so it suppresses nothing (${rules.join(', ')} is still reported).`,
        suggestion: `Write it as // nova-ignore ${rules[0] ?? '<rule>'}: <why this finding is accepted>`,
        range: { startLine: line, startColumn: start.character, endLine: line, endColumn: start.character + (end - pos) },
      });
      continue;
    }
    const lineStart = sourceFile.getPositionOfLineAndCharacter(start.line, 0);
    const alone = text.slice(lineStart, pos).trim() === '';
    suppressions.push({ commentLine: line, coveredLine: alone ? line + 1 : line, rules, reason });
  }
  return { suppressions, malformed };
}

/** Every `//` comment of a file, in order: the comments before and after each token. */
function lineComments(sourceFile: ts.SourceFile): ts.CommentRange[] {
  const text = sourceFile.text;
  const seen = new Map<number, ts.CommentRange>();
  const add = (ranges: readonly ts.CommentRange[] | undefined) => {
    for (const range of ranges ?? []) if (range.kind === ts.SyntaxKind.SingleLineCommentTrivia) seen.set(range.pos, range);
  };
  const visit = (node: ts.Node): void => {
    add(ts.getLeadingCommentRanges(text, node.getFullStart()));
    add(ts.getTrailingCommentRanges(text, node.getEnd()));
    for (const child of node.getChildren(sourceFile)) visit(child);
  };
  visit(sourceFile);
  return [...seen.values()].sort((a, b) => a.pos - b.pos);
}

/**
 * Splits one file's findings into those reported and those a comment suppressed, each in the
 * order given. (The malformed comments' findings are the caller's to add: they are never suppressed.)
 */
export function applySuppressions<F extends AnalyzedFinding>(findings: readonly F[], comments: FileSuppressions): { reported: F[]; suppressed: SuppressedFinding<F>[] } {
  const reported: F[] = [];
  const suppressed: SuppressedFinding<F>[] = [];
  for (const found of findings) {
    const by = comments.suppressions.find((item) => item.coveredLine === found.range.startLine && item.rules.includes(found.rule));
    if (by) suppressed.push({ finding: found, reason: by.reason, commentLine: by.commentLine });
    else reported.push(found);
  }
  return { reported, suppressed };
}
