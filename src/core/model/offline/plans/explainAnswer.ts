/**
 * The offline explain answers as Markdown, written from typescript_symbols' data (never from its
 * prose): each declaration with its kind, name and line, and the places that reference it. Every
 * place an answer names is also one of its `references`, which the chat turns into links.
 */
import { describeReferences, listReferences, type SymbolDeclaration, type SymbolPlace, type SymbolReport } from '../../../tools/typescriptSymbols';
import { readJsonBlock } from '../../../tools/structuredOutput';
import { invokes } from '../../../typescript/references';
import type { PastCall } from '../turn';
import type { SymbolQuestion } from './symbolQuestion';

/** An answer's lines and the places it names. */
export interface ExplainAnswer {
  readonly lines: string[];
  readonly references: SymbolPlace[];
}

/** Files described one after another: a heading each when there are several. */
export function fileAnswer(files: readonly { readonly path: string; readonly call: PastCall }[]): ExplainAnswer {
  const places = new Places();
  const lines = [`[offline] The declarations of ${files.map((file) => file.path).join(', ')}, and what references them, from TypeScript's language service:`];
  for (const { path, call } of files) {
    lines.push('');
    if (files.length > 1) lines.push(`**${path}**`, '');
    const report = reportOf(call);
    if (!report) {
      lines.push(`${path} could not be described: ${firstLine(call)}`);
      continue;
    }
    if (report.declarations.length === 0) lines.push(`${path} declares nothing at the top level.`);
    for (const declaration of report.declarations) {
      const indent = declaration.container ? '  ' : '';
      lines.push(`${indent}- ${declaration.exported ? 'exported ' : ''}${declaration.kind} \`${declaration.name}\`, line ${declaration.line} — ${describeReferences(declaration)}`);
      places.addDeclaration(declaration);
    }
    if (report.notListed > 0) lines.push(`- and ${report.notListed} more declaration(s) not listed`);
  }
  return { lines, references: places.list };
}

/** Where a name is declared and who calls or references it. */
export function symbolAnswer(asked: SymbolQuestion, call: PastCall): ExplainAnswer {
  const report = reportOf(call);
  const name = `\`${asked.symbol}\``;
  if (!report) return { lines: [`[offline] I could not look ${name} up: ${firstLine(call)}`], references: [] };
  const scope = report.path ? ` in ${report.path}` : ' in this workspace';
  if (report.declarations.length === 0) {
    const similar = report.similar && report.similar.length > 0 ? ` Similar names: ${report.similar.map((found) => `\`${found}\``).join(', ')}.` : '';
    const hint = ' Ask with the exact name (case matters), or /explain a file to see what it declares.';
    return { lines: [`[offline] TypeScript's language service finds no declaration named ${name}${scope}.${similar}${hint}`], references: [] };
  }
  const places = new Places();
  const count = report.declarations.length + report.notListed;
  const lines = [
    asked.asks === 'definition'
      ? `[offline] ${name} is declared in ${count === 1 ? 'one place' : `${count} places`}${scope}, by TypeScript's language service:`
      : `[offline] What calls or references ${name}${scope}, by TypeScript's language service:`,
    '',
  ];
  for (const declaration of report.declarations) {
    const name = declaration.container ? `${declaration.container}.${declaration.name}` : declaration.name;
    lines.push(`- ${declaration.exported ? 'exported ' : ''}${declaration.kind} \`${name}\`, declared at ${declaration.path}:${declaration.line}`);
    const calls = declaration.references.filter((reference) => invokes(reference.use));
    const others = declaration.references.filter((reference) => !invokes(reference.use));
    if (calls.length > 0) lines.push(`  - called from ${listReferences(calls, 'call')}`);
    if (others.length > 0) lines.push(`  - ${calls.length > 0 ? 'also ' : ''}referenced from ${listReferences(others)}`);
    if (declaration.references.length === 0) lines.push('  - no references in the workspace');
    if (declaration.moreReferences > 0) lines.push(`  - and ${declaration.moreReferences} more reference(s) not listed`);
    places.addDeclaration(declaration);
  }
  if (report.notListed > 0) lines.push(`- and ${report.notListed} more declaration(s) not listed`);
  return { lines, references: places.list };
}

/** The places an answer names, each once, in the order named. */
class Places {
  private readonly seen = new Set<string>();
  readonly list: SymbolPlace[] = [];

  addDeclaration(declaration: SymbolDeclaration): void {
    for (const place of [declaration, ...declaration.references]) {
      const key = `${place.path}:${place.line}`;
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      this.list.push({ path: place.path, line: place.line });
    }
  }
}

function reportOf(call: PastCall): SymbolReport | undefined {
  if (call.isError) return undefined;
  const data = readJsonBlock(call.output) as SymbolReport | undefined;
  return data && Array.isArray(data.declarations) ? data : undefined;
}

function firstLine(call: PastCall): string {
  return call.output.split('\n')[0] ?? 'no result';
}
