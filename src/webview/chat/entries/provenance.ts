/** Where an agent comes from, as a badge: `shipped`, or the workspace / .claude file that defines it. */
import type { AgentProvenance } from '../../../core/contracts/provenance';
import { describeProvenance } from '../../../protocol/webview/contracts';
import { h } from '../../shared/dom';

export function provenanceBadge(provenance: AgentProvenance | undefined): HTMLElement {
  const origin = provenance?.origin ?? 'unknown';
  return h('span', { class: `badge provenance provenance-${origin}`, title: provenance ? `Defined in ${provenance.file}` : undefined }, describeProvenance(provenance));
}
