/**
 * Nova's language server as VS Code's client meets it: `dist/server.js` in its own process over Node
 * IPC, on a copy of the sample workspace. "Ready" is `initialize` answered; the core bundle loads
 * when the client says `initialized`, so the table also shows when the core answers its first Nova
 * request and when the first review diagnostics of an opened file arrive. Memory is the server
 * process's resident set (VmRSS). Run alone with `node out/bench/server.js` after `npm run build`.
 */
import { readFileSync, realpathSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { DidOpenTextDocumentNotification, PublishDiagnosticsNotification, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { reviewRun } from '../src/protocol/review';
import { sessionStatus } from '../src/protocol/session';
import { LspServer } from '../test/support/lspServer';
import { createSampleWorkspace, scratchDir } from '../tools/sample-workspace';
import { formatBenchTable, median, type BenchRow } from './table';

const WARM_UP = 200;
const REQUESTS = 2000;
const COLD_STARTS = 10;
const RSS_STARTS = 3;
const IDLE_MS = 2000;
/** The sample file opened for the first diagnostics; it has three planted findings (sample/README.md). */
const OPENED = 'src/board.ts';

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
const percentile = (values: readonly number[], share: number) => [...values].sort((a, b) => a - b)[Math.ceil(share * values.length) - 1] ?? NaN;
const start = (folder: string) => LspServer.start({ transport: 'ipc', folders: [folder] });

/** The process's resident set in MB, from /proc (Linux). */
function rssMb(pid: number | undefined): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((entry) => entry.startsWith('VmRSS:'));
  const kb = Number(/(\d+)\s*kB/.exec(line ?? '')?.[1]);
  if (!Number.isFinite(kb)) throw new Error(`No VmRSS in /proc/${pid}/status`);
  return round(kb / 1024, 1);
}

/** Sequential `nova/session.status` round trips on a warm server, each timed on the client. */
async function roundTrip(folder: string): Promise<BenchRow[]> {
  const { server } = await start(folder);
  try {
    for (let i = 0; i < WARM_UP; i++) await server.request(sessionStatus, {});
    const times: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const sent = performance.now();
      await server.request(sessionStatus, {});
      times.push(performance.now() - sent);
    }
    const what = `nova/session.status round trip over Node IPC, ${REQUESTS} sequential after ${WARM_UP} warm-up`;
    return [
      { what: `${what}: p50`, value: round(median(times), 3), unit: 'ms', target: 2 },
      { what: `${what}: p95`, value: round(percentile(times, 0.95), 3), unit: 'ms' },
    ];
  } finally {
    await server.stop();
  }
}

/** One cold start: spawn → `initialize` answered, → first Nova answer, → diagnostics of an opened file. */
async function coldStart(folder: string): Promise<{ ready: number; core: number; diagnostics: number }> {
  const spawned = performance.now();
  const { server, readyMs } = await start(folder);
  try {
    await server.request(sessionStatus, {});
    const core = performance.now() - spawned;
    // Opened only once the core answered, so the review does not delay that answer.
    const uri = pathToFileURL(join(folder, OPENED)).href;
    await server.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'typescript', version: 1, text: readFileSync(join(folder, OPENED), 'utf8') },
    });
    const published = (params: unknown) => (params as PublishDiagnosticsParams).uri === uri && (params as PublishDiagnosticsParams).diagnostics.length > 0;
    await server.waitFor(PublishDiagnosticsNotification.type.method, published, 60_000);
    return { ready: readyMs, core, diagnostics: performance.now() - spawned };
  } finally {
    await server.stop();
  }
}

async function coldStarts(folder: string): Promise<BenchRow[]> {
  const starts: { ready: number; core: number; diagnostics: number }[] = [];
  for (let i = 0; i < COLD_STARTS; i++) starts.push(await coldStart(folder));
  const row = (what: string, values: number[], target?: number): BenchRow => {
    const samples = values.map((value) => round(value, 1));
    return { what: `${what}, median of ${COLD_STARTS} cold starts`, value: median(samples), unit: 'ms', ...(target === undefined ? {} : { target }), samples };
  };
  return [
    row('server ready: spawn → initialize answered', starts.map((s) => s.ready), 300),
    row('core loaded: spawn → first nova/session.status answered after initialized', starts.map((s) => s.core)),
    row(`spawn → first review diagnostics of ${OPENED} (didOpen once the core answered)`, starts.map((s) => s.diagnostics)),
  ];
}

/** Resident memory with the core loaded and nothing asked for `IDLE_MS`, then after one workspace review. */
async function memory(folder: string): Promise<BenchRow[]> {
  const idle: number[] = [];
  const reviewed: number[] = [];
  for (let i = 0; i < RSS_STARTS; i++) {
    const { server } = await start(folder);
    try {
      await server.request(sessionStatus, {});
      await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
      idle.push(rssMb(server.process.pid));
      await server.request(reviewRun, {});
      reviewed.push(rssMb(server.process.pid));
    } finally {
      await server.stop();
    }
  }
  return [
    { what: `server RSS, idle ${IDLE_MS / 1000} s with the core loaded, median of ${RSS_STARTS} starts`, value: median(idle), unit: 'MB', samples: idle },
    { what: `server RSS after one workspace review (nova/review.run {}), median of ${RSS_STARTS} starts`, value: median(reviewed), unit: 'MB', samples: reviewed },
  ];
}

export async function measureServer(): Promise<BenchRow[]> {
  const folder = realpathSync(createSampleWorkspace(join(scratchDir('bench-server'), 'sample')));
  try {
    return [...(await roundTrip(folder)), ...(await coldStarts(folder)), ...(process.platform === 'linux' ? await memory(folder) : [])];
  } finally {
    rmSync(dirname(folder), { recursive: true, force: true });
  }
}

if (require.main === module) {
  measureServer().then(
    (rows) => console.log(`\nLanguage server\n${formatBenchTable(rows)}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
