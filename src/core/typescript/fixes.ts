/**
 * TypeScript's own code fixes for one file, computed in memory: Organize Imports, removing unused
 * declarations (or only unused imports), and "fix all" for a short list of fixes that do not guess
 * intent. Fixes run in the order asked, each on the previous one's result; the file on disk is
 * never written — the caller turns the final text into hunks for a person to review.
 */
import * as ts from 'typescript';
import type { TypeScriptProject } from './project';
import { slashPath } from './sourceStore';

/** The fixes `typescript_fixes` offers. */
export const fixKinds = ['organizeImports', 'removeUnused', 'removeUnusedImports', 'fixAll'] as const;
export type FixKind = (typeof fixKinds)[number];

/**
 * Combined fixes "fix all" applies: each repairs a compiler error one way only, as VS Code's
 * `source.fixAll` does. Fixes that guess (spelling, `any`, `@ts-ignore`, stubs that throw) are left out.
 */
export const fixAllIds: readonly string[] = [
  'fixAwaitInSyncFunction',
  'fixMissingImport',
  'fixUnreachableCode',
  'fixUnusedLabel',
  'fixAddOverrideModifier',
  'fixRemoveOverrideModifier',
  'addMissingNewOperator',
];

/** What one requested fix did. */
export interface FixStep {
  readonly kind: FixKind;
  /** The TypeScript fixes behind it, e.g. `unusedIdentifier_delete`. */
  readonly tsFixes: readonly string[];
  readonly changed: boolean;
  /** Files other than the one asked about that TypeScript wanted to change too; not applied. */
  readonly otherFiles: readonly string[];
}

/** The file's text before and after the fixes, and what each did. */
export interface FixResult {
  readonly original: string;
  readonly text: string;
  readonly steps: readonly FixStep[];
}

/** Runs the fixes on `fileName` (a root of `project`) and returns the resulting text. */
export function computeFixes(project: TypeScriptProject, fileName: string, kinds: readonly FixKind[]): FixResult {
  const name = slashPath(fileName);
  const original = project.text(name);
  if (original === undefined) throw new Error(`${project.display(name)} is not part of the TypeScript project.`);
  let text = original;
  const steps: FixStep[] = [];
  for (const kind of kinds) {
    const tsFixes: string[] = [];
    const otherFiles = new Set<string>();
    // Fix-all tries every allowed id: TypeScript names a fix id on a diagnostic only when it occurs twice or more.
    const ids = kind === 'fixAll' ? fixAllIds : [tsFixOf[kind]];
    const before = text;
    for (const id of ids) {
      const changes = project.withOverlay(new Map([[name, text]]), () => fileChanges(project.service, name, id, formatSettings(text)));
      const next = applyTextChanges(text, changes.filter((change) => slashPath(change.fileName) === name).flatMap((change) => change.textChanges));
      for (const change of changes) if (slashPath(change.fileName) !== name && change.textChanges.length > 0) otherFiles.add(project.display(change.fileName));
      if (next !== text) tsFixes.push(id);
      text = next;
    }
    steps.push({ kind, tsFixes: kind === 'fixAll' ? tsFixes : ids, changed: text !== before, otherFiles: [...otherFiles] });
  }
  return { original, text, steps };
}

/** The TypeScript fix behind each single-fix kind. */
const tsFixOf: Record<Exclude<FixKind, 'fixAll'>, string> = {
  organizeImports: 'organizeImports',
  removeUnused: 'unusedIdentifier_delete',
  removeUnusedImports: 'unusedIdentifier_deleteImports',
};

/** The edits of one TypeScript fix (`organizeImports` or a combined-fix id) over the whole file. */
function fileChanges(service: ts.LanguageService, fileName: string, id: string, format: ts.FormatCodeSettings): readonly ts.FileTextChanges[] {
  const scope: ts.CombinedCodeFixScope = { type: 'file', fileName };
  if (id === 'organizeImports') return service.organizeImports({ ...scope, mode: ts.OrganizeImportsMode.All }, format, fixPreferences);
  return service.getCombinedCodeFix(scope, id, format, fixPreferences).changes;
}

/** Preferences for TypeScript's fixes: quotes as the file already writes them, the shortest import paths. */
export const fixPreferences: ts.UserPreferences = {
  quotePreference: 'auto',
  importModuleSpecifierPreference: 'shortest',
  organizeImportsIgnoreCase: 'auto',
};

/** Formatting that matches the file (its line breaks and indentation), so fixes do not restyle it. */
export function formatSettings(text: string): ts.FormatCodeSettings {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = /^( +|\t)\S/m.exec(text)?.[1] ?? '  ';
  const tabs = indent === '\t';
  return {
    ...ts.getDefaultFormatCodeSettings(eol),
    convertTabsToSpaces: !tabs,
    indentSize: tabs ? 4 : indent.length,
    tabSize: tabs ? 4 : indent.length,
    insertSpaceAfterOpeningAndBeforeClosingNonemptyBraces: true,
    semicolons: ts.SemicolonPreference.Ignore,
  };
}

/** Applies text changes whose spans refer to `text`, last first so earlier offsets stay valid. */
export function applyTextChanges(text: string, changes: readonly ts.TextChange[]): string {
  let result = text;
  for (const change of [...changes].sort((a, b) => b.span.start - a.span.start)) {
    result = result.slice(0, change.span.start) + change.newText + result.slice(change.span.start + change.span.length);
  }
  return result;
}
