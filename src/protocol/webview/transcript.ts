/**
 * A chat with the team, as one value: turns (what the person asked, and what the team did about
 * it: who spoke, each handoff with its validated payload, bounces, decisions, questions put to the
 * person, the result) folded from `TranscriptUpdate`s. The extension folds the server's run events
 * into updates, applies them to its copy (kept in workspace storage) and posts each to the page,
 * which applies the same update to its own copy — one fold, so what is stored is what was shown.
 *
 * `applyUpdate` mutates the chat in place: a streamed reply is thousands of small updates, and
 * copying a 500-turn history for each would be the slowest part of painting a delta.
 */
import { z } from 'zod';
import { Escalation, StuckReport } from '../../core/contracts/control';
import { AgentProvenance } from '../../core/contracts/provenance';
import { ApprovalAnswer, CommandApproval } from '../../core/tools/commandApproval';
import { RunBudget } from '../runBudget';
import { TeamMember } from '../team';
import { DecisionShape } from '../shapes';
import { GateRecord, ImprovePhase, ImproveState } from '../../core/improve/record';

/** Context the person attached to a message: the active file, the selection, the open problems. */
export const ContextChip = z.strictObject({
  id: z.string().min(1).max(200),
  kind: z.enum(['file', 'selection', 'problems']),
  /** What the chip reads, e.g. `board.ts`, `board.ts:12-18`, `3 problems`. */
  label: z.string().max(500),
  /** Workspace-relative file the chip is about (for `problems`, the first of them). */
  path: z.string().max(1000).optional(),
  startLine: z.int().min(1).optional(),
  endLine: z.int().min(1).optional(),
});
export type ContextChip = z.infer<typeof ContextChip>;

/** The slash commands the chat understands. */
export const slashCommands = ['review', 'refactor', 'improve', 'explain', 'agents', 'new'] as const;
export type SlashCommand = (typeof slashCommands)[number];

/** What the person sent: the text as typed, and what the extension read from it. */
export const Prompt = z.strictObject({
  text: z.string(),
  chips: z.array(ContextChip),
  command: z.enum(slashCommands).optional(),
  /** The specialist an `@name` addressed. */
  agent: z.string().optional(),
});
export type Prompt = z.infer<typeof Prompt>;

const Text = z.string().max(2_000_000);

/** The trace span an entry stands for (so the chat can open the trace there); absent in chats stored before. */
const SpanId = z.string().min(1).max(100);

/**
 * What the person can answer on a command approval card: the server's own answers (`always` runs
 * it and allows it in this workspace from now on; offered only when the approval has an
 * `allowlistEntry`).
 */
export const ApprovalCardChoice = ApprovalAnswer;
export type ApprovalCardChoice = z.infer<typeof ApprovalCardChoice>;

/** The answer given to a command approval card. `expired`: the run ended before anyone answered. */
export const ApprovalCardAnswer = z.union([ApprovalCardChoice, z.literal('expired')]);

/** The answer given to an escalation: an option with an optional reason, or dismissed / expired. */
export const EscalationCardAnswer = z.union([
  z.strictObject({ option: z.string(), reason: z.string().optional() }),
  z.strictObject({ dismissed: z.literal(true) }),
  z.strictObject({ expired: z.literal(true) }),
]);
export type EscalationCardAnswer = z.infer<typeof EscalationCardAnswer>;

/**
 * An improvement `/improve` started, as its card shows it: where the run is (the phase under way),
 * each gate's outcome as the gate recorded it, and, once ended, its state and the report's title.
 * The card opens the change report (chat/openImprovement); it never carries the evidence itself.
 */
export const ImprovementCard = z.strictObject({
  runId: z.string(),
  goal: z.string(),
  state: ImproveState,
  phase: ImprovePhase.optional(),
  gates: z.array(GateRecord.pick({ gate: true, title: true, status: true, summary: true })),
  title: z.string().optional(),
  offered: z.boolean().optional(),
  error: z.string().optional(),
});
export type ImprovementCard = z.infer<typeof ImprovementCard>;

/** One thing that happened in a turn, in order. */
export const Entry = z.discriminatedUnion('kind', [
  /** An agent took over: from the person (the entry agent) or by a handoff from `from`, with its validated payload. */
  z.strictObject({
    kind: z.literal('agent'),
    agent: z.string(),
    provenance: AgentProvenance,
    contract: z.string(),
    from: z.string(),
    payload: z.unknown(),
    text: Text,
    thinking: Text,
    /** How much of `text` the model calls that ended have settled (a retry drops the rest). */
    settled: z.int().min(0),
    /** The same activation speaking again after something else was shown (a card, a decision): no new handoff. */
    continued: z.literal(true).optional(),
  }),
  /** A payload failed its contract and went back to its producer. */
  z.strictObject({ kind: z.literal('bounce'), agent: z.string(), contract: z.string(), direction: z.enum(['result', 'handoff']), issues: z.array(z.string()), spanId: SpanId.optional() }),
  /** A handoff the runtime refused (not allowed, unknown agent). */
  z.strictObject({ kind: z.literal('refused'), from: z.string(), to: z.string(), contract: z.string(), detail: z.string(), spanId: SpanId.optional() }),
  z.strictObject({ kind: z.literal('decision'), decision: DecisionShape }),
  z.strictObject({ kind: z.literal('approval'), requestId: z.string(), approval: CommandApproval, answer: ApprovalCardAnswer.optional() }),
  /** `requestId` is absent when the person could not be asked in the run (the run ended escalated). */
  z.strictObject({ kind: z.literal('escalation'), requestId: z.string().optional(), escalation: Escalation, answer: EscalationCardAnswer.optional() }),
  z.strictObject({ kind: z.literal('retry'), agent: z.string(), attempt: z.int(), reason: z.string() }),
  z.strictObject({ kind: z.literal('notice'), level: z.enum(['info', 'warning', 'error']), text: z.string() }),
  /** The loaded team (`/agents`). */
  z.strictObject({ kind: z.literal('team'), agents: z.array(TeamMember), problems: z.array(z.string()) }),
  /** An improvement `/improve` started (one card per run, updated as it goes). */
  z.strictObject({ kind: z.literal('improvement'), card: ImprovementCard }),
]);
export type Entry = z.infer<typeof Entry>;

/** A validated payload that ended the run, or travelled in it (a change proposal). */
export const ResultArtifact = z.strictObject({ agent: z.string(), contract: z.string(), payload: z.unknown() });
export type ResultArtifact = z.infer<typeof ResultArtifact>;

export const TurnStatus = z.enum(['running', 'completed', 'stopped', 'escalated', 'cancelled', 'unsupported', 'failed']);
export type TurnStatus = z.infer<typeof TurnStatus>;

const Usage = z.strictObject({ steps: z.number().min(0), tokens: z.number().min(0), costUsd: z.number().min(0) });
export type Usage = z.infer<typeof Usage>;

/** What a run may spend (the governor's limits). */
export const Budget = RunBudget;
export type Budget = z.infer<typeof Budget>;

/** One message of the person and the team's work on it. */
export const Turn = z.strictObject({
  id: z.string().min(1).max(100),
  prompt: Prompt,
  startedAt: z.number(),
  endedAt: z.number().optional(),
  status: TurnStatus,
  runId: z.string().optional(),
  entries: z.array(Entry),
  /** The run's result, and each change proposal that travelled in it. */
  results: z.array(ResultArtifact),
  stuck: StuckReport.optional(),
  proposalIds: z.array(z.string()),
  usage: Usage,
  budget: Budget.optional(),
});
export type Turn = z.infer<typeof Turn>;

/** A conversation, as kept in workspace storage. */
export const Chat = z.strictObject({
  id: z.string().min(1).max(100),
  title: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  turns: z.array(Turn),
});
export type Chat = z.infer<typeof Chat>;

/** A chat as the list of earlier chats shows it. */
export const ChatSummary = z.strictObject({ id: z.string(), title: z.string(), updatedAt: z.number(), turns: z.int().min(0) });
export type ChatSummary = z.infer<typeof ChatSummary>;

const InTurn = { turnId: z.string().min(1) };

/** One change to a chat. The extension derives them from run events; both sides apply them. */
export const TranscriptUpdate = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('turnStarted'), turn: Turn }),
  z.strictObject({ type: z.literal('runStarted'), ...InTurn, runId: z.string(), budget: Budget.optional() }),
  z.strictObject({ type: z.literal('agentStarted'), ...InTurn, agent: z.string(), provenance: AgentProvenance, contract: z.string(), from: z.string(), payload: z.unknown() }),
  /** `sentAt`: when the server sent the delta (epoch ms), for the page's delta → painted measure; not kept. */
  z.strictObject({ type: z.literal('text'), ...InTurn, agent: z.string(), kind: z.enum(['text', 'thinking']), text: z.string(), sentAt: z.number().optional() }),
  /** A model call of `agent` ended: what it streamed is settled (and its cost is known). */
  z.strictObject({ type: z.literal('callEnded'), ...InTurn, agent: z.string(), tokens: z.number().min(0), costUsd: z.number().min(0) }),
  z.strictObject({ type: z.literal('retry'), ...InTurn, agent: z.string(), attempt: z.int(), reason: z.string() }),
  z.strictObject({ type: z.literal('bounce'), ...InTurn, agent: z.string(), contract: z.string(), direction: z.enum(['result', 'handoff']), issues: z.array(z.string()), spanId: SpanId.optional() }),
  z.strictObject({ type: z.literal('refused'), ...InTurn, from: z.string(), to: z.string(), contract: z.string(), detail: z.string(), spanId: SpanId.optional() }),
  z.strictObject({ type: z.literal('decision'), ...InTurn, decision: DecisionShape }),
  z.strictObject({ type: z.literal('approval'), ...InTurn, requestId: z.string(), approval: CommandApproval }),
  z.strictObject({ type: z.literal('approvalAnswered'), ...InTurn, requestId: z.string(), answer: ApprovalCardAnswer }),
  z.strictObject({ type: z.literal('escalation'), ...InTurn, requestId: z.string().optional(), escalation: Escalation }),
  z.strictObject({ type: z.literal('escalationAnswered'), ...InTurn, requestId: z.string(), answer: EscalationCardAnswer }),
  z.strictObject({ type: z.literal('notice'), ...InTurn, level: z.enum(['info', 'warning', 'error']), text: z.string() }),
  z.strictObject({ type: z.literal('team'), ...InTurn, agents: z.array(TeamMember), problems: z.array(z.string()) }),
  /** An improvement's card, whole: drawn the first time, replacing the card of the same run after. */
  z.strictObject({ type: z.literal('improvement'), ...InTurn, card: ImprovementCard }),
  z.strictObject({
    type: z.literal('ended'),
    ...InTurn,
    status: TurnStatus.exclude(['running']),
    results: z.array(ResultArtifact),
    stuck: StuckReport.optional(),
    proposalIds: z.array(z.string()),
    usage: Usage.optional(),
    endedAt: z.number(),
  }),
]);
export type TranscriptUpdate = z.infer<typeof TranscriptUpdate>;

/** A new, empty turn for what the person sent. */
export function newTurn(id: string, prompt: Prompt, now: number): Turn {
  return { id, prompt, startedAt: now, status: 'running', entries: [], results: [], proposalIds: [], usage: { steps: 0, tokens: 0, costUsd: 0 } };
}

/** A new, empty chat. */
export function newChat(id: string, now: number): Chat {
  return { id, title: 'New chat', createdAt: now, updatedAt: now, turns: [] };
}

/** The chat's totals: every turn's usage added up. */
export function chatUsage(chat: Chat): Usage {
  return chat.turns.reduce((sum, turn) => ({ steps: sum.steps + turn.usage.steps, tokens: sum.tokens + turn.usage.tokens, costUsd: sum.costUsd + turn.usage.costUsd }), { steps: 0, tokens: 0, costUsd: 0 });
}

/** The list entry of a chat. */
export function summaryOf(chat: Chat): ChatSummary {
  return { id: chat.id, title: chat.title, updatedAt: chat.updatedAt, turns: chat.turns.length };
}

const titleLength = 60;

/**
 * Applies one update to `chat` (in place) and returns the turn it changed, or undefined when the
 * update names no turn of this chat (an update for a chat since replaced is dropped, not thrown).
 */
export function applyUpdate(chat: Chat, update: TranscriptUpdate, now = Date.now()): Turn | undefined {
  if (update.type === 'turnStarted') {
    chat.turns.push(update.turn);
    if (chat.turns.length === 1) chat.title = titleOf(update.turn.prompt);
    chat.updatedAt = now;
    return update.turn;
  }
  const turn = chat.turns.find((candidate) => candidate.id === update.turnId);
  if (!turn) return undefined;
  chat.updatedAt = now;
  switch (update.type) {
    case 'runStarted':
      turn.runId = update.runId;
      if (update.budget) turn.budget = update.budget;
      break;
    case 'agentStarted':
      turn.entries.push({ kind: 'agent', agent: update.agent, provenance: update.provenance, contract: update.contract, from: update.from, payload: update.payload, text: '', thinking: '', settled: 0 });
      break;
    case 'text': {
      let speaking = speakingEntry(turn, update.agent);
      if (!speaking) break;
      // Text after a card or a decision is drawn after it, as the same activation continuing.
      const shownSince = turn.entries.slice(turn.entries.indexOf(speaking) + 1).some((entry) => entry.kind !== 'retry');
      if (shownSince && speaking.text.length > 0) {
        const { agent, provenance, contract, from } = speaking;
        speaking = { kind: 'agent', agent, provenance, contract, from, payload: null, text: '', thinking: '', settled: 0, continued: true };
        turn.entries.push(speaking);
      }
      // A new model call's text starts a new paragraph: calls are steps, not one sentence.
      const newCall = speaking.settled > 0 && speaking.text.length === speaking.settled && !/^\s/.test(update.text);
      if (update.kind === 'text') speaking.text += newCall ? `\n\n${update.text}` : update.text;
      else speaking.thinking += update.text;
      break;
    }
    case 'callEnded': {
      const speaking = speakingEntry(turn, update.agent);
      if (speaking) speaking.settled = speaking.text.length;
      turn.usage = { steps: turn.usage.steps + 1, tokens: turn.usage.tokens + update.tokens, costUsd: turn.usage.costUsd + update.costUsd };
      break;
    }
    case 'retry': {
      const speaking = speakingEntry(turn, update.agent);
      if (speaking) speaking.text = speaking.text.slice(0, speaking.settled);
      turn.entries.push({ kind: 'retry', agent: update.agent, attempt: update.attempt, reason: update.reason });
      break;
    }
    case 'bounce':
      turn.entries.push({ kind: 'bounce', agent: update.agent, contract: update.contract, direction: update.direction, issues: update.issues, ...(update.spanId ? { spanId: update.spanId } : {}) });
      break;
    case 'refused':
      turn.entries.push({ kind: 'refused', from: update.from, to: update.to, contract: update.contract, detail: update.detail, ...(update.spanId ? { spanId: update.spanId } : {}) });
      break;
    case 'decision':
      turn.entries.push({ kind: 'decision', decision: update.decision });
      break;
    case 'approval':
      turn.entries.push({ kind: 'approval', requestId: update.requestId, approval: update.approval });
      break;
    case 'approvalAnswered':
      for (const entry of turn.entries) if (entry.kind === 'approval' && entry.requestId === update.requestId) entry.answer = update.answer;
      break;
    case 'escalation': {
      // The run's escalation event comes first; the question put to the person (with its id) follows.
      const announced = update.requestId ? turn.entries.find((entry) => entry.kind === 'escalation' && !entry.requestId && entry.escalation.id === update.escalation.id) : undefined;
      if (announced?.kind === 'escalation' && update.requestId) announced.requestId = update.requestId;
      else turn.entries.push({ kind: 'escalation', ...(update.requestId ? { requestId: update.requestId } : {}), escalation: update.escalation });
      break;
    }
    case 'escalationAnswered':
      for (const entry of turn.entries) if (entry.kind === 'escalation' && entry.requestId === update.requestId) entry.answer = update.answer;
      break;
    case 'notice':
      turn.entries.push({ kind: 'notice', level: update.level, text: update.text });
      break;
    case 'team':
      turn.entries.push({ kind: 'team', agents: update.agents, problems: update.problems });
      break;
    case 'improvement': {
      const shown = turn.entries.find((entry) => entry.kind === 'improvement' && entry.card.runId === update.card.runId);
      if (shown?.kind === 'improvement') shown.card = update.card;
      else turn.entries.push({ kind: 'improvement', card: update.card });
      break;
    }
    case 'ended':
      turn.status = update.status;
      turn.endedAt = update.endedAt;
      turn.results = update.results;
      turn.proposalIds = update.proposalIds;
      if (update.stuck) turn.stuck = update.stuck;
      if (update.usage) turn.usage = update.usage;
      // A question nobody answered before the run ended can no longer be answered.
      for (const entry of turn.entries) {
        if (entry.kind === 'approval' && !entry.answer) entry.answer = 'expired';
        if (entry.kind === 'escalation' && entry.requestId && !entry.answer) entry.answer = { expired: true };
      }
      break;
  }
  return turn;
}

/** The latest activation of `agent` in the turn: where its streamed text goes. */
function speakingEntry(turn: Turn, agent: string): Extract<Entry, { kind: 'agent' }> | undefined {
  for (let index = turn.entries.length - 1; index >= 0; index--) {
    const entry = turn.entries[index];
    if (entry?.kind === 'agent' && entry.agent === agent) return entry;
  }
  return undefined;
}

function titleOf(prompt: Prompt): string {
  const text = prompt.text.replace(/\s+/g, ' ').trim();
  return text.length > titleLength ? `${text.slice(0, titleLength - 1)}…` : text || 'New chat';
}
