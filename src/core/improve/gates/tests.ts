/**
 * The test gate: the person's test command (`nova.improve.testCommand`), run in the worktree on the
 * same terms as any command an agent runs — on the allowlist, or approved by the person — with the
 * gate's time limit. Passed only on exit code 0; the evidence is the command's own output (its
 * decisive part; the whole log beside the run's record), never anyone's account of it.
 */
import { WorkspaceSandbox } from '../../workspace/sandbox';
import { nodeWorkspaceFiles } from '../../host/nodeFiles';
import { commandRefusal } from '../../tools/commandPermission';
import { formatDuration } from '../../tools/runCommand';
import { runShell } from '../../tools/shellProcess';
import type { Gate, GateContext } from '../gate';
import type { GateRecord } from '../record';
import { decisiveOutput, gateLog, logWriter } from './gateLog';
import { startGate } from './timedRecord';

/** Who asks for the command, as the approval dialog names the asker. */
export const testGateAgent = 'improve: tests gate';
/** Output kept in memory for the tail; the whole of it goes to the log file. */
const tailChars = 64_000;

export const testsGate: Gate = {
  name: 'tests',
  async run(context: GateContext): Promise<GateRecord> {
    const command = context.settings.testCommand?.trim();
    const gate = startGate('tests', command ? `Tests (${command})` : 'Tests');
    if (!command) return gate.record({ status: 'skipped', summary: 'no test command set: tests were not run', evidence: 'The setting nova.improve.testCommand (or --test-command) is empty.' });
    if (!context.trusted) {
      return gate.record({ status: 'error', summary: 'Restricted Mode: no command runs, so the tests were not run', command, evidence: 'The workspace is not trusted; Nova runs no command in it.' });
    }
    const sandbox = await WorkspaceSandbox.create([context.root], nodeWorkspaceFiles);
    const where = await sandbox.resolve('.');
    if (!where.ok) return gate.record({ status: 'error', summary: 'the worktree could not be resolved', command, evidence: where.reason });
    const refusal = await commandRefusal({ context: { agent: testGateAgent, sandbox, commands: context.commands, signal: context.signal }, command, where, shownCwd: '.' });
    context.signal.throwIfAborted();
    if (refusal !== undefined) return gate.record({ status: 'error', summary: 'the test command did not run: it was not approved', command, evidence: refusal });

    const log = await gateLog(context, 'tests.log');
    const writer = logWriter(log);
    const timeoutMs = context.settings.testTimeoutMs;
    const result = await runShell(command, { cwd: where.path, timeoutMs, signal: context.signal, maxOutputChars: tailChars, onOutput: (text) => writer.write(text) });
    await writer.close();
    context.signal.throwIfAborted();
    if (result.startError !== undefined) return gate.record({ status: 'error', summary: 'the test command could not be started', command, evidence: result.startError, logFile: log.shown });

    const { evidence, trimmed } = await decisiveOutput(log, result.output, result.totalChars);
    const shared = { command, evidence, trimmed, logFile: log.shown };
    if (result.stopped === 'timeout') {
      return gate.record({ ...shared, status: 'error', summary: `timed out after ${formatDuration(timeoutMs)}: the tests were stopped (output so far is the evidence)` });
    }
    if (result.exitCode === null) return gate.record({ ...shared, status: 'failed', summary: `ended by signal ${result.exitSignal ?? 'unknown'}` });
    return gate.record({ ...shared, status: result.exitCode === 0 ? 'passed' : 'failed', summary: `exit code ${result.exitCode}`, exitCode: result.exitCode });
  },
};
