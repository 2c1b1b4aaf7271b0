/**
 * The offline concierge's answer when it has no typescript_symbols tool (a workspace's own
 * concierge may not list it): it reads the files in scope and lists their top-level exported
 * declarations with lines — structure it can vouch for, without references — and says plainly
 * that explaining what the code does takes a language model (an Anthropic API key).
 */
import * as ts from 'typescript';
import type { OfflineTurn } from '../turn';
import { act, submit, type OfflineStep } from '../step';
import { expandToSources, type Listing } from '../workspacePaths';

/** Files read for one answer; the rest are named as not read. */
const maxFiles = 5;

export function explainByReadingStep(turn: OfflineTurn, question: string, scope: readonly string[], listing: Listing): OfflineStep {
  const sources = expandToSources(scope, listing);
  const files = sources.slice(0, maxFiles);
  const read = new Map(turn.callsOf('read_file').map((call) => [String(call.input['path']), call]));
  const unread = files.filter((file) => !read.has(file));
  if (unread.length > 0) {
    return act(`Reading ${unread.join(', ')} to summarise its structure.`, ...unread.map((path) => ({ name: 'read_file', input: { path } })));
  }
  const references: { path: string; line: number }[] = [];
  const parts: string[] = [];
  for (const path of files) {
    const call = read.get(path);
    if (!call || call.isError) {
      parts.push(`${path} could not be read${call ? ` (${call.output.split('\n')[0] ?? ''})` : ''}.`);
      continue;
    }
    const declarations = exportedDeclarations(path, numberedText(call.output));
    references.push(...declarations.map((declaration) => ({ path, line: declaration.line })));
    parts.push(declarations.length > 0
      ? `${path} exports ${declarations.map((d) => `${d.kind} ${d.name} (line ${d.line})`).join(', ')}.`
      : `${path} exports nothing.`);
  }
  if (files.length === 0) parts.push(`I found no TypeScript files in ${scope.join(', ')} to summarise.`);
  if (sources.length > files.length) parts.push(`${sources.length - files.length} more file(s) in scope were not read.`);
  const answer = [
    `[offline] You asked: "${question}". Without a language model I can only summarise structure, not explain behaviour; without the typescript_symbols tool, not what references it either.`,
    ...parts,
    'Set an Anthropic API key (command "Nova: Set Anthropic API Key" or ANTHROPIC_API_KEY) for a real explanation.',
  ].join(' ');
  return act('Answering with the structure I found.', submit('Answer', { answer, references }));
}

/** The file text behind read_file's numbered lines (`   12| text`). */
function numberedText(output: string): string {
  return output
    .split('\n')
    .flatMap((line) => {
      const match = /^\s*\d+\| ?(.*)$/.exec(line);
      return match ? [match[1] ?? ''] : [];
    })
    .join('\n');
}

interface Declaration {
  readonly kind: string;
  readonly name: string;
  readonly line: number;
}

/** Top-level exported declarations of a TypeScript text. */
function exportedDeclarations(path: string, text: string): Declaration[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const line = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const exported = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const found: Declaration[] = [];
  for (const statement of source.statements) {
    if (!exported(statement)) continue;
    if (ts.isFunctionDeclaration(statement) && statement.name) found.push({ kind: 'function', name: statement.name.text, line: line(statement) });
    else if (ts.isClassDeclaration(statement) && statement.name) found.push({ kind: 'class', name: statement.name.text, line: line(statement) });
    else if (ts.isInterfaceDeclaration(statement)) found.push({ kind: 'interface', name: statement.name.text, line: line(statement) });
    else if (ts.isTypeAliasDeclaration(statement)) found.push({ kind: 'type', name: statement.name.text, line: line(statement) });
    else if (ts.isEnumDeclaration(statement)) found.push({ kind: 'enum', name: statement.name.text, line: line(statement) });
    else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const kind = statement.declarationList.flags & ts.NodeFlags.Const ? 'const' : 'variable';
        if (ts.isIdentifier(declaration.name)) found.push({ kind, name: declaration.name.text, line: line(declaration) });
      }
    }
  }
  return found;
}
