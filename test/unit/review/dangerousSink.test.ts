import * as assert from 'node:assert/strict';
import { runAnalyzers } from '../../../src/core/review/run';
import { ruleFindings } from './coveredText';

const sinks = (lines: readonly string[]) => ruleFindings([...lines, ''].join('\n'), 'dangerous-sink');

describe('dangerous-sink', () => {
  it('eval and new Function: a built string is an error with its variable parts as evidence, a constant a warning', () => {
    assert.deepEqual(sinks([
      'export function f(input: string, name: string): unknown {',
      '  eval(input);',
      '  eval("1 + 1");',
      '  const fn = new Function("a", `return a.${name}`);',
      '  const same = Function("return 1");',
      '  return [fn, same, globalThis.eval("2" + input)];',
      '}',
    ]), [
      '2 error: input [input]',
      '3 warning: "1 + 1"',
      '4 error: "a" [name]',
      '5 warning: "return 1"',
      '6 error: "2" + input [input]',
    ]);
  });

  it('setTimeout and setInterval only when given a string', () => {
    assert.deepEqual(sinks([
      'export function f(code: string): void {',
      '  setTimeout(code, 10);',
      '  setInterval("tick()", 1000);',
      '  setTimeout(() => code.length, 10);',
      '}',
    ]), ['2 error: code [code]', '3 warning: "tick()"']);
  });

  it('child_process exec with a built command, however it is imported; constant commands and execFile are fine', () => {
    assert.deepEqual(sinks([
      'import { exec, execSync as run, execFile } from "node:child_process";',
      'import * as cp from "child_process";',
      'export function f(dir: string, branch: string): void {',
      '  exec(`ls ${dir}`);',
      '  run("git log " + branch);',
      '  cp.exec(dir);',
      '  exec("ls -la");',
      '  const fixed = "git status";',
      '  cp.execSync(fixed);',
      '  execFile("git", ["log", branch]);',
      '  cp.execFile("ls", ["-la"]);',
      '}',
    ]), ['4 error: `ls ${dir}` [dir]', '5 error: "git log " + branch [branch]', '6 error: dir [dir]']);
  });

  it('require() forms: destructured, a module object, and require(...).exec directly', () => {
    assert.deepEqual(sinks([
      'declare function require(name: string): any;',
      'const { exec: shell } = require("child_process");',
      'const cp = require("node:child_process");',
      'export function f(file: string): void {',
      '  shell("cat " + file);',
      '  cp.execSync(`rm ${file}`);',
      '  require("child_process").exec(file);',
      '}',
    ]), ['5 error: "cat " + file [file]', '6 error: `rm ${file}` [file]', '7 error: file [file]']);
  });

  it('spawn, spawnSync and execFile are sinks only with shell: true, command or arguments built', () => {
    assert.deepEqual(sinks([
      'import { spawn, spawnSync, execFile } from "node:child_process";',
      'export function f(user: string): void {',
      '  spawn(`grep ${user} /etc/passwd`, { shell: true });',
      '  spawnSync("grep", [user, "/etc/passwd"], { shell: true });',
      '  execFile("grep", [user], { shell: "/bin/sh" });',
      '  spawn("grep", [user]);',
      '  spawn("ls -la", { shell: true });',
      '  spawn(user, { shell: false });',
      '}',
    ]), ['3 error: `grep ${user} /etc/passwd` [user]', '4 error: "grep" [user]', '5 error: "grep" [user]']);
  });

  it('vm: runInNewContext, runInThisContext, runInContext, new vm.Script', () => {
    assert.deepEqual(sinks([
      'import * as vm from "node:vm";',
      'import { runInThisContext } from "vm";',
      'export function f(source: string, context: object): void {',
      '  vm.runInNewContext(source, context);',
      '  runInThisContext(`(${source})`);',
      '  vm.runInContext("1", context);',
      '  new vm.Script(source);',
      '}',
    ]), ['4 error: source [source]', '5 error: `(${source})` [source]', '6 warning: "1"', '7 error: source [source]']);
  });

  it('a local function or method called exec, eval or setTimeout is not a sink', () => {
    assert.deepEqual(sinks([
      'function exec(command: string): string { return command; }',
      'const runner = { exec: (command: string) => command, setTimeout: (code: string) => code };',
      'export function f(input: string): string[] {',
      '  const evaluate = (text: string) => text;',
      '  return [exec(`ls ${input}`), runner.exec(input), runner.setTimeout(input), evaluate(input), JSON.parse(input)];',
      '}',
    ]), []);
  });

  it('constants: a const chain, string literal unions and `as const` are not input', () => {
    assert.deepEqual(sinks([
      'import { exec } from "node:child_process";',
      'const base = "git";',
      'const command = `${base} status`;',
      'export function f(mode: "short" | "long"): void {',
      '  exec(command);',
      '  exec(`git log --format=${mode}`);',
      '  exec(("git" + " " + "fetch") as string);',
      '}',
    ]), []);
  });

  it('findings are security errors with confidence: high for a built string, medium for a bare variable', () => {
    const text = ['import { exec } from "node:child_process";', 'export function f(a: string): void {', '  exec(a);', '  exec(`x ${a}`);', '}', ''].join('\n');
    const found = runAnalyzers([{ path: 'src/a.ts', text }]).filter((item) => item.rule === 'dangerous-sink');
    assert.deepEqual(found.map((item) => `${item.line} ${item.confidence} ${item.analyzer}`), ['3 medium dangerous-sink', '4 high dangerous-sink']);
    assert.match(found[1]?.message ?? '', /runs a string built at run time as a shell command: whoever controls `a` controls what runs/);
    assert.deepEqual(found[1]?.evidence?.map((item) => item.message), ['`a` is not a constant']);
  });
});
