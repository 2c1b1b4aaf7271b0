/**
 * A TypeScript project: a language service over one tsconfig.json (or an inferred project), whose
 * files come from a `SourceStore`. It answers diagnostics and code fixes, and can do so for texts
 * that exist only in memory — a proposal is checked without writing anything.
 */
import * as path from 'node:path';
import * as ts from 'typescript';
import { inferredConfig, inferredOptions, parseConfigFile, type ProjectConfig } from './configFile';
import { toCheckDiagnostic, type CheckDiagnostic } from './diagnostics';
import { ProjectServiceHost, sharedDocuments } from './serviceHost';
import { LayeredStore, MemoryStore, slashPath, type SourceStore } from './sourceStore';

/** Where a project lives and how its files are named for people and models. */
export interface ProjectSetup {
  readonly store: SourceStore;
  /** The project's tsconfig.json, or undefined for an inferred project over `directory`. */
  readonly configFile: string | undefined;
  readonly directory: string;
  /** The workspace path of a file, as agents name it. */
  readonly display: (fileName: string) => string;
  /** A diagnostic's message with absolute paths replaced (the model sees workspace paths only). */
  readonly scrub?: (text: string) => string;
}

export class TypeScriptProject {
  readonly service: ts.LanguageService;
  private readonly host: ProjectServiceHost;
  private config: ProjectConfig;

  constructor(private setup: ProjectSetup) {
    this.config = TypeScriptProject.configOf(setup.store, setup);
    this.host = new ProjectServiceHost(setup.store, this.config.options, this.config.fileNames, slashPath(setup.directory));
    this.service = ts.createLanguageService(this.host, sharedDocuments());
  }

  /** A project over texts in memory (analyzer input, tests): strict options, no disk but TypeScript's libs. */
  static inMemory(files: readonly { readonly fileName: string; readonly text: string }[], options: ts.CompilerOptions = inferredOptions()): TypeScriptProject {
    const store = new LayeredStore(new MemoryStore(new Map(files.map((file) => [file.fileName, file.text]))));
    const directory = files[0] ? path.dirname(files[0].fileName) : '/';
    const project = new TypeScriptProject({ store, configFile: undefined, directory, display: (fileName) => fileName });
    project.config = { options, fileNames: files.map((file) => slashPath(file.fileName)), errors: [] };
    project.host.reset(store, options, project.config.fileNames);
    return project;
  }

  private static configOf(store: SourceStore, setup: Pick<ProjectSetup, 'configFile' | 'directory'>): ProjectConfig {
    const config = setup.configFile ? parseConfigFile(store, setup.configFile) : inferredConfig(store, setup.directory);
    store.useTypeRoots?.(config.options.typeRoots ?? []);
    return config;
  }

  /** The tsconfig.json this project follows, if any. */
  get configFile(): string | undefined {
    return this.setup.configFile;
  }

  /** Takes the workspace's current texts; unchanged files keep their checked state. */
  refresh(store: SourceStore): void {
    this.setup = { ...this.setup, store };
    this.config = TypeScriptProject.configOf(store, this.setup);
    this.host.reset(store, this.config.options, this.config.fileNames);
  }

  /** The root files (what tsc would compile), plus any added with `include`. */
  get rootFiles(): readonly string[] {
    return this.host.getScriptFileNames();
  }

  /** Makes sure the file is part of the program even if the config leaves it out. */
  include(fileName: string): void {
    this.host.addRoot(fileName);
  }

  display(fileName: string): string {
    return this.setup.display(fileName);
  }

  /** The file's text as the service currently sees it (overlay included). */
  text(fileName: string): string | undefined {
    return this.host.text(fileName);
  }

  program(): ts.Program {
    const program = this.service.getProgram();
    if (!program) throw new Error('The TypeScript language service has no program.');
    return program;
  }

  /**
   * Errors and warnings the compiler reports: config problems, global ones, and syntactic and
   * semantic diagnostics of `fileNames` (default: every root file that is not a declaration file).
   */
  diagnostics(fileNames?: readonly string[]): CheckDiagnostic[] {
    const configPath = this.setup.configFile ? this.display(this.setup.configFile) : this.display(this.setup.directory);
    const scrub = this.setup.scrub ?? ((text: string) => text);
    return this.compilerDiagnostics(fileNames).map((diagnostic) => {
      const converted = toCheckDiagnostic(diagnostic, (fileName) => this.display(fileName), configPath);
      return { ...converted, message: scrub(converted.message) };
    });
  }

  /** The same diagnostics as TypeScript gives them (for output in tsc's own format, `ts.formatDiagnostics`). */
  compilerDiagnostics(fileNames?: readonly string[]): ts.Diagnostic[] {
    const program = this.program();
    const files = fileNames ?? this.rootFiles.filter((fileName) => !fileName.endsWith('.d.ts'));
    const result = [...this.config.errors, ...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()].filter((diagnostic) => diagnostic.code !== noInputsFound);
    for (const fileName of files) {
      if (!program.getSourceFile(fileName)) continue;
      result.push(...this.service.getSyntacticDiagnostics(fileName), ...this.service.getSemanticDiagnostics(fileName));
    }
    return result;
  }

  /** Runs `check` with `texts` standing in for the stored files, then restores them. */
  withOverlay<T>(texts: ReadonlyMap<string, string>, check: () => T): T {
    this.host.setOverlay(texts);
    try {
      return check();
    } finally {
      this.host.clearOverlay();
    }
  }
}

/** TS18003 "No inputs were found in config file": tsc says it, but it is not about any file checked. */
const noInputsFound = 18003;
