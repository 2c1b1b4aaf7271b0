/**
 * The trace panel's extension side: one per panel (a run's, or a trace file's custom editor). It
 * owns the panel's endpoint — every message from the page is checked there against the trace
 * page's descriptors (src/protocol/webview/trace.ts); what fails is refused and changes nothing —
 * tells the page the trace (all of it on each load of the page, then a live run's spans in batches,
 * then its end), the hunks each span produced, and which span to select, and answers the page's
 * requests. The page names runs, spans, change sets and hunks by id; each is checked to belong to
 * the trace shown before anything is read, opened or started.
 */
import * as vscode from 'vscode';
import { basename, dirname } from 'node:path';
import { loadTrace } from '../../../core/trace/jsonl';
import { loadSidePayload } from '../../../core/trace/sidePayload';
import { runStart } from '../../../protocol/run';
import { traceGet, tracePayload as serverTracePayload } from '../../../protocol/trace';
import type { WebviewEndpoint } from '../../../protocol/webview/endpoint';
import { WebviewRequestError, type WebviewNotification, type WebviewRequest } from '../../../protocol/webview/message';
import {
  traceCopy,
  traceEnded,
  traceExport,
  traceFocus,
  traceHunks,
  traceLoad,
  traceOpenRun,
  tracePayload,
  traceRerun,
  traceRevealHunk,
  traceSpans,
  type ProducedHunk,
} from '../../../protocol/webview/trace';
import { DisposableStore } from '../../disposableStore';
import { runTraceFile } from '../../traceFiles';
import { diskFolders } from '../../workspaceTargets';
import { dialogExportQuestions, exportTraceFile } from '../traceExport';
import type { ToldPage, TraceFocus, TraceViewDeps, TraceViewSession } from '../../traceViewSession';
import { liveTracesOf, type LiveTraces, type WireSpan } from './liveTraces';
import { producedHunks } from './producedHunks';
import { rerunIssues } from './rerunIssues';
import { SpanBatcher } from './spanBatcher';
import { focusedSpanId } from './traceFocus';
import { pageEndpoint, type PageEndpoint } from '../pageEndpoint';

interface FileProblem {
  readonly line: number;
  readonly message: string;
}

export class TraceController implements TraceViewSession {
  private readonly store = new DisposableStore();
  private readonly endpoint: WebviewEndpoint;
  private readonly live: LiveTraces;
  private readonly batcher: SpanBatcher<WireSpan>;
  private loadedRunId: string | undefined;
  private spans: WireSpan[] = [];
  private fileProblems: FileProblem[] = [];
  private running = false;
  private loadedOnce = false;
  private pageSaidReady = false;
  private wantedFocus: TraceFocus | undefined;
  private focusId: string | undefined;
  private hunks: Record<string, ProducedHunk[]> = {};
  private hunksSent = '{}';
  private readonly loading: Promise<void>;
  private readonly page: PageEndpoint;
  private readonly toldPage: ToldPage[] = [];

  constructor(private readonly deps: TraceViewDeps) {
    const { webview, log } = deps;
    this.live = liveTracesOf(deps.features);
    this.wantedFocus = deps.focus;
    this.page = pageEndpoint(webview, log, 'Trace panel');
    this.endpoint = this.store.add(this.page.endpoint);
    this.batcher = this.store.add(new SpanBatcher<WireSpan>((spans) => this.loadedRunId && this.tell(traceSpans, { runId: this.loadedRunId, spans })));
    this.store.add(webview.onDidReceiveMessage((raw: unknown) => this.endpoint.receive(raw)));
    // The first load gets what was held for it; a page that reloads (hidden and shown again) gets the whole trace again.
    this.store.add(
      this.endpoint.onReady(() => {
        if (this.pageSaidReady && this.loadedOnce) this.sendLoad();
        this.pageSaidReady = true;
      }),
    );
    this.store.add(deps.changeSets.onDidChange(() => this.updateHunks()));
    this.handleRequests();
    this.loading = this.load().catch((error: unknown) => deps.failed(error instanceof Error ? error.message : String(error)));
  }

  get runId(): string | undefined {
    return this.loadedRunId;
  }

  focus(focus: TraceFocus): void {
    this.wantedFocus = focus;
    if (!this.loadedOnce) return; // the load selects it
    const spanId = focusedSpanId(this.spans, focus);
    if (spanId === undefined) return;
    this.focusId = spanId;
    this.tell(traceFocus, { spanId });
  }

  readonly testing = {
    receive: (raw: unknown) => this.endpoint.receive(raw),
    counts: () => this.page.counts(),
    recentlyPosted: () => this.page.recentlyPosted(),
    told: () => JSON.parse(JSON.stringify(this.toldPage)) as ToldPage[],
    loaded: () => this.loading,
  };

  dispose(): void {
    this.store.dispose();
  }

  private async load(): Promise<void> {
    const { source } = this.deps;
    if (source.kind === 'file') {
      const trace = await loadTrace(source.file);
      this.loadedRunId = trace.runId;
      this.spans = trace.spans;
      this.fileProblems = trace.problems;
    } else {
      this.loadedRunId = source.runId;
      const followed = this.live.follow(source.runId, {
        span: (span) => {
          this.spans.push(span);
          this.batcher.add(span);
          if (span.kind === 'run') this.deps.titled(span.task);
        },
        ended: () => this.ended(),
      });
      if (followed) {
        this.store.add(followed.subscription);
        this.spans = [...followed.spans];
        this.running = true;
      } else {
        const trace = await this.deps.features.request(traceGet, { runId: source.runId });
        if (this.store.isDisposed) return;
        this.spans = trace.spans;
        this.fileProblems = trace.problems;
      }
    }
    const task = this.runSpan()?.task ?? this.live.taskOf(this.loadedRunId);
    if (task !== undefined) this.deps.titled(task);
    this.hunks = this.currentHunks();
    this.hunksSent = JSON.stringify(this.hunks);
    this.focusId = focusedSpanId(this.spans, this.wantedFocus);
    this.loadedOnce = true;
    this.sendLoad();
  }

  private sendLoad(): void {
    if (!this.loadedRunId) return;
    this.batcher.flush();
    this.tell(traceLoad, {
      runId: this.loadedRunId,
      spans: [...this.spans],
      fileProblems: [...this.fileProblems],
      live: this.running,
      ...(this.focusId !== undefined ? { focus: this.focusId } : {}),
      hunks: this.hunks,
    });
  }

  private ended(): void {
    this.batcher.flush();
    this.running = false;
    if (this.loadedRunId) this.tell(traceEnded, { runId: this.loadedRunId });
  }

  private runSpan(): Extract<WireSpan, { kind: 'run' }> | undefined {
    return this.spans.find((span): span is Extract<WireSpan, { kind: 'run' }> => span.kind === 'run');
  }

  private currentHunks(): Record<string, ProducedHunk[]> {
    return this.loadedRunId ? producedHunks(this.loadedRunId, this.deps.changeSets.all(), this.runSpan()?.id) : {};
  }

  private updateHunks(): void {
    if (!this.loadedOnce || !this.loadedRunId) return;
    const hunks = this.currentHunks();
    const json = JSON.stringify(hunks);
    if (json === this.hunksSent) return;
    this.hunks = hunks;
    this.hunksSent = json;
    this.tell(traceHunks, { runId: this.loadedRunId, hunks });
  }

  private tell<P>(notification: WebviewNotification<P>, params: P): void {
    this.toldPage.push({ method: notification.method, params });
    if (this.toldPage.length > 200) this.toldPage.shift();
    this.endpoint.notify(notification, params);
  }

  /** The span `spanId` of the trace shown, or a `failed` answer that says it is not one. */
  private spanOf(spanId: string): WireSpan {
    const span = this.spans.find((candidate) => candidate.id === spanId);
    if (!span) throw new WebviewRequestError('failed', `The trace shown has no span ${spanId}.`);
    return span;
  }

  private shownRunId(): string {
    if (!this.loadedRunId || !this.loadedOnce) throw new WebviewRequestError('notReady', 'The trace is still loading.');
    return this.loadedRunId;
  }

  private handleRequests(): void {
    const handle = <P, R>(request: WebviewRequest<P, R>, handler: (params: P) => Promise<R> | R) => this.store.add(this.endpoint.handle(request, handler));
    handle(tracePayload, async ({ spanId }) => {
      const runId = this.shownRunId();
      this.spanOf(spanId);
      const { source, features } = this.deps;
      // A trace file opened in the editor is <folder>/.nova/traces/<run>.jsonl (traceFiles.ts checked it): its side files are beside it.
      if (source.kind === 'file') return { payload: await loadSidePayload(dirname(dirname(dirname(source.file))), basename(source.file, '.jsonl'), spanId) };
      return features.request(serverTracePayload, { runId, spanId });
    });
    handle(traceRevealHunk, async ({ changeSetId, hunkId }) => {
      const runId = this.shownRunId();
      const set = this.deps.changeSets.all().find((candidate) => candidate.id === changeSetId);
      if (!set || set.source.kind !== 'agent' || set.source.runId !== runId) throw new WebviewRequestError('failed', 'That change set is not one this run produced (or it is no longer stored).');
      if (!set.files.some((file) => file.hunks.some((hunk) => hunk.id === hunkId))) throw new WebviewRequestError('failed', `The change set “${set.summary}” has no hunk ${hunkId}.`);
      await this.deps.revealHunk({ changeSetId, hunkId });
      return null;
    });
    handle(traceRerun, async ({ spanId, payload }) => {
      const runId = this.shownRunId();
      const span = this.spanOf(spanId);
      if (span.kind !== 'handoff' || span.status !== 'delivered') throw new WebviewRequestError('failed', 'Only a delivered handoff can be rerun from: its receiver starts again with its payload.');
      // The server names the new run's task itself (rerunTask); this one only titles the panel until it says.
      const task = `Rerun of run ${runId} from the handoff ${span.from} → ${span.to}`;
      let started: { runId: string };
      try {
        started = await this.deps.features.request(runStart, { task, rerun: { runId, spanId, ...(payload !== undefined ? { payload } : {}) } });
      } catch (error) {
        const issues = rerunIssues(error);
        if (issues) return { issues };
        throw error;
      }
      this.live.expect(started.runId, task);
      await this.deps.openRun(started.runId, undefined);
      return { runId: started.runId };
    });
    handle(traceOpenRun, async ({ runId, spanId }) => {
      await this.deps.openRun(runId, spanId !== undefined ? { spanId } : undefined);
      return null;
    });
    handle(traceExport, async ({ format }) => {
      const runId = this.shownRunId();
      const { source } = this.deps;
      // The file, not the spans shown: its export puts side-filed payloads back inline (traceExport.ts).
      const file = source.kind === 'file' ? source.file : runTraceFile(diskFolders().map((folder) => folder.uri.fsPath), runId);
      // exportTraceFile tells the person what it wrote, or why not.
      await exportTraceFile(file, runId, dialogExportQuestions, format);
      return null;
    });
    handle(traceCopy, async ({ text }) => {
      await vscode.env.clipboard.writeText(text);
      return null;
    });
  }
}
