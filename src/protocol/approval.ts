/**
 * Approval: the server asks the person, through the editor, before an agent runs a command the
 * allowlist does not let run there. The one request that goes server → client. A client receives
 * it only if it said it can answer (`initializationOptions.commandApproval: true`); any other
 * editor is never sent a blocking request — the command is refused and the person is told with a
 * `window/showMessage` notification.
 */
import { z } from 'zod';
import { ApprovalAnswer, CommandApproval } from '../core/tools/commandApproval';
import { request } from './message';

export { ApprovalAnswer, CommandApproval };

/** The question as sent: the approval, and the run that asks (so the editor shows it where that run is). */
export const CommandApprovalParams = CommandApproval.extend({ runId: z.string().min(1).optional() });
export type CommandApprovalParams = z.infer<typeof CommandApprovalParams>;

/**
 * nova/command.approve (server → client): the exact command (as given, and made visible), the
 * folder it would run in and the agent; answered `run` or `deny`. Anything else, an error or no
 * answer before the run ends means "deny".
 */
export const commandApprove = request('nova/command.approve', CommandApprovalParams, ApprovalAnswer);
