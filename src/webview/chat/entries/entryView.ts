/**
 * The view of one transcript entry, by kind. `key` says when a drawn entry must be drawn again:
 * cards change when they are answered (or an announced escalation gets its question id), an
 * improvement's card as its run goes; other
 * entries, once drawn, only change by streaming (the agent message repaints itself).
 */
import type { Entry } from '../../../protocol/webview/transcript';
import type { PageServices } from '../services';
import { AgentMessageView } from './agentMessage';
import { approvalCard } from './approvalCard';
import { decisionView } from './decision';
import { escalationCard } from './escalationCard';
import { improvementCard, improvementKey } from './improvementCard';
import { bounceView, noticeView, refusedView, retryView } from './runEvents';
import { teamView } from './teamList';

export interface EntryView {
  readonly element: HTMLElement;
  /** Present for agent messages: what streaming repaints. */
  readonly message?: AgentMessageView;
  readonly key: string;
}

/** What, when it changes, means the entry is drawn again. */
export function entryKey(entry: Entry): string {
  if (entry.kind === 'approval') return `approval:${entry.answer ?? ''}`;
  if (entry.kind === 'escalation') return `escalation:${entry.requestId ?? ''}:${JSON.stringify(entry.answer ?? null)}`;
  if (entry.kind === 'improvement') return improvementKey(entry);
  return entry.kind;
}

export function entryView(turnId: string, entry: Entry, services: PageServices, streaming: () => boolean): EntryView {
  const key = entryKey(entry);
  switch (entry.kind) {
    case 'agent': {
      const message = new AgentMessageView(entry, streaming);
      return { element: message.element, message, key };
    }
    case 'bounce':
      return { element: bounceView(entry, turnId, services), key };
    case 'refused':
      return { element: refusedView(entry, turnId, services), key };
    case 'decision':
      return { element: decisionView(entry.decision), key };
    case 'approval':
      return { element: approvalCard(turnId, entry, services), key };
    case 'escalation':
      return { element: escalationCard(turnId, entry, services), key };
    case 'retry':
      return { element: retryView(entry), key };
    case 'notice':
      return { element: noticeView(entry), key };
    case 'team':
      return { element: teamView(entry), key };
    case 'improvement':
      return { element: improvementCard(turnId, entry, services), key };
  }
}
