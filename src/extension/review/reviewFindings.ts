/**
 * The findings the Findings view and the comment threads show: each reviewed file's findings as
 * the server last published them (`nova/review.findings`, file by file as a review goes), listed
 * again from the server's kept review whenever the server (re)starts — so they are back after
 * Restart Server and after a window reload. Dismissing goes through the server, which keeps the
 * dismissal in `.nova/review/` and publishes the file again without it.
 */
import * as vscode from 'vscode';
import type { ReviewedFile, ReviewedFinding } from '../../protocol/review';
import type { LazyServer } from '../lazyServer';

/** A finding with the file it is in. */
export interface LocatedFinding {
  readonly file: ReviewedFile;
  readonly finding: ReviewedFinding;
}

export class ReviewFindings implements vscode.Disposable {
  private readonly byUri = new Map<string, ReviewedFile>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private listing: Promise<void> | undefined;
  /** Fired whenever a file's findings change. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly server: LazyServer,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions.push(
      server.onDidReviewFile((file) => this.set(file)),
      // A (re)started server restores its kept review: list it again.
      server.onDidStart(() => void (this.listing = this.list())),
    );
  }

  /** Lists the kept review once (starting the server if needed); later updates come by themselves. */
  load(): Promise<void> {
    this.listing ??= this.list();
    return this.listing;
  }

  /** Files with findings, by workspace path. */
  files(): ReviewedFile[] {
    return [...this.byUri.values()].filter((file) => file.findings.length > 0).sort((a, b) => a.path.localeCompare(b.path));
  }

  find(fingerprint: string): LocatedFinding | undefined {
    for (const file of this.byUri.values()) {
      const finding = file.findings.find((candidate) => candidate.fingerprint === fingerprint);
      if (finding) return { file, finding };
    }
    return undefined;
  }

  /** Dismisses a finding for good (the server keeps the dismissal); false when the server no longer had it. */
  async dismiss(fingerprint: string): Promise<boolean> {
    const { dismissed } = await this.server.features.request('nova/review.dismiss', { fingerprint });
    const located = this.find(fingerprint);
    if (located) this.set({ ...located.file, findings: located.file.findings.filter((finding) => finding.fingerprint !== fingerprint) });
    return dismissed;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }

  private set(file: ReviewedFile): void {
    if (file.findings.length === 0) this.byUri.delete(file.uri);
    else this.byUri.set(file.uri, file);
    this.changed.fire();
  }

  private async list(): Promise<void> {
    try {
      const { files } = await this.server.features.request('nova/review.list', {});
      this.byUri.clear();
      for (const file of files) this.byUri.set(file.uri, file);
      this.changed.fire();
    } catch (error) {
      this.log.warn(`Nova could not list the last review's findings: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
