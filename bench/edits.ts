/**
 * The change model on a large file: a 5,000-line source file whose agent's version changes 50 places
 * (lines replaced, added, deleted). Measures computing the hunks (jsdiff's line diff, then the
 * recorded FileChange with its base hash and context) and applying all 50; then applying them after
 * the person added lines on top, so each hunk is found again by its context (the rebase path). Every iteration checks the text it made, so a fast wrong answer
 * cannot pass. Run alone with `node out/bench/edits.js`.
 */
import { performance } from 'node:perf_hooks';
import { hunksBetween } from '../src/core/edits/lineDiff';
import { fileChange } from '../src/core/edits/newChangeSet';
import { applyHunks } from '../src/core/edits/placement';
import { seeded } from '../test/support/seeded';
import { formatBenchTable, median, type BenchRow } from './table';

const LINES = 5_000;
const HUNKS = 50;
const ITERATIONS = 40;
const WARM_UPS = 5;

/** A source file of `LINES` lines shaped like TypeScript: functions of a few statements, blank lines, braces. */
function sourceFile(): string[] {
  const lines: string[] = [];
  for (let fn = 0; lines.length < LINES; fn++) {
    lines.push(`export function step${fn}(input: Input): Output {`, `  const value = input.values[${fn % 17}] ?? 0;`, `  if (value > ${fn}) {`, '    return { ok: false };', '  }', `  log('step ${fn}', value);`, '  return { ok: true, value };', '}', '');
  }
  return lines.slice(0, LINES);
}

/** The agent's version: one change every `LINES / HUNKS` lines — a line replaced, two added, or one deleted. */
function agentVersion(lines: readonly string[]): string[] {
  const pick = seeded(13);
  const result = [...lines];
  const every = LINES / HUNKS;
  // From the end, so earlier positions stay where they were.
  for (let change = HUNKS - 1; change >= 0; change--) {
    const at = change * every + 3 + pick(every - 6);
    const kind = change % 3;
    if (kind === 0) result.splice(at, 1, `${result[at] ?? ''} // checked`);
    else if (kind === 1) result.splice(at, 0, `  assert(input !== undefined, 'step input ${change}');`, `  trace('step', ${change});`);
    else result.splice(at, 1);
  }
  return result;
}

const text = (lines: readonly string[]) => lines.map((line) => `${line}\n`).join('');
const round = (value: number) => Math.round(value * 100) / 100;
const p95 = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.ceil(values.length * 0.95) - 1] ?? NaN;

/** Times compute, apply, and apply after the person shifted lines, over `ITERATIONS` runs after warm-ups. */
export function measureEdits(): BenchRow[] {
  const base = sourceFile();
  const oldText = text(base);
  const newText = text(agentVersion(base));
  // The person's file: a header added on top, so every hunk is 3 lines below where it was proposed.
  const personTop = ['// Copyright the person', '// SPDX-License-Identifier: MIT', ''];
  const shifted = text([...personTop, ...base]);
  const expectedShifted = text([...personTop, ...agentVersion(base)]);
  const compute: number[] = [];
  const apply: number[] = [];
  const total: number[] = [];
  const rebase: number[] = [];
  // CPU time too: on a shared machine the wall time's tail is mostly other processes' turns.
  const cpu: number[] = [];
  for (let run = 0; run < WARM_UPS + ITERATIONS; run++) {
    const cpuStarted = process.cpuUsage();
    const started = performance.now();
    const hunks = hunksBetween(oldText, newText);
    const change = fileChange('src/steps.ts', { text: oldText }, hunks.map((hunk) => ({ ...hunk, rationale: 'checked steps' })), 'refactorer');
    const computed = performance.now();
    const applied = applyHunks(oldText, change);
    const done = performance.now();
    const cpuUsed = process.cpuUsage(cpuStarted);
    const rebased = applyHunks(shifted, change);
    const rebasedDone = performance.now();
    if (change.hunks.length !== HUNKS || applied.placed.length !== HUNKS || applied.text !== newText) throw new Error(`compute + apply is wrong: ${change.hunks.length} hunks, ${applied.placed.length} placed, ${applied.conflicts.length} conflicts`);
    if (rebased.placed.filter((placed) => placed.rebased).length !== HUNKS || rebased.text !== expectedShifted) throw new Error(`the rebase path is wrong: ${rebased.placed.length} placed, ${rebased.conflicts.length} conflicts`);
    if (run < WARM_UPS) continue;
    compute.push(round(computed - started));
    apply.push(round(done - computed));
    total.push(round(done - started));
    cpu.push(round((cpuUsed.user + cpuUsed.system) / 1000));
    rebase.push(round(rebasedDone - done));
  }
  const rows = (what: string, samples: readonly number[], target?: number): BenchRow[] => [
    { what: `${what}, median`, value: median(samples), unit: 'ms', ...(target === undefined ? {} : { target }) },
    { what: `${what}, p95`, value: p95(samples), unit: 'ms', ...(target === undefined ? {} : { target }) },
  ];
  return [
    ...rows(`compute ${HUNKS} hunks on ${LINES.toLocaleString('en')} lines (hunksBetween + fileChange)`, compute),
    ...rows(`apply them (applyHunks, file unchanged)`, apply),
    ...rows('compute + apply', total, 20),
    ...rows('compute + apply, CPU time', cpu, 20),
    ...rows('apply after the person added 3 lines on top (every hunk rebased by its context)', rebase, 20),
  ];
}

if (require.main === module) {
  try {
    console.log(`\nChange model: ${HUNKS} hunks on a ${LINES.toLocaleString('en')}-line file, ${ITERATIONS} iterations\n${formatBenchTable(measureEdits())}`);
  } catch (error: unknown) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
