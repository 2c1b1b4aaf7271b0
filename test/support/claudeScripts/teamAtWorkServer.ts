/**
 * The scripted Messages API server of the "team at work" session, for the UI test's code-server
 * (`ANTHROPIC_BASE_URL` = `url`, `ANTHROPIC_API_KEY` = `apiKey`) and for the Node tests.
 *
 * What the person does and sees (values in teamAtWorkScenario.ts):
 * 1. Types `testsPrompt`. concierge → planner (reads package.json) → test-runner, which asks to run
 *    `command`; the approval card shows `visibleCommand` (`hiddenInCommand` names the tab) in the
 *    workspace folder's root. After "Don't run" (`deny`) the test-runner is told the person declined,
 *    reports the gate `error` (overall `failed`), and the run completes with that GateReport.
 * 2. Types `reviewPrompt`. concierge → reviewer (reads src/sync.ts) → verdict `approve`; the
 *    security-reviewer opposes (`securityReason`, suggesting `request_changes`), the reviewer keeps
 *    its verdict (`reviewerAnswer`), the security-reviewer still opposes (`securityReasonAgain`), the
 *    arbiter rules `undecided` (`arbiterRationale`): the person is asked `escalation.question` with
 *    `escalation.options`. Without a way to answer mid-run the run ends `escalated`; once the editor
 *    asks the person, their answer settles the decision, the reviewer submits a verdict agreeing
 *    with it, and the run completes.
 */
import { startScriptedServer, type RecordedRequest, type ScriptedServer } from '../anthropicServer';
import { teamAtWorkResponder } from './teamAtWorkResponder';

/** The key the server demands unless told otherwise (a fake: nothing leaves loopback). */
export const teamAtWorkApiKey = 'sk-ant-team-at-work-0000';

/** A running team-at-work server. */
export interface TeamAtWorkServer {
  /** `http://127.0.0.1:<port>`: ANTHROPIC_BASE_URL, or nova/session.configure's `baseURL`. */
  readonly url: string;
  readonly apiKey: string;
  /** Every request received, in arrival order (count_tokens too). */
  readonly requests: readonly RecordedRequest[];
  /** Each request the script did not foresee, described; empty when the session went as scripted. */
  readonly unexpected: readonly string[];
  /** The underlying scripted server (to enqueue faults, say). */
  readonly scripted: ScriptedServer;
  close(): Promise<void>;
}

export async function startTeamAtWorkServer(options: { readonly apiKey?: string } = {}): Promise<TeamAtWorkServer> {
  const apiKey = options.apiKey ?? teamAtWorkApiKey;
  const scripted = await startScriptedServer({ apiKey });
  const unexpected: string[] = [];
  scripted.setResponder(teamAtWorkResponder((what) => unexpected.push(what)));
  return {
    url: scripted.baseURL,
    apiKey,
    get requests() {
      return scripted.requests;
    },
    unexpected,
    scripted,
    close: () => scripted.close(),
  };
}
