/**
 * `npm run bench`: prints Nova's benchmark tables. Figures on shared 2-core machines are noisy, so
 * activation is compared with the built-in extensions measured in the same cold starts.
 * NOVA_BENCH_STARTS sets the number of cold starts (default 5). `npm run bench -- runtime` runs only
 * the agent runtime's and models' benchmarks, `npm run bench -- server` only the language server's
 * (neither needs VS Code), `npm run bench -- chat` only the chat's (the built page in Chromium, then the view in the workbench),
 * `npm run bench -- editor` only the editor's review of proposed hunks (in the workbench),
 * `npm run bench -- checkpoints` only the checkpoints' (git and file snapshots, no VS Code),
 * `npm run bench -- edits` only the change model's (hunks computed and applied on a large file),
 * `npm run bench -- trace` only the trace panel's page (10,000 and 100,000 spans, live spans, in Chromium),
 * `npm run bench -- improve` only the improve loop's (an offline run on the sample by phase, the worktree's overhead),
 * `npm run bench -- review` only the review's (a generated 1,000-file project: the CLI and the server against tsc, re-review, memory).
 */
import { measureActivation } from './activation';
import { measureAgentFiles } from './agentFiles';
import { measureCheckpoints } from './checkpoints';
import { measureChatPage } from './chatPage';
import { measureChatView } from './chatView';
import { measureEditorHunks } from './editorHunks';
import { measureEdits } from './edits';
import { measureFileReads } from './fileReads';
import { measureHandoffs } from './handoff';
import { measureImprove } from './improve';
import { measureModels } from './models';
import { measureReview } from './review';
import { measureServer } from './server';
import { measureSizes } from './size';
import { formatBenchTable } from './table';
import { measureTrace } from './trace';
import { measureTracePanel } from './tracePanel';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');

async function main(): Promise<void> {
  const only = ['runtime', 'server', 'chat', 'trace', 'edits', 'editor', 'checkpoints', 'improve', 'review'].find((group) => process.argv.includes(group));
  if (only === undefined || only === 'runtime') {
    console.log(`\nAgent runtime: orchestrator (scripted model)\n${formatBenchTable(await measureHandoffs())}`);
    console.log(`\nAgent runtime: trace store, 10,000 spans\n${formatBenchTable(await measureTrace())}`);
    console.log(`\nAgent runtime: file reads through the workspace sandbox (open, then verify)\n${formatBenchTable(await measureFileReads())}`);
    console.log(`\nAgent runtime: a collection of 500 Claude Code agent files (.claude/agents)\n${formatBenchTable(await measureAgentFiles())}`);
    console.log(`\nModels: the Anthropic client through the real SDK against the scripted Messages API server\n(prompt sizes in tokens counted as the scripted server does: ⌈characters / 4⌉ of the JSON sent — an approximation, no tokenizer offline)\n${formatBenchTable(await measureModels())}`);
  }
  if (only === undefined || only === 'server') {
    console.log(`\nLanguage server (dist/server.js over Node IPC, as VS Code starts it, on a copy of sample/)\n"ready" is initialize answered; the core loads right after initialized, see the next rows\n${formatBenchTable(await measureServer())}`);
  }
  if (only === undefined || only === 'chat') {
    console.log(`\nChat page (dist/webview/chat.js in the system Chromium under the view's CSP, a stub VS Code API; measured by the page: nova.chat.* performance measures)\n${formatBenchTable(await measureChatPage())}`);
    console.log(`\nChat view in the workbench (code-server, Nova from its .vsix; Claude through the real SDK from the scripted Messages API on loopback)\n${formatBenchTable(await measureChatView())}`);
  }
  if (only === undefined || only === 'trace') {
    console.log(`\nTrace page (dist/webview/trace.js in the system Chromium under the panel's CSP, a stub VS Code API; measured by the page: nova.trace.* performance measures; heap by CDP Runtime.getHeapUsage)\n${formatBenchTable(await measureTracePanel())}`);
  }
  if (only === undefined || only === 'editor') {
    console.log(`\nProposed hunks in the editor (code-server, Nova under development from dist/; times by the workbench page's clock)\n${formatBenchTable(await measureEditorHunks())}`);
  }
  if (only === undefined || only === 'checkpoints') {
    console.log(`\nCheckpoints (private git refs in a temporary repository; file snapshots without git)\n${formatBenchTable(await measureCheckpoints())}`);
  }
  if (only === undefined || only === 'improve') {
    console.log(`\nImprove loop: an offline run on the sample (a temporary git repository; type-check, npm test, reviewer, evals), ms by phase as the loop records them; the worktree against the same gates in place\n${formatBenchTable(await measureImprove())}`);
  }
  if (only === undefined || only === 'review') {
    console.log(`\nReview: offline workspace review of a generated 1,000-file TypeScript project against tsc --noEmit in the same run (interleaved), re-review of an edited buffer, server memory\n${formatBenchTable(await measureReview())}`);
  }
  if (only === undefined || only === 'edits') {
    console.log(`\nChange model: 50 hunks on a 5,000-line file (hunksBetween + fileChange, then applyHunks; then applied after the person shifted every line)\n${formatBenchTable(measureEdits())}`);
  }
  if (only) return;

  console.log('\nSize');
  console.log('| what | size | target | |\n|---|---:|---:|---|');
  for (const row of measureSizes()) console.log(`| ${row.what} | ${kb(row.bytes)} | ≤ ${kb(row.targetBytes)} | ${verdict(row.bytes <= row.targetBytes)} |`);

  const starts = Number(process.env.NOVA_BENCH_STARTS ?? 5);
  console.log(`\nActivation (Developer: Show Running Extensions), ${starts} cold starts of code-server for each way of opening Nova`);
  const rows = await measureActivation(starts, (line) => console.error(line));
  console.log('| extension | kind | median | samples (ms) |\n|---|---|---:|---|');
  for (const row of rows) {
    console.log(`| ${row.name} | ${row.startup ? 'startup' : 'on demand'} | ${row.median} ms | ${row.samples.join(', ')} |`);
  }
  const mergeConflict = rows.find((row) => row.name === 'Merge Conflict');
  for (const nova of rows.filter((row) => row.name.startsWith('Nova, '))) {
    console.log(`${nova.name}: median ${nova.median} ms — target ≤ 30 ms ${verdict(nova.median <= 30)}` +
      (mergeConflict ? `; vs Merge Conflict (${mergeConflict.median} ms, same starts) ratio ${(nova.median / mergeConflict.median).toFixed(2)} ${verdict(nova.median <= mergeConflict.median)}` : ''));
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
