/**
 * The offline test-runner: runs every gate with run_command exactly as given and reports what
 * happened. A refused command (not allowlisted, not approved, Restricted Mode) did not run, so its
 * gate is `error` with the refusal as evidence — never a pass.
 */
import type { OfflineTurn, PastCall } from '../turn';
import { act, submit, type OfflineStep } from '../step';

interface Gate {
  readonly name: string;
  readonly command: string;
}

/** Evidence kept per gate: the tail, where runners print their verdict. */
const maxEvidence = 2000;

export function testRunnerStep(turn: OfflineTurn, request: { reason: string; gates: readonly Gate[] }): OfflineStep {
  const runs = turn.callsOf('run_command');
  if (runs.length === 0) {
    return act(`Running ${request.gates.length} gate(s) exactly as given: ${request.gates.map((gate) => gate.command).join('; ')}.`, ...request.gates.map((gate) => ({ name: 'run_command', input: { command: gate.command } })));
  }
  const gates = request.gates.map((gate, index) => ({ name: gate.name, command: gate.command, ...judge(runs[index]) }));
  const overall = gates.every((gate) => gate.status === 'passed') ? 'passed' : 'failed';
  return act(`Gates: ${gates.map((gate) => `${gate.name} ${gate.status}`).join(', ')}.`, submit('GateReport', { gates, overall }));
}

function judge(run: PastCall | undefined): { status: 'passed' | 'failed' | 'error'; evidence: string } {
  if (!run) return { status: 'error', evidence: '[offline] The command was not run.' };
  const evidence = run.output.length > maxEvidence ? `[trimmed to the last ${maxEvidence} characters] ${run.output.slice(-maxEvidence)}` : run.output;
  if (run.isError) return { status: 'error', evidence };
  const exit = /^Exit code: (\d+)$/m.exec(run.output);
  if (!exit) return { status: 'error', evidence };
  return { status: exit[1] === '0' ? 'passed' : 'failed', evidence };
}
