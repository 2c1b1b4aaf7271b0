/**
 * The improve runs of this window as the server reports them (nova/improve.phase, nova/improve.ended),
 * heard from the moment the client loads: a run's first phases can arrive before nova/improve.start
 * has answered with its id, so each run's notifications are kept and replayed to whoever follows it
 * later (the progress notification, a chat turn). One subscription per notification, through
 * ServerFeatures.onNotification, for the whole window.
 */
import type * as vscode from 'vscode';
import { improveEnded, improvePhase } from '../../../protocol/improve';
import type { ParamsOf } from '../../../protocol/message';
import type { ServerFeatures } from '../../serverFeatures';

export type PhaseNotice = ParamsOf<typeof improvePhase>;
export type EndedNotice = ParamsOf<typeof improveEnded>;

/** What a follower is told: each phase as it starts and ends, then the end. */
export interface ImproveFollower {
  phase?(notice: PhaseNotice): void;
  ended?(notice: EndedNotice): void;
}

interface Heard {
  readonly phases: PhaseNotice[];
  ended?: EndedNotice;
  readonly followers: Set<ImproveFollower>;
}

/** Runs whose notifications are kept; the oldest are forgotten first. */
const keptRuns = 50;

export class ImproveRuns implements vscode.Disposable {
  private readonly runs = new Map<string, Heard>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(features: Pick<ServerFeatures, 'onNotification'>) {
    this.subscriptions = [
      features.onNotification(improvePhase, (notice) => {
        const heard = this.heard(notice.runId);
        heard.phases.push(notice);
        for (const follower of [...heard.followers]) follower.phase?.(notice);
      }),
      features.onNotification(improveEnded, (notice) => {
        const heard = this.heard(notice.runId);
        heard.ended = notice;
        for (const follower of [...heard.followers]) follower.ended?.(notice);
      }),
    ];
  }

  /** Follows `runId`: what was already heard is replayed first, in order. Disposing stops it. */
  follow(runId: string, follower: ImproveFollower): vscode.Disposable {
    const heard = this.heard(runId);
    heard.followers.add(follower);
    for (const notice of heard.phases) follower.phase?.(notice);
    if (heard.ended) follower.ended?.(heard.ended);
    return { dispose: () => void heard.followers.delete(follower) };
  }

  /** Resolves with the run's end (at once when it has ended already). */
  ended(runId: string): Promise<EndedNotice> {
    return new Promise((resolve) => {
      const following = this.follow(runId, {
        ended: (notice) => {
          queueMicrotask(() => following.dispose());
          resolve(notice);
        },
      });
    });
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.runs.clear();
  }

  private heard(runId: string): Heard {
    let heard = this.runs.get(runId);
    if (!heard) {
      heard = { phases: [], followers: new Set() };
      this.runs.set(runId, heard);
      for (const [oldest, kept] of this.runs) {
        if (this.runs.size <= keptRuns) break;
        if (kept.followers.size === 0) this.runs.delete(oldest);
      }
    }
    return heard;
  }
}

const perServer = new WeakMap<object, ImproveRuns>();

/** The improve runs of one server connection (made on first use; the client makes it as it starts, so no early notification is missed). */
export function improveRunsOf(features: Pick<ServerFeatures, 'onNotification'>): ImproveRuns {
  let runs = perServer.get(features);
  if (!runs) perServer.set(features, (runs = new ImproveRuns(features)));
  return runs;
}
