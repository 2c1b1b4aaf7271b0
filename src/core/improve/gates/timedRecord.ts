/**
 * A gate's record, timed from the gate's own start and checked against the shared schema before it
 * leaves the gate: what a gate returns is exactly what the loop records and the report quotes.
 */
import { performance } from 'node:perf_hooks';
import { GateRecord, type GateName } from '../record';

/** What a gate says about itself; the timer adds `gate`, `title` and `durationMs`. */
export type GateFindings = Omit<GateRecord, 'gate' | 'title' | 'durationMs' | 'trimmed'> & { readonly trimmed?: boolean };

/** Starts timing a gate; `record` ends the clock and returns the record. */
export function startGate(gate: GateName, title: string): { record(findings: GateFindings): GateRecord } {
  const started = performance.now();
  return {
    record: (findings) => GateRecord.parse({ gate, title, ...findings, durationMs: Math.max(0, performance.now() - started) }),
  };
}
