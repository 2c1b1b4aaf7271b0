/**
 * TypeScript's own quick fix for one diagnostic, as a proposal a person reviews: the language
 * service computes the fix, it is applied to the file's text in memory, and the difference becomes
 * line hunks. Only fixes that repair one way and do not guess intent are offered; the file on disk
 * is never written.
 */
import type * as ts from 'typescript';
import type { ChangeProposal } from '../contracts';
import type { WorkspaceSandbox } from '../workspace/sandbox';
import { applyTextChanges, fixPreferences, formatSettings } from './fixes';
import { hunksBetween } from '../edits/lineDiff';
import { isTypeScriptSource } from './sourceScope';
import { slashPath } from './sourceStore';
import { projectsFor } from './workspaceProjects';

/**
 * The `fixName`s of TypeScript 5.9's code fixes that Nova offers. Left out, among others: spelling
 * ("Did you mean"), adding stubs or `any`, `@ts-ignore`, and prefixing an unused name with `_`.
 */
export const safeFixNames: readonly string[] = [
  'unusedIdentifier', // only its deletions, see `onlyDeletes`
  'fixUnreachableCode',
  'fixUnusedLabel',
  'fixAwaitInSyncFunction',
  'fixOverrideModifier',
  'addMissingNewOperator',
  'import',
];

/** Where a diagnostic is, as an editor reports it: lines 1-based, columns 0-based (UTF-16 code units). */
export interface DiagnosticRange {
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** A TypeScript fix for one diagnostic, as a proposal over the one file it changes. */
export interface CodeFixProposal {
  /** TypeScript's description of the fix, e.g. `Remove import from './util'`. */
  readonly title: string;
  readonly fixName: string;
  readonly proposal: ChangeProposal;
}

/**
 * The first safe TypeScript fix for diagnostic `code` at `at` in `path`, or undefined when there is
 * none (or the file is not a TypeScript source in a project). Throws when the sandbox refuses `path`.
 * `trusted` false (Restricted Mode): no declaration outside the workspace folders is read.
 */
export async function proposeCodeFix(sandbox: WorkspaceSandbox, path: string, at: DiagnosticRange, code: number, signal: AbortSignal, trusted: boolean): Promise<CodeFixProposal | undefined> {
  const resolved = await sandbox.resolve(path);
  if (!resolved.ok) throw new Error(resolved.reason);
  const shown = sandbox.displayPath(resolved);
  if (!isTypeScriptSource(shown)) return undefined;
  const [group] = await projectsFor(sandbox, [resolved.path], signal, trusted);
  signal.throwIfAborted();
  const fileName = slashPath(resolved.path);
  const original = group?.project.text(fileName);
  if (!group || original === undefined) return undefined;
  const start = offsetAt(original, at.startLine, at.startColumn);
  const end = Math.max(start, offsetAt(original, at.endLine, at.endColumn));
  // The language service offers fixes for any code it is asked about, reported or not: a finding the
  // text no longer has (it changed since the finding was reported) gets no fix.
  if (!reports(group.project.service, fileName, code, start, end)) return undefined;
  const fixes = group.project.service.getCodeFixesAtPosition(fileName, start, end, [code], formatSettings(original), fixPreferences);
  const fix = fixes.find((candidate) => isSafe(candidate, fixes) && changesOnly(candidate, fileName));
  if (!fix) return undefined;
  const fixed = applyTextChanges(original, fix.changes.flatMap((change) => change.textChanges));
  const rationale = `TypeScript's "${fix.fixName}" fix: ${fix.description}.`;
  const hunks = hunksBetween(original, fixed).map((hunk) => ({ ...hunk, rationale }));
  if (hunks.length === 0) return undefined;
  return {
    title: fix.description,
    fixName: fix.fixName,
    proposal: {
      summary: `${fix.description} in ${shown}`,
      rationale: `TypeScript's own fix for TS${code} at ${shown}:${at.startLine}, computed by the language service.`,
      files: [{ path: shown, hunks }],
      risks: [],
    },
  };
}

/** Whether TypeScript reports diagnostic `code` over [start, end] of the file: as an error, or as unused or unreachable code. */
function reports(service: ts.LanguageService, fileName: string, code: number, start: number, end: number): boolean {
  const reported = [...service.getSyntacticDiagnostics(fileName), ...service.getSemanticDiagnostics(fileName), ...service.getSuggestionDiagnostics(fileName)];
  return reported.some((diagnostic) => diagnostic.code === code && diagnostic.start !== undefined && diagnostic.start <= end && diagnostic.start + (diagnostic.length ?? 0) >= start);
}

/** Whether Nova offers this fix: a safe name, no command to run, and not one of several candidate imports. */
function isSafe(fix: ts.CodeFixAction, all: readonly ts.CodeFixAction[]): boolean {
  if (!safeFixNames.includes(fix.fixName) || (fix.commands?.length ?? 0) > 0) return false;
  if (fix.fixName === 'unusedIdentifier') return onlyDeletes(fix);
  // Several modules export the name: choosing one is a guess.
  if (fix.fixName === 'import') return all.filter((other) => other.fixName === 'import').length === 1;
  return true;
}

/**
 * Whether the fix only removes text. `unusedIdentifier` also offers "prefix with `_`" and "`infer T`
 * to `unknown`", which keep the name and guess why it is there. Its `fixId` would tell them apart,
 * but TypeScript leaves the id out when the file has only one such diagnostic, and the description
 * is translated — so the edits themselves decide.
 */
function onlyDeletes(fix: ts.CodeFixAction): boolean {
  return fix.changes.every((change) => change.textChanges.every((edit) => edit.newText.trim() === ''));
}

/** Whether every change of the fix is in `fileName` (a fix reaching into other files is not one hunk list). */
function changesOnly(fix: ts.CodeFixAction, fileName: string): boolean {
  return fix.changes.length > 0 && fix.changes.every((change) => slashPath(change.fileName) === fileName);
}

/** The offset of a 1-based line and 0-based column, kept inside the text. */
function offsetAt(text: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 1; current < line; current++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  const lineEnd = text.indexOf('\n', offset);
  return Math.min(offset + Math.max(0, column), lineEnd < 0 ? text.length : lineEnd);
}
