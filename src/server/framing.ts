/**
 * The server's reader of LSP's base protocol over a byte stream (stdio): `Content-Length: N\r\n`
 * (+ an optional `Content-Type`), `\r\n`, then N bytes of UTF-8 JSON. vscode-jsonrpc's own reader
 * is lenient where a hostile or broken client makes it stall: bytes without a `\r\n\r\n` are
 * buffered forever, `Content-Length: 1000000000000` waits for a terabyte, `-5` and `12abc` are
 * taken as numbers, and a body that is not JSON is dropped without an answer. This reader says what
 * is wrong instead: a framing error (the stream can no longer be followed) fails it, and a
 * well-framed body that is not a JSON-RPC message is reported so it can be answered, as JSON-RPC
 * says, with an error whose id is null.
 */
import { AbstractMessageReader, type DataCallback, type Disposable, type Message, type MessageReader } from 'vscode-languageserver/node';

/** The largest message body accepted; a `Content-Length` above it is a framing error. */
export const maxContentLength = 64 * 1024 * 1024;
/** The largest header section accepted (real ones are under 100 bytes). */
export const maxHeaderLength = 4096;
/** How long a message may stay half-received, with no byte arriving, before the wait is reported. */
export const partialMessageReportMs = 10_000;

/** The stream can no longer be followed: the server should say why and end. */
export class FramingError extends Error {
  override readonly name = 'FramingError';
}

/** A well-framed body that is not a JSON-RPC message: answer it with `code` and keep serving. */
export class MalformedMessage extends Error {
  override readonly name = 'MalformedMessage';
  constructor(
    message: string,
    /** JSON-RPC's ParseError (-32700) or InvalidRequest (-32600). */
    readonly code: -32700 | -32600,
  ) {
    super(message);
  }
}

// RFC 7230's token characters, the only ones a header name may have.
const headerLine = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+:[\t\x20-\x7e]*$/;
const headerLineSoFar = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+(:[\t\x20-\x7e]*)?)?\r?$/;

/** Shows bytes that are not a header as a short, printable excerpt. */
function excerpt(text: string): string {
  const shown = JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
  return shown.replace(/[^\x20-\x7e]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Checks a header section still being received (no `\r\n\r\n` yet): throws as soon as it cannot
 * become a valid one, so garbage is refused at its first byte rather than buffered.
 */
export function checkPartialHeader(received: string): void {
  const lines = received.split('\r\n');
  const last = lines.pop() ?? '';
  for (const line of lines) {
    if (!headerLine.test(line)) throw new FramingError(`a header line must be "Name: value", got ${excerpt(line)}`);
  }
  if (!headerLineSoFar.test(last)) throw new FramingError(`a header line must be "Name: value", got ${excerpt(last)}`);
  if (received.length > maxHeaderLength) throw new FramingError(`the header section passed ${maxHeaderLength} bytes without ending in \\r\\n\\r\\n`);
}

/** The body length a complete header section (without its final `\r\n\r\n`) announces. */
export function contentLengthOf(header: string): number {
  let length: number | undefined;
  for (const line of header.split('\r\n')) {
    if (!headerLine.test(line)) throw new FramingError(`a header line must be "Name: value", got ${excerpt(line)}`);
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'content-length') {
      if (length !== undefined) throw new FramingError('the header has Content-Length twice');
      if (!/^\d+$/.test(value)) throw new FramingError(`Content-Length must be a decimal number of bytes, got ${excerpt(value)}`);
      length = Number(value);
      if (length > maxContentLength) throw new FramingError(`Content-Length ${excerpt(value)} is above the server's limit of ${maxContentLength} bytes`);
    } else if (name === 'content-type') {
      const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(value)?.[1]?.toLowerCase();
      if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') throw new FramingError(`Content-Type charset must be utf-8, got ${excerpt(charset)}`);
    }
  }
  if (length === undefined) throw new FramingError(`the header has no Content-Length: ${excerpt(header)}`);
  return length;
}

/** The JSON-RPC message a complete body holds. */
export function decodeBody(body: Buffer): Message {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch (error) {
    throw new MalformedMessage(`a ${body.length}-byte body is not UTF-8 JSON (${error instanceof Error ? error.message : String(error)})`, -32700);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new MalformedMessage('a body is JSON but not a JSON-RPC message object', -32600);
  return value as Message;
}

/**
 * A `MessageReader` over a byte stream that refuses malformed framing. It fails with a
 * `FramingError` (then closes) when the framing breaks or the stream ends inside a message; it
 * reports a `MalformedMessage` and goes on for a body that is not a message; it reports, without
 * failing, a message left half-received for `partialMessageReportMs`.
 */
export class FramedMessageReader extends AbstractMessageReader implements MessageReader {
  private header = '';
  private expected: number | undefined;
  private body: Buffer[] = [];
  private bodyBytes = 0;
  private failed = false;
  private waitTimer: NodeJS.Timeout | undefined;
  private sawShutdown = false;

  constructor(
    private readonly input: NodeJS.ReadableStream,
    private readonly reportWaitAfterMs = partialMessageReportMs,
  ) {
    super();
  }

  /** Whether LSP's `shutdown` request was read: after it, an input that ends is a clean end. */
  get shutdownRequested(): boolean {
    return this.sawShutdown;
  }

  listen(callback: DataCallback): Disposable {
    const onData = (data: Buffer) => this.read(data, callback);
    const onEnd = () => this.end();
    const onError = (error: Error) => this.fireError(error);
    this.input.on('data', onData);
    this.input.on('end', onEnd);
    this.input.on('close', onEnd);
    this.input.on('error', onError);
    return {
      dispose: () => {
        this.input.off('data', onData);
        this.input.off('end', onEnd);
        this.input.off('close', onEnd);
        this.input.off('error', onError);
        clearTimeout(this.waitTimer);
      },
    };
  }

  private read(data: Buffer, callback: DataCallback): void {
    if (this.failed) return;
    try {
      let offset = 0;
      // A zero-length body is whole as soon as its header is: deliver it (as an error) without waiting for more bytes.
      while (offset < data.length || this.expected === 0) offset = this.expected === undefined ? this.readHeader(data, offset) : this.readBody(data, offset, callback);
      this.watchPartial();
    } catch (error) {
      this.fail(error instanceof Error ? error : new FramingError(String(error)));
    }
  }

  /** Consumes header bytes from `offset`; returns where the body starts, or the chunk's end. */
  private readHeader(data: Buffer, offset: number): number {
    const before = this.header.length;
    // latin1 maps each byte to one character, so offsets in the text are offsets in the bytes.
    this.header += data.toString('latin1', offset, Math.min(data.length, offset + maxHeaderLength + 4 - before));
    const end = this.header.indexOf('\r\n\r\n');
    if (end < 0) {
      checkPartialHeader(this.header);
      return data.length;
    }
    const length = contentLengthOf(this.header.slice(0, end));
    const consumed = end + 4 - before;
    this.header = '';
    this.expected = length;
    return offset + consumed;
  }

  /** Consumes body bytes from `offset`, delivering the message once it is whole. */
  private readBody(data: Buffer, offset: number, callback: DataCallback): number {
    const expected = this.expected ?? 0;
    const take = Math.min(expected - this.bodyBytes, data.length - offset);
    this.body.push(data.subarray(offset, offset + take));
    this.bodyBytes += take;
    if (this.bodyBytes === expected) {
      const body = Buffer.concat(this.body);
      this.expected = undefined;
      this.body = [];
      this.bodyBytes = 0;
      this.deliver(body, callback);
    }
    return offset + take;
  }

  private deliver(body: Buffer, callback: DataCallback): void {
    let message: Message;
    try {
      message = decodeBody(body);
    } catch (error) {
      this.fireError(error);
      return;
    }
    if ((message as { method?: unknown }).method === 'shutdown') this.sawShutdown = true;
    callback(message);
  }

  /** Reports a message that stays half-received with nothing arriving (a client that stopped mid-write). */
  private watchPartial(): void {
    clearTimeout(this.waitTimer);
    this.waitTimer = undefined;
    if (this.header === '' && this.expected === undefined) return;
    this.waitTimer = setTimeout(() => this.firePartialMessage({ messageToken: 0, waitingTime: this.reportWaitAfterMs }), this.reportWaitAfterMs);
    this.waitTimer.unref();
  }

  private end(): void {
    clearTimeout(this.waitTimer);
    if (this.failed) return;
    if (this.header !== '') this.fail(new FramingError(`the input ended inside a header: ${excerpt(this.header)}`));
    else if (this.expected !== undefined) this.fail(new FramingError(`the input ended after ${this.bodyBytes} of the ${this.expected} body bytes Content-Length announced`));
    else {
      this.failed = true;
      this.fireClose();
    }
  }

  private fail(error: Error): void {
    this.failed = true;
    clearTimeout(this.waitTimer);
    this.fireError(error);
    this.fireClose();
  }

  /** The half-received message the reader is waiting on, for a log line. */
  describeWait(): string {
    return this.expected === undefined ? `a header (${this.header.length} bytes so far)` : `${this.bodyBytes} of ${this.expected} body bytes`;
  }
}
