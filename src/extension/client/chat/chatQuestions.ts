/**
 * Questions a run puts to the person, as cards in the chat: a command approval and an escalation
 * of a run this chat started appear in its turn; the run waits until the page answers
 * (chat/answerApproval, chat/answerEscalation) or stops waiting (the token is cancelled: the run
 * ended or was cancelled — the card then says it expired). Questions of any other run go to the
 * fallback (the modal dialogs), so nothing is ever asked where nobody looks.
 */
import type * as vscode from 'vscode';
import type { ApprovalAnswer, CommandApproval } from '../../../protocol/approval';
import type { DecisionAnswer, DecisionAskParams } from '../../../protocol/decision';
import { WebviewRequestError } from '../../../protocol/webview/message';
import type { TranscriptUpdate } from '../../../protocol/webview/transcript';
import type { PersonQuestions } from '../../personQuestions';

/** An approval names no run (the core's policy asks without one): the chat's one running turn takes it. */
type CommandQuestion = CommandApproval & { readonly runId?: string };

/** Where a run of this chat is: the chat and turn its cards go to. */
export interface ChatRunPlace {
  readonly chatId: string;
  readonly turnId: string;
}

/** What the questions need of the chat. */
export interface QuestionHost {
  /** The place of a run this chat started and that is still running; with no run id, the one running turn (if exactly one). */
  placeOf(runId: string | undefined): ChatRunPlace | undefined;
  /** Applies and posts an update to a chat. */
  update(chatId: string, update: TranscriptUpdate): void;
}

interface Waiting {
  readonly kind: 'approval' | 'escalation';
  readonly place: ChatRunPlace;
  readonly settle: (answer: unknown) => void;
}

export class ChatQuestions implements PersonQuestions {
  private readonly waiting = new Map<string, Waiting>();
  private nextId = 1;

  constructor(
    private readonly host: QuestionHost,
    private readonly fallback: PersonQuestions,
  ) {}

  /** How many cards wait for an answer. */
  get pending(): number {
    return this.waiting.size;
  }

  approveCommand(params: CommandQuestion, token: vscode.CancellationToken): Promise<ApprovalAnswer> {
    const place = this.host.placeOf(params.runId);
    if (!place) return this.fallback.approveCommand(params, token);
    const { runId: _runId, ...approval } = params;
    return this.ask<ApprovalAnswer>('approval', place, token, (requestId) => ({ type: 'approval', turnId: place.turnId, requestId, approval }), 'deny', (requestId, answer) => ({
      type: 'approvalAnswered',
      turnId: place.turnId,
      requestId,
      answer: answer ?? 'expired',
    }));
  }

  decide(params: DecisionAskParams, token: vscode.CancellationToken): Promise<DecisionAnswer> {
    const place = this.host.placeOf(params.runId);
    if (!place) return this.fallback.decide(params, token);
    return this.ask<DecisionAnswer>('escalation', place, token, (requestId) => ({ type: 'escalation', turnId: place.turnId, requestId, escalation: params.escalation }), { dismissed: true }, (requestId, answer) => ({
      type: 'escalationAnswered',
      turnId: place.turnId,
      requestId,
      answer: answer ?? { expired: true },
    }));
  }

  /** The page's answer to an approval card; refused when no such card waits in that turn. */
  answerApproval(turnId: string, requestId: string, answer: ApprovalAnswer): void {
    this.take('approval', turnId, requestId).settle(answer);
  }

  /** The page's answer to an escalation; an option must be one the team put to the person. */
  answerEscalation(turnId: string, requestId: string, answer: DecisionAnswer, options: (requestId: string) => readonly string[] | undefined): void {
    if ('option' in answer && !(options(requestId) ?? []).includes(answer.option)) {
      throw new WebviewRequestError('invalidParams', `"${answer.option.slice(0, 100)}" is not one of the options of that question.`);
    }
    this.take('escalation', turnId, requestId).settle(answer);
  }

  /** Every waiting card expires (the view closes): the runs get the cautious answer. */
  dispose(): void {
    for (const waiting of [...this.waiting.values()]) waiting.settle(undefined);
  }

  private take(kind: Waiting['kind'], turnId: string, requestId: string): Waiting {
    const waiting = this.waiting.get(requestId);
    if (!waiting || waiting.kind !== kind || waiting.place.turnId !== turnId) throw new WebviewRequestError('failed', `No ${kind} question ${requestId.slice(0, 100)} waits in that turn (it was answered, or the run stopped waiting).`);
    return waiting;
  }

  private ask<A>(
    kind: Waiting['kind'],
    place: ChatRunPlace,
    token: vscode.CancellationToken,
    card: (requestId: string) => TranscriptUpdate,
    cautious: A,
    answered: (requestId: string, answer: A | undefined) => TranscriptUpdate,
  ): Promise<A> {
    const requestId = `q${this.nextId++}`;
    return new Promise<A>((resolve) => {
      if (token.isCancellationRequested) return resolve(cautious);
      const settle = (answer: unknown) => {
        if (!this.waiting.delete(requestId)) return;
        listener.dispose();
        this.host.update(place.chatId, answered(requestId, answer as A | undefined));
        resolve((answer as A | undefined) ?? cautious);
      };
      this.waiting.set(requestId, { kind, place, settle });
      const listener = token.onCancellationRequested(() => settle(undefined));
      this.host.update(place.chatId, card(requestId));
    });
  }
}
