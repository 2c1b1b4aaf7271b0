/**
 * Review findings as LSP diagnostics, and the editor's review state. Open TypeScript documents are
 * reviewed as they change (debounced, unsaved text included); `nova/review.run` reviews whole
 * folders, the files git says changed, or given files, publishing file by file as each part of the
 * review finishes. Every reviewed file's findings are kept in `.nova/review/` with the hash of the
 * text they were found in, so a restarted server publishes them again and reviews only the files
 * whose text changed since; a dismissed finding (by fingerprint) is never published again. As on
 * the command line, a finding a `// nova-ignore` comment suppresses or the baseline
 * (`.nova/review-baseline.json`) holds is not published, and a malformed comment is a finding.
 * Reviews run one at a time, so two never refresh the same TypeScript project at once. A large
 * review with a key is then checked by the team through the Message Batches API (teamReview.ts),
 * and each file it reviewed is published again with the team's findings; a batch a stopped server
 * left is collected by the next one once it has the key.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import type { AnalyzedFinding } from '../core/review/analyzer';
import { baselineOrNone, splitByBaseline } from '../core/review/baseline';
import { changedFiles } from '../core/review/changedFiles';
import { reviewedFile } from '../core/review/filteredReview';
import { contentHash, ReviewState, type FingerprintedFinding } from '../core/review/lastReview';
import { reviewScope, type WorkspaceReview } from '../core/review/workspaceReview';
import { isTypeScriptSource, resolveSourceScope } from '../core/typescript/sourceScope';
import type { WorkspaceSandbox } from '../core/workspace/sandbox';
import { skippedDirectories } from '../core/workspace/walk';
import type { ParamsOf, ResultOf } from '../protocol/message';
import { reviewFindings, reviewProgress, type reviewRun, type ReviewedFile } from '../protocol/review';
import { notify } from './handlers';
import { diagnosticOf, reviewedFinding } from './reviewedFindings';
import type { OfflineFile, PreparedTeamReview, TeamPass, TeamReview } from './teamReview';
import type { ServerWorkspace } from './workspace';

/** Nova reads no source larger than this for a fingerprint (the TypeScript store has its own limit). */
const maxSourceBytes = 4 * 1024 * 1024;
/** A workspace review is published in this many parts, each as soon as it is analyzed. */
const maxParts = 4;
/** How long an open document's review waits after an edit, so that typing is not reviewed keystroke by keystroke. */
export const reviewDebounceMs = 300;

type ReviewResult = ResultOf<typeof reviewRun>;

/** A file as a review published it: what was found in which text, and what the person was shown. */
interface PublishedFile {
  readonly file: OfflineFile;
  readonly shown: ReviewedFile;
}

/** A review's answer and its files; for a large review with a key, the files the team is to check. */
interface OfflineReview {
  readonly result: ReviewResult;
  readonly files: ReadonlyMap<string, PublishedFile>;
  readonly forTeam?: PreparedTeamReview;
}

/** The counts a review answers with, from its published files. */
function totals(files: ReadonlyMap<string, PublishedFile>): Pick<ReviewResult, 'findings' | 'uris' | 'dismissed'> {
  const entries = [...files.values()];
  return {
    findings: entries.reduce((sum, entry) => sum + entry.shown.findings.length, 0),
    uris: entries.filter((entry) => entry.shown.findings.length > 0).map((entry) => entry.shown.uri),
    dismissed: entries.reduce((sum, entry) => sum + entry.file.found.length - entry.shown.findings.length, 0),
  };
}

export class ReviewDiagnostics {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Files (absolute paths) whose diagnostics the client holds now, with their workspace paths. */
  private readonly published = new Map<string, string>();
  private queue: Promise<unknown> = Promise.resolve();
  private state: Promise<ReviewState> | undefined;
  private restoring: Promise<void> | undefined;
  private resumingTeam: Promise<void> | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly workspace: ServerWorkspace,
    /** Whether the client's workspace is trusted now (Restricted Mode reads no declaration outside it). */
    private readonly trusted: () => boolean,
    private readonly delayMs = reviewDebounceMs,
    /** The team's batched pass over large reviews with a key; none: the analyzers' findings are final. */
    private readonly team?: TeamReview,
    /**
     * Settled once the client has said whether the workspace is trusted (Nova's own client does at
     * once): no review runs before, or it would run in Restricted Mode and report what a trusted
     * review does not (`process` unknown without the declarations outside the workspace).
     */
    private readonly configured: Promise<void> = Promise.resolve(),
  ) {
    const { documents } = workspace;
    documents.onDidOpen(({ document }) => this.schedule(document.uri, 0, true));
    documents.onDidChangeContent(({ document }) => this.schedule(document.uri, this.delayMs, false));
    // Closing drops unsaved edits: what stands is the file on disk.
    documents.onDidClose(({ document }) => this.schedule(document.uri, 0, false));
  }

  /**
   * Publishes the last review again (once, at start): files whose text has the hash they were
   * reviewed with keep their findings; the others are reviewed again.
   */
  restore(): Promise<void> {
    this.restoring ??= this.serially(async () => {
      const state = await this.reviewState();
      for (const problem of state.problems) this.connection.console.warn(`Nova: ${problem}`);
      const sandbox = await this.workspace.sandbox();
      const stale: string[] = [];
      for (const [display, stored] of [...state.entries()]) {
        // The state is a workspace file: every path in it goes through the sandbox before use.
        const resolved = await sandbox.resolve(display);
        const text = resolved.ok && isTypeScriptSource(display) ? await this.textOf(sandbox, resolved.path) : undefined;
        if (!resolved.ok || text === undefined) {
          state.forget(display);
          continue;
        }
        if (contentHash(text) === stored.hash) await this.publish(sandbox, resolved.path, display, stored.findings);
        else stale.push(resolved.path);
      }
      if (stale.length > 0) await this.reviewPaths(sandbox, stale, AbortSignal.timeout(120_000), false);
      await state.save();
    }).catch((error: unknown) => this.connection.console.warn(`Nova: the last review could not be restored: ${error instanceof Error ? error.message : String(error)}`));
    return this.restoring;
  }

  /**
   * Reviews `paths` (default: every workspace folder; `changed`: git's changed files) and publishes
   * diagnostics for each file reviewed. A large review with a key then waits for the team's batch
   * outside the review queue — it can take hours, and edited files are reviewed meanwhile — and
   * publishes the team's findings of each file whose text is still the one the team saw.
   */
  async review({ paths, changed }: ParamsOf<typeof reviewRun>, signal: AbortSignal): Promise<ReviewResult> {
    const offline = await this.serially(async (): Promise<OfflineReview> => {
      const sandbox = await this.workspace.sandbox();
      if (!changed) return this.reviewPaths(sandbox, paths ?? sandbox.folders, signal, true, true);
      const changes = await Promise.all(sandbox.folders.map((folder) => changedFiles(folder)));
      const problems = changes.flatMap((change) => (change.ok ? [] : [change.reason]));
      const files = changes.flatMap((change) => (change.ok ? change.files : [])).filter(isTypeScriptSource);
      if (files.length === 0) return { result: { files: 0, findings: 0, uris: [], problems: [...problems, 'No TypeScript file changed against HEAD.'], dismissed: 0 }, files: new Map() };
      const reviewed = await this.reviewPaths(sandbox, files, signal, true, true);
      return { ...reviewed, result: { ...reviewed.result, problems: [...problems, ...reviewed.result.problems] } };
    });
    if (!this.team || !offline.forTeam) return offline.result;
    const pass = await this.team.review(offline.forTeam, signal);
    return this.serially(() => this.applyTeam(offline, pass));
  }

  /** Every reviewed file with findings the person has not dismissed. */
  async list(): Promise<ReviewedFile[]> {
    await this.restore();
    return this.serially(async () => {
      const state = await this.reviewState();
      const sandbox = await this.workspace.sandbox();
      const files: ReviewedFile[] = [];
      for (const [display, stored] of state.entries()) {
        const resolved = await sandbox.resolve(display);
        if (!resolved.ok) continue;
        const shown = this.shown(resolved.path, display, stored.findings, state);
        if (shown.findings.length > 0) files.push(shown);
      }
      return files;
    });
  }

  /** Dismisses the finding with `fingerprint` for good: its diagnostic goes, and no later review shows it. */
  async dismiss(fingerprint: string): Promise<boolean> {
    await this.restore();
    return this.serially(async () => {
      const state = await this.reviewState();
      const owner = [...state.entries()].find(([, stored]) => stored.findings.some((found) => found.fingerprint === fingerprint));
      if (!owner || !state.dismiss(fingerprint)) return false;
      const sandbox = await this.workspace.sandbox();
      const resolved = await sandbox.resolve(owner[0]);
      if (resolved.ok) await this.publish(sandbox, resolved.path, owner[0], owner[1].findings);
      await state.save();
      return true;
    });
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  /** `withTeam`: a large enough review with a key is prepared for the team (its requests built while the projects are ours). */
  private async reviewPaths(sandbox: WorkspaceSandbox, paths: readonly string[], signal: AbortSignal, save: boolean, withTeam = false): Promise<OfflineReview> {
    const state = await this.reviewState();
    const scope = await resolveSourceScope(sandbox, paths, signal);
    const problems = [...scope.problems];
    const baseline = await baselineOrNone(this.workspace.primaryFolder, problems);
    let reviewed = 0;
    const files = new Map<string, PublishedFile>();
    notify(this.connection, reviewProgress, { reviewed, total: scope.files.length });
    const onPart = async (part: Pick<WorkspaceReview, 'files' | 'findings'>) => {
      for (const { text, ...file } of part.files) {
        const { reported } = reviewedFile(file.display, text, part.findings.filter((item: AnalyzedFinding) => item.path === file.display));
        const found = splitByBaseline(reported, baseline).fresh;
        state.record(file.display, contentHash(text), found);
        files.set(file.display, { file: { file, text, found }, shown: await this.publish(sandbox, file.path, file.display, found) });
      }
      reviewed += part.files.length;
      notify(this.connection, reviewProgress, { reviewed, total: scope.files.length });
    };
    const review = await reviewScope(sandbox, scope, signal, this.trusted(), { count: maxParts, onPart });
    problems.push(...review.problems.filter((problem) => !problems.includes(problem)));
    // Files that could not be read were in no part; the review is over all the same.
    if (reviewed < scope.files.length) notify(this.connection, reviewProgress, { reviewed: scope.files.length, total: scope.files.length });
    this.clearVanished(state);
    if (save) await state.save().catch((error: unknown) => problems.push(`The review could not be kept for the next session: ${error instanceof Error ? error.message : String(error)}`));
    const forTeam = withTeam && this.team?.applies(scope.files.length) ? await this.team.prepare(sandbox, [...files.values()].map((entry) => entry.file), signal, this.trusted()) : undefined;
    return { result: { files: scope.files.length, ...totals(files), problems }, files, ...(forTeam ? { forTeam } : {}) };
  }

  /** The review's answer once the team's findings are published. */
  private async applyTeam(offline: OfflineReview, pass: TeamPass): Promise<ReviewResult> {
    const files = new Map(offline.files);
    const { shown, edited } = await this.publishTeam(pass);
    for (const [display, published] of shown) {
      const entry = files.get(display);
      if (entry) files.set(display, { file: { ...entry.file, found: published.found }, shown: published.shown });
    }
    const problems = [...offline.result.problems, ...pass.problems, ...(edited > 0 ? [`${edited} file(s) changed while the team reviewed them: their newer review stands.`] : [])];
    return { ...offline.result, ...totals(files), problems, ...(pass.summary ? { team: pass.summary } : {}) };
  }

  /**
   * Publishes and keeps the team's findings of each file whose kept review is of the text the team
   * saw; a file reviewed again since (edited) keeps its newer review.
   */
  private async publishTeam(pass: TeamPass): Promise<{ shown: Map<string, { found: FingerprintedFinding[]; shown: ReviewedFile }>; edited: number }> {
    const state = await this.reviewState();
    const sandbox = await this.workspace.sandbox();
    const shown = new Map<string, { found: FingerprintedFinding[]; shown: ReviewedFile }>();
    let edited = 0;
    for (const [display, { hash, findings }] of pass.findings) {
      const resolved = await sandbox.resolve(display);
      if (!resolved.ok) continue;
      if (state.entries().get(display)?.hash !== hash) {
        edited++;
        continue;
      }
      state.record(display, hash, findings);
      shown.set(display, { found: findings, shown: await this.publish(sandbox, resolved.path, display, findings) });
    }
    await state.save().catch((error: unknown) => this.connection.console.warn(`Nova: the team's review could not be kept for the next session: ${error instanceof Error ? error.message : String(error)}`));
    return { shown, edited };
  }

  /**
   * Collects the team's batches a previous server left uncollected (it stopped while waiting) and
   * publishes what they found; once per server, when a key is first configured in a trusted workspace.
   */
  resumeTeam(): void {
    if (this.resumingTeam || !this.team?.canResume()) return;
    const team = this.team;
    this.resumingTeam = (async () => {
      await this.restore();
      const sandbox = await this.workspace.sandbox();
      const textOf = async (display: string) => {
        const resolved = await sandbox.resolve(display);
        return resolved.ok ? this.textOf(sandbox, resolved.path) : undefined;
      };
      // Never aborted: a server that stops leaves the batch to the next one (an abort would cancel it).
      for (const pass of await team.resume(textOf, new AbortController().signal)) {
        for (const problem of pass.problems) this.connection.console.warn(`Nova: ${problem}`);
        if (pass.findings.size > 0) await this.serially(() => this.publishTeam(pass));
      }
    })().catch((error: unknown) => this.connection.console.warn(`Nova: the team's review left by the last session could not be collected: ${error instanceof Error ? error.message : String(error)}`));
  }

  private schedule(uri: string, delayMs: number, opened: boolean): void {
    const path = this.workspace.pathOf(uri);
    if (!path || !isTypeScriptSource(path) || this.neverReviewed(path)) return;
    clearTimeout(this.timers.get(uri));
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        const work = opened ? this.republishIfUnchanged(path) : Promise.resolve(false);
        work
          .then((done) => (done ? undefined : this.serially(async () => this.reviewPaths(await this.workspace.sandbox(), [path], AbortSignal.timeout(60_000), true))))
          .catch((error: unknown) => this.connection.console.warn(`Review of ${path} failed: ${error instanceof Error ? error.message : String(error)}`));
      }, delayMs),
    );
  }

  /** An opened file whose text is what it was reviewed with: its kept findings are published, not recomputed. */
  private async republishIfUnchanged(path: string): Promise<boolean> {
    await this.restore();
    return this.serially(async () => {
      const state = await this.reviewState();
      const sandbox = await this.workspace.sandbox();
      const location = sandbox.locate(path);
      const display = location && sandbox.displayPath(location);
      const stored = display === undefined ? undefined : state.entries().get(display);
      const text = stored && (await this.textOf(sandbox, path));
      if (!stored || display === undefined || text === undefined || contentHash(text) !== stored.hash) return false;
      await this.publish(sandbox, path, display, stored.findings);
      return true;
    });
  }

  /** Publishes a file's findings the person has not dismissed, as diagnostics and to Nova's extension; returns what was shown. */
  private async publish(sandbox: WorkspaceSandbox, path: string, display: string, findings: readonly FingerprintedFinding[]): Promise<ReviewedFile> {
    const state = await this.reviewState();
    const evidenceUris = new Map<string, string>();
    for (const item of findings.flatMap((found) => found.evidence ?? [])) {
      if (evidenceUris.has(item.path)) continue;
      const resolved = await sandbox.resolve(item.path);
      if (resolved.ok) evidenceUris.set(item.path, this.workspace.uriOf(resolved.path));
    }
    const uriOf = (shown: string) => evidenceUris.get(shown);
    const visible = findings.filter((found) => !state.isDismissed(found.fingerprint));
    const document = this.workspace.openDocument(path);
    const uri = this.workspace.uriOf(path);
    if (visible.length > 0) this.published.set(path, display);
    else this.published.delete(path);
    void this.connection.sendDiagnostics({ uri, ...(document ? { version: document.version } : {}), diagnostics: visible.map((found) => diagnosticOf(found, uriOf)) });
    const shown: ReviewedFile = { uri, path: display, findings: visible.map((found) => reviewedFinding(found, uriOf)) };
    notify(this.connection, reviewFindings, shown);
    return shown;
  }

  /** What the extension is told of a kept file (evidence in other files is left out: list answers without resolving each). */
  private shown(path: string, display: string, findings: readonly FingerprintedFinding[], state: ReviewState): ReviewedFile {
    const visible = findings.filter((found) => !state.isDismissed(found.fingerprint));
    return { uri: this.workspace.uriOf(path), path: display, findings: visible.map((found) => reviewedFinding(found, () => undefined)) };
  }

  /** The text a file has now: the open document's (unsaved edits included), else the file's on disk. */
  private async textOf(sandbox: WorkspaceSandbox, path: string): Promise<string | undefined> {
    const document = this.workspace.openDocument(path);
    if (document) return document.getText();
    const read = await sandbox.readResolved(path, maxSourceBytes);
    return read.ok ? read.text : undefined;
  }

  /** A file deleted or renamed since it was reviewed (and not open) loses its diagnostics and its kept findings. */
  private clearVanished(state: ReviewState): void {
    for (const [path, display] of this.published) {
      if (this.workspace.openDocument(path) || existsSync(path)) continue;
      this.published.delete(path);
      state.forget(display);
      const uri = this.workspace.uriOf(path);
      void this.connection.sendDiagnostics({ uri, diagnostics: [] });
      notify(this.connection, reviewFindings, { uri, path: display, findings: [] });
    }
  }

  /**
   * Whether `path` is inside what a workspace review skips (`.git`, `node_modules`): an editor open
   * on such a file (an improve run's worktree, a dependency's source) gets no review either.
   */
  private neverReviewed(path: string): boolean {
    return this.workspace.folders.some((folder) => {
      const inside = relative(folder, path);
      return !inside.startsWith('..') && !isAbsolute(inside) && inside.split(sep).some((segment) => skippedDirectories.has(segment));
    });
  }

  private reviewState(): Promise<ReviewState> {
    this.state ??= ReviewState.open(this.workspace.primaryFolder);
    return this.state;
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(() => this.configured).then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
