/**
 * `nova`: the headless way to use the team, on the same core as the extension.
 * Errors a person can fix get one line and exit code 2; see usage.ts.
 *
 * stdout and stderr are wrapped once, here, in a `TerminalOutput`: everything Nova prints — model
 * text, tool and agent names, paths, error messages — reaches the terminal inert (core/inertText.ts).
 */
import { parseArgs } from 'node:util';
import { agentsCommand } from './agentsCommand';
import { cancelOnStopSignals, signalExitCode } from './interrupt';
import { proposalsCommand } from './proposalsCommand';
import { runCommand } from './runCommand';
import { TerminalOutput } from './terminalOutput';
import { traceShowCommand } from './traceCommand';
import { exitCodes, usage, UsageError } from './usage';

/** Cancelled when the reader of stdout goes away (`nova run … | head -3`): nobody reads the rest. */
const outputGone = new AbortController();
const stdout = new TerminalOutput(process.stdout, (error) => outputGone.abort(error));
// Errors on stderr (a closed pipe, a hung-up terminal) have nowhere to be reported; they end nothing.
const stderr = new TerminalOutput(process.stderr);

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    stdout.write(`${usage}\n`);
    return command === undefined ? exitCodes.usage : exitCodes.done;
  }
  const parse = (options: NonNullable<Parameters<typeof parseArgs>[0]>['options']) => {
    try {
      return parseArgs({ args: [...rest], options: options ?? {}, allowPositionals: true, strict: true });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  };
  // What the person allows the workspace's agent files, given per invocation (repeatable flags).
  const allowanceOptions = { 'accept-agent': { type: 'string', multiple: true }, 'allow-endpoint': { type: 'string', multiple: true } } as const;
  const allowances = (values: Record<string, unknown>) => ({ acceptAgents: values['accept-agent'] as string[] | undefined, allowEndpoints: values['allow-endpoint'] as string[] | undefined });
  switch (command) {
    case 'run': {
      const { values, positionals } = parse({ agent: { type: 'string' }, workspace: { type: 'string' }, model: { type: 'string' }, ...allowanceOptions });
      const controller = new AbortController();
      const interruption = cancelOnStopSignals(controller, stderr);
      try {
        const code = await runCommand(
          { task: positionals.join(' '), agent: values.agent as string | undefined, workspace: values.workspace as string | undefined, model: values.model as string | undefined, ...allowances(values) },
          stdout,
          process.env,
          AbortSignal.any([controller.signal, outputGone.signal]),
        );
        return interruption.received ? signalExitCode(interruption.received) : code;
      } finally {
        interruption.dispose();
      }
    }
    case 'agents': {
      const { values } = parse({ workspace: { type: 'string' }, model: { type: 'string' }, ...allowanceOptions });
      return agentsCommand({ workspace: values.workspace as string | undefined, model: (values.model as string | undefined) ?? process.env.NOVA_MODEL, ...allowances(values) }, stdout);
    }
    case 'trace': {
      const { positionals } = parse({});
      if (positionals[0] !== 'show') throw new UsageError('Unknown trace command; use: nova trace show FILE');
      return traceShowCommand(positionals[1], stdout);
    }
    case 'proposals': {
      const { values, positionals } = parse({ workspace: { type: 'string' }, all: { type: 'boolean' }, json: { type: 'boolean' }, hunk: { type: 'string', multiple: true }, reason: { type: 'string' } });
      const [action, ...args] = positionals;
      return proposalsCommand(
        { action, args, flags: Object.keys(values), workspace: values.workspace as string | undefined, all: values.all as boolean | undefined, json: values.json as boolean | undefined, hunks: values.hunk as string[] | undefined, reason: values.reason as string | undefined },
        stdout,
      );
    }
    default:
      throw new UsageError(`Unknown command "${command}". Commands: run, agents, proposals, trace show. See nova --help.`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = stdout.closed ? exitCodes.outputClosed : code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      stderr.write(`nova: ${error.message}\n`);
      process.exitCode = exitCodes.usage;
    } else {
      stderr.write(`nova: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = exitCodes.failed;
    }
  },
);
