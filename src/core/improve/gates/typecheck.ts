/**
 * The type-check gate: Nova's own TypeScript over the worktree's project (its tsconfig.json, read
 * and matched as `tsc -p` would, through the same project loading the typescript_check tool uses),
 * with types resolved where `tsc` finds them — the worktree's `node_modules`, which the loop links
 * in. Failed on any error; the evidence is the compiler's diagnostics in tsc's own format.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { nodeWorkspaceFiles } from '../../host/nodeFiles';
import { slashPath } from '../../typescript/fileNames';
import { TypeScriptProject } from '../../typescript/project';
import { readWorkspaceSources } from '../../typescript/workspaceStore';
import { WorkspaceSandbox } from '../../workspace/sandbox';
import type { Gate, GateContext } from '../gate';
import type { GateRecord } from '../record';
import { gateLog } from './gateLog';
import { startGate } from './timedRecord';

/** Diagnostics quoted in the record; all of them are in the log. */
const maxQuoted = 100;

export const typecheckGate: Gate = {
  name: 'typecheck',
  async run(context: GateContext): Promise<GateRecord> {
    const gate = startGate('typecheck', 'Type-check');
    if (!(await isFile(path.join(context.root, 'tsconfig.json')))) {
      return gate.record({ status: 'skipped', summary: 'no TypeScript project', evidence: 'There is no tsconfig.json in the workspace folder, so nothing was type-checked.' });
    }
    const sandbox = await WorkspaceSandbox.create([context.root], nodeWorkspaceFiles);
    const folder = sandbox.folders[0] as string;
    const sources = await readWorkspaceSources(sandbox, folder, context.signal, context.trusted);
    const configFile = slashPath(path.join(folder, 'tsconfig.json'));
    const project = new TypeScriptProject({ store: sources.store, configFile, directory: path.posix.dirname(configFile), display: (fileName) => relativeTo(folder, fileName) });
    const errors = project.compilerDiagnostics().filter((diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error);
    context.signal.throwIfAborted();

    const checked = project.rootFiles.filter((fileName) => !fileName.endsWith('.d.ts')).length;
    if (errors.length === 0) return gate.record({ status: 'passed', summary: `no errors in ${checked} file(s) (tsconfig.json)`, evidence: `tsc -p tsconfig.json: ${checked} file(s), no errors.` });
    const formatHost: ts.FormatDiagnosticsHost = { getCurrentDirectory: () => slashPath(folder), getCanonicalFileName: (fileName) => fileName, getNewLine: () => '\n' };
    const lines = ts.sortAndDeduplicateDiagnostics(errors).map((diagnostic) => ts.formatDiagnostics([diagnostic], formatHost).trimEnd());
    const files = new Set(errors.map((diagnostic) => diagnostic.file?.fileName ?? configFile)).size;
    const found = `Found ${lines.length} error(s) in ${files} file(s).`;
    const summary = `${lines.length} error(s) in ${files} file(s) (tsconfig.json)`;
    if (lines.length <= maxQuoted) return gate.record({ status: 'failed', summary, evidence: [...lines, '', found].join('\n') });
    const log = await gateLog(context, 'typecheck.log');
    await fs.writeFile(log.file, [...lines, '', found, ''].join('\n'));
    const evidence = [...lines.slice(0, maxQuoted), `[${lines.length - maxQuoted} more in ${log.shown}]`, '', found].join('\n');
    return gate.record({ status: 'failed', summary, evidence, trimmed: true, logFile: log.shown });
  },
};

async function isFile(fileName: string): Promise<boolean> {
  return (await fs.stat(fileName).catch(() => undefined))?.isFile() ?? false;
}

function relativeTo(folder: string, fileName: string): string {
  return slashPath(path.relative(folder, fileName));
}
