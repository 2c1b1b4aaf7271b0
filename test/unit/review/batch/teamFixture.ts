/**
 * A small workspace for batched team reviews: three files that import each other, with analyzer
 * findings of security rules (a hard-coded key, `eval`) and of others (`==`, `any`), analysed in
 * memory with their real repository map.
 */
import { runAnalyzers } from '../../../../src/core/review/run';
import type { BatchFile } from '../../../../src/core/review/batch/teamRequests';
import { RepositoryMap } from '../../../../src/core/typescript/repositoryMap';
import { TypeScriptProject } from '../../../../src/core/typescript/project';

/** The key is a made-up value in the Anthropic format; the analyzer flags it by its format. */
export const plantedKey = 'sk-ant-api03-Zk3pQ9vXw2LmN8rT5yHb7JcD4fGs6AeU1oIq0KxV';

export const teamSources: Readonly<Record<string, string>> = {
  'src/config.ts': [
    `export const anthropicKey = '${plantedKey}';`,
    '',
    'export function loadSettings(name: string): Record<string, string> {',
    '  return { name };',
    '}',
    '',
  ].join('\n'),
  'src/board.ts': [
    "import { loadSettings } from './config';",
    '',
    'export function columnCount(wanted: number, limit: number): number {',
    "  const settings = loadSettings('board.json');",
    '  if (wanted == limit) return limit;',
    "  return eval(settings['formula'] ?? '0') as number;",
    '}',
    '',
  ].join('\n'),
  'src/util.ts': [
    "import { columnCount } from './board';",
    '',
    'export function widen(value: any): number {',
    '  return columnCount(value, 10);',
    '}',
    '',
  ].join('\n'),
};

const root = '/team-workspace/';

/** The fixture's files with their analyzer findings and repository context, as a batched review takes them. */
export function teamFiles(sources: Readonly<Record<string, string>> = teamSources): BatchFile[] {
  const entries = Object.entries(sources).map(([path, text]) => ({ path, text, fileName: `${root}${path}` }));
  const project = TypeScriptProject.inMemory(entries.map(({ fileName, text }) => ({ fileName, text })));
  const findings = runAnalyzers(entries, { service: project.service });
  const map = new RepositoryMap(project.program(), (fileName) => (fileName.startsWith(root) ? fileName.slice(root.length) : undefined));
  return entries.map(({ path, text, fileName }) => ({ path, text, findings: findings.filter((found) => found.path === path), context: map.contextOf(fileName) }));
}
