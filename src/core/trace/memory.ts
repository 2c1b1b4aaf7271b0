/** Keeps a run's spans in memory: for tests, and for views that show a run while it is going. */
import type { Span, SpanProcessor } from './spans';

/** Collects every ended span, in the order they ended. */
export class InMemorySpanProcessor implements SpanProcessor {
  readonly spans: Span[] = [];

  onSpanEnd(span: Span): void {
    this.spans.push(span);
  }
}
