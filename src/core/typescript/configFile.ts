/**
 * A project's tsconfig.json: found next to a file or above it (never above the workspace folder),
 * parsed with TypeScript's own rules, its include/exclude globs matched against the files the
 * store holds — so the file list is exactly what `tsc -p` would compile.
 */
import * as path from 'node:path';
import * as ts from 'typescript';
import { slashPath, type SourceStore } from './sourceStore';

/** The nearest tsconfig.json from `directory` up to `folder` (inclusive), or undefined. */
export function findConfigFile(store: SourceStore, directory: string, folder: string): string | undefined {
  const top = slashPath(folder);
  for (let dir = slashPath(directory); ; dir = path.posix.dirname(dir)) {
    const candidate = `${dir}/tsconfig.json`;
    if (store.fileExists(candidate)) return candidate;
    if (dir === top || path.posix.dirname(dir) === dir || !isInside(dir, top)) return undefined;
  }
}

/** A parsed project: compiler options, root files and what was wrong with the config. */
export interface ProjectConfig {
  readonly options: ts.CompilerOptions;
  readonly fileNames: readonly string[];
  readonly errors: readonly ts.Diagnostic[];
}

/**
 * Options for a folder without a tsconfig.json: what `tsc --init` would give, strict. A function
 * so that importing this module does not load TypeScript (its enums are TypeScript's own values).
 */
export function inferredOptions(): ts.CompilerOptions {
  return {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    strict: true,
    esModuleInterop: true,
    skipLibCheck: true,
    noEmit: true,
  };
}

/** Parses a tsconfig.json held in the store. */
export function parseConfigFile(store: SourceStore, configFile: string): ProjectConfig {
  const text = store.readText(configFile) ?? '';
  const json = ts.parseJsonText(configFile, text);
  const host: ts.ParseConfigHost = {
    useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames,
    // A base config that `extends` names may sit above the workspace folder (a monorepo's), as tsc reads it.
    fileExists: (fileName) => store.fileExists(fileName) || store.readConfigText?.(fileName) !== undefined,
    readFile: (fileName) => store.readText(fileName) ?? store.readConfigText?.(fileName),
    readDirectory: (root, extensions, excludes, includes) => matchFiles(store, root, extensions ?? [], excludes ?? [], includes ?? ['**/*']),
  };
  const parsed = ts.parseJsonSourceFileConfigFileContent(json, host, path.dirname(configFile), { noEmit: true }, configFile);
  return { options: parsed.options, fileNames: parsed.fileNames, errors: parsed.errors };
}

/** An inferred project: every TypeScript source under `folder`. */
export function inferredConfig(store: SourceStore, folder: string): ProjectConfig {
  return { options: inferredOptions(), fileNames: matchFiles(store, folder, ['.ts', '.tsx', '.mts', '.cts'], ['**/node_modules'], ['**/*']), errors: [] };
}

/** Files under `root` with one of `extensions`, matching an include and no exclude (tsconfig globs). */
function matchFiles(store: SourceStore, root: string, extensions: readonly string[], excludes: readonly string[], includes: readonly string[]): string[] {
  const included = includes.map((spec) => globPattern(root, spec, 'include'));
  const excluded = excludes.map((spec) => globPattern(root, spec, 'exclude'));
  return store
    .filesUnder(root)
    .filter((fileName) => extensions.some((extension) => fileName.endsWith(extension)))
    .filter((fileName) => included.some((pattern) => pattern.test(fileName)) && !excluded.some((pattern) => pattern.test(fileName)))
    .sort();
}

/**
 * A tsconfig glob as a regular expression over `/`-separated absolute paths, after TypeScript's
 * rules: a last segment without `.`, `*` or `?` names a directory (everything below it); `**` is
 * any number of directories; `*` and `?` stay inside a segment and, for includes, never match a
 * leading dot; an exclude also covers everything below what it matches.
 */
function globPattern(root: string, spec: string, usage: 'include' | 'exclude'): RegExp {
  const absolute = slashPath(path.resolve(root, spec));
  const segments = absolute.split('/').filter((segment, index) => segment !== '' || index === 0);
  const last = segments[segments.length - 1] ?? '';
  if (usage === 'include' && !/[.*?]/.test(last)) segments.push('**', '*');
  let pattern = '';
  segments.forEach((segment, index) => {
    if (segment === '**') {
      pattern += usage === 'include' ? '(?:/(?!\\.)[^/]+)*' : '(?:/[^/]+)*';
      return;
    }
    const body = segment
      .split('')
      .map((char) => (char === '*' ? '[^/]*' : char === '?' ? '[^/]' : char.replace(/[\\^$.+()|[\]{}]/g, '\\$&')))
      .join('');
    const noDot = usage === 'include' && /^[*?]/.test(segment) ? '(?!\\.)' : '';
    pattern += index === 0 ? body : `/${noDot}${body}`;
  });
  const flags = ts.sys.useCaseSensitiveFileNames ? '' : 'i';
  return new RegExp(usage === 'include' ? `^${pattern}$` : `^${pattern}(?:/.*)?$`, flags);
}

function isInside(directory: string, folder: string): boolean {
  const relative = path.posix.relative(folder, directory);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
