import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { AcceptedAgentFile } from '../core/agents/consent';
import { readAgentFileSafely } from '../core/agents/fileRead';
import { loadTeam } from '../core/agents/load';
import { chooseModel, type ModelChoice } from '../core/model/select';
import { shippedAgentsFolder } from '../core/agents/shippedFolder';
import type { TeamLoad } from '../core/agents/team';
import { nodeWorkspaceFiles } from '../core/host/nodeFiles';
import { createWorkspaceTools } from '../core/tools/registry';
import { WorkspaceSandbox } from '../core/workspace/sandbox';
import { UsageError } from './usage';

/** The workspace folder a command works on; a missing or non-folder path is a usage error. */
export function workspaceFolder(option: string | undefined): string {
  const folder = path.resolve(option ?? process.cwd());
  if (!existsSync(folder)) throw new UsageError(`No such folder: ${folder}`);
  if (!statSync(folder).isDirectory()) throw new UsageError(`Not a folder: ${folder}`);
  return folder;
}

/**
 * ` --workspace DIR` for a command Nova suggests, when the folder is not where nova was started
 * (quoted when the shell would split it); empty when it is.
 */
export function workspaceFlag(folder: string): string {
  if (path.resolve(folder) === process.cwd()) return '';
  return ` --workspace ${/^[\w@%+=:,./-]+$/.test(folder) ? folder : `'${folder.replace(/'/g, `'\\''`)}'`}`;
}

/** What the person allowed workspace agent files on the command line (`--accept-agent`, `--allow-endpoint`). */
export interface AgentAllowances {
  /** Agent files whose current content the person accepts (workspace-relative or absolute paths). */
  readonly acceptAgents?: readonly string[] | undefined;
  /** Endpoints agent files may name as `baseURL` (exact URLs). */
  readonly allowEndpoints?: readonly string[] | undefined;
}

/**
 * The team for a folder. The CLI has no Restricted Mode (the person chose to run it here), but the
 * workspace's agent files still take over decisions, or name endpoints, only as the flags allow.
 */
export async function loadWorkspaceTeam(folder: string, allowances: AgentAllowances = {}): Promise<TeamLoad> {
  const allowedEndpoints = allowedEndpointsOf(allowances);
  const acceptedFiles = await Promise.all((allowances.acceptAgents ?? []).map((file) => acceptCurrentContent(folder, file)));
  return loadTeam({
    shippedFolder: shippedAgentsFolder(),
    workspace: { folder, trusted: true, acceptedFiles, allowedEndpoints },
    toolNames: createWorkspaceTools().names(),
  });
}

/** The `--allow-endpoint` URLs, checked: the loader admits them, and the model client sends the key to no others. */
export function allowedEndpointsOf(allowances: AgentAllowances): string[] {
  return (allowances.allowEndpoints ?? []).map(checkEndpoint);
}

function checkEndpoint(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`--allow-endpoint needs a URL such as https://gateway.example/ (got "${url}")`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new UsageError(`--allow-endpoint takes http or https URLs (got "${url}")`);
  return parsed.href;
}

/** `--accept-agent FILE`: the file's workspace-relative path and the sha256 of what it holds now. */
async function acceptCurrentContent(folder: string, file: string): Promise<AcceptedAgentFile> {
  const sandbox = await WorkspaceSandbox.create([folder], nodeWorkspaceFiles);
  // Workspace-relative as `nova agents` prints it; else relative to where nova was started.
  const candidate = path.isAbsolute(file) || existsSync(path.join(folder, file)) ? file : path.resolve(file);
  const resolved = await sandbox.resolve(candidate);
  if (!resolved.ok) throw new UsageError(`--accept-agent ${file}: ${resolved.reason}`);
  const read = await readAgentFileSafely(resolved.path);
  if (!read.ok) throw new UsageError(`--accept-agent ${file}: the file ${read.message}`);
  return { path: resolved.relative, sha256: read.sha256 };
}

/** The model a command plays the team with: Claude when ANTHROPIC_API_KEY is set, the offline model otherwise; `--model` (or NOVA_MODEL) for every agent. */
export function cliModel(options: AgentAllowances & { readonly model?: string | undefined }, env: NodeJS.ProcessEnv): ModelChoice {
  return chooseModel({ provider: 'auto', apiKey: env.ANTHROPIC_API_KEY, baseURL: env.ANTHROPIC_BASE_URL, allowedEndpoints: allowedEndpointsOf(options), model: options.model ?? env.NOVA_MODEL });
}
