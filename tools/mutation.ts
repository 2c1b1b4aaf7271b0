/**
 * `npm run test:mutation`: mutation testing of the discipline modules (issue 18) with StrykerJS. Each
 * module has its own config, stryker/<module>.conf.json (what to mutate, the spec files that exercise
 * it), so one run takes minutes; `npm run test:mutation -- sandbox governor` runs only those named.
 * Runs them one after another (the machine's cores are shared), then prints one table row per module
 * and every mutant the tests let live. Not part of `npm test` or CI: it is a measure of the tests,
 * read by a person. Exits 1 when a module scores below the target.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { MutantResult } from '@stryker-mutator/api/core' with { 'resolution-mode': 'import' };
import { repoRoot } from './paths';

/** Issue 18's target: at least this share of the mutants that compile are killed, per module. */
const targetScore = 90;

const configDir = join(repoRoot, 'stryker');
const configSuffix = '.conf.json';
/** Makes StrykerJS 9's mocha runner load under mocha 12; every Stryker process preloads it. */
const mochaShim = join(configDir, 'mocha12.cjs');

interface ModuleRun {
  readonly module: string;
  readonly results: readonly MutantResult[];
  readonly seconds: number;
}

function count(results: readonly MutantResult[], status: MutantResult['status']): number {
  return results.filter((result) => result.status === status).length;
}

/**
 * Stryker's mutation score: killed and timed-out mutants over all that ran or had no test reach them.
 * Mutants that do not compile (the TypeScript checker's CompileError) or crash on load are left out,
 * as Stryker leaves them out.
 */
function score(results: readonly MutantResult[]): number {
  const detected = count(results, 'Killed') + count(results, 'Timeout');
  const valid = detected + count(results, 'Survived') + count(results, 'NoCoverage');
  return valid === 0 ? 100 : (100 * detected) / valid;
}

function formatTable(runs: readonly ModuleRun[]): string {
  const lines = [
    '| module | mutants | killed | survived | timed out | no coverage | invalid | score | target | | wall time |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|',
  ];
  for (const { module, results, seconds } of runs) {
    const invalid = count(results, 'CompileError') + count(results, 'RuntimeError');
    const moduleScore = score(results);
    lines.push(
      `| ${module} | ${results.length - invalid - count(results, 'Ignored')} | ${count(results, 'Killed')} | ${count(results, 'Survived')} | ` +
        `${count(results, 'Timeout')} | ${count(results, 'NoCoverage')} | ${invalid} | ${moduleScore.toFixed(1)} % | ≥ ${targetScore} % | ` +
        `${moduleScore >= targetScore ? 'met' : 'MISSED'} | ${Math.round(seconds)} s |`,
    );
  }
  return lines.join('\n');
}

/** One line per mutant no test killed: where, which mutator, and what it put there. */
function formatSurvivors(runs: readonly ModuleRun[]): string {
  const lines: string[] = [];
  for (const { module, results } of runs) {
    const alive = results.filter((result) => result.status === 'Survived' || result.status === 'NoCoverage');
    if (alive.length === 0) continue;
    lines.push(`\n${module}: ${alive.length} mutant(s) alive`);
    for (const mutant of alive) {
      const where = `${relative(repoRoot, mutant.fileName)}:${mutant.location.start.line}:${mutant.location.start.column}`;
      const replacement = mutant.replacement.replace(/\s+/g, ' ').slice(0, 120);
      lines.push(`- ${where} ${mutant.mutatorName}${mutant.status === 'NoCoverage' ? ' (no coverage)' : ''} → ${replacement}`);
    }
  }
  return lines.join('\n');
}

function configuredModules(): string[] {
  return readdirSync(configDir)
    .filter((name) => name.endsWith(configSuffix))
    .map((name) => name.slice(0, -configSuffix.length))
    .sort();
}

async function main(): Promise<void> {
  const available = configuredModules();
  const named = process.argv.slice(2);
  const unknown = named.filter((module) => !available.includes(module));
  if (unknown.length > 0) {
    console.error(`No Stryker config for ${unknown.join(', ')}; the modules are: ${available.join(', ')} (stryker/<module>${configSuffix}).`);
    process.exitCode = 2;
    return;
  }
  // Stryker works in the current directory, and forks test runners and checkers that must load the shim too.
  process.chdir(repoRoot);
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --require ${JSON.stringify(mochaShim)}`.trim();
  require(mochaShim);
  const { Stryker } = await import('@stryker-mutator/core');
  const runs: ModuleRun[] = [];
  for (const module of named.length > 0 ? named : available) {
    console.log(`\nMutation testing: ${module} (stryker/${module}${configSuffix})`);
    const started = performance.now();
    const results = await new Stryker({ configFile: join('stryker', `${module}${configSuffix}`) }).runMutationTest();
    runs.push({ module, results, seconds: (performance.now() - started) / 1000 });
  }
  console.log(`\nMutation testing (StrykerJS; reports in reports/mutation/<module>/)\n${formatTable(runs)}`);
  console.log(formatSurvivors(runs));
  if (runs.some((run) => score(run.results) < targetScore)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
