/**
 * What open-then-verify costs per file read: `WorkspaceSandbox.readResolved` (open without
 * blocking, learn the opened file's real path, check it, fstat, read from the descriptor) against
 * a plain `fs.readFile` of the same small file, each timed one read at a time, alternating so both
 * see the same machine. Run alone with `node out/bench/fileReads.js`.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { nodeWorkspaceFiles } from '../src/core/host/nodeFiles';
import { WorkspaceSandbox } from '../src/core/workspace/sandbox';
import { formatBenchTable, median, type BenchRow } from './table';

const READS = 10_000;
const WARMUP = 1_000;
const round = (value: number) => Math.round(value * 10) / 10;

export async function measureFileReads(): Promise<BenchRow[]> {
  const folder = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'nova-bench-reads-')));
  try {
    const file = path.join(folder, 'src', 'small.ts');
    await fs.mkdir(path.dirname(file));
    await fs.writeFile(file, 'export const small = 1;\n'.repeat(40)); // ~1 KB
    const sandbox = await WorkspaceSandbox.create([folder], nodeWorkspaceFiles);
    const plain: number[] = [];
    const checked: number[] = [];
    for (let index = 0; index < WARMUP + READS; index++) {
      let start = performance.now();
      await fs.readFile(file, 'utf8');
      const plainTime = performance.now() - start;
      start = performance.now();
      const read = await sandbox.readResolved(file, 1024 * 1024);
      const checkedTime = performance.now() - start;
      if (!read.ok) throw new Error(`the benchmark read was refused: ${read.reason}`);
      if (index >= WARMUP) {
        plain.push(plainTime * 1000);
        checked.push(checkedTime * 1000);
      }
    }
    const added = checked.map((time, index) => time - (plain[index] ?? time));
    // Back to back as well, in alternating blocks of 100 reads (median block difference): work a
    // read leaves behind (a close) is paid by the reads after it, which pairing single reads hides.
    const block = async (readOnce: () => Promise<unknown>) => {
      const start = performance.now();
      for (let index = 0; index < 100; index++) await readOnce();
      return ((performance.now() - start) * 1000) / 100;
    };
    const blockDifferences: number[] = [];
    for (let index = 0; index < READS / 100; index++) {
      const plainBlock = await block(() => fs.readFile(file, 'utf8'));
      blockDifferences.push((await block(() => sandbox.readResolved(file, 1024 * 1024))) - plainBlock);
    }
    return [
      { what: `plain fs.readFile of a 1 KB file, median of ${READS.toLocaleString('en')}`, value: round(median(plain)), unit: 'µs' },
      { what: 'sandbox read of it (open, real path from the descriptor, check, fstat, read)', value: round(median(checked)), unit: 'µs' },
      { what: `sandbox's added cost per file read (median of ${READS.toLocaleString('en')} paired reads)`, value: round(median(added)), unit: 'µs', target: 20 },
      { what: `the same, from ${READS.toLocaleString('en')} back-to-back reads of each (alternating blocks of 100, median)`, value: round(median(blockDifferences)), unit: 'µs', target: 20 },
    ];
  } finally {
    await fs.rm(folder, { recursive: true, force: true });
  }
}

if (require.main === module) {
  measureFileReads().then(
    (rows) => console.log(`\nFile reads\n${formatBenchTable(rows)}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
