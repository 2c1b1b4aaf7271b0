/**
 * The "team at work" session, as the person sees it: what they type, the command the approval card
 * must show, the decision the team cannot settle and the question it puts to them. The scripted
 * Claude (teamAtWorkResponder.ts) plays the shipped team to produce exactly this, so a test asserts
 * on these values instead of repeating them.
 *
 * It is two runs of one conversation, because the shipped team cannot do both in one: only the
 * test-runner may call run_command, its one handoff goes to the reporter (which hands off to no one
 * and carries no decision), and the only decision with an advisor is the reviewer's
 * `change.approval` (the security-reviewer advises), which the reviewer settles on submitting — so
 * after the test-runner no agent can reach a disputed decision, and an escalation ends the run.
 */

/** The first message: a gates-only task the concierge routes to the planner, who hands it to the test-runner. */
export const testsPrompt = 'Please run the tests of this project and tell me whether they pass.';

/** The second message: a review the concierge routes to the reviewer, whose verdict the team cannot settle. */
export const reviewPrompt = '/review src/sync.ts';

/**
 * The third message, for the trace panel: the concierge hands it to the planner without a summary on
 * every attempt, so the handoff bounces twice and the third malformed one is a contract violation
 * that stops the run — a run that went sideways at one exact handoff.
 */
export const violationPrompt = 'Rename loadBoard to readBoard across the project.';

/** The field the concierge's RoutedTask leaves out on every attempt, as the bounce names it. */
export const violationField = 'payload.summary';

/**
 * The command the test-runner asks to run: not on any allowlist (a tab is no space to the person,
 * though the allowlist match collapses it), so Nova must ask.
 */
export const command = 'npm\ttest -- --test-reporter=spec';

/** The command as the approval card must show it (see visibleCommand.ts), and what had to be made visible. */
export const visibleCommand = 'npm\\ttest -- --test-reporter=spec';
export const hiddenInCommand: readonly string[] = ['tab (\\t)'];

/** The gate's name in the GateRequest and GateReport. */
export const gateName = 'tests';

/** The reviewer's verdict and why (the decision `change.approval` as its owner states it). */
export const reviewerVerdict = 'approve';
export const reviewerSummary =
  'src/sync.ts reads cleanly: pushStatus and loadBoard use the transport as documented, and API_TOKEN on line 5 is the sample’s fake test token (sk-test-FAKE…), not a credential.';

/** The security-reviewer's dissent: its reason and the outcome it suggests, then its reason once the owner answered. */
export const securityOutcome = 'request_changes';
export const securityReason =
  'src/sync.ts:5 hard-codes API_TOKEN and headers() on line 53 sends it as a Bearer token with every request: a secret in source must not be approved. Read it from configuration.';
export const securityReasonAgain =
  'Marked fake or not, line 5 is a token in source and line 53 sends it to the endpoint; the answer does not remove the secret, so I still oppose approval.';

/** The reviewer's answer to the dissent, keeping its verdict. */
export const reviewerAnswer = 'The token says FAKE and the endpoint is tasks.example.invalid: it is demo data in a sample, so it does not block approval.';

/** Why the arbiter cannot rule: the claim cannot be checked by reading the code. */
export const arbiterRationale =
  'whether the token in src/sync.ts:5 is a real credential cannot be verified from the code, and accepting a token in source is a risk the person must weigh';

/** The escalation the second run ends with (or, once the editor can ask, that the person answers). */
export const escalation = {
  /** The first decision of the run that the team could not settle. */
  id: 'decision-1',
  question: `reviewer decided "${reviewerVerdict}" on change.approval, and security-reviewer still opposes; arbiter could not rule (${arbiterRationale}). Which outcome should stand?`,
  /** The runtime offers every value of the verdict's enum, the disagreeing two among them. */
  options: ['approve', 'request_changes', 'reject'] as readonly string[],
  /** The two outcomes the agents argued for. */
  disputed: [reviewerVerdict, securityOutcome] as readonly string[],
};

/** The start of every reply the script gives to a request it did not expect: a failing test says why. */
export const unexpectedMarker = 'Scripted team-at-work session: unexpected request';
