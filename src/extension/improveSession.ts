/**
 * What the improve loop's light half (improve.ts, in the extension host bundle: the commands) and
 * its heavy half (client/improve/, in the lazily loaded client bundle: the pickers, the progress,
 * the report panels) say to each other. Types only, so activation loads neither zod nor the protocol.
 */
import type * as vscode from 'vscode';
import type { ImproveRequest } from '../core/improve/record';
import type { ImprovePrompts } from './client/improve/improvePrompts';
import type { ImproveAsk, ImproveOutcome } from './client/improve/improveStart';
import type { OpenReportPanel } from './client/improve/reportPanels';
import type { ServerFeatures } from './serverFeatures';

export type { ImproveAsk, ImproveOutcome, ImprovePrompts, OpenReportPanel };

/** What the heavy half is given. */
export interface ImproveDeps {
  readonly context: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  readonly features: ServerFeatures;
  /** Opens an accepted change set for review, as the Proposals view does. */
  review(changeSetId: string): Promise<unknown>;
  /** The agent-file consent, asked before any run. */
  beforeRun(): Promise<unknown>;
}

/** What opening a change report came to (the command returns it, for Nova's tests). */
export type ReportOpened = { readonly opened: true; readonly runId: string; readonly state: string } | { readonly opened: false; readonly reason: string };

/** Seams for Nova's real-VS Code tests. */
export interface ImproveTesting {
  /** Answers the scope, goal and dirty-scope questions with `prompts` (undefined: the QuickPicks and the modal again). */
  answerWith(prompts: ImprovePrompts | undefined): void;
  /** Every open change report panel, oldest first. */
  reports(): readonly OpenReportPanel[];
}

export interface ImproveFeature extends vscode.Disposable {
  /** "Nova: Improve…" (`code`) or "Nova: Improve the Agents" (`agents`), from `clicked` (a context menu's resource) or the active editor. */
  improve(target: ImproveRequest['target'], clicked: vscode.Uri | undefined, given: ImproveAsk | undefined): Promise<ImproveOutcome>;
  /** Opens an improvement's change report; none named: the person picks one of the recorded improvements. */
  openReport(runId: string | undefined): Promise<ReportOpened>;
  readonly testing: ImproveTesting;
}

/** The client bundle's export that makes the heavy half (client/main.ts). */
export type CreateImproveFeature = (deps: ImproveDeps) => ImproveFeature;
