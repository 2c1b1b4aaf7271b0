/**
 * Which links in a reply the page acts on: a workspace-relative file, optionally at a line
 * (`src/board.ts:12`, `src/board.ts#L12`, `src/board.ts`). Anything else — a URL, an absolute
 * path, a path that climbs out with `..` — is shown, never followed. The extension checks the path
 * against the workspace again before it opens anything; this is only what the page offers.
 *
 * Pure (no DOM), so the unit tests run it under Node.
 */

/** A place in a workspace file, as chat/openLocation takes it. */
export interface WorkspaceLocation {
  readonly path: string;
  readonly line?: number | undefined;
}

const withLine = /^(.*?)(?::(\d+)(?::\d+)?|#L(\d+)(?:-L?\d+)?)$/;
const scheme = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;
// A file name needs an extension or a slash to be told from a word ("see:" is not a file).
const fileLike = /^[\w@.-]+(?:\/[\w@.+-]+)*$/;

/** The workspace location `href` names, or undefined when it names anything else. */
export function workspaceLocation(href: string): WorkspaceLocation | undefined {
  let text = href.trim();
  if (text.length === 0 || text.length > 1000) return undefined;
  try {
    // marked percent-encodes what it renders; a `%` that decodes to nothing sensible is not a path.
    text = decodeURI(text);
  } catch {
    return undefined;
  }
  const match = withLine.exec(text);
  const path = (match ? match[1] : text)?.replace(/^\.\//, '') ?? '';
  const lineText = match ? (match[2] ?? match[3]) : undefined;
  if (scheme.test(path) || path.startsWith('/') || path.includes('\\')) return undefined;
  if (!fileLike.test(path) || !(path.includes('/') || /\.[\w]+$/.test(path))) return undefined;
  if (path.split('/').some((segment) => segment === '..' || segment === '.' || segment === '')) return undefined;
  if (lineText === undefined) return { path };
  const line = Number(lineText);
  return Number.isSafeInteger(line) && line >= 1 ? { path, line } : { path };
}

/** How a location reads: `src/board.ts:12`. */
export function locationLabel(location: WorkspaceLocation): string {
  return location.line === undefined ? location.path : `${location.path}:${location.line}`;
}
