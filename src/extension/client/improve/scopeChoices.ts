/**
 * What "Nova: Improve…" offers as the scope, narrowest first: the file the person is in (or
 * clicked), its folder, the whole workspace, or globs they type. Globs are relative to the
 * workspace folder, `/`-separated, as the improve loop reads them. No `vscode` import: Node tests
 * read it.
 */

/** One entry of the scope QuickPick; `scope` undefined: the person types globs. */
export interface ScopeChoice {
  readonly label: string;
  readonly description: string;
  readonly scope?: readonly string[];
}

/** Where the command was invoked: a file or folder of the workspace folder, relative to it ('' is the folder itself). */
export interface ScopeTarget {
  readonly relative: string;
  readonly isFolder: boolean;
}

const everything = '**';

/** A folder's glob: everything under it (the workspace folder itself: everything). */
function underFolder(relative: string): string {
  return relative === '' ? everything : `${relative}/**`;
}

function parentOf(relative: string): string {
  const slash = relative.lastIndexOf('/');
  return slash < 0 ? '' : relative.slice(0, slash);
}

/** The choices for `target` (none: no file is open in the workspace folder), narrowest first. */
export function scopeChoices(target: ScopeTarget | undefined): ScopeChoice[] {
  const choices: ScopeChoice[] = [];
  if (target && !target.isFolder) {
    choices.push({ label: `$(file) This file`, description: target.relative, scope: [target.relative] });
    const folder = parentOf(target.relative);
    if (folder !== '') choices.push({ label: `$(folder) Its folder`, description: `${folder}/`, scope: [underFolder(folder)] });
  } else if (target && target.relative !== '') {
    choices.push({ label: `$(folder) This folder`, description: `${target.relative}/`, scope: [underFolder(target.relative)] });
  }
  choices.push({ label: '$(root-folder) The workspace', description: 'every file of the workspace folder', scope: [everything] });
  choices.push({ label: '$(edit) Globs…', description: 'type them, e.g. src/**/*.ts, test/board.test.ts' });
  return choices;
}

/**
 * The globs the person typed (separated by commas or spaces), or why they cannot be a scope: an
 * absolute path, a `..` step out of the workspace folder, or nothing at all.
 */
export function parseGlobs(text: string): { readonly globs: string[] } | { readonly problem: string } {
  const globs = text
    .split(/[,\s]+/)
    .map((glob) => glob.trim().replace(/\\/g, '/').replace(/^\.\//, ''))
    .filter((glob) => glob !== '');
  if (globs.length === 0) return { problem: 'Type at least one glob, e.g. src/**/*.ts.' };
  const outside = globs.find((glob) => glob.startsWith('/') || /^[A-Za-z]:/.test(glob) || glob.split('/').includes('..'));
  if (outside !== undefined) return { problem: `${outside} is not inside the workspace folder: globs are relative to it (src/**, not /src or ../src).` };
  return { globs };
}
