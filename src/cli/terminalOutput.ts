/**
 * Where the CLI writes: stdout or stderr, wrapped once in main.ts so that no write can forget to make
 * its text inert. Every command takes a `TerminalOutput` rather than a stream, so the type system
 * keeps raw model text, tool names and workspace paths away from the terminal.
 */
import { inertText } from '../core/inertText';

const HIGH_SURROGATE = /[\ud800-\udbff]$/;

/** A stream a person reads, that the CLI only ever writes inert text to. */
export class TerminalOutput {
  readonly #target: NodeJS.WritableStream;
  #closed = false;
  /**
   * A high surrogate that ended the last write: streamed text may split a pair (a Unicode tag
   * character is one), and the pair must be escaped whole, so it waits for its other half.
   */
  #pending = '';

  /**
   * `onClosed` is called once when the target fails — the reader went away (EPIPE: `nova run | head`),
   * or the terminal hung up (EIO). Later writes are dropped: nobody is reading them.
   */
  constructor(target: NodeJS.WritableStream, onClosed: (error: Error) => void = () => undefined) {
    this.#target = target;
    target.on('error', (error: Error) => {
      if (this.#closed) return;
      this.#closed = true;
      onClosed(error);
    });
  }

  /** True once the reader is gone. */
  get closed(): boolean {
    return this.#closed;
  }

  write(text: string): void {
    if (this.#closed) return;
    let whole = this.#pending + text;
    this.#pending = '';
    if (HIGH_SURROGATE.test(whole)) {
      this.#pending = whole.slice(-1);
      whole = whole.slice(0, -1);
    }
    if (whole !== '') this.#target.write(inertText(whole));
  }
}
