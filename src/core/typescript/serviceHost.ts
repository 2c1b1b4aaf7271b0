/**
 * The language service's view of a project: root files, compiler options, and file texts from a
 * `SourceStore` with an overlay of changed texts on top (a proposal being checked). Versions
 * follow the effective text, so the service re-checks exactly the files whose text changed.
 */
import * as ts from 'typescript';
import { slashPath, typescriptLibFolder, type SourceStore } from './sourceStore';

let documents: ts.DocumentRegistry | undefined;

/**
 * JSDoc is parsed only where it changes a type error (as `tsc` does): nothing here shows
 * documentation, and skipping the rest of the comments saves a tenth of a large project's parse.
 */
const jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeErrors;

/** Lib files are parsed once per process and shared by every project (they never change). */
export function sharedDocuments(): ts.DocumentRegistry {
  return (documents ??= ts.createDocumentRegistry(ts.sys.useCaseSensitiveFileNames, undefined, jsDocParsingMode));
}

/**
 * The registry reuses a parsed file whenever name and version match, without comparing texts; so
 * a version must never be reused for another text of the same name — not even by another
 * project. Versions therefore come from one process-wide counter; only TypeScript's own lib files,
 * which never change, keep a fixed version and are parsed once.
 */
let lastVersion = 0;

export class ProjectServiceHost implements ts.LanguageServiceHost {
  private readonly overlay = new Map<string, string>();
  private readonly seen = new Map<string, { text: string; version: number }>();
  private roots: string[];
  private rootSet: Set<string>;
  /**
   * Changes whenever anything this host answers may have: a reset, an added root, an overlay set
   * or cleared. Between changes the service reuses its program without asking for every file's
   * version, which would make each request cost as much as the project has files.
   */
  private projectVersion = 0;
  readonly jsDocParsingMode = jsDocParsingMode;

  constructor(
    private store: SourceStore,
    private options: ts.CompilerOptions,
    roots: readonly string[],
    private readonly directory: string,
  ) {
    this.roots = roots.map(slashPath);
    this.rootSet = new Set(this.roots);
  }

  /** Replaces the store, options and roots after the workspace was read again. */
  reset(store: SourceStore, options: ts.CompilerOptions, roots: readonly string[]): void {
    this.store = store;
    this.options = options;
    this.roots = roots.map(slashPath);
    this.rootSet = new Set(this.roots);
    this.projectVersion++;
  }

  /** Makes sure a file is checked even when the config does not include it. */
  addRoot(fileName: string): void {
    const normal = slashPath(fileName);
    if (this.rootSet.has(normal)) return;
    this.roots = [...this.roots, normal];
    this.rootSet.add(normal);
    this.projectVersion++;
  }

  /** Texts that replace the stored ones until `clearOverlay`. */
  setOverlay(texts: ReadonlyMap<string, string>): void {
    this.overlay.clear();
    for (const [fileName, text] of texts) this.overlay.set(slashPath(fileName), text);
    this.projectVersion++;
  }

  clearOverlay(): void {
    this.overlay.clear();
    this.projectVersion++;
  }

  getProjectVersion(): string {
    return String(this.projectVersion);
  }

  /** The text the service sees for a file: the overlay's, else the store's. */
  text(fileName: string): string | undefined {
    const normal = slashPath(fileName);
    return this.overlay.get(normal) ?? this.store.readText(normal);
  }

  getScriptFileNames(): string[] {
    return this.roots;
  }

  getScriptVersion(fileName: string): string {
    const text = this.text(fileName) ?? '';
    const key = slashPath(fileName);
    if (key.startsWith(`${slashPath(typescriptLibFolder())}/`)) return 'lib';
    const known = this.seen.get(key);
    if (known && known.text === text) return String(known.version);
    const version = ++lastVersion;
    this.seen.set(key, { text, version });
    return String(version);
  }

  getScriptSnapshot(fileName: string): ts.IScriptSnapshot | undefined {
    const text = this.text(fileName);
    return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
  }

  getCompilationSettings(): ts.CompilerOptions {
    return this.options;
  }

  getCurrentDirectory(): string {
    return this.directory;
  }

  getDefaultLibFileName(options: ts.CompilerOptions): string {
    return slashPath(ts.getDefaultLibFilePath(options));
  }

  fileExists(fileName: string): boolean {
    return this.overlay.has(slashPath(fileName)) || this.store.fileExists(fileName);
  }

  readFile(fileName: string): string | undefined {
    return this.text(fileName);
  }

  directoryExists(directory: string): boolean {
    return this.store.directoryExists(directory);
  }

  getDirectories(directory: string): string[] {
    return this.store.directories(directory);
  }

  useCaseSensitiveFileNames(): boolean {
    return ts.sys.useCaseSensitiveFileNames;
  }
}
