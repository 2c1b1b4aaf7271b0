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
 * without someone saying why. Only `//` line comments are read, on the raw text of the line.
 */
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

const comment = /\/\/\s*nova-ignore(?![\w-])(.*)$/;
const ruleList = /^\s+([\w@./-]+(?:\s*,\s*[\w@./-]+)*)\s*(?::(.*))?$/;

/** The suppression comments of one file (`path` is where findings about them are reported). */
export function readSuppressions(path: string, text: string): FileSuppressions {
  const suppressions: InlineSuppression[] = [];
  const malformed: AnalyzedFinding[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((lineText, index) => {
    const found = comment.exec(lineText);
    if (!found) return;
    const line = index + 1;
    const parsed = ruleList.exec(found[1] ?? '');
    const rules = parsed?.[1]?.split(',').map((rule) => rule.trim()) ?? [];
    const reason = parsed?.[2]?.trim() ?? '';
    if (rules.length === 0 || reason === '') {
      const column = found.index;
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
        range: { startLine: line, startColumn: column, endLine: line, endColumn: lineText.length },
      });
      return;
    }
    const alone = lineText.slice(0, found.index).trim() === '';
    suppressions.push({ commentLine: line, coveredLine: alone ? line + 1 : line, rules, reason });
  });
  return { suppressions, malformed };
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
