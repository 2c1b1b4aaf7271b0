/**
 * dangerous-sink: code that runs a string — as JavaScript (`eval`, `new Function`, `vm.runIn*`,
 * `new vm.Script`, `setTimeout`/`setInterval` given a string) or as a shell command
 * (`child_process` `exec`/`execSync`, and `spawn`/`spawnSync`/`execFile`/`execFileSync` with
 * `shell: true`). Callees are resolved by symbol (sinkCallee.ts), so a local `exec` is not one.
 *
 * What is reported, and how loud:
 * - a string built at run time (a template with substitutions, a concatenation, a variable) reaching
 *   any sink: an error; the evidence is each part that is not a constant (what can carry input);
 * - a constant string run as JavaScript: a warning (no injection, but code from a string defeats
 *   review, tooling and a Content Security Policy);
 * - a constant shell command (`exec('ls -la')`, `execFile('git', ['status'])`): nothing — it runs
 *   what the author wrote, and a command line is what those functions are for.
 */
import * as ts from 'typescript';
import { evidence, finding, forEachNode, snippet, type AnalyzedFinding, type Analyzer, type AnalyzerInput, type Confidence } from './analyzer';
import { nonConstantParts, skipWrappers } from './constantParts';
import { calledName, calleeOrigin, type CalleeOrigin } from './sinkCallee';

export const dangerousSink: Analyzer = {
  name: 'dangerous-sink',
  description: 'strings run as code or as shell commands (eval, new Function, vm, string timers, child_process exec, shell: true)',
  security: true,
  analyze(input) {
    const checker = input.program.getTypeChecker();
    const found: AnalyzedFinding[] = [];
    // A module's sink is imported or required by this file, naming the module; a file that never
    // names one can only reach the platform's, whose names are known (no symbol lookup for the rest).
    const namesSinkModule = /child_process|\bvm\b/.test(input.sourceFile.text);
    forEachNode(input.sourceFile, (node) => {
      if (!ts.isCallExpression(node) && !ts.isNewExpression(node)) return;
      if (!namesSinkModule && !globalSinks.has(calledName(node.expression))) return;
      const sink = sinkOf(calleeOrigin(node.expression, checker), node, checker);
      const reported = sink && report(input, checker, node, sink);
      if (reported) found.push(reported);
    });
    return found;
  },
};

/** A call that runs `code` (a string argument) as JavaScript or as a shell command. */
interface Sink {
  readonly kind: 'javascript' | 'shell';
  /** How the call is named in the message: `eval`, `child_process.exec`… */
  readonly name: string;
  /** The arguments that become the code or the command line. */
  readonly code: readonly ts.Expression[];
}

const shellCommands = new Set(['exec', 'execSync']);
/** These take a file and arguments; only `shell: true` makes them a command line. */
const shellWhenAsked = new Set(['spawn', 'spawnSync', 'execFile', 'execFileSync']);
const vmRunners = new Set(['runInNewContext', 'runInThisContext', 'runInContext', 'compileFunction']);
const timers = new Set(['setTimeout', 'setInterval']);
const globalSinks: ReadonlySet<string | undefined> = new Set(['eval', 'Function', ...timers]);

function sinkOf(origin: CalleeOrigin | undefined, call: ts.CallExpression | ts.NewExpression, checker: ts.TypeChecker): Sink | undefined {
  const args = call.arguments ?? ts.factory.createNodeArray<ts.Expression>();
  const [first] = args;
  if (!origin || !first) return undefined;
  if ('global' in origin) {
    if (origin.global === 'eval' && ts.isCallExpression(call)) return { kind: 'javascript', name: 'eval', code: [first] };
    // `new Function(a, b, body)` and `Function(body)`: every argument is source text.
    if (origin.global === 'Function') return { kind: 'javascript', name: ts.isNewExpression(call) ? 'new Function' : 'Function', code: [...args] };
    if (timers.has(origin.global) && isString(first, checker)) return { kind: 'javascript', name: `${origin.global} with a string`, code: [first] };
    return undefined;
  }
  const name = `${origin.module}.${origin.name}`;
  if (origin.module === 'vm' && (vmRunners.has(origin.name) || (origin.name === 'Script' && ts.isNewExpression(call)))) {
    return { kind: 'javascript', name: origin.name === 'Script' ? 'new vm.Script' : name, code: [first] };
  }
  if (origin.module !== 'child_process' || !ts.isCallExpression(call)) return undefined;
  if (shellCommands.has(origin.name)) return { kind: 'shell', name, code: [first] };
  if (shellWhenAsked.has(origin.name) && args.some(asksForShell)) {
    const list = args[1];
    return { kind: 'shell', name: `${name} with shell: true`, code: list && ts.isArrayLiteralExpression(list) ? [first, list] : [first] };
  }
  return undefined;
}

/** An options object with `shell: true` (or a shell's path). */
function asksForShell(argument: ts.Expression): boolean {
  if (!ts.isObjectLiteralExpression(argument)) return false;
  return argument.properties.some((property) => ts.isPropertyAssignment(property) && property.name.getText() === 'shell' && (property.initializer.kind === ts.SyntaxKind.TrueKeyword || ts.isStringLiteralLike(property.initializer)));
}

function isString(expression: ts.Expression, checker: ts.TypeChecker): boolean {
  return (checker.getTypeAtLocation(expression).flags & ts.TypeFlags.StringLike) !== 0;
}

/** Evidence for at most this many parts (a long concatenation names its first few). */
const maxTaintedParts = 3;

function report(input: AnalyzerInput, checker: ts.TypeChecker, call: ts.CallExpression | ts.NewExpression, sink: Sink): AnalyzedFinding | undefined {
  const tainted = sink.code.flatMap((code) => nonConstantParts(code, checker));
  const site = sink.code[0] ?? call;
  const runs = sink.kind === 'shell' ? 'as a shell command' : 'as JavaScript';
  if (tainted.length === 0) {
    if (sink.kind === 'shell') return undefined;
    return finding(input, site, {
      severity: 'warning',
      rule: 'dangerous-sink',
      message: `\`${sink.name}\` runs a constant string ${runs}: nothing checks or bundles that code.`,
      suggestion: 'Write the code as code (a function), so it is type-checked and reviewed like the rest.',
      confidence: 'medium',
    });
  }
  // A string put together here is input spliced into code; a bare variable may hold a vetted constant.
  const confidence: Confidence = tainted.length === 1 && tainted[0] === skipWrappers(site) ? 'medium' : 'high';
  return finding(input, site, {
    severity: 'error',
    rule: 'dangerous-sink',
    message: `\`${sink.name}\` runs a string built at run time ${runs}: whoever controls ${tainted.slice(0, maxTaintedParts).map((part) => `\`${snippet(part, input.sourceFile, 30)}\``).join(', ')} controls what runs.`,
    suggestion: sink.kind === 'shell'
      ? 'Run the program directly with execFile/spawn and pass the input as separate arguments (no shell), after validating it.'
      : 'Do not run input as code: parse data with JSON.parse, or look the behaviour up in a table of functions.',
    evidence: tainted.slice(0, maxTaintedParts).map((part) => evidence(input, input.sourceFile, part, `\`${snippet(part, input.sourceFile, 30)}\` is not a constant`)),
    confidence,
  });
}
