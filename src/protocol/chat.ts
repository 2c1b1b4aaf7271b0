/** Chat: a message to the team, answered by a run at the front door. */
import { z } from 'zod';
import { request } from './message';
import { RunStarted } from './run';

export const ChatSendParams = z.strictObject({
  text: z.string().trim().min(1, 'the message is empty'),
  /** The agent an `@name` addressed (the front door otherwise). */
  agent: z.string().min(1).optional(),
  /** Workspace-relative files the message is about (e.g. the open editor). */
  files: z.array(z.string().min(1)).optional(),
});
export type ChatSendParams = z.infer<typeof ChatSendParams>;

/** nova/chat.send: the concierge takes the message; the run's events stream as nova/run.* notifications. */
export const chatSend = request('nova/chat.send', ChatSendParams, RunStarted);
