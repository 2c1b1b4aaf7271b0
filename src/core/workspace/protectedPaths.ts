/**
 * Paths no agent may ever propose a change to, whatever the person later approves: files that run
 * code on their own (git hooks, editor tasks, CI), Nova's own state, and the rules agents are judged
 * by. One list, checked by the ChangeProposal contract, the proposal store, `nova run`'s printing and
 * the extension's accept — each on its own, so no single missed check opens a hole.
 *
 * A rule is a run of path segments that may start at any depth: a multi-root path begins with a
 * folder's name (`api/.git/config`), and a nested repository or package has its own `.git` and
 * `.vscode`. Matching ignores case, trailing dots and spaces, and characters some file systems
 * ignore in names (macOS and Windows would open `.GIT`, `.git.` or `.g\u200cit` as `.git`).
 */

/** One protected place: the segments it starts with, what it is, and any part that stays proposable. */
export interface ProtectedPathRule {
  /** Segments, lowercase, as the rule matches them (`['.github', 'workflows']`). */
  readonly segments: readonly string[];
  /** Why an agent may not change it, as a person reads it. */
  readonly reason: string;
  /** Places under `segments` that stay proposable (each a full run of segments from the rule's start). */
  readonly except?: readonly (readonly string[])[];
}

/**
 * Every protected place. Later issues extend this list; nothing else decides what is protected for
 * every run. An improve run adds its own rules on top (core/improve/protection.ts: the gates'
 * configuration, the tests it is judged by, the person's globs); they only ever narrow what it may write.
 * The first rule that matches gives the reason, so a narrower rule comes before a wider one.
 */
export const protectedPathRules: readonly ProtectedPathRule[] = [
  { segments: ['.git'], reason: "git's own data (its hooks and config run code)" },
  { segments: ['.vscode'], reason: 'editor settings and tasks (they can run code)' },
  // Named by later issues (the improve loop's constitution, evals and gates; CI configuration). The
  // `.nova` rule below covers the first three as well; they are listed so that reading this list
  // answers "is X protected?", so the reason says what X is, and so that narrowing the `.nova` rule
  // cannot drop them by accident.
  { segments: ['.nova', 'constitution.md'], reason: "the team's constitution (the rules agents are judged by)" },
  { segments: ['.nova', 'evals'], reason: 'the evaluation tasks the improve loop replays' },
  { segments: ['.nova', 'gates.json'], reason: "the improve loop's gate configuration" },
  {
    segments: ['.nova'],
    reason: "Nova's own state (proposals, traces, checkpoints)",
    // The person's agent files: the improve loop may propose changes to them, behind its gates.
    except: [['.nova', 'agents']],
  },
  // Claude Code's settings define hooks (shell commands it runs); the agent files beside them stay proposable.
  { segments: ['.claude', 'settings.json'], reason: "Claude Code's settings (its hooks run commands)" },
  { segments: ['.claude', 'settings.local.json'], reason: "Claude Code's settings (its hooks run commands)" },
  { segments: ['.github', 'workflows'], reason: 'CI configuration (it runs code)' },
  { segments: ['.ci'], reason: 'CI configuration (it runs code)' },
  { segments: ['.gitlab-ci.yml'], reason: 'CI configuration (it runs code)' },
  { segments: ['.circleci'], reason: 'CI configuration (it runs code)' },
  { segments: ['.github', 'actions'], reason: 'CI configuration (the actions workflows run)' },
  { segments: ['.buildkite'], reason: 'CI configuration (it runs code)' },
  { segments: ['.travis.yml'], reason: 'CI configuration (it runs code)' },
  { segments: ['azure-pipelines.yml'], reason: 'CI configuration (it runs code)' },
  { segments: ['bitbucket-pipelines.yml'], reason: 'CI configuration (it runs code)' },
  { segments: ['.drone.yml'], reason: 'CI configuration (it runs code)' },
  { segments: ['appveyor.yml'], reason: 'CI configuration (it runs code)' },
  { segments: ['jenkinsfile'], reason: 'CI configuration (it runs code)' },
  // Git hooks kept in the tree (husky installs them into .git): the next commit runs them.
  { segments: ['.husky'], reason: 'git hooks (the next commit runs them)' },
];

/**
 * Why a workspace-relative path (`/` separators) is protected, or `undefined` when it is not. The
 * reason names the protected place as the path spells it, e.g. `".git/" is git's own data (…)`.
 */
export function protectedPathReason(relativePath: string): string | undefined {
  const spelled = relativePath.split('/');
  const keys = spelled.map(segmentKey);
  for (let start = 0; start < keys.length; start++) {
    for (const rule of protectedPathRules) {
      if (!startsWith(keys, start, rule.segments)) continue;
      if (rule.except?.some((allowed) => startsWith(keys, start, allowed))) continue;
      const place = spelled.slice(0, start + rule.segments.length).join('/');
      return `"${place}${start + rule.segments.length < keys.length ? '/' : ''}" is ${rule.reason}`;
    }
  }
  return undefined;
}

/**
 * A workspace-relative path as the rules above compare it: each segment as a case-insensitive file
 * system that drops trailing dots, spaces and ignorable characters would name it (`.G\u200cIT./x` is
 * `.git/x`). Other rule sets (the improve loop's) match this form, so the same tricks fail there too.
 */
export function protectedPathKey(relativePath: string): string {
  return relativePath.split('/').map(segmentKey).join('/');
}

function startsWith(keys: readonly string[], start: number, segments: readonly string[]): boolean {
  return segments.every((segment, index) => keys[start + index] === segment);
}

/** Code point ranges HFS+ ignores in file names (zero-width, joiners, bidi marks, variation selectors), so `.g\u200cit` is `.git` there. */
const ignoredInNames: readonly (readonly [number, number])[] = [
  [0x00ad, 0x00ad],
  [0x034f, 0x034f],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180b, 0x180f],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x206f],
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
];

function ignoredInName(character: string): boolean {
  const code = character.codePointAt(0) ?? 0;
  return ignoredInNames.some(([low, high]) => code >= low && code <= high);
}

/** A segment as a case-insensitive file system that drops trailing dots and spaces (Windows) would name it. */
function segmentKey(segment: string): string {
  const kept = [...segment.normalize('NFC')].filter((character) => !ignoredInName(character)).join('');
  return kept.replace(/[. ]+$/, '').toLowerCase();
}
