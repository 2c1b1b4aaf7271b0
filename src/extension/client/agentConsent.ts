/**
 * Asks the person about the workspace agent files the server holds back (nova/agents.list): each
 * file that would take over a decision, and each endpoint an agent file names as its `baseURL`.
 * Answers are remembered (consentStore.ts) and sent to the server, which loads what was accepted.
 * A "no" is remembered for this window only, so a run does not ask twice; the command asks again.
 */
import type * as vscode from 'vscode';
import { agentsList, type AgentsListResult } from '../../protocol/agents';
import type { AgentConsentPrompt } from '../agentConsentPrompt';
import { rememberConsent } from './consentStore';
import type { NovaServer } from './server';

export class AgentConsent {
  private readonly declined = new Set<string>();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly server: NovaServer,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** The team as the server would run it now, with what waits for the person. */
  list(): Promise<AgentsListResult> {
    return this.server.request(agentsList, {});
  }

  /**
   * Asks about every pending file and endpoint (`again`: also those declined in this window), then
   * tells the server the answers. Resolves with the team as it loads afterwards.
   */
  async review(prompt: AgentConsentPrompt, again: boolean): Promise<AgentsListResult> {
    const listed = await this.list();
    let changed = false;
    for (const endpoint of listed.pendingEndpoints) {
      const id = `endpoint ${endpoint.path} ${endpoint.baseURL}`;
      if (!again && this.declined.has(id)) continue;
      const host = hostOf(endpoint.baseURL);
      const allowed = await prompt({
        message: `Send your Anthropic API key to ${host}?`,
        detail: `The workspace agent file ${endpoint.path} (agent "${endpoint.name}") names its own Messages API endpoint, ${endpoint.baseURL}. Nova would send that agent's requests — with your API key — to ${host}. Allow this exact endpoint for this workspace only if you run or trust that server.`,
        yes: `Allow ${host}`,
        no: 'Don\'t allow',
      });
      if (allowed) {
        await rememberConsent(this.context, { allow: endpoint.baseURL });
        changed = true;
      } else this.declined.add(id);
      this.log.info(`Agent file ${endpoint.path}: endpoint ${endpoint.baseURL} ${allowed ? 'allowed' : 'not allowed'}`);
    }
    for (const file of listed.pending) {
      const id = `file ${file.path} ${file.sha256}`;
      if (!again && this.declined.has(id)) continue;
      const load = await prompt({
        message: `Load the workspace agent file ${file.path}?`,
        detail: `It defines the agent "${file.name}", which ${file.reasons.join('; ')}. It comes from this workspace, not from Nova: load it only if you trust its content. Until you do, Nova's shipped agent stays. A changed file asks again.`,
        yes: 'Load',
        no: 'Don\'t load',
      });
      if (load) {
        await rememberConsent(this.context, { accept: { path: file.path, sha256: file.sha256 } });
        changed = true;
      } else this.declined.add(id);
      this.log.info(`Agent file ${file.path} (sha256 ${file.sha256}) ${load ? 'accepted' : 'not loaded'}`);
    }
    if (!changed) return listed;
    await this.server.reconfigure();
    return this.list();
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
