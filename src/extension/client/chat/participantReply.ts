/**
 * The reply of `@nova` in VS Code's Chat (chatParticipant.ts): the same team run the Chat view
 * starts, streamed into the Chat API's response stream — the agents' text as it comes, a line for
 * each agent that takes over (with its provenance and the handoff that brought it), each bounce,
 * refusal and decision, then the result, and an Open trace button for the run.
 */
import type * as vscode from 'vscode';
import { describeProvenance } from '../../../core/contracts/provenance';
import type { AgentsListResult } from '../../../protocol/agents';
import { chatSend } from '../../../protocol/chat';
import { runCancel } from '../../../protocol/run';
import type { ResultArtifact } from '../../../protocol/webview/transcript';
import type { ServerFeatures } from '../../serverFeatures';
import { openTraceItemCommand } from '../../traceCommand';
import { isChatInputProblem, readChatInput } from './chatInput';
import { RunStream, updateFromNotice, type RunNotice } from './runStream';

/** What the reply needs: the server, and the agent-file consent asked before any run. */
export interface ParticipantDeps {
  readonly features: ServerFeatures;
  reviewAgentFiles(): Promise<AgentsListResult>;
}

export type AnswerChatRequest = (deps: ParticipantDeps, request: Pick<vscode.ChatRequest, 'prompt' | 'command'>, stream: vscode.ChatResponseStream, token: vscode.CancellationToken) => Promise<vscode.ChatResult>;

/** The Markdown a run notice adds to the reply, if any. Pure. */
export function participantMarkdown(notice: RunNotice): string | undefined {
  switch (notice.kind) {
    case 'agentStarted': {
      const { agent, provenance, from, contract } = notice.params;
      const via = from === 'person' ? '' : ` · ${from} → ${agent} · ${contract}`;
      return `\n\n**${agent}** (${describeProvenance(provenance)})${via}\n\n`;
    }
    case 'text':
      return notice.params.kind === 'text' ? notice.params.text : undefined;
    case 'retry':
      return `\n\n_${notice.params.agent}'s model call is retried (attempt ${notice.params.attempt}): ${notice.params.reason}_\n\n`;
    case 'decision': {
      const { kind, owner, outcome, settledBy } = notice.params.decision;
      return `\n\n> Decision **${kind}** by ${owner}: ${outcome} (settled ${settledBy === 'unopposed' ? 'unopposed' : `by ${settledBy}`})\n\n`;
    }
    case 'escalation':
      return `\n\n> The team could not settle: ${notice.params.escalation.question} (options: ${notice.params.escalation.options.join(' / ')})\n\n`;
    case 'span': {
      const update = updateFromNotice('-', notice, 0);
      if (update?.type === 'bounce') return `\n\n_${update.agent}'s ${update.contract} ${update.direction} failed its contract and went back to ${update.agent}: ${update.issues.join('; ')}_\n\n`;
      if (update?.type === 'refused') return `\n\n_The handoff ${update.from} → ${update.to} was refused: ${update.detail}_\n\n`;
      return undefined;
    }
    default:
      return undefined;
  }
}

/** The result, as the end of the reply. Pure. */
export function resultMarkdown(result: ResultArtifact | undefined, proposals: number): string {
  const parts: string[] = [];
  if (result) {
    const payload = result.payload as { answer?: unknown; summary?: unknown };
    if (result.contract === 'Answer' && typeof payload.answer === 'string') parts.push(payload.answer);
    else parts.push(`**${result.contract}** from ${result.agent}${typeof payload.summary === 'string' ? `: ${payload.summary}` : ''}\n\n\`\`\`json\n${JSON.stringify(result.payload, null, 2)}\n\`\`\``);
  }
  if (proposals > 0) parts.push(`${proposals} proposal${proposals === 1 ? '' : 's'} wait${proposals === 1 ? 's' : ''} in Nova's Proposals view; nothing is written until you accept.`);
  return parts.length > 0 ? `\n\n${parts.join('\n\n')}` : '';
}

export const answerChatRequest: AnswerChatRequest = async ({ features, reviewAgentFiles }, request, stream, token) => {
  const text = request.command ? `/${request.command} ${request.prompt}` : request.prompt;
  const listed = await reviewAgentFiles();
  const read = readChatInput(text, listed.agents.map((agent) => agent.name));
  if (isChatInputProblem(read)) return { errorDetails: { message: read.problem } };
  const runs = new RunStream(features);
  try {
    const { runId } = await features.request(chatSend, { text, ...(read.agent ? { agent: read.agent } : {}) }, token);
    const cancel = token.onCancellationRequested(() => void features.request(runCancel, { runId }).catch(() => undefined));
    const ended = await new Promise<Extract<RunNotice, { kind: 'ended' }>>((resolve) => {
      runs.follow(runId, (notice) => {
        if (notice.kind === 'ended') return resolve(notice);
        const markdown = participantMarkdown(notice);
        if (markdown) stream.markdown(markdown);
      });
    });
    cancel.dispose();
    const { result, proposalIds } = ended.params;
    stream.markdown(resultMarkdown(result.result, proposalIds.length));
    // The run's trace, one click away (a stream without buttons, as Nova's own tests pass, gets none).
    if (typeof stream.button === 'function') stream.button(openTraceItemCommand({ runId }, 'Open trace'));
    if (result.stuck) return { errorDetails: { message: `The run stopped: ${result.stuck.agent} — ${result.stuck.reason} (${result.stuck.detail})` }, metadata: { runId } };
    return { metadata: { runId } };
  } finally {
    runs.dispose();
  }
};
