/**
 * The chat view's messages. The page asks (requests, answered or failed with a typed error); the
 * extension tells (notifications). The page never names a file to act on except to open one —
 * context chips are offered by the extension and sent back by id, and every path the page sends
 * is checked by the extension against the workspace before anything opens.
 */
import { z } from 'zod';
import { TeamMember } from '../team';
import { toWebview, webviewRequest } from './message';
import { ApprovalCardChoice, Chat, ChatSummary, ContextChip, TranscriptUpdate } from './transcript';

const TurnId = z.string().min(1).max(100);
const ChatId = z.string().min(1).max(100);
const Empty = z.strictObject({});
const Nothing = z.null();

/** chat/send: a message to the team; `chips` are the ids of the offered context chips the person kept. */
export const chatSend = webviewRequest(
  'chat/send',
  z.strictObject({ text: z.string().trim().min(1, 'the message is empty').max(100_000, 'the message is longer than 100,000 characters'), chips: z.array(z.string().max(200)).max(20) }),
  z.strictObject({ turnId: TurnId }),
);

/** chat/cancel: stops a running reply; `cancelled` is false when it had already ended. */
export const chatCancel = webviewRequest('chat/cancel', z.strictObject({ turnId: TurnId }), z.strictObject({ cancelled: z.boolean() }));

/** chat/retry: sends a turn's message again, as a new turn. */
export const chatRetry = webviewRequest('chat/retry', z.strictObject({ turnId: TurnId }), z.strictObject({ turnId: TurnId }));

/** chat/new: starts a new chat (the current one stays in the list of earlier chats). */
export const chatNew = webviewRequest('chat/new', Empty, Nothing);

/** chat/open: switches to an earlier chat; its state follows as chat/state. */
export const chatOpen = webviewRequest('chat/open', z.strictObject({ chatId: ChatId }), Nothing);

/** chat/openLocation: opens a workspace file at a line (refused for anything outside the workspace). */
export const chatOpenLocation = webviewRequest('chat/openLocation', z.strictObject({ path: z.string().min(1).max(1000), line: z.int().min(1).optional() }), Nothing);

/** chat/reviewChanges: opens the review of a stored proposal. */
export const chatReviewChanges = webviewRequest('chat/reviewChanges', z.strictObject({ proposalId: z.string().min(1).max(200) }), Nothing);

/** chat/proposeCode: makes a code block of a reply a proposal (never a write); the person picks where it goes. */
export const chatProposeCode = webviewRequest(
  'chat/proposeCode',
  z.strictObject({ turnId: TurnId, code: z.string().max(1_000_000), language: z.string().max(50).optional() }),
  z.strictObject({ proposalId: z.string().optional() }),
);

/** chat/copy: puts text on the clipboard. */
export const chatCopy = webviewRequest('chat/copy', z.strictObject({ text: z.string().max(1_000_000) }), Nothing);

/** chat/answerApproval: the person's answer to a command approval card. */
export const chatAnswerApproval = webviewRequest('chat/answerApproval', z.strictObject({ turnId: TurnId, requestId: z.string().min(1).max(100), answer: ApprovalCardChoice }), Nothing);

/** chat/answerEscalation: the person's answer to a question the team could not settle. */
export const chatAnswerEscalation = webviewRequest(
  'chat/answerEscalation',
  z.strictObject({
    turnId: TurnId,
    requestId: z.string().min(1).max(100),
    answer: z.union([z.strictObject({ option: z.string().min(1).max(10_000), reason: z.string().max(10_000).optional() }), z.strictObject({ dismissed: z.literal(true) })]),
  }),
  Nothing,
);

/**
 * chat/openTrace: opens the trace of a turn's run, focused on `spanId` when given (a bounce or a
 * refused handoff the turn shows); refused for a turn that ran no team run.
 */
export const chatOpenTrace = webviewRequest('chat/openTrace', z.strictObject({ turnId: TurnId, spanId: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'a span id').optional() }), Nothing);

/** chat/openImprovement: opens the change report of the improvement a turn's card shows (`/improve`). */
export const chatOpenImprovement = webviewRequest('chat/openImprovement', z.strictObject({ turnId: TurnId }), Nothing);

/** chat/setApiKey: runs "Nova: Set Anthropic API Key". */
export const chatSetApiKey = webviewRequest('chat/setApiKey', Empty, Nothing);

/** The model the team uses, as the banner shows it. */
export const ChatModel = z.strictObject({ offline: z.boolean(), label: z.string() });
export type ChatModel = z.infer<typeof ChatModel>;

/** chat/state: everything the page shows, sent when it is ready and when another chat is opened. */
export const chatState = toWebview(
  'chat/state',
  z.strictObject({
    chat: Chat,
    chats: z.array(ChatSummary),
    team: z.array(TeamMember),
    context: z.array(ContextChip),
    model: ChatModel,
  }),
);

/** chat/update: one change to the open chat. */
export const chatUpdate = toWebview('chat/update', z.strictObject({ chatId: ChatId, update: TranscriptUpdate }));

/** chat/context: the chips on offer changed (another editor, selection or problems). */
export const chatContext = toWebview('chat/context', z.strictObject({ chips: z.array(ContextChip) }));

/** chat/team: the loaded team changed (for @ completion). */
export const chatTeam = toWebview('chat/team', z.strictObject({ team: z.array(TeamMember) }));

/** chat/model: the model changed (a key was set, the setting changed). */
export const chatModel = toWebview('chat/model', ChatModel);

/** chat/chats: the list of earlier chats changed. */
export const chatChats = toWebview('chat/chats', z.strictObject({ chats: z.array(ChatSummary) }));

/** chat/focus: put the cursor in the message box (the "Open Chat" command). */
export const chatFocus = toWebview('chat/focus', Empty);

/** Every request the chat page may send: the extension answers each. */
export const chatRequests = [chatSend, chatCancel, chatRetry, chatNew, chatOpen, chatOpenLocation, chatReviewChanges, chatProposeCode, chatCopy, chatAnswerApproval, chatAnswerEscalation, chatOpenTrace, chatOpenImprovement, chatSetApiKey] as const;
