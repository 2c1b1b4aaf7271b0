/**
 * Nova's offline review against `tsc --noEmit` on a generated 1,000-file project (bench/reviewProject.ts),
 * in the same run, interleaved so that the machine's load falls on all three alike: the CLI
 * (`node dist/cli.js review --format json`, a process from spawn to exit, as `tsc` is) and the
 * language server (`nova/review.run {}` on a started server whose core answered, from request to
 * answer: an editor's server is already running). Peak memory: the child's own `maxRSS` for `tsc`
 * and the CLI, VmHWM from /proc for the server. Then the editor's loop: one open file edited 20
 * times, from `didChange` to the diagnostics of that version; and the server's idle memory.
 * Run alone with `npm run bench -- review` (it packages first, for the .vsix size).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import {
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  PublishDiagnosticsNotification,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { reviewRun } from '../src/protocol/review';
import { sessionStatus } from '../src/protocol/session';
import { reviewDebounceMs } from '../src/server/diagnostics';
import { LspServer } from '../test/support/lspServer';
import { repoRoot, vsixPath } from '../tools/paths';
import { scratchDir } from '../tools/sample-workspace';
import { writeReviewProject } from './reviewProject';
import { formatBenchTable, median, type BenchRow } from './table';

const FILES = 1000;
const RUNS = 3;
const EDITS = 20;
const IDLE_MS = 2000;
const SETTLED_MS = 15_000;
/** A module in the middle of the import graph: it imports earlier ones and later ones import it. */
const EDITED = 'src/feature10/module0500.ts';

const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
const cli = join(repoRoot, 'dist', 'cli.js');
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const mb = (kb: number) => round(kb / 1024);

/** A /proc/PID/status figure (VmRSS, VmHWM) in kB (Linux). */
function procStatusKb(pid: number | undefined, field: 'VmRSS' | 'VmHWM'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((entry) => entry.startsWith(`${field}:`));
  const kb = Number(/(\d+)\s*kB/.exec(line ?? '')?.[1]);
  if (!Number.isFinite(kb)) throw new Error(`No ${field} in /proc/${pid}/status`);
  return kb;
}

/** Wall time, CPU time (user + system) and peak resident set of one review or check. */
interface Measured {
  readonly ms: number;
  readonly cpuMs: number;
  readonly peakKb: number;
}

/** A process's CPU time so far (user + system, /proc/PID/stat), in ms. */
function cpuMsOf(pid: number | undefined): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
  // utime and stime are fields 14 and 15 of stat, 12 and 13 after pid and comm; in clock ticks (100 per second on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Runs `node args…` to its exit; its time from spawn to exit, its CPU time and peak RSS (its own `process.resourceUsage()`, written at exit by a preloaded script). */
async function timedNode(scratch: string, args: readonly string[]): Promise<Measured & { stdout: string }> {
  const rssFile = join(scratch, `rss-${process.hrtime.bigint()}.txt`);
  const started = performance.now();
  const child = spawn(process.execPath, ['--require', join(scratch, 'max-rss.js'), ...args], { env: { ...process.env, NOVA_BENCH_RSS_FILE: rssFile }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const ms = performance.now() - started;
  if (code !== 0) throw new Error(`node ${args.join(' ')} exited with ${code}:\n${stderr}${stdout.slice(0, 2000)}`);
  const [peakKb, cpuMs] = readFileSync(rssFile, 'utf8').split(' ').map(Number);
  rmSync(rssFile);
  return { ms, peakKb: peakKb ?? NaN, cpuMs: cpuMs ?? NaN, stdout };
}

const startServer = (folder: string) => LspServer.start({ transport: 'ipc', folders: [folder] }).then(({ server }) => server);

/** One workspace review on a fresh server whose core answered (no review state kept from before). */
async function serverReview(folder: string): Promise<Measured & { findings: number }> {
  rmSync(join(folder, '.nova'), { recursive: true, force: true });
  const server = await startServer(folder);
  try {
    await server.request(sessionStatus, {});
    const cpuBefore = cpuMsOf(server.process.pid);
    const sent = performance.now();
    const result = await server.request(reviewRun, {});
    const ms = performance.now() - sent;
    return { ms, cpuMs: cpuMsOf(server.process.pid) - cpuBefore, peakKb: procStatusKb(server.process.pid, 'VmHWM'), findings: result.findings };
  } finally {
    await server.stop();
  }
}

/** Review vs tsc, interleaved run by run. */
async function reviewVsTsc(folder: string, scratch: string): Promise<BenchRow[]> {
  const runs = { tsc: [] as Measured[], cli: [] as Measured[], server: [] as Measured[] };
  const findings = new Set<number>();
  for (let run = 0; run < RUNS; run++) {
    const checked = await timedNode(scratch, [tsc, '--noEmit', '-p', folder]);
    runs.tsc.push(checked);
    const reviewed = await timedNode(scratch, [cli, 'review', '--workspace', folder, '--format', 'json', '--fail-on', 'never']);
    runs.cli.push(reviewed);
    findings.add((JSON.parse(reviewed.stdout) as { findings: unknown[] }).findings.length);
    const served = await serverReview(folder);
    runs.server.push(served);
    findings.add(served.findings);
  }
  const ms = (list: readonly Measured[]) => list.map((item) => round(item.ms, 0));
  const cpu = (list: readonly Measured[]) => list.map((item) => round(item.cpuMs, 0));
  const peak = (list: readonly Measured[]) => list.map((item) => mb(item.peakKb));
  const ratio = (list: readonly Measured[], figure: (list: readonly Measured[]) => number[]) => round(median(figure(list)) / median(figure(runs.tsc)), 2);
  const of = `median of ${RUNS}`;
  return [
    { what: `tsc --noEmit -p (spawn → exit), ${of}`, value: median(ms(runs.tsc)), unit: 'ms', samples: ms(runs.tsc) },
    { what: `CLI: nova review --format json (spawn → exit), ${of}`, value: median(ms(runs.cli)), unit: 'ms', samples: ms(runs.cli) },
    { what: `server: nova/review.run {} (request → answer, fresh server, core loaded), ${of}`, value: median(ms(runs.server)), unit: 'ms', samples: ms(runs.server) },
    { what: 'CLI review time / tsc time (medians, wall clock)', value: ratio(runs.cli, ms), unit: '×', target: 1.2 },
    { what: 'server review time / tsc time (medians, wall clock)', value: ratio(runs.server, ms), unit: '×', target: 1.2 },
    { what: `tsc CPU time (user + system), ${of}`, value: median(cpu(runs.tsc)), unit: 'ms', samples: cpu(runs.tsc) },
    { what: `CLI review CPU time, ${of}`, value: median(cpu(runs.cli)), unit: 'ms', samples: cpu(runs.cli) },
    { what: `server review CPU time (during the request), ${of}`, value: median(cpu(runs.server)), unit: 'ms', samples: cpu(runs.server) },
    { what: 'CLI review CPU / tsc CPU (medians; the load of other processes does not count)', value: ratio(runs.cli, cpu), unit: '×', target: 1.2 },
    { what: 'server review CPU / tsc CPU (medians)', value: ratio(runs.server, cpu), unit: '×', target: 1.2 },
    { what: `tsc peak RSS (maxRSS), ${of}`, value: median(peak(runs.tsc)), unit: 'MB', samples: peak(runs.tsc) },
    { what: `CLI review peak RSS (maxRSS), ${of}`, value: median(peak(runs.cli)), unit: 'MB', samples: peak(runs.cli) },
    { what: `server peak RSS during the review (VmHWM), ${of}`, value: median(peak(runs.server)), unit: 'MB', samples: peak(runs.server) },
    { what: `findings reported (every run: ${[...findings].join(', ')})`, value: Math.max(...findings), unit: 'findings' },
  ];
}

/** After a workspace review, the edited file open as a buffer: didChange → its diagnostics, `EDITS` times. */
async function reReview(folder: string): Promise<BenchRow[]> {
  rmSync(join(folder, '.nova'), { recursive: true, force: true });
  const server = await startServer(folder);
  try {
    await server.request(sessionStatus, {});
    await server.request(reviewRun, {});
    const file = join(folder, EDITED);
    const uri = pathToFileURL(file).href;
    const original = readFileSync(file, 'utf8');
    const publishedFor = (version: number) => (params: unknown) => (params as PublishDiagnosticsParams).uri === uri && (params as PublishDiagnosticsParams).version === version;
    await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'typescript', version: 1, text: original } });
    await server.waitFor(PublishDiagnosticsNotification.type.method, publishedFor(1), 60_000);
    const times: number[] = [];
    for (let version = 2; version < 2 + EDITS; version++) {
      // A real edit: a value changes and, every other time, a loose comparison comes or goes.
      const edited = original.replace(/revision500 = \d+;/, `revision500 = ${version};${version % 2 === 0 ? ' export const loose500 = revision500 == 3;' : ''}`);
      const sent = performance.now();
      await server.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text: edited }] });
      await server.waitFor(PublishDiagnosticsNotification.type.method, publishedFor(version), 60_000);
      times.push(performance.now() - sent);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const raw = times.map((time) => round(time, 0));
    const work = times.map((time) => round(time - reviewDebounceMs, 0));
    return [
      { what: `re-review of ${EDITED} open and edited: didChange → publishDiagnostics of that version, p50 of ${EDITS} (includes the ${reviewDebounceMs} ms debounce)`, value: median(raw), unit: 'ms', samples: raw },
      { what: `the same, the ${reviewDebounceMs} ms debounce subtracted, p50 of ${EDITS}`, value: median(work), unit: 'ms', target: 150 },
    ];
  } finally {
    await server.stop();
  }
}

/**
 * The server's resident set with its core loaded and nothing asked: `IDLE_MS` after its core
 * answered, and again at `SETTLED_MS`, once V8's memory reducer (which runs when a process has
 * allocated little for some seconds) has given back the young generation that loading grew.
 */
async function idleMemory(folder: string): Promise<BenchRow[]> {
  const idle: number[] = [];
  const settled: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    rmSync(join(folder, '.nova'), { recursive: true, force: true });
    const server = await startServer(folder);
    try {
      await server.request(sessionStatus, {});
      await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
      idle.push(mb(procStatusKb(server.process.pid, 'VmRSS')));
      await new Promise((resolve) => setTimeout(resolve, SETTLED_MS - IDLE_MS));
      settled.push(mb(procStatusKb(server.process.pid, 'VmRSS')));
    } finally {
      await server.stop();
    }
  }
  return [
    { what: `server RSS idle ${IDLE_MS / 1000} s after its core answered, before any review, median of ${RUNS} starts`, value: median(idle), unit: 'MB', target: 60, samples: idle },
    { what: `the same ${SETTLED_MS / 1000} s after, once V8's memory reducer has run`, value: median(settled), unit: 'MB', target: 60, samples: settled },
  ];
}

export async function measureReview(): Promise<BenchRow[]> {
  const scratch = realpathSync(scratchDir('bench-review'));
  const folder = join(scratch, 'project');
  try {
    const usage = 'const u = process.resourceUsage(); return `${u.maxRSS} ${(u.userCPUTime + u.systemCPUTime) / 1000}`;';
    writeFileSync(join(scratch, 'max-rss.js'), `process.on('exit', () => require('fs').writeFileSync(process.env.NOVA_BENCH_RSS_FILE, (() => { ${usage} })()));\n`);
    mkdirSync(folder);
    writeReviewProject(folder, FILES);
    return [
      ...(await reviewVsTsc(folder, scratch)),
      ...(await reReview(folder)),
      ...(await idleMemory(folder)),
      { what: '.vsix (dist/nova.vsix)', value: round(statSync(vsixPath).size / 1024), unit: 'KB' },
    ];
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (require.main === module) {
  measureReview().then(
    (rows) => console.log(`\nReview\n${formatBenchTable(rows)}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
