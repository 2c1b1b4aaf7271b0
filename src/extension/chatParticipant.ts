/**
 * `@nova` in VS Code's own Chat, where the host offers the Chat API: it routes to the same team run
 * as the Chat view (nova/chat.send) and streams the reply, with a line for each agent that speaks
 * and each handoff. Feature-detected at runtime (`vscode.chat?.createChatParticipant`): a host
 * without it (code-server, older builds) gets nothing and nothing breaks. The Chat view stays
 * Nova's primary UI. The handler's body is in the client bundle, loaded on the first request.
 */
import * as vscode from 'vscode';
import type { AgentFileReview } from './agentFiles';
import type { LazyServer } from './lazyServer';
import type { AnswerChatRequest } from './client/chat/participantReply';
import { chatParticipantId } from './contributions';

/** `@nova`'s handler, and whether the host took it (it has the Chat API). */
export interface ChatParticipantRegistration {
  readonly registered: boolean;
  readonly answer: (request: Pick<vscode.ChatRequest, 'prompt' | 'command'>, stream: vscode.ChatResponseStream, token: vscode.CancellationToken) => Promise<vscode.ChatResult>;
}

export function registerChatParticipant(context: vscode.ExtensionContext, server: LazyServer, log: vscode.LogOutputChannel, agentFiles: AgentFileReview): ChatParticipantRegistration {
  const answer: ChatParticipantRegistration['answer'] = (request, stream, token) => {
    // Left outside dist/extension.js on purpose (tools/bundle.ts): dist/client/main.js.
    const { answerChatRequest } = require('./client/main') as { answerChatRequest: AnswerChatRequest };
    return answerChatRequest({ features: server.features, reviewAgentFiles: () => agentFiles.review(false) }, request, stream, token);
  };
  const chat = (vscode as { chat?: Partial<typeof vscode.chat> }).chat;
  if (typeof chat?.createChatParticipant !== 'function') return { registered: false, answer };
  try {
    const participant = chat.createChatParticipant(chatParticipantId, (request, _context, stream, token) => answer(request, stream, token));
    participant.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'nova.svg');
    context.subscriptions.push(participant);
    return { registered: true, answer };
  } catch (error) {
    log.warn(`@nova is not available in VS Code's Chat: ${error instanceof Error ? error.message : String(error)}`);
    return { registered: false, answer };
  }
}
