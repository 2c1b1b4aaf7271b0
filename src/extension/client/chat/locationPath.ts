/**
 * Whether a path the chat page asks to open may be opened: the page, and the model output it
 * renders, are untrusted. Only a plain workspace-relative path passes this check; the caller then
 * resolves it through the workspace sandbox (real paths, symbolic links followed) before opening.
 * Pure, so Node tests check the refusals.
 */

/** Why `requested` is not a workspace-relative path the chat may open, or undefined when it is. */
export function locationPathProblem(requested: string): string | undefined {
  const quoted = JSON.stringify(requested.length > 200 ? `${requested.slice(0, 200)}…` : requested);
  if (requested.length === 0) return 'The path is empty.';
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (/[\u0000-\u001f\u007f]/.test(requested)) return `${quoted} contains a control character.`;
  if (requested !== requested.trim()) return `${quoted} starts or ends with whitespace.`;
  if (/^[a-z]:/i.test(requested)) return `${quoted} is an absolute Windows path; only paths inside the workspace open.`;
  if (/^[a-z][a-z0-9+.-]*:/i.test(requested)) return `${quoted} is a URI, not a workspace path; only files of the workspace open from the chat.`;
  if (requested.startsWith('/') || requested.startsWith('\\') || requested.startsWith('~')) return `${quoted} is an absolute path; only paths inside the workspace open.`;
  if (requested.includes('\\')) return `${quoted} uses "\\"; workspace paths use "/".`;
  const segments = requested.split('/');
  if (segments.includes('..')) return `${quoted} leaves its folder with ".."; only paths inside the workspace open.`;
  if (segments.some((segment) => segment === '' || segment === '.')) return `${quoted} has an empty or "." segment.`;
  return undefined;
}
