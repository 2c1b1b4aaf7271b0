/**
 * The server's framing under malformed input, as a broken or hostile client would send it:
 * `dist/server.js --stdio` is fed generated headers and bodies (no Content-Length, negative,
 * non-numeric, huge, shorter or longer than the body, garbage, a header cut off by EOF, a body that
 * is not JSON). Each case must end in a way the client can see within 5 s — an exit with a log line
 * on stderr that names the problem, or a JSON-RPC error with id null and a server still serving —
 * never a silent stall. In process: a half-received message is reported (not failed), and valid
 * traffic survives any chunking.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { StreamMessageReader, type Message } from 'vscode-languageserver-protocol/node';
import { FramedMessageReader, maxContentLength } from '../../../src/server/framing';
import { serverBundle } from '../../support/lspServer';

/** How long one case may take before it counts as the silent stall this suite exists to catch. */
const caseTimeoutMs = 5_000;

/** What the server did with one input. */
interface Outcome {
  readonly code: number | null;
  readonly stderr: string;
  /** The JSON-RPC messages it wrote to stdout. */
  readonly messages: Message[];
}

/** `Content-Length`-framed bytes for a body. */
function frame(body: string | Buffer, length = Buffer.byteLength(body)): Buffer {
  return Buffer.concat([Buffer.from(`Content-Length: ${length}\r\n\r\n`, 'ascii'), Buffer.from(body)]);
}

const initialize = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });

/**
 * Starts the server, writes `input`, then either ends its stdin (`end`) or keeps it open, and
 * waits for it to exit. `andThen` is written once `answeredWhen(messages)` holds (a server still
 * serving), and stdin ends once `endWhen(messages)` does.
 */
function feed(input: Buffer, options: { end: boolean; answeredWhen?: (messages: Message[]) => boolean; andThen?: Buffer; endWhen?: (messages: Message[]) => boolean }): Promise<Outcome> {
  const child = spawn(process.execPath, [serverBundle, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  const messages: Message[] = [];
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.on('error', () => undefined); // the server may exit before it reads everything
  let sentMore = false;
  new StreamMessageReader(child.stdout).listen((message) => {
    messages.push(message);
    if (!sentMore && options.andThen && options.answeredWhen?.(messages)) {
      sentMore = true;
      child.stdin.write(options.andThen);
    }
    if (options.endWhen?.(messages)) child.stdin.end();
  });
  child.stdin.write(input);
  if (options.end) child.stdin.end();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server neither exited nor answered within ${caseTimeoutMs} ms (a silent stall) for ${JSON.stringify(input.toString('latin1').slice(0, 120))}\nstderr: ${stderr}`));
    }, caseTimeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      // stdout may still hold the last bytes: let them be read first.
      setImmediate(() => resolve({ code, stderr, messages }));
    });
  });
}

/** The one log line a framing error must produce, and no stack trace. */
function assertFramingExit(outcome: Outcome, problem: RegExp): void {
  assert.equal(outcome.code, 1, `exit code\nstderr: ${outcome.stderr}`);
  const line = outcome.stderr.split('\n').find((text) => text.startsWith('Nova language server: the client broke LSP framing: '));
  assert.ok(line, `a log line names the problem\nstderr: ${outcome.stderr}`);
  assert.match(line, problem);
  assert.match(line, /; exiting\.$/);
  assert.doesNotMatch(outcome.stderr, /\n\s+at /, 'no stack trace');
}

/** The JSON-RPC error answers (id null) the server wrote. */
function errorAnswers(outcome: Outcome): { code: number; message: string }[] {
  return outcome.messages.flatMap((message) => {
    const answer = message as { id?: unknown; error?: { code: number; message: string } };
    return answer.id === null && answer.error ? [answer.error] : [];
  });
}

const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength: 20 });
const requestBody = fc.record({ id: fc.nat(), method: fc.constantFrom('initialize', 'nova/session.status', 'textDocument/hover') }).map(({ id, method }) => JSON.stringify({ jsonrpc: '2.0', id, method, params: {} }));
const runs = (numRuns: number) => ({ numRuns, endOnFailure: true });

describe('Nova server: malformed framing over stdio (fuzz)', function () {
  this.timeout(60_000);

  it('a Content-Length that is not a decimal byte count within the limit ends the server with a line naming it', async () => {
    const badLength = fc.oneof(
      fc.integer({ min: -1_000_000, max: -1 }).map(String),
      fc.bigInt({ min: BigInt(maxContentLength) + 1n, max: 10n ** 15n }).map(String),
      fc.constantFrom('1000000000000', '1e3', '0x10', '12abc', '1 2', '+5', '', '-0', '5.0'),
      printable.filter((text) => !/^\s*\d+\s*$/.test(text)),
    );
    await fc.assert(
      fc.asyncProperty(badLength, requestBody, async (length, body) => {
        const outcome = await feed(Buffer.concat([Buffer.from(`Content-Length: ${length}\r\n\r\n`, 'latin1'), Buffer.from(body)]), { end: false });
        assertFramingExit(outcome, /Content-Length/);
      }),
      runs(14),
    );
  });

  it('a header without Content-Length ends the server with a line saying so', async () => {
    const otherHeaders = fc.array(fc.constantFrom('Content-Type: application/vscode-jsonrpc; charset=utf-8', 'X-Trace: 1', 'Accept: */*', 'Content-Lenght: 12'), { maxLength: 3 });
    await fc.assert(
      fc.asyncProperty(otherHeaders, requestBody, async (headers, body) => {
        const outcome = await feed(Buffer.from(`${headers.map((header) => `${header}\r\n`).join('')}\r\n${body}`, 'latin1'), { end: false });
        assertFramingExit(outcome, /no Content-Length|header line/);
      }),
      runs(8),
    );
  });

  it('garbage bytes end the server at once, even with the input still open', async () => {
    // A first byte no header can start with (not a token character), then anything.
    const notHeaderStart = fc.oneof(fc.integer({ min: 0, max: 0x1f }), fc.integer({ min: 0x7f, max: 0xff }), fc.constantFrom(0x20, 0x22, 0x28, 0x2c, 0x3a, 0x7b, 0x7d));
    await fc.assert(
      fc.asyncProperty(notHeaderStart, fc.uint8Array({ maxLength: 64 }), async (first, rest) => {
        const outcome = await feed(Buffer.from([first, ...rest]), { end: false });
        assertFramingExit(outcome, /header line must be "Name: value"/);
      }),
      runs(10),
    );
  });

  it('a header section that never ends passes its limit and ends the server', async () => {
    const outcome = await feed(Buffer.from(`X-Padding: ${'a'.repeat(8_000)}`, 'latin1'), { end: false });
    assertFramingExit(outcome, /header section passed \d+ bytes/);
  });

  it('a Content-Length shorter than its body: the cut body is answered with a parse error, the rest ends the server', async () => {
    await fc.assert(
      fc.asyncProperty(requestBody, fc.double({ min: 0.05, max: 0.95, noNaN: true }), async (body, share) => {
        const length = Math.max(1, Math.floor(body.length * share));
        const outcome = await feed(frame(body, length), { end: false });
        assert.equal(errorAnswers(outcome)[0]?.code, -32700, `a parse error answers the cut body\nstderr: ${outcome.stderr}`);
        assertFramingExit(outcome, /header line must be/);
      }),
      runs(8),
    );
  });

  it('a Content-Length longer than what arrives before EOF ends the server with the byte counts', async () => {
    await fc.assert(
      fc.asyncProperty(requestBody, fc.integer({ min: 1, max: 100_000 }), async (body, extra) => {
        const outcome = await feed(frame(body, body.length + extra), { end: true });
        assertFramingExit(outcome, new RegExp(`ended after ${body.length} of the ${body.length + extra} body bytes`));
      }),
      runs(8),
    );
  });

  it('a header cut off by EOF (no \\r\\n\\r\\n) ends the server with a line saying so', async () => {
    const header = 'Content-Length: 123\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n';
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: header.length - 1 }), async (cut) => {
        const outcome = await feed(Buffer.from(header.slice(0, cut), 'latin1'), { end: true });
        assertFramingExit(outcome, /input ended inside a header/);
      }),
      runs(8),
    );
  });

  it('a well-framed body that is not a JSON-RPC message gets an error with id null, and the server keeps serving', async () => {
    const notJson = fc.oneof(
      printable.filter((text) => {
        try {
          JSON.parse(text);
          return false;
        } catch {
          return true;
        }
      }),
      fc.constantFrom('{"jsonrpc": "2.0", "id": 1, "method": ', '\u00ff\u00fe', '[1, 2', '{'),
    );
    const notMessage = fc.constantFrom('[]', '42', '"text"', 'null', '[{"jsonrpc":"2.0","id":1,"method":"initialize"}]');
    await fc.assert(
      fc.asyncProperty(fc.oneof(notJson.map((body) => ({ body, code: -32700 })), notMessage.map((body) => ({ body, code: -32600 }))), async ({ body, code }) => {
        const outcome = await feed(frame(Buffer.from(body, 'latin1')), {
          end: false,
          answeredWhen: (messages) => messages.some((message) => (message as { id?: unknown }).id === null),
          andThen: frame(initialize),
          endWhen: (messages) => messages.some((message) => (message as { id?: unknown }).id === 1),
        });
        assert.deepEqual(
          errorAnswers(outcome).map((error) => error.code),
          [code],
          `one error answer\nstderr: ${outcome.stderr}`,
        );
        const answered = outcome.messages.find((message) => (message as { id?: unknown }).id === 1) as { result?: { serverInfo?: { name?: string } } } | undefined;
        assert.equal(answered?.result?.serverInfo?.name, 'Nova', 'still serving: the next request is answered');
        assert.match(outcome.stderr, new RegExp(`Nova language server: a message from the client is malformed: .*JSON-RPC error ${code}, still serving\\.`));
        assert.equal(outcome.code, 1, 'the input ended without shutdown: exit code 1, as LSP says');
      }),
      runs(8),
    );
  });

  it('reports a message left half-received, and what it still waits for, without failing (in process)', async () => {
    const input = new PassThrough();
    const reader = new FramedMessageReader(input, 50);
    const errors: Error[] = [];
    reader.onError((error) => errors.push(error));
    reader.listen(() => undefined);
    const reported = new Promise<number>((resolve) => reader.onPartialMessage((info) => resolve(info.waitingTime)));
    input.write('Content-Length: 10\r\n\r\n{"a"');
    assert.equal(await reported, 50);
    assert.equal(reader.describeWait(), '4 of 10 body bytes');
    assert.deepEqual(errors, [], 'a slow client is not an error');
    reader.dispose();
  });

  it('delivers valid traffic unchanged however the bytes are chunked (in process)', async () => {
    const messages = fc.array(fc.record({ jsonrpc: fc.constant('2.0'), id: fc.nat(), method: fc.string({ maxLength: 12 }), params: fc.record({ text: fc.string({ maxLength: 40 }) }) }), { minLength: 1, maxLength: 5 });
    await fc.assert(
      fc.asyncProperty(messages, fc.array(fc.nat(), { maxLength: 12 }), async (sent, cuts) => {
        const bytes = Buffer.concat(sent.map((message) => frame(JSON.stringify(message))));
        const input = new PassThrough();
        const reader = new FramedMessageReader(input);
        const received: Message[] = [];
        const errors: Error[] = [];
        reader.onError((error) => errors.push(error));
        reader.listen((message) => received.push(message));
        const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
        const closed = new Promise((resolve) => reader.onClose(resolve));
        let from = 0;
        for (const point of [...points, bytes.length]) {
          input.write(bytes.subarray(from, point));
          from = point;
        }
        input.end();
        await closed;
        assert.deepEqual(errors, []);
        assert.deepEqual(received, JSON.parse(JSON.stringify(sent)));
      }),
      { numRuns: 300 },
    );
  });
});
