/**
 * Whether a path an agent names in a change proposal may be changed. Two checks, used where the path
 * is used (the contract, the store, `nova run`'s printing, the extension's accept):
 * - `proposablePathProblem`: the path as written — plain, workspace-relative, canonical, not
 *   protected. Pure, so the contract can bounce a bad path back to the model that wrote it;
 * - `resolveProposablePath`: the same, then the path resolved through the sandbox (every symbolic
 *   link followed) and checked again where it really leads, which the text alone cannot tell.
 *
 * The canonical form is strict on purpose: every consumer reads the same text the same way, so no
 * layer can see `.git/hooks` where another saw a harmless name (`%2egit`, ` .git`, `a\..\.git`).
 */
import { protectedPathReason } from './protectedPaths';
import type { SandboxResolution, WorkspaceSandbox } from './sandbox';

/** What a change proposal may name, in one sentence, for schema descriptions and messages. */
export const proposablePathForm =
  'a path relative to the workspace folder, with "/" separators (e.g. "src/app.ts"); no absolute path, drive, URI, "..", "." or empty segment; not under .git, .vscode or .nova (except .nova/agents)';

/** Why `requested` may not be named by a change proposal, or `undefined` when it may. */
export function proposablePathProblem(requested: string): string | undefined {
  return formProblem(requested) ?? protectedProblem(requested);
}

/**
 * Resolves a proposal's path through the sandbox: refused when its text is not proposable, when it
 * leads outside every workspace folder (a symbolic link included), or when the place it really
 * leads to is protected (`docs/link` → `.git`). The reason names the path as the proposal wrote it.
 */
export async function resolveProposablePath(sandbox: WorkspaceSandbox, requested: string): Promise<SandboxResolution> {
  const problem = proposablePathProblem(requested);
  if (problem) return { ok: false, reason: `${JSON.stringify(requested)} ${problem}` };
  const resolved = await sandbox.resolve(requested);
  if (!resolved.ok) return { ok: false, reason: resolved.reason };
  const real = protectedPathReason(resolved.relative);
  if (real) return { ok: false, reason: `${JSON.stringify(requested)} leads to ${resolved.relative}, which is protected: ${real}` };
  return resolved;
}

/** Device names Windows opens whatever the folder or extension (`src/con.ts` is the console). */
const windowsDevice = /^(con|prn|aux|nul|com[0-9\u00B9\u00B2\u00B3]|lpt[0-9\u00B9\u00B2\u00B3])(\..*)?$/i;
/** The shape of an 8.3 alias (`GIT~1` is `.git`, `VSCODE~1` is `.vscode` on NTFS with short names on). */
const shortName = /^[^.~]{1,6}~[0-9]+(\.[^.]{0,3})?$/;

function formProblem(requested: string): string | undefined {
  if (requested.length === 0) return 'is empty';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is looked for
  if (/[\u0000-\u001f\u007f]/.test(requested)) return requested.includes('\0') ? 'contains a NUL byte' : 'contains a control character';
  if (requested !== requested.trim()) return 'starts or ends with whitespace';
  if (/^[a-z]:/i.test(requested)) return 'is an absolute Windows path (a drive letter)';
  if (/^[a-z][a-z0-9+.-]*:/i.test(requested)) return 'is a URI, not a workspace path';
  // On NTFS `name:stream` is another stream of `name`, and `.git::$INDEX_ALLOCATION` is `.git` itself.
  if (requested.includes(':')) return 'contains ":" (on Windows, a file stream)';
  if (requested.startsWith('\\\\') || requested.startsWith('//')) return 'is a network (UNC) path';
  if (requested.startsWith('/') || requested.startsWith('\\')) return 'is an absolute path';
  if (requested.includes('\\')) return 'uses "\\" as a separator (write "/")';
  // Consumers that go through the sandbox decode percent escapes; ones that do not would not.
  if (/%[0-9a-f]{2}/i.test(requested)) return 'is percent-encoded (write the name plainly)';
  const segments = requested.split('/');
  if (segments.includes('..')) return 'has a ".." segment (it would leave the folder it names)';
  if (segments.includes('.')) return 'has a "." segment (write the path without it)';
  if (segments.includes('')) return 'has an empty segment ("//" or a trailing "/")';
  const windowsName = segments.find((segment) => windowsDevice.test(segment) || shortName.test(segment));
  if (windowsName) return `has a segment Windows reads as another name (${JSON.stringify(windowsName)}: a device or a short 8.3 name)`;
  return undefined;
}

function protectedProblem(requested: string): string | undefined {
  const reason = protectedPathReason(requested);
  return reason ? `is protected: ${reason}; no agent may change it` : undefined;
}
