/**
 * The Findings view: the last review's findings grouped by file, then by severity, with counts in
 * the labels and a total in the view's title; each finding opens its place in the editor (and its
 * comment thread there), wears its severity's theme icon, and can be dismissed from its row. With
 * no findings the view shows its welcome content (package.json `viewsWelcome`), with a button to run
 * a review.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ReviewedFile, ReviewedFinding } from '../../protocol/review';
import { commandIds, viewIds } from '../contributions';
import { raisedBy } from './findingThreads';
import type { ReviewFindings } from './reviewFindings';

type Severity = ReviewedFinding['severity'];

export type FindingsNode =
  | { readonly kind: 'file'; readonly file: ReviewedFile }
  | { readonly kind: 'severity'; readonly file: ReviewedFile; readonly severity: Severity }
  | { readonly kind: 'finding'; readonly file: ReviewedFile; readonly finding: ReviewedFinding };

const severityOrder: readonly Severity[] = ['error', 'warning', 'info', 'hint'];
const severityNames: Record<Severity, [string, string]> = { error: ['error', 'errors'], warning: ['warning', 'warnings'], info: ['note', 'notes'], hint: ['hint', 'hints'] };
const severityIcons: Record<Severity, vscode.ThemeIcon> = {
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  info: new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground')),
  hint: new vscode.ThemeIcon('lightbulb'),
};

/** "2 errors, 1 warning" for findings; empty for none. */
export function severityCounts(findings: readonly ReviewedFinding[]): string {
  return severityOrder
    .map((severity) => [severity, findings.filter((finding) => finding.severity === severity).length] as const)
    .filter(([, count]) => count > 0)
    .map(([severity, count]) => `${count} ${severityNames[severity][count === 1 ? 0 : 1]}`)
    .join(', ');
}

/** The row a node is drawn as (exported for the view's tests). */
export function findingsItem(node: FindingsNode): vscode.TreeItem {
  if (node.kind === 'file') {
    const uri = vscode.Uri.parse(node.file.uri);
    const item = new vscode.TreeItem(path.posix.basename(node.file.path), vscode.TreeItemCollapsibleState.Expanded);
    item.resourceUri = uri;
    const folder = path.posix.dirname(node.file.path);
    item.description = `${folder === '.' ? '' : `${folder} · `}${severityCounts(node.file.findings)}`;
    item.tooltip = `${node.file.path}: ${severityCounts(node.file.findings)}`;
    item.contextValue = 'nova.findingsFile';
    item.id = `file:${node.file.uri}`;
    return item;
  }
  if (node.kind === 'severity') {
    const count = node.file.findings.filter((finding) => finding.severity === node.severity).length;
    const [one, many] = severityNames[node.severity];
    const item = new vscode.TreeItem(`${count === 1 ? one : many}`.replace(/^./, (first) => first.toUpperCase()), vscode.TreeItemCollapsibleState.Expanded);
    item.description = String(count);
    item.iconPath = severityIcons[node.severity];
    item.id = `severity:${node.file.uri}:${node.severity}`;
    return item;
  }
  const { finding, file } = node;
  const line = finding.range.start.line + 1;
  const item = new vscode.TreeItem(finding.message.split('\n')[0] ?? finding.rule, vscode.TreeItemCollapsibleState.None);
  item.description = `${finding.rule} · line ${line}`;
  item.iconPath = severityIcons[finding.severity];
  const raised = raisedBy(finding);
  item.tooltip = new vscode.MarkdownString().appendText(`${file.path}:${line} — ${finding.rule}\n\n${finding.message}${finding.suggestion ? `\n\n${finding.suggestion}` : ''}${raised ? `\n\n${raised}` : ''}`);
  item.accessibilityInformation = { label: `${severityNames[finding.severity][0]} at ${file.path} line ${line}, ${finding.rule}: ${finding.message}` };
  item.contextValue = 'nova.finding';
  item.id = `finding:${finding.fingerprint}`;
  item.command = { title: 'Show Finding', command: commandIds.showFinding, arguments: [finding.fingerprint] };
  return item;
}

class FindingsTree implements vscode.TreeDataProvider<FindingsNode> {
  readonly onDidChangeTreeData: vscode.Event<void>;

  constructor(private readonly findings: ReviewFindings) {
    this.onDidChangeTreeData = findings.onDidChange;
  }

  getTreeItem(node: FindingsNode): vscode.TreeItem {
    return findingsItem(node);
  }

  async getChildren(node?: FindingsNode): Promise<FindingsNode[]> {
    if (node?.kind === 'file') return severityOrder.filter((severity) => node.file.findings.some((finding) => finding.severity === severity)).map((severity) => ({ kind: 'severity', file: node.file, severity }));
    if (node?.kind === 'severity') {
      return node.file.findings.filter((finding) => finding.severity === node.severity).sort((a, b) => a.range.start.line - b.range.start.line).map((finding) => ({ kind: 'finding', file: node.file, finding }));
    }
    if (node) return [];
    // Showing this view is using a Nova feature: the first time, this starts the server.
    await this.findings.load();
    return this.findings.files().map((file) => ({ kind: 'file', file }));
  }
}

/** What the view's tests read: its rows as VS Code draws them. */
export interface FindingsViewTesting {
  rows(): Promise<{ readonly label: string; readonly description: string; readonly icon?: string; readonly depth: number }[]>;
  readonly title: () => string | undefined;
}

export function registerFindingsView(context: vscode.ExtensionContext, findings: ReviewFindings): FindingsViewTesting {
  const tree = new FindingsTree(findings);
  const view = vscode.window.createTreeView(viewIds.findings, { treeDataProvider: tree, showCollapseAll: true });
  const describe = () => {
    const all = findings.files().flatMap((file) => file.findings);
    view.description = severityCounts(all);
    view.badge = all.length === 0 ? undefined : { value: all.length, tooltip: `${all.length} finding${all.length === 1 ? '' : 's'}: ${severityCounts(all)}` };
  };
  context.subscriptions.push(view, findings.onDidChange(describe));
  return {
    title: () => view.description,
    rows: async () => {
      const rows: { label: string; description: string; icon?: string; depth: number }[] = [];
      const walk = async (node: FindingsNode | undefined, depth: number) => {
        for (const child of await tree.getChildren(node)) {
          const item = tree.getTreeItem(child);
          const icon = item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined;
          rows.push({ label: String(typeof item.label === 'object' ? item.label.label : item.label), description: String(item.description ?? ''), ...(icon ? { icon } : {}), depth });
          await walk(child, depth + 1);
        }
      };
      await walk(undefined, 0);
      return rows;
    },
  };
}
