/** Session: how the extension (or any client) tells the server which model to use, and the server's state. */
import { z } from 'zod';
import { AllowlistEntry } from '../core/tools/commandPolicy';
import { AcceptedAgentFile } from './agents';
import { ImproveConfiguration } from './improve';
import { notification, request } from './message';

export { AllowlistEntry };

/** What the client configures after the server started. The API key travels only here, never in env or argv. */
export const ConfigureParams = z.strictObject({
  provider: z.enum(['auto', 'offline', 'anthropic']),
  apiKey: z.string().min(1).optional(),
  baseURL: z.url().optional(),
  model: z.string().min(1).optional(),
  /** False in VS Code's Restricted Mode: review only, no commands, no writes. */
  trusted: z.boolean(),
  /**
   * Commands agents may run without asking (exact matches): a string runs so only in the root of a
   * workspace folder, `{ command, cwd }` only in that workspace-relative folder.
   */
  commandAllowlist: z.array(AllowlistEntry),
  /** Workspace agent files the person accepted, by workspace-relative path and content hash (see nova/agents.list). */
  acceptedAgentFiles: z.array(AcceptedAgentFile).optional(),
  /** Endpoints the person allowed this workspace's agent files to name as `baseURL`, matched exactly. */
  allowedEndpoints: z.array(z.url({ protocol: /^https?$/ })).optional(),
  /**
   * The person's OTLP/HTTP traces endpoint (the user setting `nova.trace.otlpEndpoint`, never a
   * workspace's): every run's spans are sent there live, as they end.
   */
  otlpEndpoint: z.url({ protocol: /^https?$/ }).optional(),
  /** The improve loop's settings (`nova.improve.*`); absent: the defaults, and no test command. */
  improve: ImproveConfiguration.optional(),
  /**
   * Above this many files a workspace review with a key is checked by the team through the Message
   * Batches API (`nova.review.batchThreshold`); absent: the default (core/review/batch).
   */
  reviewBatchThreshold: z.int().min(1).optional(),
});
export type ConfigureParams = z.infer<typeof ConfigureParams>;

/** Which model runs will use, as a person should read it. */
export const ModelStatus = z.strictObject({ label: z.string(), offline: z.boolean() });
export type ModelStatus = z.infer<typeof ModelStatus>;

/** nova/session.configure: sets model, key and trust; answers with the model runs will use. */
export const sessionConfigure = request('nova/session.configure', ConfigureParams, z.strictObject({ model: ModelStatus }));

/** What the server is: its process, version, folders and model. */
export const ServerStatus = z.strictObject({
  pid: z.int(),
  version: z.string(),
  startedAt: z.number(),
  folders: z.array(z.string()),
  model: ModelStatus,
  activeRuns: z.int().min(0),
});
export type ServerStatus = z.infer<typeof ServerStatus>;

/** nova/session.status: the server's status (for "Show Server Status" and health checks). */
export const sessionStatus = request('nova/session.status', z.strictObject({}), ServerStatus);

/** nova/session.problem (server → client): something the person should know that belongs to no request. */
export const sessionProblem = notification('nova/session.problem', z.strictObject({ message: z.string().min(1) }));
