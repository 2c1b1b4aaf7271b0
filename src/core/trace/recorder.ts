/**
 * The recorder turns "this started / this ended" into complete spans and hands them to every
 * processor. It is the only place spans get ids and times, so processors never disagree about them,
 * and the one door every span passes on its way to a trace file, a panel or an exporter — so it is
 * where registered secrets (the API key, whatever echoed it) are scrubbed out.
 */
import { randomBytes } from 'node:crypto';
import { scrubDeep, scrubSecrets } from '../secretScrub';
import type { Span, SpanKind, SpanOfKind, SpanProcessor } from './spans';

/** What a caller supplies for a span: everything but the fields the recorder owns. */
export type SpanFields<K extends SpanKind> = Omit<SpanOfKind<K>, 'runId' | 'id' | 'parentId' | 'startedAt' | 'endedAt' | 'kind'>;

/** A span that has started and not yet ended. */
export interface OpenSpan<K extends SpanKind> {
  readonly id: string;
  readonly startedAt: number;
  /**
   * Ends the span, merging `patch` over the fields given at start, and emits it. Idempotent: a second
   * call returns the span the first produced and emits nothing.
   */
  end(patch?: Partial<SpanFields<K>>): SpanOfKind<K>;
}

/** The first error one processor threw, and how many times it has thrown since the run began. */
export interface ProcessorFailure {
  readonly processor: SpanProcessor;
  readonly phase: 'start' | 'end' | 'flush';
  readonly spanId: string | undefined;
  readonly error: unknown;
  readonly count: number;
}

/** Injection points for tests and benchmarks. */
export interface TraceRecorderOptions {
  readonly clock?: () => number;
  readonly newId?: () => string;
}

type SpanStart = Parameters<NonNullable<SpanProcessor['onSpanStart']>>[0];

/**
 * Records the spans of one run. A processor that throws never breaks the run: the error is caught,
 * the other processors still get the span, and the first failure of each processor is kept in
 * `processorErrors` so the run can report it.
 */
export class TraceRecorder {
  readonly #processors: readonly SpanProcessor[];
  readonly #clock: () => number;
  readonly #newId: () => string;
  readonly #failures = new Map<SpanProcessor, ProcessorFailure>();

  constructor(
    readonly runId: string,
    processors: readonly SpanProcessor[],
    options: TraceRecorderOptions = {},
  ) {
    this.#processors = [...processors];
    this.#clock = options.clock ?? Date.now;
    let next = 0;
    // A counter is unique within a run, short in the JSONL and cheap; the run id makes it global.
    this.#newId = options.newId ?? (() => `s${++next}`);
  }

  /** The first failure of each processor that has thrown (or whose flush rejected), in order of failure. */
  get processorErrors(): readonly ProcessorFailure[] {
    return [...this.#failures.values()];
  }

  /** Starts a span under `parentId` (null only for the run span); `end()` completes and emits it. */
  start<K extends SpanKind>(kind: K, parentId: string | null, fields: SpanFields<K>): OpenSpan<K> {
    const id = this.#newId();
    const startedAt = this.#clock();
    this.#emitStart(kind, id, parentId, startedAt, fields);
    let ended: SpanOfKind<K> | undefined;
    return {
      id,
      startedAt,
      end: (patch) => {
        if (ended) return ended;
        ended = this.#build(kind, id, parentId, startedAt, this.#clock(), fields, patch);
        this.#emitEnd(ended);
        return ended;
      },
    };
  }

  /** Records a span that happened at one instant (a decision, a validation, a stop): started and ended now. */
  record<K extends SpanKind>(kind: K, parentId: string | null, fields: SpanFields<K>): SpanOfKind<K> {
    const id = this.#newId();
    const now = this.#clock();
    this.#emitStart(kind, id, parentId, now, fields);
    const span = this.#build(kind, id, parentId, now, now, fields, undefined);
    this.#emitEnd(span);
    return span;
  }

  /**
   * Flushes every processor (all of them, even when one fails) and rejects with the first failure,
   * so the caller learns that part of the trace may not have been stored.
   */
  async flush(): Promise<void> {
    const results = await Promise.allSettled(this.#processors.map((processor) => processor.flush?.()));
    const rejected = results.flatMap((result, index) => (result.status === 'rejected' ? [{ index, reason: result.reason as unknown }] : []));
    for (const { index, reason } of rejected) this.#fail(this.#processors[index]!, 'flush', undefined, reason);
    if (rejected.length > 0) throw rejected[0]!.reason;
  }

  #build<K extends SpanKind>(
    kind: K,
    id: string,
    parentId: string | null,
    startedAt: number,
    endedAt: number,
    fields: SpanFields<K>,
    patch: Partial<SpanFields<K>> | undefined,
  ): SpanOfKind<K> {
    // Identity first so a JSONL line reads naturally. Top-level undefined values are dropped here
    // because JSON drops them too: a reloaded trace must equal the one recorded.
    const span: Record<string, unknown> = { runId: this.runId, id, parentId, kind, startedAt, endedAt };
    for (const source of [fields, patch]) {
      if (!source) continue;
      for (const [key, value] of Object.entries(source)) if (value !== undefined) span[key] = scrubDeep(value);
    }
    // Every processor receives the same object; freezing it stops one from changing what the next sees.
    return Object.freeze(span) as unknown as SpanOfKind<K>;
  }

  #emitStart(kind: SpanKind, id: string, parentId: string | null, startedAt: number, fields: { readonly agent?: string | undefined }): void {
    const agent = fields.agent === undefined ? undefined : scrubSecrets(fields.agent);
    const view: SpanStart = agent === undefined
      ? { runId: this.runId, id, parentId, kind, startedAt }
      : { runId: this.runId, id, parentId, kind, startedAt, agent };
    for (const processor of this.#processors) {
      if (!processor.onSpanStart) continue;
      try {
        processor.onSpanStart(view);
      } catch (error) {
        this.#fail(processor, 'start', id, error);
      }
    }
  }

  #emitEnd(span: Span): void {
    for (const processor of this.#processors) {
      try {
        processor.onSpanEnd(span);
      } catch (error) {
        this.#fail(processor, 'end', span.id, error);
      }
    }
  }

  #fail(processor: SpanProcessor, phase: ProcessorFailure['phase'], spanId: string | undefined, error: unknown): void {
    const known = this.#failures.get(processor);
    this.#failures.set(processor, known ? { ...known, count: known.count + 1 } : { processor, phase, spanId, error, count: 1 });
  }
}

/**
 * A run id that sorts by start time (UTC, to the second) and is safe as a file name, with a random
 * suffix so two runs started in the same second do not collide: `20261124-153012-ab12cd`.
 */
export function newRunId(date = new Date()): string {
  const two = (value: number) => String(value).padStart(2, '0');
  const day = `${date.getUTCFullYear()}${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())}`;
  const time = `${two(date.getUTCHours())}${two(date.getUTCMinutes())}${two(date.getUTCSeconds())}`;
  return `${day}-${time}-${randomBytes(3).toString('hex')}`;
}
