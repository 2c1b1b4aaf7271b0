/**
 * What the chat page borrows from the core to draw results: the result contracts, so it checks a
 * payload against the contract it names before drawing it (a payload that does not match is shown
 * as JSON, never half-drawn), and how a provenance reads. The core's own, re-exported: one
 * definition, no copy to drift (the page may not import the core at runtime).
 */
export { Answer, Plan } from '../../core/contracts/work';
export { ChangeProposal, ChangeReport, FindingList, GateReport, ReviewVerdict } from '../../core/contracts/change';
export { describeProvenance } from '../../core/contracts/provenance';
/** A command as the approval card shows it: every character that does not print as itself made visible. */
export { visibleCommand } from '../../core/tools/visibleCommand';
