/**
 * How a change set, a file and a hunk read in a narrow list (the Proposals view at the default
 * sidebar width, about 35 characters before the description): the file name first, then a few
 * words — `board.ts: unused "x"` rather than "Remove unused declaration for: 'x'". The full text
 * goes in the tooltip. Schema-free, for the editor's bundle.
 */
import type { ChangeSet, Hunk } from './changeSet';

/** Characters of a label that stay visible in the default sidebar. */
export const labelWidth = 40;

/** The last segment of a workspace path. */
export function fileName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** `text` cut to `width` characters with an ellipsis. */
export function clipped(text: string, width: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > width ? `${line.slice(0, Math.max(1, width - 1)).trimEnd()}…` : line;
}

/**
 * A quick fix's title in a few words: TypeScript's "Remove unused declaration for: 'x'" as
 * `unused "x"`; a title it does not recognise is kept, lower-cased at the start.
 */
export function fixSummary(title: string): string {
  const names = (list: string) => list.replace(/'([^']*)'/g, '"$1"').trim();
  const unused = /^Remove unused declarations? for:?\s*(.+)$/i.exec(title);
  if (unused?.[1]) return `unused ${names(unused[1])}`;
  const importFrom = /^Remove (?:unused )?imports? from\s*(.+)$/i.exec(title);
  if (importFrom?.[1]) return `unused import ${names(importFrom[1])}`;
  const unusedKind = /^Remove unused (\w+)/i.exec(title);
  if (unusedKind?.[1]) return `unused ${unusedKind[1].toLowerCase()}`;
  if (/^Remove unreachable code/i.test(title)) return 'unreachable code';
  return title.charAt(0).toLowerCase() + title.slice(1);
}

/** The files of a change set by name: `a.ts`, `a.ts, b.ts` or `a.ts +2`. */
export function filesLabel(set: Pick<ChangeSet, 'files'>): string {
  const names = set.files.map((file) => fileName(file.path));
  if (names.length <= 2) return names.join(', ');
  return `${names[0] ?? ''} +${names.length - 1}`;
}

/** A change set's label: its file(s), then the fix or the summary, cut to fit the sidebar. */
export function changeSetLabel(set: ChangeSet): string {
  const files = filesLabel(set);
  const summary = set.source.kind === 'fix' ? fixSummary(set.source.title) : set.summary.replace(/^\[offline\]\s*/, '');
  return clipped(`${files}: ${summary}`, labelWidth);
}

/** Who proposed a change set, in a word or two. */
export function sourceLabel(set: ChangeSet): string {
  if (set.source.kind === 'fix') return 'quick fix';
  if (set.source.kind === 'agent') return set.source.agent;
  return 'you';
}

/** A hunk in a few words: its line and its first changed line. */
export function hunkLabel(hunk: Pick<Hunk, 'startLine' | 'before' | 'after'>): string {
  const before = hunk.before.split('\n');
  const after = hunk.after.split('\n');
  const added = after.find((line) => line.trim() !== '' && !before.includes(line));
  const removed = before.find((line) => line.trim() !== '' && !after.includes(line));
  const text = added !== undefined ? `+ ${added.trim()}` : removed !== undefined ? `− ${removed.trim()}` : '(blank lines)';
  return clipped(`line ${hunk.startLine}: ${text}`, labelWidth);
}

/** When something happened, as a person says it: "just now", "5 min ago", "3 h ago", else the date. */
export function timeAgo(at: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  if (seconds < 60) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  if (days < 7) return `${days} d ago`;
  return new Date(at).toISOString().slice(0, 10);
}
