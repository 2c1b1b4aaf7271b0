/**
 * `nova trace export`, run as a person runs it (dist/cli.js in a child process): JSONL to stdout or a
 * file, OTLP protobuf to a file or a pipe, OTLP sent to a loopback OTLP/HTTP receiver — and the
 * mistakes a person makes, each answered in one line.
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { JsonlSpanProcessor } from '../../../src/core/trace/jsonl';
import { InMemorySpanProcessor } from '../../../src/core/trace/memory';
import type { Span } from '../../../src/core/trace/spans';
import { cliBundle, nova } from '../../support/novaCli';
import { attributesOf, decodeOtlpTraces, startOtlpReceiver, type OtlpReceiver } from '../../support/otlpReceiver';
import { tempWorkspace } from '../../support/team';
import { recordSampleRun, sampleRunId } from '../trace/sampleRun';

describe('nova trace export', function () {
  this.timeout(60_000);
  before(function () {
    if (!existsSync(cliBundle)) throw new Error(`${cliBundle} is missing: run \`npm run build\` before the unit tests`);
  });
  let workspace: Awaited<ReturnType<typeof tempWorkspace>>;
  let file: string;
  let spans: Span[];
  let receiver: OtlpReceiver;
  beforeEach(async () => {
    workspace = await tempWorkspace();
    file = path.join(workspace.folder, '.nova', 'traces', `${sampleRunId}.jsonl`);
    const memory = new InMemorySpanProcessor();
    await recordSampleRun([memory, new JsonlSpanProcessor(file)]).flush();
    spans = memory.spans;
    receiver = await startOtlpReceiver();
  });
  afterEach(async () => {
    await receiver.close();
    await workspace.cleanup();
  });

  it('sends the run to an OTLP/HTTP endpoint and says what it sent', async () => {
    const ran = await nova(['trace', 'export', '--format', 'otlp', file, '--endpoint', receiver.endpoint]);
    assert.equal(ran.code, 0, ran.stderr);
    assert.equal(ran.stdout, `Sent 26 spans of run ${sampleRunId} to ${receiver.endpoint}.\n`);
    assert.equal(ran.stderr, '');
    const received = receiver.spans();
    assert.equal(received.length, spans.length);
    assert.deepEqual(received.map((span) => attributesOf(span)['nova.span.id']), spans.map((span) => span.id));
    assert.ok(received.some((span) => span.name === 'chat offline-1' && attributesOf(span)['gen_ai.usage.output_tokens'] === 180));

    // Credentials, as Langfuse needs them, come the OpenTelemetry way: OTEL_EXPORTER_OTLP_HEADERS.
    const withKey = await nova(['trace', 'export', '--format', 'otlp', file, '--endpoint', receiver.endpoint], { OTEL_EXPORTER_OTLP_HEADERS: 'Authorization=Basic cGstbGY6c2stbGY=' });
    assert.equal(withKey.code, 0, withKey.stderr);
    assert.equal(receiver.received.at(-1)?.headers.authorization, 'Basic cGstbGY6c2stbGY=');
  });

  it('writes the protobuf request to --out, or to a pipe, and never to a terminal', async () => {
    const out = path.join(workspace.folder, 'run.otlp');
    const saved = await nova(['trace', 'export', '--format', 'otlp', file, '--out', out]);
    assert.equal(saved.code, 0, saved.stderr);
    assert.match(saved.stdout, new RegExp(`^Wrote 26 spans of run ${sampleRunId} to .*run\\.otlp \\(OTLP protobuf ExportTraceServiceRequest, \\d+ bytes\\): send it with curl --data-binary @`));
    const fromFile = decodeOtlpTraces(await fs.readFile(out));
    assert.equal(fromFile.resourceSpans[0]?.scopeSpans[0]?.spans.length, 26);

    const piped = await novaBytes(['trace', 'export', '--format', 'otlp', file]);
    assert.equal(piped.code, 0, piped.stderr);
    assert.deepEqual(piped.stdout, await fs.readFile(out), 'the same bytes on a pipe');
    assert.match(piped.stderr, /^Wrote 26 spans of run .* to stdout \(OTLP protobuf, \d+ bytes\)\.\n$/);

    // stdout a terminal (util-linux `script` gives the child one): refused, nothing written.
    const onTerminal = await novaOnTerminal(['trace', 'export', '--format', 'otlp', file]);
    assert.equal(onTerminal.code, 2, onTerminal.output);
    assert.equal(onTerminal.output.trim(), 'nova: The OTLP export is binary (protobuf): save it with --out PATH, pipe it on, or send it with --endpoint URL.');
  });

  it('writes the spans as JSONL, as Nova read them, to stdout or --out, with hidden characters escaped', async () => {
    const trickyFile = path.join(workspace.folder, 'tricky.jsonl');
    // A tool output with a right-to-left override and a C1 control, as a hostile file could make a tool print.
    const lines = (await fs.readFile(file, 'utf8')).replace('src/config.ts:12', 'src/config.ts:12\u202e\u009b');
    await fs.writeFile(trickyFile, `${lines}{"cut off`);

    const ran = await nova(['trace', 'export', '--format', 'jsonl', trickyFile]);
    assert.equal(ran.code, 0, ran.stderr);
    assert.doesNotMatch(ran.stdout, /[\u202e\u009b]|<U\+202E>/, 'escaped as JSON, not by the terminal filter');
    const exported = ran.stdout.trim().split('\n').map((line) => JSON.parse(line) as Span);
    assert.equal(exported.length, 26);
    assert.match(ran.stdout, /src\/config\.ts:12\\u202e\\u009b/, 'as \\u escapes in the JSON');
    assert.equal((exported.find((span) => span.kind === 'tool_call' && span.tool === 'search') as { output: string }).output, 'src/config.ts:12\u202e\u009b\nsrc/cli.ts:40');
    assert.match(ran.stderr, /^nova: skipped damaged line 27 of .*tricky\.jsonl: incomplete last line/);

    const out = path.join(workspace.folder, 'copy.jsonl');
    const saved = await nova(['trace', 'export', '--format', 'jsonl', file, '--out', out]);
    assert.equal(saved.code, 0, saved.stderr);
    assert.equal(saved.stdout, `Wrote 26 spans of run ${sampleRunId} to ${out} (JSONL).\n`);
    assert.deepEqual((await fs.readFile(out, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as unknown), spans);
  });

  it('answers mistakes in one line: a bad format, a missing file, --endpoint with JSONL, a bad URL, and an endpoint that refuses', async () => {
    const refusing = await startOtlpReceiver({ refuseWith: 401 });
    try {
      for (const [args, code, expected] of [
        [['trace', 'export', file], 2, /^nova: nova trace export needs --format jsonl or --format otlp\.$/],
        [['trace', 'export', '--format', 'xml', file], 2, /^nova: nova trace export needs --format jsonl or --format otlp, not "xml"\.$/],
        [['trace', 'export', '--format', 'otlp'], 2, /^nova: nova trace export needs the trace file/],
        [['trace', 'export', '--format', 'otlp', path.join(workspace.folder, 'missing.jsonl'), '--out', 'x'], 2, /^nova: Cannot read .*missing\.jsonl: ENOENT$/],
        [['trace', 'export', '--format', 'jsonl', file, '--endpoint', receiver.endpoint], 2, /^nova: --endpoint sends OTLP: use it with --format otlp\.$/],
        [['trace', 'export', '--format', 'otlp', file, '--endpoint', 'localhost:4318'], 2, /^nova: --endpoint: "localhost:4318" is not an http\(s\) URL/],
        [['trace', 'show', file, '--format', 'otlp'], 2, /^nova: nova trace show takes no options/],
        [['trace', 'export', '--format', 'otlp', file, '--endpoint', refusing.endpoint], 1, /^nova: http:\/\/127\.0\.0\.1:\d+\/v1\/traces refused the traces: HTTP 401 Unauthorized: missing credentials \(does it need credentials\? set OTEL_EXPORTER_OTLP_HEADERS/],
      ] as const) {
        const ran = await nova(args);
        assert.equal(ran.code, code, `${args.join(' ')}: ${ran.stderr}`);
        assert.match(ran.stderr.trimEnd(), expected);
        assert.equal(ran.stderr.trim().split('\n').length, 1, `one line, no stack: ${ran.stderr}`);
      }
    } finally {
      await refusing.close();
    }
    assert.equal(receiver.received.length, 0, 'nothing was sent by a refused command');
  });
});

/** `nova` with stdout kept as bytes (a pipe, as `| curl --data-binary @-` reads it). */
function novaBytes(args: readonly string[]): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cliBundle, ...args], { encoding: 'buffer', timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr: stderr.toString('utf8') });
    });
  });
}

/** `nova` with a terminal for stdout and stderr, through util-linux `script`; what the terminal showed. */
function novaOnTerminal(args: readonly string[]): Promise<{ code: number; output: string }> {
  const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;
  const command = [process.execPath, cliBundle, ...args].map(quote).join(' ');
  return new Promise((resolve) => {
    execFile('script', ['-qec', command, '/dev/null'], { timeout: 60_000 }, (error, stdout) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: stdout.replace(/\r\n/g, '\n') });
    });
  });
}
