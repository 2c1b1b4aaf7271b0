/**
 * A run's trace planted in a workspace's trace store (`.nova/traces/<runId>.jsonl`), one span a line
 * as the JSONL processor writes it (with `.nova/.gitignore`, so it stays out of Source Control like
 * a real one): a small team run — router → refactorer, one bounced handoff then a delivered one,
 * the refactorer's result — for the trace panel's tests.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Span } from '../../src/core/trace/spans';
import { ensureNovaIgnore } from '../../src/core/workspace/novaIgnore';

/** The spans of a finished run `runId` on `task`; ids are `<runId>-<name>`. */
export function tracedRun(runId: string, task: string, at = 1_700_000_000_000): Span[] {
  const id = (name: string) => `${runId}-${name}`;
  const base = (name: string, parent: string | null, offset: number, length: number) => ({ runId, id: id(name), parentId: parent === null ? null : id(parent), startedAt: at + offset, endedAt: at + offset + length });
  return [
    { ...base('bounce', 'router', 10, 1), kind: 'handoff', agent: 'router', from: 'router', to: 'refactorer', contract: 'RefactorRequest', reason: 'a refactor', payloadHash: 'a1', status: 'bounced', detail: 'goal: Required', issues: ['goal: Required'], payload: { bytes: 2, value: {} } },
    { ...base('handoff', 'router', 20, 1), kind: 'handoff', agent: 'router', from: 'router', to: 'refactorer', contract: 'RefactorRequest', reason: 'a refactor', payloadHash: 'b2', status: 'delivered', payload: { bytes: 40, value: { goal: 'tidy', files: ['src/board.ts'], constraints: [] } } },
    { ...base('router', 'run', 1, 25), kind: 'agent', agent: 'router', accepted: 'RoutedTask', outcome: 'handed_off', from: 'person' },
    { ...base('result', 'refactorer', 40, 1), kind: 'validation', agent: 'refactorer', contract: 'ChangeProposal', direction: 'result', attempt: 1, verdict: 'accepted', issues: [] },
    { ...base('refactorer', 'run', 30, 20), kind: 'agent', agent: 'refactorer', accepted: 'RefactorRequest', outcome: 'submitted', returned: 'ChangeProposal', from: 'router', handoffSpanId: id('handoff') },
    { ...base('run', null, 0, 60), kind: 'run', task, entryAgent: 'router', status: 'completed' },
  ] as Span[];
}

/** Where the trace of `runId` is in `workspace`. */
export function plantedTracePath(workspace: string, runId: string): string {
  return join(workspace, '.nova', 'traces', `${runId}.jsonl`);
}

/** Writes the spans (and any raw `damaged` lines after them) as the run's trace file; returns its path. */
export function plantTrace(workspace: string, runId: string, spans: readonly Span[], damaged: readonly string[] = []): string {
  const file = plantedTracePath(workspace, runId);
  mkdirSync(join(workspace, '.nova', 'traces'), { recursive: true });
  ensureNovaIgnore(join(workspace, '.nova'));
  writeFileSync(file, [...spans.map((span) => JSON.stringify(span)), ...damaged].join('\n') + '\n');
  return file;
}

/** Removes the run's trace file and its side payloads. */
export function removeTrace(workspace: string, runId: string): void {
  rmSync(plantedTracePath(workspace, runId), { force: true });
  rmSync(join(workspace, '.nova', 'traces', `${runId}.payloads`), { recursive: true, force: true });
}
