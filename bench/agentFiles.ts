/**
 * Loading a large `.claude/agents` collection: 500 generated Claude Code files (the shapes public
 * collections use: tool strings with `Tool(args)`, MCP names, aliases, unquoted colons, CRLF,
 * subfolders) loaded with the shipped team through the sandbox, 5 times; and `nova agents` on the
 * same workspace end to end (spawning dist/cli.js, Node's start included). Run alone with
 * `node out/bench/agentFiles.js` after `npm run build`.
 */
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadTeam } from '../src/core/agents/load';
import { createWorkspaceTools } from '../src/core/tools/registry';
import { writeGeneratedAgents } from '../test/support/claudeAgents';
import { cliBundle } from '../test/support/cli';
import { shippedAgents } from '../test/support/team';
import { formatBenchTable, median, type BenchRow } from './table';

const FILES = 500;
const RUNS = 5;
const round = (value: number) => Math.round(value * 10) / 10;

export async function measureAgentFiles(): Promise<BenchRow[]> {
  const folder = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'nova-bench-agents-')));
  try {
    await writeGeneratedAgents(path.join(folder, '.claude', 'agents'), FILES);
    const toolNames = createWorkspaceTools().names();
    const loads: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const start = performance.now();
      const { team } = await loadTeam({ shippedFolder: shippedAgents, workspace: { folder, trusted: true, acceptedFiles: [], allowedEndpoints: [] }, toolNames });
      loads.push(round(performance.now() - start));
      if (team.agents.length !== FILES + 9) throw new Error(`the benchmark team has ${team.agents.length} agents, not ${FILES + 9}`);
    }
    const listings = listingTimes(folder);
    const empty = path.join(folder, 'empty');
    await fs.mkdir(empty);
    const baseline = listingTimes(empty);
    return [
      { what: `load ${FILES} .claude/agents files (3 subfolders; with the shipped team), median of ${RUNS}`, value: median(loads), unit: 'ms', target: 300, samples: loads },
      { what: `\`nova agents\` on that workspace end to end (spawn dist/cli.js → exit), median of ${RUNS}`, value: median(listings), unit: 'ms', samples: listings },
      { what: `the same on a workspace with no agent files (Node's start, the bundle, the shipped team), median of ${RUNS}`, value: median(baseline), unit: 'ms', samples: baseline },
    ];
  } finally {
    await fs.rm(folder, { recursive: true, force: true });
  }
}

/** `nova agents` on `folder`, end to end, RUNS times (ms). */
function listingTimes(folder: string): number[] {
  return Array.from({ length: RUNS }, () => {
    const start = performance.now();
    execFileSync(process.execPath, [cliBundle, 'agents', '--workspace', folder], { stdio: 'ignore' });
    return round(performance.now() - start);
  });
}

if (require.main === module) {
  measureAgentFiles().then((rows) => console.log(formatBenchTable(rows)), (error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
