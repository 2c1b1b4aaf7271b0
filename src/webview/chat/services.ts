/** What the parts of the page share: the way to ask the extension, and the frame painter. */
import type { PageActions } from '../shared/actions';
import type { FramePainter } from './frames';

export interface PageServices {
  readonly actions: PageActions;
  readonly painter: FramePainter;
}
