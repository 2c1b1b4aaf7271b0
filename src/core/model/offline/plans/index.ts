/**
 * Which offline plan answers an activation: the runtime's consultations first (their answer
 * contract is fixed), then the plan of the agent by name for the contract it was handed. An agent
 * with no plan gets an honest "no plan", and the run ends `unsupported` rather than as done.
 */
import type { OfflineTurn } from '../turn';
import { cannotPlay, say, type OfflineStep } from '../step';
import { changeAuthorStep, feedbackStep } from './changeAuthor';
import { conciergeStep } from './concierge';
import { abstainStep, dissentAnswerStep, rulingStep } from './consultation';
import { plannerStep } from './planner';
import { reporterStep } from './reporter';
import { reviewProposalStep, reviewScopeStep } from './reviewer';
import { securityOpinionStep, securityScanStep } from './securityReviewer';
import { testRunnerStep } from './testRunner';

/** The offline model's next step for this turn. */
export function nextStep(turn: OfflineTurn): OfflineStep {
  const input = turn.input;
  if (!input) return say(`I could not read what ${turn.agent} was handed, so I have no move.`);
  // The payload was validated against its contract before this agent saw it: the plan's type holds.
  const payload = <T>(): T => input.payload as T;
  switch (input.contract) {
    case 'OpinionRequest': {
      const { decision } = payload<{ decision: Decision }>();
      return turn.agent === 'security-reviewer' && turn.has('review_analyzers') ? securityOpinionStep(turn, decision) : abstainStep(turn.agent, decision);
    }
    case 'DissentBrief': {
      const { decision, dissents } = payload<{ decision: Decision; dissents: { agent: string; reason: string }[] }>();
      return dissentAnswerStep(decision, dissents);
    }
    case 'Disagreement': {
      const { decision, opinions } = payload<{ decision: Decision; opinions: { agent: string; stance: string }[] }>();
      return rulingStep(decision, opinions);
    }
  }
  const key = `${turn.agent}:${input.contract}`;
  switch (key) {
    case 'concierge:UserRequest':
      return conciergeStep(turn, payload());
    case 'planner:RoutedTask':
      return plannerStep(turn, payload());
    case 'typescript-specialist:RefactorRequest':
    case 'refactorer:RefactorRequest':
      return changeAuthorStep(turn, payload());
    case 'typescript-specialist:ChangeFeedback':
    case 'refactorer:ChangeFeedback':
      return feedbackStep(turn.agent, payload<{ hunks: { status: string; reason?: string }[] }>().hunks);
    case 'reviewer:ChangeProposal':
      return reviewProposalStep(turn, payload());
    case 'reviewer:RoutedTask':
      return reviewScopeStep(turn, payload());
    case 'security-reviewer:ChangeProposal':
      return securityScanStep(turn, payload<{ files: { path: string }[] }>().files.map((file) => file.path));
    case 'security-reviewer:RoutedTask':
      return securityScanStep(turn, payload<{ scope: string[] }>().scope);
    case 'test-runner:GateRequest':
      return testRunnerStep(turn, payload());
    case 'reporter:ReportRequest':
      return reporterStep(turn, payload());
  }
  return noPlanStep(turn, input.contract);
}

interface Decision {
  readonly kind: string;
  readonly outcome: string;
  readonly rationale: string;
}

function noPlanStep(turn: OfflineTurn, contract: string): OfflineStep {
  return cannotPlay(`The offline model has no plan for "${turn.agent}" handed a ${contract}; an Anthropic API key lets this agent run.`);
}
