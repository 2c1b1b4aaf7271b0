/**
 * A repository map from the TypeScript program: which workspace modules a file imports (with what
 * they export, each with a short type), and which workspace files import it (with the names they
 * take). A model reviewing one file gets this instead of whole neighbouring files — enough to know
 * what a call returns or who relies on an export, at a fraction of the tokens. Built from import
 * declarations resolved by the checker, once per program; files outside the workspace (libraries,
 * TypeScript's own lib) are left out, as their exports are noise to a review.
 */
import * as ts from 'typescript';
import { slashPath } from './sourceStore';

/** An exported symbol as the map shows it: `function moveCard(card: Card, to: Column): void`. */
export interface ExportedSymbol {
  readonly name: string;
  readonly kind: 'function' | 'class' | 'interface' | 'type' | 'enum' | 'variable' | 'namespace' | 'other';
  /** The symbol's type as the checker prints it, shortened; absent for types and interfaces. */
  readonly type?: string;
}

/** A module a file imports, and what it exports. */
export interface ImportedModule {
  readonly path: string;
  /** The names the file takes from it (`*` for a namespace import, `default`). */
  readonly uses: readonly string[];
  readonly exports: readonly ExportedSymbol[];
}

/** A workspace file that imports the file, and the names it takes. */
export interface Importer {
  readonly path: string;
  readonly uses: readonly string[];
}

/** The map's context for one file. */
export interface RepositoryContext {
  readonly imports: readonly ImportedModule[];
  readonly importedBy: readonly Importer[];
}

/** Bounds that keep one file's context small whatever the repository's size. */
export const repositoryMapLimits = { modules: 12, exportsPerModule: 25, importers: 15, typeLength: 120 } as const;

interface ImportEdge {
  readonly from: string;
  readonly to: string;
  readonly uses: readonly string[];
}

export class RepositoryMap {
  private edges: ImportEdge[] | undefined;
  /** Each module's exports, described once however many files import it. */
  private readonly exported = new Map<string, ExportedSymbol[]>();

  /**
   * `display` gives a program file's workspace path, or undefined for a file outside the workspace
   * (which the map leaves out).
   */
  constructor(
    private readonly program: ts.Program,
    private readonly display: (fileName: string) => string | undefined,
  ) {}

  /** The context of the program file `fileName`; empty when the program does not hold it. */
  contextOf(fileName: string): RepositoryContext {
    const name = slashPath(fileName);
    const edges = this.importEdges();
    const imports = edges
      .filter((edge) => edge.from === name)
      .slice(0, repositoryMapLimits.modules)
      .flatMap((edge) => {
        const path = this.display(edge.to);
        return path === undefined ? [] : [{ path, uses: edge.uses, exports: this.exportsOf(edge.to) }];
      });
    const importedBy = edges
      .filter((edge) => edge.to === name && edge.from !== name)
      .sort((a, b) => a.from.localeCompare(b.from))
      .slice(0, repositoryMapLimits.importers)
      .flatMap((edge) => {
        const path = this.display(edge.from);
        return path === undefined ? [] : [{ path, uses: edge.uses }];
      });
    return { imports, importedBy };
  }

  /** Every import (and re-export) between two workspace source files of the program, merged per pair. */
  private importEdges(): ImportEdge[] {
    if (this.edges) return this.edges;
    const checker = this.program.getTypeChecker();
    const byPair = new Map<string, { from: string; to: string; uses: Set<string> }>();
    for (const source of this.program.getSourceFiles()) {
      if (source.isDeclarationFile || this.display(source.fileName) === undefined) continue;
      for (const statement of source.statements) {
        if (!(ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) || !statement.moduleSpecifier) continue;
        const target = checker.getSymbolAtLocation(statement.moduleSpecifier)?.valueDeclaration;
        if (!target || !ts.isSourceFile(target) || target.isDeclarationFile || this.display(target.fileName) === undefined) continue;
        const key = `${source.fileName}\n${target.fileName}`;
        const edge = byPair.get(key) ?? { from: slashPath(source.fileName), to: slashPath(target.fileName), uses: new Set<string>() };
        for (const use of namesTaken(statement)) edge.uses.add(use);
        byPair.set(key, edge);
      }
    }
    this.edges = [...byPair.values()].map((edge) => ({ from: edge.from, to: edge.to, uses: [...edge.uses].sort() }));
    return this.edges;
  }

  private exportsOf(fileName: string): ExportedSymbol[] {
    const known = this.exported.get(fileName);
    if (known) return known;
    const checker = this.program.getTypeChecker();
    const source = this.program.getSourceFile(fileName);
    const module = source && checker.getSymbolAtLocation(source);
    const symbols = module ? checker.getExportsOfModule(module).slice(0, repositoryMapLimits.exportsPerModule).map((exported) => describeExport(checker, exported)) : [];
    this.exported.set(fileName, symbols);
    return symbols;
  }
}

/** The names an import or export declaration takes from its module. */
function namesTaken(statement: ts.ImportDeclaration | ts.ExportDeclaration): string[] {
  if (ts.isExportDeclaration(statement)) {
    const clause = statement.exportClause;
    if (!clause) return ['*'];
    return ts.isNamedExports(clause) ? clause.elements.map((element) => (element.propertyName ?? element.name).text) : ['*'];
  }
  const clause = statement.importClause;
  if (!clause) return [];
  const names = clause.name ? ['default'] : [];
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) names.push('*');
  else if (bindings) names.push(...bindings.elements.map((element) => (element.propertyName ?? element.name).text));
  return names;
}

function describeExport(checker: ts.TypeChecker, exported: ts.Symbol): ExportedSymbol {
  const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
  const kind = kindOf(symbol.flags);
  const declaration = symbol.valueDeclaration ?? symbol.declarations?.[0];
  if (kind === 'interface' || kind === 'type' || !declaration) return { name: exported.name, kind };
  // A constant's literal type is its value: `string`, not the key a hard-coded secret holds.
  const type = checker.getBaseTypeOfLiteralType(checker.getTypeOfSymbolAtLocation(symbol, declaration));
  return { name: exported.name, kind, type: oneLine(withoutLongLiterals(checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation)), repositoryMapLimits.typeLength) };
}

/**
 * Long string literals left in a type (an `as const` object's values) are cut to their first
 * characters: short ones (`'open' | 'closed'`) say what a value may be; long ones may be a credential.
 */
function withoutLongLiterals(type: string): string {
  return type.replace(/(["'`])((?:\\.|(?!\1).){4})(?:\\.|(?!\1).){12,}\1/g, '$1$2…$1');
}

function kindOf(flags: ts.SymbolFlags): ExportedSymbol['kind'] {
  if (flags & ts.SymbolFlags.Function) return 'function';
  if (flags & ts.SymbolFlags.Class) return 'class';
  if (flags & ts.SymbolFlags.Interface) return 'interface';
  if (flags & ts.SymbolFlags.TypeAlias) return 'type';
  if (flags & ts.SymbolFlags.Enum) return 'enum';
  if (flags & ts.SymbolFlags.Variable) return 'variable';
  if (flags & ts.SymbolFlags.Module) return 'namespace';
  return 'other';
}

function oneLine(text: string, limit: number): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > limit ? `${line.slice(0, limit - 1)}…` : line;
}
