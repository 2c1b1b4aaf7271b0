/** What the detail pane's parts share: the way to ask the extension, the trace, and moving the selection. */
import type { PageActions } from '../../shared/actions';
import type { TraceModel } from '../traceModel';

export interface DetailServices {
  readonly actions: PageActions;
  readonly model: TraceModel;
  /** Selects another span and reveals it in the tree (a link from one span to another). */
  select(spanId: string): void;
  /** Whole payloads loaded from side files this session, by span id. */
  readonly loadedPayloads: Map<string, unknown>;
}
