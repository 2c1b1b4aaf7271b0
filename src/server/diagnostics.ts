/**
 * Review findings as LSP diagnostics: source "Nova", the rule as code, the exact range, evidence as
 * related information. Open TypeScript documents are reviewed as they change (debounced, unsaved
 * text included); `nova/review.run` reviews whole folders. Reviews run one at a time, so two never
 * refresh the same TypeScript project at once.
 */
import { existsSync } from 'node:fs';
import { DiagnosticSeverity, DiagnosticTag, type Connection, type Diagnostic } from 'vscode-languageserver/node';
import type { AnalyzedFinding, FindingRange } from '../core/review/analyzer';
import { removableCodes } from '../core/review/typescriptDiagnostics';
import { reviewWorkspace } from '../core/review/workspaceReview';
import { isTypeScriptSource } from '../core/typescript/sourceScope';
import type { ResultOf } from '../protocol/message';
import type { reviewRun } from '../protocol/review';
import type { ServerWorkspace } from './workspace';

/** The `source` of every diagnostic Nova publishes. */
export const diagnosticSource = 'Nova';

/** What a Nova diagnostic carries for its code actions. */
export interface NovaDiagnosticData {
  readonly tsCode?: number;
}

const severities = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint } as const;

/** An LSP range from a finding's (1-based line, 0-based column) range. */
export function lspRange(range: FindingRange): Diagnostic['range'] {
  return { start: { line: range.startLine - 1, character: range.startColumn }, end: { line: range.endLine - 1, character: range.endColumn } };
}

export class ReviewDiagnostics {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Files (absolute paths) whose diagnostics the client holds now. */
  private readonly published = new Set<string>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly connection: Connection,
    private readonly workspace: ServerWorkspace,
    /** Whether the client's workspace is trusted now (Restricted Mode reads no declaration outside it). */
    private readonly trusted: () => boolean,
    private readonly delayMs = 300,
  ) {
    const { documents } = workspace;
    documents.onDidOpen(({ document }) => this.schedule(document.uri, 0));
    documents.onDidChangeContent(({ document }) => this.schedule(document.uri, this.delayMs));
    // Closing drops unsaved edits: what stands is the file on disk.
    documents.onDidClose(({ document }) => this.schedule(document.uri, 0));
  }

  /** Reviews `paths` (default: every workspace folder) and publishes diagnostics for each file reviewed. */
  review(paths: readonly string[] | undefined, signal: AbortSignal): Promise<ResultOf<typeof reviewRun>> {
    return this.serially(async () => {
      const sandbox = await this.workspace.sandbox();
      const review = await reviewWorkspace(sandbox, paths ?? sandbox.folders, signal, this.trusted());
      const byDisplay = new Map(review.files.map((file) => [file.display, file.path]));
      // Evidence may sit in a file this review did not cover (a declaration in another module).
      for (const evidence of review.findings.flatMap((found) => found.evidence ?? [])) {
        if (byDisplay.has(evidence.path)) continue;
        const resolved = await sandbox.resolve(evidence.path);
        if (resolved.ok) byDisplay.set(evidence.path, resolved.path);
      }
      const withFindings = new Set<string>();
      for (const file of review.files) {
        const findings = review.findings.filter((found) => found.path === file.display);
        if (findings.length > 0) withFindings.add(this.workspace.uriOf(file.path));
        this.publish(file.path, findings, byDisplay);
      }
      this.clearVanished();
      return { files: review.files.length, findings: review.findings.length, uris: [...withFindings], problems: [...review.problems] };
    });
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private schedule(uri: string, delayMs: number): void {
    const path = this.workspace.pathOf(uri);
    if (!path || !isTypeScriptSource(path)) return;
    clearTimeout(this.timers.get(uri));
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        this.review([path], AbortSignal.timeout(60_000)).catch((error: unknown) => {
          this.connection.console.warn(`Review of ${path} failed: ${error instanceof Error ? error.message : String(error)}`);
        });
      }, delayMs),
    );
  }

  private publish(path: string, findings: readonly AnalyzedFinding[], byDisplay: ReadonlyMap<string, string>): void {
    const document = this.workspace.openDocument(path);
    const diagnostics = findings.map((found): Diagnostic => {
      const related = (found.evidence ?? []).flatMap((evidence) => {
        const target = byDisplay.get(evidence.path);
        return target ? [{ location: { uri: this.workspace.uriOf(target), range: lspRange(evidence.range) }, message: evidence.message }] : [];
      });
      const data: NovaDiagnosticData = found.tsCode === undefined ? {} : { tsCode: found.tsCode };
      return {
        range: lspRange(found.range),
        severity: severities[found.severity],
        source: diagnosticSource,
        code: found.rule,
        message: found.suggestion ? `${found.message}\n${found.suggestion}` : found.message,
        ...(related.length > 0 ? { relatedInformation: related } : {}),
        // Unused or unreachable code: editors fade it rather than underline it.
        ...(found.tsCode !== undefined && removableCodes.has(found.tsCode) ? { tags: [DiagnosticTag.Unnecessary] } : {}),
        data,
      };
    });
    if (diagnostics.length > 0) this.published.add(path);
    else this.published.delete(path);
    void this.connection.sendDiagnostics({ uri: this.workspace.uriOf(path), ...(document ? { version: document.version } : {}), diagnostics });
  }

  /** A file deleted or renamed since it was reviewed (and not open) loses its diagnostics: they describe nothing that exists. */
  private clearVanished(): void {
    for (const path of this.published) {
      if (this.workspace.openDocument(path) || existsSync(path)) continue;
      this.published.delete(path);
      void this.connection.sendDiagnostics({ uri: this.workspace.uriOf(path), diagnostics: [] });
    }
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
