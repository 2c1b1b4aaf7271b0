import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../../../tools/paths';

describe('the collection the server runs once its core is loaded', () => {
  it('is one full collection, without --expose-gc on the command line, and leaves no global gc in Nova\'s context', () => {
    const script = [
      `const { PerformanceObserver, constants } = require('node:perf_hooks');`,
      `const { collectStartupGarbage } = require(${JSON.stringify(join(repoRoot, 'out', 'src', 'server', 'startupMemory.js'))});`,
      `const kinds = [];`,
      `const observer = new PerformanceObserver((list) => kinds.push(...list.getEntries().map((entry) => entry.detail.kind)));`,
      `observer.observe({ entryTypes: ['gc'] });`,
      `collectStartupGarbage();`,
      `setTimeout(() => console.log(JSON.stringify({ major: kinds.includes(constants.NODE_PERFORMANCE_GC_MAJOR), globalGc: typeof globalThis.gc })), 100);`,
    ].join('\n');
    const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), { major: true, globalGc: 'undefined' });
  });
});
