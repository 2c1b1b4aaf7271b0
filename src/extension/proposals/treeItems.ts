/**
 * The rows of the Proposals view as VS Code draws them: a label that leads with the file name
 * (src/core/edits/changeSetLabels.ts), the status in words beside it and as a theme icon, the full
 * text in the tooltip, and a context value whose `;`-separated flags the menus' when-clauses test
 * (`open`, `stale`, `retry`, `reopen`, `fix`, `agent`).
 */
import * as vscode from 'vscode';
import type { Hunk } from '../../core/edits/changeSet';
import { hasRejectedHunks } from '../../core/edits/changeFeedback';
import { changeSetLabel, hunkLabel, fileName, sourceLabel, timeAgo } from '../../core/edits/changeSetLabels';
import { allHunks, changeSetStatus, isOpen, isPending, resolvedAt } from '../../core/edits/changeSetState';
import type { HunkConflict } from '../../core/edits/placement';
import type { ChangeSet } from '../../protocol/proposals';
import { proposalUri } from './targets';

/** A row of the view: the History folder, a change set, one of its files, or one hunk. */
export type ProposalNode =
  | { readonly kind: 'history'; readonly sets: readonly ChangeSet[] }
  | { readonly kind: 'changeSet'; readonly set: ChangeSet }
  | { readonly kind: 'file'; readonly set: ChangeSet; readonly path: string }
  | { readonly kind: 'hunk'; readonly set: ChangeSet; readonly path: string; readonly hunk: Hunk };

type IconStatus = Hunk['status'] | 'partly accepted' | 'stale';

const icons: Record<IconStatus, [string, string | undefined]> = {
  pending: ['circle-outline', undefined],
  accepted: ['pass', 'charts.green'],
  'partly accepted': ['pass', 'charts.yellow'],
  rejected: ['circle-slash', 'list.errorForeground'],
  conflict: ['warning', 'list.warningForeground'],
  superseded: ['check-all', 'disabledForeground'],
  stale: ['warning', 'list.warningForeground'],
};

function icon(status: IconStatus): vscode.ThemeIcon {
  const [id, color] = icons[status];
  return new vscode.ThemeIcon(id, color ? new vscode.ThemeColor(color) : undefined);
}

/** Whether a change set can be reopened: some hunk was rejected or superseded. */
export function canReopen(set: ChangeSet): boolean {
  return allHunks(set).some(({ hunk }) => hunk.status === 'rejected' || hunk.status === 'superseded');
}

/** The History folder. */
export function historyItem(count: number): vscode.TreeItem {
  const item = new vscode.TreeItem('History', vscode.TreeItemCollapsibleState.Collapsed);
  item.id = 'nova.proposals.history';
  item.description = `${count} resolved`;
  item.iconPath = new vscode.ThemeIcon('history');
  item.contextValue = 'nova.proposalHistory';
  item.tooltip = 'Change sets you accepted or rejected, or that were superseded — newest first. A rejected or superseded one can be reopened.';
  return item;
}

/** A change set: open (pending or stale) or resolved (with when). */
export function changeSetItem(set: ChangeSet, conflicts: readonly HunkConflict[], now: number): vscode.TreeItem {
  const open = isPending(set);
  const stale = open && conflicts.length > 0;
  const hunks = allHunks(set);
  const waiting = hunks.filter(({ hunk }) => isOpen(hunk.status)).length;
  const item = new vscode.TreeItem(changeSetLabel(set), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = set.id;
  const status = changeSetStatus(set);
  const when = resolvedAt(set);
  const state = stale ? 'stale' : open ? (waiting === hunks.length ? 'pending' : `${waiting} of ${hunks.length} pending`) : `${status} · ${timeAgo(when ?? set.createdAt, now)}`;
  item.description = `${state} · ${sourceLabel(set)}`;
  item.iconPath = stale ? icon('stale') : open ? new vscode.ThemeIcon('git-pull-request') : icon(status);
  const flags = [open ? 'open' : 'history', stale ? 'stale' : '', set.source.kind, set.source.kind === 'agent' && hasRejectedHunks(set) ? 'retry' : '', canReopen(set) ? 'reopen' : ''].filter((flag) => flag !== '');
  item.contextValue = `nova.changeSet;${flags.join(';')};`;
  const lines = [`**${set.summary}**`, '', `${status}${stale ? ' — **stale**: it no longer matches the file' : ''} · from ${set.source.kind === 'fix' ? `quick fix ${set.source.rule}: ${set.source.title}` : sourceLabel(set)}`, '', set.rationale];
  if (stale) lines.push('', '**No longer matches**', ...conflicts.map((conflict) => `- ${conflict.path}:${conflict.startLine}: ${conflict.reason}`), '', 'Recompute proposes it again against the files as they are now.');
  if (set.risks.length > 0) lines.push('', '**Risks**', ...set.risks.map((risk) => `- ${risk}`));
  item.tooltip = markdown(lines);
  return item;
}

/** One file of a change set. */
export function fileItem(set: ChangeSet, path: string): vscode.TreeItem {
  const file = set.files.find((candidate) => candidate.path === path);
  const open = file?.hunks.filter((hunk) => isOpen(hunk.status)).length ?? 0;
  const item = new vscode.TreeItem(fileName(path), vscode.TreeItemCollapsibleState.Expanded);
  item.id = `${set.id}:${path}`;
  const folder = path.includes('/') ? `${path.slice(0, path.lastIndexOf('/'))} · ` : '';
  item.description = `${folder}${open > 0 ? `${open} of ${file?.hunks.length ?? 0} pending` : 'decided'}`;
  item.contextValue = `nova.changeSetFile;${open > 0 && isPending(set) ? 'open' : 'history'};`;
  item.tooltip = path;
  const uri = proposalUri(path);
  if (uri) {
    item.resourceUri = uri;
    item.command = { title: 'Open File', command: 'vscode.open', arguments: [uri] };
  }
  return item;
}

/** One hunk, with its status in words and as an icon. */
export function hunkItem(set: ChangeSet, path: string, hunk: Hunk, conflict: HunkConflict | undefined): vscode.TreeItem {
  const item = new vscode.TreeItem(hunkLabel(hunk), vscode.TreeItemCollapsibleState.None);
  item.id = `${set.id}/${hunk.id}`;
  const status: IconStatus = conflict && hunk.status === 'pending' ? 'stale' : hunk.status;
  item.description = status;
  item.iconPath = icon(status);
  item.contextValue = `nova.changeSetHunk;${isOpen(hunk.status) ? 'open' : 'history'};`;
  const reason = conflict?.reason ?? hunk.reason;
  item.tooltip = markdown([`**${hunk.author}** · ${status}${reason ? ` — ${reason}` : ''}`, '', hunk.rationale, '', '```diff', ...diffLines(hunk), '```']);
  const uri = proposalUri(path);
  if (uri) item.command = { title: 'Show Hunk', command: 'vscode.open', arguments: [uri, { selection: new vscode.Range(hunk.startLine - 1, 0, hunk.startLine - 1, 0) }] };
  return item;
}

function diffLines(hunk: Hunk): string[] {
  const lines = (text: string) => (text === '' ? [] : text.replace(/\r?\n$/, '').split(/\r?\n/));
  return [...lines(hunk.before).map((line) => `-${line}`), ...lines(hunk.after).map((line) => `+${line}`)].slice(0, 40);
}

function markdown(lines: readonly string[]): vscode.MarkdownString {
  const text = new vscode.MarkdownString(lines.join('\n'));
  text.supportThemeIcons = true;
  return text;
}
