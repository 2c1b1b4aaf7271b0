/**
 * Exporting a trace as JSONL (src/core/trace/traceExport.ts): the trace file as it is when all its
 * payloads are inline; made whole when some are in side files — each such span gets its payload
 * back, every other line stays byte for byte — and what could not be made whole is said.
 */
import * as assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonlSpanProcessor, loadTrace, traceFilePath } from '../../../src/core/trace/jsonl';
import type { Span } from '../../../src/core/trace/spans';
import { encodeOtlpTrace } from '../../../src/core/trace/otlp';
import { exportTrace } from '../../../src/core/trace/traceExport';
import { sidePayloadFile } from '../../../src/core/trace/tracedPayload';
import { recordSampleRun, sampleRunId } from './sampleRun';

describe('trace export: JSONL', () => {
  let workspace: string;
  beforeEach(async () => (workspace = await mkdtemp(join(tmpdir(), 'nova-export-'))));
  afterEach(() => rm(workspace, { recursive: true, force: true }));

  it('is the trace file byte for byte when every payload is inline, damaged lines included', async () => {
    const file = traceFilePath(workspace, sampleRunId);
    await recordSampleRun([new JsonlSpanProcessor(file)]).flush();
    // A line cut off by a crash stays as it was: the export hides nothing the file holds.
    await writeFile(file, `${await readFile(file, 'utf8')}{"runId":"${sampleRunId}","id":"cut`);
    const exported = await exportTrace(file, 'jsonl');
    assert.deepEqual(Buffer.from(exported.bytes), await readFile(file));
    assert.equal(exported.spans, (await loadTrace(file)).spans.length);
    assert.deepEqual(exported.missingPayloads, []);
  });

  it('puts payloads kept in side files back into their spans, so the export stands alone', async () => {
    const runId = 'run-side';
    const file = traceFilePath(workspace, runId);
    const big = { goal: 'Rename getCwd', files: Array.from({ length: 50 }, (_, index) => `src/file-${index}.ts`) };
    const base = { runId, startedAt: 1, endedAt: 2 };
    const spans: Span[] = [
      { ...base, id: 'run', parentId: null, kind: 'run', task: 'Rename', entryAgent: 'concierge', status: 'completed' },
      { ...base, id: 'h1', parentId: 'run', kind: 'handoff', agent: 'concierge', from: 'concierge', to: 'refactorer', contract: 'RefactorRequest', reason: 'a refactor', payloadHash: 'abc', status: 'delivered', payload: { bytes: JSON.stringify(big).length, preview: JSON.stringify(big).slice(0, 40), inSideFile: true } },
      { ...base, id: 'h2', parentId: 'run', kind: 'handoff', agent: 'refactorer', from: 'refactorer', to: 'reviewer', contract: 'ChangeProposal', reason: 'review it', payloadHash: 'def', status: 'delivered', payload: { bytes: 11, value: { small: 1 } } },
      { ...base, id: 'v1', parentId: 'run', kind: 'validation', agent: 'refactorer', contract: 'ChangeProposal', direction: 'result', attempt: 1, verdict: 'bounced', issues: ['summary: required'], payload: { bytes: 9000, preview: '{"files"', inSideFile: true } },
    ];
    const lines = spans.map((span) => JSON.stringify(span));
    await mkdir(join(workspace, '.nova', 'traces', `${runId}.payloads`), { recursive: true });
    await writeFile(file, `${lines.join('\n')}\n`);
    await writeFile(sidePayloadFile(file, 'h1'), JSON.stringify(big));
    // v1's side file is missing: its line keeps its preview, and the export says so.

    const exported = await exportTrace(file, 'jsonl');
    assert.deepEqual(exported.missingPayloads, ['v1']);
    const out = join(workspace, 'exported.jsonl');
    await writeFile(out, exported.bytes);
    const reloaded = await loadTrace(out);
    assert.deepEqual(reloaded.problems, []);
    const handoff = reloaded.spans.find((span) => span.id === 'h1');
    assert.ok(handoff?.kind === 'handoff');
    assert.deepEqual(handoff.payload, { bytes: JSON.stringify(big).length, value: big });
    const exportedLines = Buffer.from(exported.bytes).toString('utf8').split('\n');
    for (const index of [0, 2, 3]) assert.equal(exportedLines[index], lines[index], `line ${index + 1} is kept as it was`);
    // The workspace's trace is not touched.
    assert.equal(await readFile(file, 'utf8'), `${lines.join('\n')}\n`);
  });

  it('exports OTLP as the OpenTelemetry request of the spans the file holds', async () => {
    const file = traceFilePath(workspace, sampleRunId);
    await recordSampleRun([new JsonlSpanProcessor(file)]).flush();
    const exported = await exportTrace(file, 'otlp');
    const trace = await loadTrace(file);
    assert.ok(exported.bytes.length > 0);
    assert.deepEqual(Buffer.from(exported.bytes), Buffer.from(encodeOtlpTrace(trace.spans)));
    assert.equal(exported.spans, trace.spans.length);
  });

  it('fails with the reason when the trace file cannot be read', async () => {
    await assert.rejects(exportTrace(join(workspace, 'missing.jsonl'), 'jsonl'), /ENOENT/);
  });
});
