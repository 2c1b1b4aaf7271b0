/**
 * A finding's stable identity across runs: what it says (rule), where (path) and the text it is
 * about — not its line number, so a finding keeps its fingerprint when lines are added above it.
 * Findings with the same rule, path and flagged text are told apart by their order in the file.
 * The editor keeps dismissals by it, the baseline file stores it, and SARIF carries it as a
 * partial fingerprint.
 */
import { createHash } from 'node:crypto';
import type { Finding } from '../contracts';
import type { FindingRange } from './analyzer';

/** The parts of a finding its identity is made of; `text` is the source the finding flags (its line or range). */
export interface FingerprintInput {
  readonly path: Finding['path'];
  readonly rule: Finding['rule'];
  readonly text: string;
}

/** Whitespace differences (re-indenting, reformatting) do not change what a finding is about. */
function normalized(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function digest(input: FingerprintInput, ordinal: number): string {
  return createHash('sha256').update(`${input.rule}\0${input.path}\0${normalized(input.text)}\0${ordinal}`).digest('hex').slice(0, 32);
}

/** One fingerprint per finding, in the given (file) order; the nth identical finding gets ordinal n. */
export function fingerprints(findings: readonly FingerprintInput[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((found) => {
    const key = `${found.rule}\0${found.path}\0${normalized(found.text)}`;
    const ordinal = seen.get(key) ?? 0;
    seen.set(key, ordinal + 1);
    return digest(found, ordinal);
  });
}

/**
 * The source a finding flags, for its fingerprint: the whole lines its range covers. (A range alone
 * can be as short as `==`, which many findings of one rule share: their fingerprints would then
 * depend on their order, and a new finding above would change the old ones'.)
 */
export function flaggedText(lines: readonly string[], range: FindingRange): string {
  return lines.slice(range.startLine - 1, Math.max(range.startLine, range.endLine)).join('\n');
}
