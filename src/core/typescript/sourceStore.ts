/**
 * Where a TypeScript project's files come from. The language service asks synchronously, so the
 * workspace's files are read (through the sandbox) before a check starts and served from memory;
 * only TypeScript's own lib files and dependency declarations are read from disk, on demand.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

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
}

/** The folder of TypeScript's lib.*.d.ts files: always readable, never part of the workspace. */
export const typescriptLibFolder = path.dirname(ts.getDefaultLibFilePath({}));

/** A path as TypeScript writes it: `/` separators on every platform. */
export function slashPath(fileName: string): string {
  return fileName.replace(/\\/g, '/');
}

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
 * TypeScript's lib files, and files under `node_modules` when `allowDisk` agrees (the workspace
 * decides; dependency declarations are type information, never shown as workspace content).
 */
export class LayeredStore implements SourceStore {
  private readonly diskTexts = new Map<string, string | undefined>();

  constructor(
    private readonly inner: SourceStore,
    private readonly allowDisk: (fileName: string) => boolean = () => false,
  ) {}

  private fromDisk(fileName: string): boolean {
    const normal = slashPath(fileName);
    return normal.startsWith(`${slashPath(typescriptLibFolder)}/`) || (normal.split('/').includes('node_modules') && this.allowDisk(fileName));
  }

  readText(fileName: string): string | undefined {
    const text = this.inner.readText(fileName);
    if (text !== undefined || !this.fromDisk(fileName)) return text;
    if (!this.diskTexts.has(fileName)) this.diskTexts.set(fileName, ts.sys.readFile(fileName));
    return this.diskTexts.get(fileName);
  }

  fileExists(fileName: string): boolean {
    return this.inner.fileExists(fileName) || (this.fromDisk(fileName) && ts.sys.fileExists(fileName));
  }

  directoryExists(directory: string): boolean {
    return this.inner.directoryExists(directory) || (this.fromDisk(directory) && ts.sys.directoryExists(directory));
  }

  directories(directory: string): string[] {
    const own = this.inner.directories(directory);
    return this.fromDisk(directory) && ts.sys.directoryExists(directory) ? [...new Set([...own, ...ts.sys.getDirectories(directory)])] : own;
  }

  filesUnder(directory: string): string[] {
    return this.inner.filesUnder(directory);
  }
}

/** Real path of a file on disk, or the path itself when it cannot be resolved. */
export function diskRealPath(fileName: string): string {
  try {
    return fs.realpathSync(fileName);
  } catch {
    return fileName;
  }
}
