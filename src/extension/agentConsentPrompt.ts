/**
 * How Nova asks the person about a workspace agent file: a modal that names the file, the agent and
 * what it would take over (or the host that would receive the API key). One function, so the
 * real-VS Code tests can answer it (NovaApi.testing) without clicking a modal.
 */
import * as vscode from 'vscode';

/** One question: the modal's message and detail, the choice that says yes, and the one that says no. */
export interface AgentConsentQuestion {
  readonly message: string;
  readonly detail: string;
  readonly yes: string;
  readonly no: string;
}

/** Asks; resolves true only when the person chose `yes` (closing the modal is a no). */
export type AgentConsentPrompt = (question: AgentConsentQuestion) => Promise<boolean>;

/** `no` comes first, so it is the dialog's default button: Enter never loads a file nobody read. */
export const modalConsentPrompt: AgentConsentPrompt = async ({ message, detail, yes, no }) =>
  (await vscode.window.showWarningMessage(message, { modal: true, detail }, no, yes)) === yes;
