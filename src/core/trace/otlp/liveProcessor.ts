/**
 * Live export: a SpanProcessor that sends a run's spans to the person's OTLP endpoint while the run
 * goes on, so a long run shows up in Jaeger, Langfuse or Phoenix before it ends.
 *
 * It must never hold a run back. Spans are converted and queued in `onSpanEnd` (no I/O there);
 * batches go out in the background, one request at a time; `flush()` — at the run's end — sends
 * what is left and waits for it, bounded by the request timeout. The first failed request ends the
 * export for this run: the endpoint is down or refusing, and retrying each later batch would only
 * make the run's end wait a timeout per batch. `flush()` then rejects with what failed and how many
 * spans did not go out, which the recorder keeps in `processorErrors` and the run reports.
 */
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import type { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import type { Span, SpanProcessor } from '../spans';
import { toOtelSpan } from './otelSpans';
import { exportBatch, otlpExporter, spansPerRequest } from './send';

export interface LiveOtlpOptions {
  /** Extra HTTP headers (credentials); merged over OTEL_EXPORTER_OTLP_HEADERS. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Per request, retries included. Short by default: the run's end waits for the last one. */
  readonly timeoutMs?: number;
  /** How long an ended span may wait for more before its batch goes. */
  readonly delayMs?: number;
  /** Spans per request. */
  readonly batchSize?: number;
  /** Spans waiting at most; beyond it (a slow endpoint) new spans are counted as not sent. */
  readonly maxQueued?: number;
}

/** A processor sending each ended span to `endpoint` (checked now: a bad URL throws here, not mid-run). */
export function liveOtlpProcessor(endpoint: string, options: LiveOtlpOptions = {}): SpanProcessor {
  return new LiveOtlpProcessor(endpoint, options);
}

class LiveOtlpProcessor implements SpanProcessor {
  readonly #endpoint: string;
  readonly #timeoutMs: number;
  readonly #delayMs: number;
  readonly #batchSize: number;
  readonly #maxQueued: number;
  readonly #headers: Readonly<Record<string, string>> | undefined;
  #exporter: OTLPTraceExporter | undefined;
  #pending: ReadableSpan[] = [];
  /** Spans pending or in a batch not yet answered. */
  #queued = 0;
  #sending: Promise<void> = Promise.resolve();
  #timer: NodeJS.Timeout | undefined;
  #failure: Error | undefined;
  #notSent = 0;
  #ended = 0;

  constructor(endpoint: string, options: LiveOtlpOptions) {
    this.#endpoint = endpoint;
    this.#timeoutMs = options.timeoutMs ?? 5_000;
    this.#delayMs = options.delayMs ?? 1_000;
    this.#batchSize = options.batchSize ?? spansPerRequest;
    this.#maxQueued = options.maxQueued ?? 20_000;
    this.#headers = options.headers;
    this.#exporter = this.#newExporter();
  }

  onSpanEnd(span: Span): void {
    this.#ended++;
    if (this.#failure || this.#queued >= this.#maxQueued) {
      this.#notSent++;
      return;
    }
    this.#pending.push(toOtelSpan(span));
    this.#queued++;
    if (this.#pending.length >= this.#batchSize) this.#sendPending();
    else this.#timer ??= setTimeout(() => this.#sendPending(), this.#delayMs).unref();
  }

  async flush(): Promise<void> {
    this.#sendPending();
    await this.#sending;
    const exporter = this.#exporter;
    // A later span (after the run's end) gets a new exporter; this one's sockets are released.
    this.#exporter = undefined;
    await exporter?.shutdown().catch(() => undefined);
    const failure = this.#failure;
    if (failure) {
      const notSent = this.#notSent;
      const ended = this.#ended;
      this.#failure = undefined;
      this.#notSent = 0;
      this.#ended = 0;
      throw new Error(`The live OpenTelemetry export stopped: ${failure.message} ${notSent} of ${ended} spans were not sent.`);
    }
    this.#ended = 0;
  }

  #sendPending(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#pending.length === 0) return;
    const batch = this.#pending;
    this.#pending = [];
    const exporter = (this.#exporter ??= this.#newExporter());
    this.#sending = this.#sending.then(async () => {
      try {
        if (this.#failure) {
          this.#notSent += batch.length;
          return;
        }
        await exportBatch(exporter, batch, this.#endpoint, { timeoutMs: this.#timeoutMs });
      } catch (error) {
        this.#failure ??= error instanceof Error ? error : new Error(String(error));
        this.#notSent += batch.length;
      } finally {
        this.#queued -= batch.length;
      }
    });
  }

  #newExporter(): OTLPTraceExporter {
    return otlpExporter(this.#endpoint, { timeoutMs: this.#timeoutMs, ...(this.#headers ? { headers: this.#headers } : {}) });
  }
}
