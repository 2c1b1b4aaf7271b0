/**
 * Loads Nova's large CommonJS bundles — the server core, and the TypeScript and Anthropic SDK
 * chunks that the core and the CLI load on demand — with V8's code cache, kept in the person's
 * cache directory. Node 22 does this for every module with `module.enableCompileCache()`; Node 20,
 * which VS Code's server (code-server) and Nova's `engines` still allow, cannot, so this does it
 * for the few files that matter, with `vm.Script`'s `cachedData`.
 *
 * Why it matters (measured with `npm run bench -- review`; see bench/review.ts):
 * - Memory: parsing the 1.4 MB core leaves about 14 MB of the parser's memory in malloc's heap,
 *   which glibc keeps after V8 frees it. An idle server was 71 MB, 16.5 MB of it that heap;
 *   deserialized from its code cache, the same core leaves 4.7 MB there.
 * - Time: TypeScript's chunk loads in ~65 ms from its cache instead of ~190 ms compiled.
 *
 * A cache is only an optimisation: a missing, stale, corrupt or unwritable one means the file is
 * compiled as `require` would, and (if the directory is writable) its cache written for next time.
 * V8 itself rejects a cache made by another V8 version or other flags (`cachedDataRejected`); the
 * file name also carries a hash of the source, since V8 checks only the source's length.
 *
 * The directory is the person's own (`cacheDirectory`), never the workspace's: cached bytecode
 * runs as Nova's code, so nothing an untrusted folder contains may supply it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, wrap } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** `NOVA_COMPILE_CACHE=off` turns the cache off; `NOVA_COMPILE_CACHE=DIR` keeps it in DIR (tests use a scratch folder). */
export const compileCacheVariable = 'NOVA_COMPILE_CACHE';

/** How a file was loaded: from its code cache, compiled (and its cache written), or by plain `require`. */
export type LoadedFrom = 'cache' | 'compiled' | 'require';

const loadedModules = new Map<string, { readonly exported: unknown; readonly from: LoadedFrom }>();

/** How `requireCompiled` loaded `file` in this process, if it did. */
export const howLoaded = (file: string): LoadedFrom | undefined => loadedModules.get(file)?.from;

/**
 * `require(file)` for a CommonJS file that requires only built-in modules and files beside it,
 * compiled from (and, the first time, into) its code cache. With source maps on
 * (`--enable-source-maps`), whose stack traces Node maps only for files it loads itself, or with
 * no cache directory, it is plain `require`.
 */
export function requireCompiled(file: string): unknown {
  const known = loadedModules.get(file);
  if (known !== undefined) return known.exported;
  const directory = cacheDirectory();
  const loaded = directory === undefined || process.sourceMapsEnabled ? { exported: createRequire(file)(file) as unknown, from: 'require' as const } : runCached(file, directory);
  loadedModules.set(file, loaded);
  return loaded.exported;
}

/**
 * Where the code caches are: `NOVA_COMPILE_CACHE` when it names a directory, otherwise the
 * platform's per-user cache directory (`$XDG_CACHE_HOME` or ~/.cache on Linux, ~/Library/Caches
 * on macOS, %LOCALAPPDATA% on Windows) under nova/compile. `undefined` when turned off.
 */
export function cacheDirectory(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = homedir()): string | undefined {
  const chosen = env[compileCacheVariable];
  if (chosen === 'off') return undefined;
  if (chosen !== undefined && chosen !== '') return chosen;
  if (home === '') return undefined;
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'nova', 'compile');
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'nova', 'Cache', 'compile');
  return join(env.XDG_CACHE_HOME !== undefined && env.XDG_CACHE_HOME !== '' ? env.XDG_CACHE_HOME : join(home, '.cache'), 'nova', 'compile');
}

/**
 * The cache file for `source`, loaded from `file` by this runtime, is named by the file, a hash of
 * its source (a newer version's cache replaces an older one's) and a hash of what else V8 checks —
 * its version, the architecture, the flags — so that two runtimes sharing the directory (VS Code's
 * Node, and the one Neovim starts the server with) each keep their own.
 */
export interface CacheKey {
  readonly file: string;
  readonly sourceHash: string;
  readonly runtimeHash: string;
}

export function cacheKey(file: string, source: string): CacheKey {
  const hash = (text: string, length: number) => createHash('sha256').update(text).digest('hex').slice(0, length);
  return { file: basename(file), sourceHash: hash(source, 16), runtimeHash: hash(`${process.version} ${process.arch} ${process.execArgv.join(' ')}`, 8) };
}

export const cacheFileName = ({ file, sourceHash, runtimeHash }: CacheKey): string => `${file}.${sourceHash}.${runtimeHash}.bin`;

function runCached(file: string, directory: string): { readonly exported: unknown; readonly from: LoadedFrom } {
  const source = readFileSync(file, 'utf8');
  const key = cacheKey(file, source);
  const cachedData = readCache(join(directory, cacheFileName(key)));
  const script = new Script(wrap(source), { filename: file, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} as unknown, id: file, filename: file, loaded: false };
  const compiled = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  compiled.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  module.loaded = true;
  const fromCache = cachedData !== undefined && script.cachedDataRejected !== true;
  if (!fromCache) writeCache(directory, key, script.createCachedData());
  return { exported: module.exports, from: fromCache ? 'cache' : 'compiled' };
}

function readCache(cacheFile: string): Buffer | undefined {
  try {
    return readFileSync(cacheFile);
  } catch {
    return undefined;
  }
}

/**
 * A cache no runtime has written for this long is removed when another is written: a runtime that
 * still uses it (its mtime is its writing, not its last read) compiles once and writes it again,
 * while the caches of a Node or VS Code no longer installed do not stay forever.
 */
const unusedCacheMs = 30 * 24 * 60 * 60 * 1000;
/** A temporary file this old was left by a process that stopped while writing. */
const abandonedTemporaryMs = 24 * 60 * 60 * 1000;

/**
 * Written whole or not at all (a temporary file renamed), so that a process starting meanwhile
 * never reads half a cache; then this runtime's caches of older versions of the file are removed,
 * and any cache not written for `unusedCacheMs`.
 */
function writeCache(directory: string, key: CacheKey, data: Buffer): void {
  const cacheFile = join(directory, cacheFileName(key));
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  try {
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    writeFileSync(temporary, data, { mode: 0o600 });
    renameSync(temporary, cacheFile);
    pruneCaches(directory, key, Date.now());
  } catch {
    // Not written: the next process compiles again. No half-written file is left behind if it can be removed.
    try {
      rmSync(temporary, { force: true });
    } catch {
      // The directory itself could not be made: there is no temporary file.
    }
  }
}

function pruneCaches(directory: string, written: CacheKey, now: number): void {
  for (const name of readdirSync(directory)) {
    const [, file, sourceHash, runtimeHash, temporary] = /^(.+)\.([0-9a-f]{16})\.([0-9a-f]{8})\.bin(\.\d+\.tmp)?$/.exec(name) ?? [];
    if (file === undefined) continue;
    const olderVersion = temporary === undefined && file === written.file && runtimeHash === written.runtimeHash && sourceHash !== written.sourceHash;
    if (olderVersion || now - mtimeMs(join(directory, name)) > (temporary === undefined ? unusedCacheMs : abandonedTemporaryMs)) rmSync(join(directory, name), { force: true });
  }
}

function mtimeMs(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
