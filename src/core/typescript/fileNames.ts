/** File names as TypeScript writes them, and where its own lib files are. */
import * as path from 'node:path';
import * as ts from 'typescript';

let libFolder: string | undefined;

/**
 * The folder of TypeScript's lib.*.d.ts files: always readable, never part of the workspace. A
 * function, not a constant: reading it loads TypeScript, which bundles load on first use.
 */
export function typescriptLibFolder(): string {
  return (libFolder ??= path.dirname(ts.getDefaultLibFilePath({})));
}

/** A path as TypeScript writes it: `/` separators on every platform. */
export function slashPath(fileName: string): string {
  return fileName.replace(/\\/g, '/');
}
