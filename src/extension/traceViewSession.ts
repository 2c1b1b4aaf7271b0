/**
 * What the trace panel's light half (traceView.ts, in the extension host bundle) and its heavy half
 * (client/trace/traceController.ts, in the lazily loaded client bundle) say to each other. Types
 * only, so activation loads neither zod nor the protocol.
 */
import type * as vscode from 'vscode';
import type { ChangeSet } from '../protocol/proposals';
import type { ServerFeatures } from './serverFeatures';

/**
 * Which span a panel selects when it shows the trace: a named one, or the run's first handoff (a
 * change set that does not name the span that carried it, from a trace written before spans were named).
 */
export type TraceFocus = { readonly spanId: string } | { readonly firstHandoff: true };

/** Where a panel's trace comes from: a run the server knows (running, or its trace file), or a trace file opened as such. */
export type TraceSource = { readonly kind: 'run'; readonly runId: string } | { readonly kind: 'file'; readonly file: string };

/** A hunk the page asked to reveal: the change set and hunk by id, never a path. */
export interface HunkRef {
  readonly changeSetId: string;
  readonly hunkId: string;
}

/** What a panel hands its controller. */
export interface TraceViewDeps {
  /** The panel's webview: the controller posts through it and reads what the page posts. */
  readonly webview: Pick<vscode.Webview, 'postMessage' | 'onDidReceiveMessage'>;
  readonly source: TraceSource;
  readonly focus: TraceFocus | undefined;
  readonly log: vscode.LogOutputChannel;
  /** The server's features (loading them starts nothing; the first request starts the server). */
  readonly features: ServerFeatures;
  /** The change sets the editor knows (the Proposals view's copy), and when they change. */
  readonly changeSets: { readonly all: () => readonly ChangeSet[]; readonly onDidChange: vscode.Event<void> };
  /** Opens the hunk's file at the hunk (the editor's own review of it). */
  revealHunk(hunk: HunkRef): Promise<void>;
  /** Opens (or reveals) another run's trace panel. */
  openRun(runId: string, focus: TraceFocus | undefined): Promise<void>;
  /** The run's task is known: the panel's title says it. */
  titled(task: string): void;
  /** The trace could not be shown at all (no such run, an unreadable file): the panel closes, saying why. */
  failed(message: string): void;
}

/** One message the controller told the page (recorded as it is sent; the page may not have said ready yet). */
export interface ToldPage {
  readonly method: string;
  readonly params: unknown;
}

/** Seams for Nova's real-VS Code tests: the page's side of the endpoint, and what the page was told. */
export interface TraceViewTesting {
  /** Hands a raw message to the panel's endpoint, as if the page had posted it. */
  receive(raw: unknown): void;
  /** Messages received and refused by the endpoint, and posted to the page. */
  counts(): { received: number; refused: number; posted: number };
  /** The last (at most 100) envelopes posted to the page, oldest first. */
  recentlyPosted(): unknown[];
  /** Every notification the controller sent the page, oldest first (the last 200). */
  told(): ToldPage[];
  /** Resolves once the trace is loaded (or failed to). */
  loaded(): Promise<void>;
}

/** One panel's controller; disposed with the panel. */
export interface TraceViewSession extends vscode.Disposable {
  /** The run shown (known once loaded for a trace file). */
  readonly runId: string | undefined;
  /** Selects a span (the panel was already open). */
  focus(focus: TraceFocus): void;
  readonly testing: TraceViewTesting;
}

/** The client bundle's export that makes a controller (client/main.ts). */
export type CreateTraceView = (deps: TraceViewDeps) => TraceViewSession;
