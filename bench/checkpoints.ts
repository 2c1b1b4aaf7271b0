/**
 * Checkpoint of 100 files (~200 lines each) before an accept: the texts handed to the git store
 * (what the editor does: its buffers' text), timed from the call to the ref being written. Also
 * the same through the command line's disk reader, reading a checkpoint back, and the no-git
 * snapshot store. The repository is a temporary one with the files committed, as a person's would
 * be. Run alone with `node out/bench/checkpoints.js`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { diskCheckpointFiles, openCheckpoints, type CheckpointFile } from '../src/core/checkpoints';
import { formatBenchTable, median, type BenchRow } from './table';

const FILES = 100;
const LINES = 200;
const RUNS = 30;
const WARMUP = 3;

const round = (value: number) => Math.round(value * 10) / 10;
const p95 = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.ceil(values.length * 0.95) - 1] ?? NaN;

/** A TypeScript-looking file of `LINES` lines, different per file and per run. */
function source(file: number, run: number): string {
  return Array.from({ length: LINES }, (_, line) => `export const value${file}_${line} = ${run * LINES + line}; // line ${line} of src/module${file}.ts`).join('\n') + '\n';
}

async function timed(samples: number[], action: () => Promise<unknown>): Promise<void> {
  const start = performance.now();
  await action();
  samples.push(performance.now() - start);
}

export async function measureCheckpoints(): Promise<BenchRow[]> {
  const folder = realpathSync(mkdtempSync(join(tmpdir(), 'nova-bench-checkpoints-')));
  try {
    const gitEnv = { ...process.env, GIT_AUTHOR_NAME: 'Bench', GIT_AUTHOR_EMAIL: 'bench@localhost', GIT_COMMITTER_NAME: 'Bench', GIT_COMMITTER_EMAIL: 'bench@localhost' };
    const repo = join(folder, 'repo');
    mkdirSync(join(repo, 'src'), { recursive: true });
    const paths = Array.from({ length: FILES }, (_, file) => `src/module${file}.ts`);
    for (const [file, path] of paths.entries()) writeFileSync(join(repo, path), source(file, 0));
    execFileSync('git', ['init', '--quiet'], { cwd: repo, env: gitEnv });
    execFileSync('git', ['add', '.'], { cwd: repo, env: gitEnv });
    execFileSync('git', ['-c', 'commit.gpgSign=false', 'commit', '--quiet', '-m', 'files'], { cwd: repo, env: gitEnv });

    const store = await openCheckpoints(repo, { snapshotFolder: join(folder, 'unused') });
    if (store.kind !== 'git') throw new Error(`the benchmark repository was not opened as git (${store.where})`);
    const disk = await diskCheckpointFiles(repo);
    const plain = join(folder, 'plain');
    mkdirSync(plain);
    const snapshots = await openCheckpoints(plain, { snapshotFolder: join(folder, 'snapshots') });

    const create: number[] = [];
    const fromDisk: number[] = [];
    const readBack: number[] = [];
    const snapshot: number[] = [];
    let lastId = '';
    for (let run = 0; run < WARMUP + RUNS; run++) {
      // New texts every run, so git writes new blobs each time (nothing is already stored).
      const files: CheckpointFile[] = paths.map((path, file) => ({ path, text: source(file, run + 1) }));
      const samples = run < WARMUP ? [] : create;
      await timed(samples, async () => (lastId = (await store.create(`bench ${run}`, files)).id));
      await timed(run < WARMUP ? [] : readBack, () => store.read(lastId));
      await timed(run < WARMUP ? [] : fromDisk, async () => store.create(`bench disk ${run}`, await disk.read(paths)));
      await timed(run < WARMUP ? [] : snapshot, () => snapshots.create(`bench ${run}`, files));
    }
    const bytes = paths.reduce((sum, _, file) => sum + Buffer.byteLength(source(file, 1)), 0);
    const what = `${FILES} files × ${LINES} lines (${Math.round(bytes / 1024)} KB)`;
    return [
      { what: `checkpoint on git refs of ${what}, texts given (the editor), median of ${RUNS}`, value: round(median(create)), unit: 'ms', target: 200, samples: create.map(Math.round) },
      { what: 'the same, p95', value: round(p95(create)), unit: 'ms', target: 200 },
      { what: 'the same, read from disk through the sandbox first (the command line), median', value: round(median(fromDisk)), unit: 'ms', target: 200 },
      { what: 'reading one back (ls-tree + one cat-file --batch), median', value: round(median(readBack)), unit: 'ms' },
      { what: 'checkpoint as file snapshots (a folder without git), median', value: round(median(snapshot)), unit: 'ms', target: 200 },
    ];
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (require.main === module) {
  measureCheckpoints().then(
    (rows) => console.log(`\nCheckpoints\n${formatBenchTable(rows)}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
