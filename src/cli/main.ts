/**
 * `nova`: the headless way to use the team, on the same core as the extension.
 * Errors a person can fix get one line and exit code 2; see usage.ts.
 *
 * stdout and stderr are wrapped once, here, in a `TerminalOutput`: everything Nova prints — model
 * text, tool and agent names, paths, error messages — reaches the terminal inert (core/inertText.ts).
 */
import { parseArgs } from 'node:util';
import { agentsCommand } from './agentsCommand';
import { improveCommand } from './improveCommand';
import { cancelOnStopSignals, signalExitCode } from './interrupt';
import { proposalsCommand } from './proposalsCommand';
import { reviewCommand } from './reviewCommand';
import { runCommand } from './runCommand';
import { TerminalOutput } from './terminalOutput';
import { traceShowCommand } from './traceCommand';
import { traceExportCommand } from './traceExportCommand';
import { commandUsage, exitCodes, usage, UsageError } from './usage';

/** Cancelled when the reader of stdout goes away (`nova run … | head -3`): nobody reads the rest. */
const outputGone = new AbortController();
const stdout = new TerminalOutput(process.stdout, (error) => outputGone.abort(error));
// Errors on stderr (a closed pipe, a hung-up terminal) have nowhere to be reported; they end nothing.
const stderr = new TerminalOutput(process.stderr);
/** stdout as bytes, for a binary export piped on (`nova trace export --format otlp FILE | curl …`); never to a terminal. */
const rawStdout = {
  isTTY: process.stdout.isTTY === true,
  write: (bytes: Uint8Array) => new Promise<void>((resolve, reject) => process.stdout.write(bytes, (error) => (error ? reject(error) : resolve()))),
};

/**
 * Runs a command that Ctrl-C, SIGTERM or SIGHUP cancel (see interrupt.ts), as does the reader of
 * stdout going away; a signal's exit code wins over the command's.
 */
async function cancellable(command: (signal: AbortSignal) => Promise<number>): Promise<number> {
  const controller = new AbortController();
  const interruption = cancelOnStopSignals(controller, stderr);
  try {
    const code = await command(AbortSignal.any([controller.signal, outputGone.signal]));
    return interruption.received ? signalExitCode(interruption.received) : code;
  } finally {
    interruption.dispose();
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    stdout.write(`${usage}\n`);
    return command === undefined ? exitCodes.usage : exitCodes.done;
  }
  // `nova review --help`: the flags after the command (a `--help` after `--` is an argument).
  const flags = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  const help = flags.includes('--help') || flags.includes('-h') ? commandUsage(command) : undefined;
  if (help !== undefined) {
    stdout.write(`${help}\n`);
    return exitCodes.done;
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
      return cancellable((signal) =>
        runCommand(
          { task: positionals.join(' '), agent: values.agent as string | undefined, workspace: values.workspace as string | undefined, model: values.model as string | undefined, ...allowances(values) },
          stdout,
          process.env,
          signal,
        ),
      );
    }
    case 'improve': {
      const { values, positionals } = parse({
        scope: { type: 'string', multiple: true },
        goal: { type: 'string' },
        preset: { type: 'string' },
        agents: { type: 'boolean' },
        'test-command': { type: 'string' },
        // The CLI always leaves the branch (and its worktree) for the job that ran it: the flag says so, it changes nothing.
        'keep-branch': { type: 'boolean' },
        report: { type: 'string' },
        json: { type: 'string' },
        workspace: { type: 'string' },
        model: { type: 'string' },
        ...allowanceOptions,
      });
      if (positionals.length > 0) throw new UsageError(`nova improve takes flags only; the goal goes in --goal (got "${positionals.join(' ')}")`);
      return cancellable((signal) =>
        improveCommand(
          {
            scope: values.scope as string[] | undefined,
            goal: values.goal as string | undefined,
            preset: values.preset as string | undefined,
            agents: values.agents as boolean | undefined,
            testCommand: values['test-command'] as string | undefined,
            report: values.report as string | undefined,
            json: values.json as string | undefined,
            workspace: values.workspace as string | undefined,
            model: values.model as string | undefined,
            ...allowances(values),
          },
          stdout,
          process.env,
          signal,
        ),
      );
    }
    case 'review': {
      const { values, positionals } = parse({
        workspace: { type: 'string' },
        changed: { type: 'boolean' },
        format: { type: 'string' },
        output: { type: 'string' },
        'fail-on': { type: 'string' },
        'update-baseline': { type: 'boolean' },
      });
      const request = {
        paths: positionals,
        workspace: values.workspace as string | undefined,
        changed: values.changed as boolean | undefined,
        format: values.format as string | undefined,
        output: values.output as string | undefined,
        failOn: values['fail-on'] as string | undefined,
        updateBaseline: values['update-baseline'] as boolean | undefined,
      };
      return cancellable((signal) => reviewCommand(request, stdout, signal));
    }
    case 'agents': {
      const { values } = parse({ workspace: { type: 'string' }, model: { type: 'string' }, ...allowanceOptions });
      return agentsCommand({ workspace: values.workspace as string | undefined, model: (values.model as string | undefined) ?? process.env.NOVA_MODEL, ...allowances(values) }, stdout);
    }
    case 'trace': {
      const { values, positionals } = parse({ format: { type: 'string' }, endpoint: { type: 'string' }, out: { type: 'string' } });
      const [action, file, ...extra] = positionals;
      if (action === 'export') {
        const request = { file, extra, format: values.format as string | undefined, endpoint: values.endpoint as string | undefined, out: values.out as string | undefined };
        return traceExportCommand(request, { stdout, stderr, binary: rawStdout, signal: outputGone.signal });
      }
      if (action !== 'show') throw new UsageError('Unknown trace command; use: nova trace show FILE, or nova trace export --format jsonl|otlp FILE');
      if (Object.keys(values).length > 0) throw new UsageError(`nova trace show takes no options (--${Object.keys(values).join(', --')} are for nova trace export).`);
      return traceShowCommand(file, stdout);
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
      throw new UsageError(`Unknown command "${command}". Commands: run, review, improve, agents, proposals, trace show, trace export. See nova --help.`);
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
