/**
 * Ids of everything Nova contributes to VS Code, defined once. package.json must contribute exactly
 * these (test/unit/manifest.test.ts), and the extension registers them (test/vscode/suite).
 * No `vscode` import here, so Node tests can read it.
 */

/** The activity-bar container that holds Nova's views. */
export const viewContainerId = 'nova';

/** Nova's views, in the order they appear in the container. */
export const viewIds = {
  chat: 'nova.chat',
  findings: 'nova.findings',
  proposals: 'nova.proposals',
  runs: 'nova.runs',
} as const;

/** `@nova` in VS Code's Chat, where the host has the Chat API (package.json `chatParticipants`). */
export const chatParticipantId = 'nova.team';

/** Nova's commands. */
export const commandIds = {
  openChat: 'nova.openChat',
  newChat: 'nova.newChat',
  showLog: 'nova.showLog',
  openSettings: 'nova.openSettings',
  setApiKey: 'nova.setApiKey',
  reviewWorkspace: 'nova.reviewWorkspace',
  reviewChanges: 'nova.reviewChanges',
  reviewFile: 'nova.reviewFile',
  // A finding in the Findings view and its comment thread (src/extension/review/).
  showFinding: 'nova.showFinding',
  dismissFinding: 'nova.dismissFinding',
  resolveFinding: 'nova.resolveFinding',
  reopenFinding: 'nova.reopenFinding',
  replyToFinding: 'nova.replyToFinding',
  restartServer: 'nova.restartServer',
  refreshProposals: 'nova.refreshProposals',
  acceptProposal: 'nova.acceptProposal',
  rejectProposal: 'nova.rejectProposal',
  recomputeProposal: 'nova.recomputeProposal',
  reopenProposal: 'nova.reopenProposal',
  retryProposal: 'nova.retryProposal',
  openProposalDiff: 'nova.openProposalDiff',
  acceptProposalDiff: 'nova.acceptProposalDiff',
  rejectProposalDiff: 'nova.rejectProposalDiff',
  refreshRuns: 'nova.refreshRuns',
  // A run of the Runs view (src/extension/runs/runCommands.ts); Open Trace is the trace panel's nova.openTrace.
  exportTrace: 'nova.exportTrace',
  deleteTrace: 'nova.deleteTrace',
  runAgain: 'nova.runAgain',
  reviewAgentFiles: 'nova.reviewAgentFiles',
  restoreCheckpoint: 'nova.restoreCheckpoint',
  // Reviewing proposed hunks in the editor (src/extension/proposals/editorReview.ts).
  acceptHunk: 'nova.acceptHunk',
  rejectHunk: 'nova.rejectHunk',
  explainHunk: 'nova.explainHunk',
  acceptFileHunks: 'nova.acceptFileHunks',
  rejectFileHunks: 'nova.rejectFileHunks',
  nextHunk: 'nova.nextHunk',
  previousHunk: 'nova.previousHunk',
  // The trace panel (src/extension/traceView.ts): a run's trace, and the one that produced a hunk ("Why?").
  openTrace: 'nova.openTrace',
  traceHunk: 'nova.traceHunk',
  // The improve loop (src/extension/improve.ts): a scope and a goal, or the team's own definitions; an improvement's change report.
  improve: 'nova.improve',
  improveAgents: 'nova.improveAgents',
  openImprovement: 'nova.openImprovement',
} as const;

/** The trace panel's webview type (one panel per run). */
export const tracePanelType = 'nova.trace';

/** The change report panel's webview type (one panel per improvement). */
export const improvePanelType = 'nova.improvement';

/** The custom editor that shows a `.nova/traces/*.jsonl` file as its trace (package.json `customEditors`). */
export const traceEditorType = 'nova.traceFile';

/**
 * The scheme of the proposed side of a proposal's diff (src/extension/proposals/proposedFiles.ts):
 * package.json activates Nova on it and shows Accept/Reject in the title bar of its editors.
 */
export const proposedScheme = 'nova-proposed';

/** Where the person's answers about workspace agent files are kept (globalState, keyed by workspace folder). */
export const agentConsentKey = 'nova.agentConsent';

/** Where the Anthropic API key is kept in VS Code's SecretStorage (never in settings). */
export const apiKeySecret = 'nova.anthropicApiKey';
