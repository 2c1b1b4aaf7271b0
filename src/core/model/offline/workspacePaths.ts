/**
 * Paths the offline model works with: the workspace as list_files showed it, the paths a person
 * named in their words (only those that exist), and a scope expanded to its TypeScript sources.
 */
import { isTypeScriptSource } from '../../typescript/sourceScope';

/** The workspace listing: files, and directories without their trailing `/`. */
export interface Listing {
  readonly files: readonly string[];
  readonly directories: ReadonlySet<string>;
}

/** Reads a recursive list_files output (one path per line, directories ending in `/`). */
export function parseListing(output: string): Listing {
  const files: string[] = [];
  const directories = new Set<string>();
  for (const raw of output.split('\n').slice(1)) {
    if (raw.startsWith('[')) continue;
    const entry = raw.split('  (')[0]?.trim() ?? '';
    if (entry === '') continue;
    if (entry.endsWith('/')) directories.add(entry.slice(0, -1));
    else files.push(entry);
  }
  return { files, directories };
}

/**
 * The existing paths named in `text`, in the order named: exact files or directories, `.` for the
 * whole workspace, globs that match something, and bare file names that match exactly one file.
 */
export function namedPaths(text: string, listing: Listing): string[] {
  const found: string[] = [];
  for (const token of text.split(/\s+/)) {
    const word = cleanToken(token);
    if (word === '') continue;
    const match =
      word === '.' || listing.directories.has(word) || listing.files.includes(word)
        ? word
        : /[*?]/.test(word) && listing.files.some((file) => globMatches(word, file))
          ? word
          : uniqueByName(word, listing);
    if (match && !found.includes(match)) found.push(match);
  }
  return found;
}

const pathLike = /^(?:\/|\.\.\/|~\/)\S*$/;
const fileLike = /^[\w./@~-]*\.(?:[cm]?[jt]sx?|json|md)$/i;

/**
 * Words in `text` that look like paths — absolute or `../`, or a file with an
 * extension — but name nothing in the workspace (a typo, a deleted file, a path outside it), so an answer can say so.
 */
export function unknownPaths(text: string, listing: Listing): string[] {
  return text
    .split(/\s+/)
    .map(cleanToken)
    .filter((word) => (pathLike.test(word) || fileLike.test(word)) && namedPaths(word, listing).length === 0)
    .filter((word, index, words) => words.indexOf(word) === index);
}

function cleanToken(token: string): string {
  const trimmed = token.replace(/^[`'"(<[]+/, '').replace(/[`'")\]>,;:!?]+$/, '');
  if (trimmed === '.' || trimmed === './') return '.';
  return trimmed.replace(/\.+$/, '').replace(/^\.\//, '').replace(/\/+$/, '');
}

function uniqueByName(word: string, listing: Listing): string | undefined {
  if (!/\.[a-z]+$/i.test(word) || word.includes('/')) return undefined;
  const matches = listing.files.filter((file) => file === word || file.endsWith(`/${word}`));
  return matches.length === 1 ? matches[0] : undefined;
}

/** The TypeScript sources a scope covers (files, directories, `.`, globs), in listing order. */
export function expandToSources(scope: readonly string[], listing: Listing): string[] {
  return listing.files.filter((file) => isTypeScriptSource(file) && scope.some((entry) => covers(entry, file)));
}

function covers(entry: string, file: string): boolean {
  const clean = entry.replace(/^\.\//, '').replace(/\/+$/, '');
  if (clean === '.' || clean === '') return true;
  if (/[*?]/.test(clean)) return globMatches(clean, file);
  return file === clean || file.startsWith(`${clean}/`);
}

/** A minimal glob: `**` any depth, `*` and `?` within one path segment. */
export function globMatches(glob: string, file: string): boolean {
  const pattern = glob
    .split(/(\*\*\/|\*\*|\*|\?)/)
    .map((part) => (part === '**/' ? '(?:.*/)?' : part === '**' ? '.*' : part === '*' ? '[^/]*' : part === '?' ? '[^/]' : part.replace(/[\\^$.+()|[\]{}]/g, '\\$&')))
    .join('');
  return new RegExp(`^${pattern}$`).test(file);
}
