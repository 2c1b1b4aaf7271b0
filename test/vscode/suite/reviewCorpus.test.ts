/**
 * The labelled review corpus (test/fixtures/review-corpus) in a real VS Code, scored as the Node
 * and language-server runs score it: a copy goes into the workspace folder, Review Workspace runs
 * through its command, and then what the person sees — the Problems view's diagnostics and the
 * Findings view's rows — must each find at least 90 % of every class, nothing on the clean
 * look-alikes and nothing that was not planted, and the two must list the same findings by file
 * and severity.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { commandIds } from '../../../src/extension/contributions';
import { classesShortOf, corpusFolder, corpusLabels, scoreCorpus, type ScoredFinding } from '../../support/reviewCorpus';
import { codeOf, nova, novaDiagnostics, total, until } from '../reviewState';
import { printForTest } from '../testOutput';

/** Where the copy goes, under the workspace folder. */
const copyName = 'review-corpus';

type Severity = 'error' | 'warning' | 'info' | 'hint';

/** A finding as both views show it: where, which rule, how severe. */
interface ShownFinding extends ScoredFinding {
  readonly severity: Severity;
}

const diagnosticSeverities: Record<vscode.DiagnosticSeverity, Severity> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};
/** The Findings view draws a finding's severity as its theme icon. */
const iconSeverities: Record<string, Severity> = { error: 'error', warning: 'warning', info: 'info', lightbulb: 'hint' };

/** A workspace path inside the copy as the labels name it (`src/…`), or undefined outside the copy. */
function corpusPath(workspacePath: string): string | undefined {
  return workspacePath.startsWith(`${copyName}/`) ? workspacePath.slice(copyName.length + 1) : undefined;
}

/** The corpus's findings in Problems. */
function fromProblems(): ShownFinding[] {
  return [...novaDiagnostics()].flatMap(([workspacePath, diagnostics]) => {
    const shown = corpusPath(workspacePath);
    return shown === undefined ? [] : diagnostics.map((diagnostic) => ({ path: shown, line: diagnostic.range.start.line + 1, rule: codeOf(diagnostic), severity: diagnosticSeverities[diagnostic.severity] }));
  });
}

type ViewRow = Awaited<ReturnType<Awaited<ReturnType<typeof nova>>['testing']['findingsView']['rows']>>[number];

/**
 * The corpus's findings in the Findings view, read off its rows as drawn: a file row (name, and
 * its folder before the counts), its severity rows (count), their finding rows (`rule · line N`,
 * the severity's icon). Each file and severity row's count is checked against the rows under it.
 */
function fromView(rows: readonly ViewRow[]): ShownFinding[] {
  const findings: ShownFinding[] = [];
  let file: { path: string | undefined; description: string } | undefined;
  let group: { label: string; count: number; rows: number } | undefined;
  const closeGroup = () => {
    if (group && file?.path !== undefined) {
      assert.equal(group.rows, group.count, `${file.path}: the ${group.label} row counts the findings under it`);
      assert.ok(file.description.includes(`${group.count} ${group.label.toLowerCase()}`), `${file.path}'s row counts its ${group.label.toLowerCase()}: ${file.description}`);
    }
    group = undefined;
  };
  for (const row of rows) {
    if (row.depth === 0) {
      closeGroup();
      const folder = /^(.+) · /.exec(row.description)?.[1];
      file = { path: folder === undefined ? undefined : corpusPath(`${folder}/${row.label}`), description: row.description };
    } else if (row.depth === 1) {
      closeGroup();
      group = { label: row.label, count: Number(row.description), rows: 0 };
    } else if (file?.path !== undefined && group) {
      group.rows += 1;
      const [, rule, line] = /^(.+) · line (\d+)$/.exec(row.description) ?? [];
      const severity = iconSeverities[row.icon ?? ''];
      assert.ok(rule && line && severity, `a finding row with its rule, line and severity: ${JSON.stringify(row)}`);
      findings.push({ path: file.path, line: Number(line), rule, severity });
    }
  }
  closeGroup();
  return findings;
}

/** Findings in a stable order, as `path:line severity rule`. */
const listed = (findings: readonly ShownFinding[]) => findings.map((found) => `${found.path}:${found.line} ${found.severity} ${found.rule}`).sort();

/** Per file, per severity: how many. */
function bySeverity(findings: readonly ShownFinding[]): Record<string, Partial<Record<Severity, number>>> {
  const counts: Record<string, Partial<Record<Severity, number>>> = {};
  for (const found of findings) {
    const file = (counts[found.path] ??= {});
    file[found.severity] = (file[found.severity] ?? 0) + 1;
  }
  return counts;
}

/** The score a test prints and asserts on: recall per class, clean files and unplanted findings. */
function assertScored(findings: readonly ShownFinding[], where: string): void {
  const score = scoreCorpus(corpusLabels(), findings);
  printForTest(`${where}:\n${score.table}`);
  assert.deepEqual(classesShortOf(score, 0.9), [], `${where}: classes below 90 % recall`);
  assert.deepEqual(score.inClean, [], `${where}: findings on the clean look-alikes`);
  assert.deepEqual(score.unplanted.map((found) => `${found.path}:${found.line} ${found.rule}`), [], `${where}: findings that were not planted`);
}

describe('Review corpus in a real VS Code: Problems and the Findings view', function () {
  this.timeout(90_000);
  const root = () => vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
  const copy = () => path.join(root(), copyName);
  let problems: ShownFinding[] = [];

  before(() => {
    fs.cpSync(corpusFolder, copy(), { recursive: true });
    // The corpus reaches @types/node through `typeRoots` outside its folder, as a monorepo does: in the copy, the same directories.
    const configFile = path.join(copy(), 'tsconfig.json');
    const config = JSON.parse(fs.readFileSync(configFile, 'utf8')) as { compilerOptions: { typeRoots: string[] } };
    config.compilerOptions.typeRoots = config.compilerOptions.typeRoots.map((directory) => path.resolve(corpusFolder, directory));
    fs.writeFileSync(configFile, JSON.stringify(config, undefined, 2));
  });

  after(async () => {
    // Later suites see the sample alone: the copy goes, and a review drops its findings from Problems and the view.
    fs.rmSync(copy(), { recursive: true, force: true });
    await vscode.commands.executeCommand(commandIds.reviewWorkspace);
  });

  it('Review Workspace puts at least 90 % of each class in Problems, nothing on the clean files, nothing unplanted', async () => {
    const result = (await vscode.commands.executeCommand(commandIds.reviewWorkspace)) as { files: number; findings: number } | undefined;
    assert.ok(result, 'Review Workspace returned its result');
    const labels = corpusLabels();
    await until(() => (total(novaDiagnostics()) === result.findings ? true : undefined), 20_000, `Problems lists the review's ${result.findings} findings`);
    problems = fromProblems();
    const files = new Set(problems.map((found) => found.path));
    assert.equal(files.size, new Set(labels.defects.map((defect) => defect.path)).size, `every file with planted defects has diagnostics: ${[...files].join(', ')}`);
    assertScored(problems, 'Problems');
  });

  it('the Findings view lists the same findings as Problems, by file and severity, with the same counts', async () => {
    assert.ok(problems.length > 0, 'run the first test first');
    const api = await nova();
    await until(async () => (fromView(await api.testing.findingsView.rows()).length === problems.length ? true : undefined), 20_000, `the Findings view lists the corpus's ${problems.length} findings`);
    const findings = fromView(await api.testing.findingsView.rows());
    assertScored(findings, 'Findings view');
    assert.deepEqual(bySeverity(findings), bySeverity(problems), 'per file and severity, as in Problems');
    assert.deepEqual(listed(findings), listed(problems), 'finding by finding, as in Problems');
  });
});
