/**
 * The offline model's next move: a short text saying what it does (always labelled `[offline]`,
 * so the chat and the trace show plainly which model acted), then tool calls — usually one.
 */

import { agentToolId } from '../../agents/spec';
import { specialistRouteTool } from '../../orchestrator/toolbox';

/** A tool call the offline model makes. */
export interface PlannedCall {
  readonly name: string;
  readonly input: unknown;
}

/** One response: what it says and what it calls (nothing, when it has no move). */
export interface OfflineStep {
  readonly text: string;
  readonly calls: readonly PlannedCall[];
  /** Set when the offline model cannot play this agent at all: why (the run ends `unsupported`). */
  readonly unsupported?: string;
}

/** The label every offline text starts with. */
export const offlineLabel = '[offline]';

/** `text` with the offline label in front (once). */
export function labelled(text: string): string {
  return text.startsWith(offlineLabel) ? text : `${offlineLabel} ${text}`;
}

/** Says `text` and makes the calls. */
export function act(text: string, ...calls: PlannedCall[]): OfflineStep {
  return { text: labelled(text), calls };
}

/** Says `text` and calls nothing: the orchestrator will say the turn ended without a result. */
export function say(text: string): OfflineStep {
  return { text: labelled(text), calls: [] };
}

/** Says why the offline model cannot play this agent: the activation ends, and the run ends `unsupported`. */
export function cannotPlay(why: string): OfflineStep {
  return { text: labelled(why), calls: [], unsupported: why };
}

/** A handoff call; `contract` only when the target accepts more than one. */
export function handoff(to: string, reason: string, payload: unknown, contract?: string): PlannedCall {
  return { name: `handoff_to_${agentToolId(to)}`, input: contract ? { reason: labelled(reason), contract, payload } : { reason: labelled(reason), payload } };
}

/** A handoff to a workspace specialist, through the front door's one route tool (`to`: its tool-safe id). */
export function routeToSpecialist(to: string, reason: string, payload: unknown): PlannedCall {
  return { name: specialistRouteTool, input: { agent: agentToolId(to), reason: labelled(reason), payload } };
}

/** A submit call. */
export function submit(contract: string, payload: unknown): PlannedCall {
  return { name: `submit_${contract}`, input: payload };
}
