/**
 * Where a TypeScript project's files come from. The language service asks synchronously, so the
 * workspace's files are read (through the sandbox) before a check starts and served from memory;
 * only TypeScript's own lib files and dependency files are read from disk, on demand, each checked
 * (diskFiles.ts).
 */
import * as path from 'node:path';
import { DiskFiles, libFilesOnly, type DiskPolicy } from './diskFiles';
import { slashPath } from './fileNames';

/** Synchronous read access to the files of one project, by absolute path. */
export interface SourceStore {
  /** The file's text, or undefined when it is not there (or may not be read). */
  readText(fileName: string): string | undefined;
  fileExists(fileName: string): boolean;
  directoryExists(directory: string): boolean;
  /** Names (not paths) of the subdirectories of `directory`. */
  directories(directory: string): string[];
  /** Every file under `directory`, as absolute paths. */
  filesUnder(directory: string): string[];
  /** The project's `typeRoots` (absolute): declarations under them may be read from disk, like `node_modules`. */
  useTypeRoots?(directories: readonly string[]): void;
  /** A tsconfig or a config it `extends`, which may lie outside the workspace (read only when trusted); default: `readText`. */
  readConfigText?(fileName: string): string | undefined;
}

export { slashPath, typescriptLibFolder } from './fileNames';

/** A store over texts held in memory, e.g. analyzer input or a workspace read through the sandbox. */
export class MemoryStore implements SourceStore {
  private readonly texts = new Map<string, string>();
  private readonly dirs = new Set<string>();

  constructor(texts: ReadonlyMap<string, string>, directories: Iterable<string> = []) {
    for (const [fileName, text] of texts) this.texts.set(slashPath(fileName), text);
    for (const directory of directories) this.dirs.add(slashPath(directory));
    for (const fileName of this.texts.keys()) {
      for (let dir = path.posix.dirname(fileName); !this.dirs.has(dir); dir = path.posix.dirname(dir)) {
        this.dirs.add(dir);
        if (path.posix.dirname(dir) === dir) break;
      }
    }
  }

  readText(fileName: string): string | undefined {
    return this.texts.get(slashPath(fileName));
  }

  fileExists(fileName: string): boolean {
    return this.texts.has(slashPath(fileName));
  }

  directoryExists(directory: string): boolean {
    return this.dirs.has(slashPath(directory));
  }

  directories(directory: string): string[] {
    const parent = slashPath(directory);
    return [...this.dirs].filter((dir) => dir !== parent && path.posix.dirname(dir) === parent).map((dir) => path.posix.basename(dir));
  }

  filesUnder(directory: string): string[] {
    const parent = slashPath(directory);
    const prefix = parent.endsWith('/') ? parent : `${parent}/`;
    return [...this.texts.keys()].filter((fileName) => fileName.startsWith(prefix));
  }
}

/**
 * Adds read-only disk access for what a type-check needs beyond the workspace's own sources:
 * TypeScript's lib files and what module resolution reaches, each file opened and judged by its
 * real path (`DiskFiles`; dependency declarations are type information, never shown as workspace
 * content). Without a policy: lib files only.
 */
export class LayeredStore implements SourceStore {
  private readonly disk: DiskFiles;

  constructor(
    private readonly inner: SourceStore,
    policy: DiskPolicy = libFilesOnly,
  ) {
    this.disk = new DiskFiles(policy);
  }

  readText(fileName: string): string | undefined {
    return this.inner.readText(fileName) ?? this.disk.readText(fileName);
  }

  fileExists(fileName: string): boolean {
    return this.inner.fileExists(fileName) || this.disk.fileExists(fileName);
  }

  directoryExists(directory: string): boolean {
    return this.inner.directoryExists(directory) || this.disk.directoryExists(directory);
  }

  directories(directory: string): string[] {
    const own = this.inner.directories(directory);
    const onDisk = this.disk.directories(directory);
    return onDisk.length === 0 ? own : [...new Set([...own, ...onDisk])];
  }

  filesUnder(directory: string): string[] {
    return this.inner.filesUnder(directory);
  }

  useTypeRoots(directories: readonly string[]): void {
    this.disk.policy.useTypeRoots(directories);
  }

  readConfigText(fileName: string): string | undefined {
    return this.inner.readText(fileName) ?? this.disk.readConfig(fileName);
  }
}
