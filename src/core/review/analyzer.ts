/**
 * What an analyzer is: a named check over one TypeScript source file that reports findings — the
 * contracts' `Finding` (path, line, severity, rule, message, suggestion) plus the exact range and
 * any evidence elsewhere, so an editor can underline it; how sure the analyzer is (confidence), and
 * which analyzer said it. Analyzers read the syntax tree, and the type checker where a rule is about
 * types; they never change anything.
 */
import * as ts from 'typescript';
import type { Finding } from '../contracts';

/** A span of source text: 1-based lines, 0-based UTF-16 columns (as TypeScript's getLineAndCharacterOfPosition, plus one on the line). */
export interface FindingRange {
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** Another place that supports a finding (e.g. the declaration of the function whose promise is dropped). */
export interface FindingEvidence {
  readonly path: string;
  readonly range: FindingRange;
  readonly message: string;
}

/**
 * How likely a finding is a real problem, as SARIF's `precision` says it: `high` — the pattern
 * is the problem whenever it matches (a known credential format, `eval` of a built string, a
 * compiler error); `medium` — usually a problem, sometimes deliberate (a name plus a random-looking
 * value, a dropped promise); `low` — worth a look, often fine. Levels, not a number: nobody
 * measured a probability, and levels compare across analyzers.
 */
export type Confidence = 'high' | 'medium' | 'low';

/** A finding as analyzers report it: the contract's Finding plus where exactly, and why (evidence). */
export interface AnalyzedFinding extends Finding {
  readonly range: FindingRange;
  readonly evidence?: readonly FindingEvidence[];
  /**
   * The TypeScript diagnostic code of a `ts-<code>` finding, to ask the language service for its
   * fixes; or of the TypeScript fix that applies to another analyzer's finding (unreachable-code: 7027).
   */
  readonly tsCode?: number;
  /**
   * How sure the analyzer is; `runAnalyzers` fills it for every finding (the report's, else the
   * analyzer's default). Optional so findings made elsewhere (a model's, a test's) still type-check.
   */
  readonly confidence?: Confidence;
  /** The name of the analyzer that raised it (`hardcoded-secret`, `typescript`…); `runAnalyzers` fills it. */
  readonly analyzer?: string;
}

/** One file as an analyzer sees it. */
export interface AnalyzerInput {
  /** The workspace path findings are reported at. */
  readonly path: string;
  readonly sourceFile: ts.SourceFile;
  readonly program: ts.Program;
  readonly service: ts.LanguageService;
  /** The workspace path of another file of the program, for evidence there; undefined: not shown. */
  readonly display?: (fileName: string) => string | undefined;
}

/** A named check; its findings carry its name as their rule id (the `typescript` analyzer reports `ts-<code>` rules). */
export interface Analyzer {
  readonly name: string;
  readonly description: string;
  /** Whether its findings are about security (the security reviewer keeps only these). */
  readonly security: boolean;
  /** The confidence of a finding whose report does not say; default `high`. */
  readonly confidence?: Confidence;
  /**
   * Rules of other analyzers this one reports better: their findings overlapping one of this
   * analyzer's in the same file are dropped (unreachable-code supersedes ts-7027), so the same code
   * is never reported twice, whichever of the two would see it.
   */
  readonly supersedes?: readonly string[];
  analyze(input: AnalyzerInput): AnalyzedFinding[];
}

/** A stretch of a file's text as UTF-16 offsets, `end` exclusive. */
export interface TextOffsets {
  readonly start: number;
  readonly end: number;
}

/** Where a finding or its evidence is: a node (its first token to its end) or offsets into the file. */
export type FindingSite = ts.Node | TextOffsets;

/** What an analyzer says about a finding; `finding()` adds the path, line and range. */
export interface FindingReport {
  readonly severity: Finding['severity'];
  readonly rule: string;
  readonly message: string;
  readonly suggestion?: string | undefined;
  readonly evidence?: readonly (FindingEvidence | undefined)[] | undefined;
  readonly tsCode?: number | undefined;
  /** When it differs from the analyzer's default (e.g. a format match is surer than a name match). */
  readonly confidence?: Confidence | undefined;
}

/**
 * A finding at `site` of the analyzed file: `line` is the range's first line. Evidence that could
 * not be placed (undefined) and empty optional fields are left out (exactOptionalPropertyTypes).
 */
export function finding(input: Pick<AnalyzerInput, 'path' | 'sourceFile'>, site: FindingSite, report: FindingReport): AnalyzedFinding {
  const range = rangeOf(input.sourceFile, site);
  const { suggestion, evidence, tsCode, confidence, ...said } = report;
  const placed = evidence?.filter((item): item is FindingEvidence => item !== undefined) ?? [];
  return {
    path: input.path,
    line: range.startLine,
    ...said,
    ...(suggestion === undefined ? {} : { suggestion }),
    range,
    ...(placed.length === 0 ? {} : { evidence: placed }),
    ...(tsCode === undefined ? {} : { tsCode }),
    ...(confidence === undefined ? {} : { confidence }),
  };
}

/**
 * Evidence at `site` of `file` (the analyzed file or another one of the program); undefined when
 * that file has no workspace path to show.
 */
export function evidence(input: Pick<AnalyzerInput, 'path' | 'sourceFile' | 'display'>, file: ts.SourceFile, site: FindingSite, message: string): FindingEvidence | undefined {
  const path = file.fileName === input.sourceFile.fileName ? input.path : input.display?.(file.fileName);
  return path === undefined ? undefined : { path, range: rangeOf(file, site), message };
}

/** The contract's Finding alone (what models see): without range, evidence and TypeScript code. */
export function contractFinding(found: AnalyzedFinding): Finding {
  const { path, line, severity, rule, message, suggestion } = found;
  return suggestion === undefined ? { path, line, severity, rule, message } : { path, line, severity, rule, message, suggestion };
}

/** The range of a site in `sourceFile`. */
export function rangeOf(sourceFile: ts.SourceFile, site: FindingSite): FindingRange {
  const { start, end } = isNode(site) ? { start: site.getStart(sourceFile), end: site.getEnd() } : site;
  const from = sourceFile.getLineAndCharacterOfPosition(start);
  const to = sourceFile.getLineAndCharacterOfPosition(Math.max(start, end));
  return { startLine: from.line + 1, startColumn: from.character, endLine: to.line + 1, endColumn: to.character };
}

function isNode(site: FindingSite): site is ts.Node {
  return 'kind' in site;
}

/**
 * The last file walked, as its nodes in depth-first order: the analyzers run one file at a time,
 * each visiting every node, so the tree is walked once per file and the rest read the list.
 */
let walked: { readonly sourceFile: ts.SourceFile; readonly nodes: readonly ts.Node[] } | undefined;

/** Visits every node of a file, depth first. */
export function forEachNode(sourceFile: ts.SourceFile, visit: (node: ts.Node) => void): void {
  if (walked?.sourceFile !== sourceFile) {
    const nodes: ts.Node[] = [];
    const walk = (node: ts.Node): void => {
      nodes.push(node);
      ts.forEachChild(node, walk);
    };
    walk(sourceFile);
    walked = { sourceFile, nodes };
  }
  for (const node of walked.nodes) visit(node);
}

/** A node's source text, shortened for a message. */
export function snippet(node: ts.Node, sourceFile: ts.SourceFile, limit = 60): string {
  return shorten(node.getText(sourceFile), limit);
}

/** Text on one line, cut to `limit` characters. */
export function shorten(text: string, limit = 60): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > limit ? `${line.slice(0, limit - 1)}…` : line;
}
