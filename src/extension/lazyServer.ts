/**
 * Nova's language server, reached lazily: nothing of the client (vscode-languageclient, zod, the
 * protocol) is loaded and no server process starts until a view or command first needs one.
 */
import * as vscode from 'vscode';
import type { ParamsOf } from '../protocol/message';
import type { ReviewedFile, reviewTeamProgress } from '../protocol/review';
import type { CreateServerFeatures, ServerFeatures } from './serverFeatures';

export class LazyServer implements vscode.Disposable {
  private loaded: ServerFeatures | undefined;
  private readonly _onDidStart = new vscode.EventEmitter<void>();
  private readonly _onDidChangeProposals = new vscode.EventEmitter<void>();
  private readonly _onDidChangeRuns = new vscode.EventEmitter<void>();
  private readonly _onDidReviewFile = new vscode.EventEmitter<ReviewedFile>();
  private readonly _onReviewProgress = new vscode.EventEmitter<{ readonly reviewed: number; readonly total: number }>();
  private readonly _onReviewTeamProgress = new vscode.EventEmitter<ParamsOf<typeof reviewTeamProgress>>();
  readonly onDidStart = this._onDidStart.event;
  readonly onDidChangeProposals = this._onDidChangeProposals.event;
  readonly onDidChangeRuns = this._onDidChangeRuns.event;
  readonly onDidReviewFile = this._onDidReviewFile.event;
  readonly onReviewProgress = this._onReviewProgress.event;
  readonly onReviewTeamProgress = this._onReviewTeamProgress.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Whether a feature has needed the server yet. */
  get started(): boolean {
    return this.loaded !== undefined;
  }

  /** The server's features; the first call loads the client bundle (the server starts on its first request). */
  get features(): ServerFeatures {
    if (!this.loaded) {
      // Left outside dist/extension.js on purpose (tools/bundle.ts): dist/client/main.js, or out/src/extension/client/main.js.
      const { createServerFeatures } = require('./client/main') as { createServerFeatures: CreateServerFeatures };
      this.loaded = createServerFeatures(this.context, this.log, {
        started: () => this._onDidStart.fire(),
        proposalsChanged: () => this._onDidChangeProposals.fire(),
        runsChanged: () => this._onDidChangeRuns.fire(),
        reviewedFile: (file) => this._onDidReviewFile.fire(file),
        reviewProgress: (progress) => this._onReviewProgress.fire(progress),
        reviewTeamProgress: (progress) => this._onReviewTeamProgress.fire(progress),
      });
    }
    return this.loaded;
  }

  dispose(): void {
    this._onDidStart.dispose();
    this._onDidChangeProposals.dispose();
    this._onDidChangeRuns.dispose();
    this._onDidReviewFile.dispose();
    this._onReviewProgress.dispose();
    this._onReviewTeamProgress.dispose();
  }

  /** Stops the server, if one was started, and waits for its process to exit. */
  async stop(): Promise<void> {
    await this.loaded?.dispose();
    this.loaded = undefined;
  }
}
