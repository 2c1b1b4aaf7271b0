/**
 * The person's replies in review findings' comment threads, kept in the workspace's state by the
 * finding's fingerprint: a reloaded window, or a finding that went away while the person edited and
 * came back, shows them again. Bounded, so a long-lived workspace does not grow its state without
 * end: the findings replied to longest ago go first, and a very long reply is kept cut, saying so.
 * No `vscode` import: the state is any StateStore (workspaceState in the extension). No zod either:
 * this file is in the activation bundle, which stays small.
 */
import type { StateStore } from '../client/workspaceCommands';

const storageKey = 'nova.review.replies';
/** Findings whose replies are kept; past this the oldest replied-to is dropped. */
export const maxRepliedFindings = 200;
/** Replies kept per finding (the latest). */
export const maxRepliesPerFinding = 20;
/** Characters kept of one reply. */
export const maxReplyChars = 10_000;

/** The stored value: [fingerprint, replies] pairs, in the order they were last replied to (oldest first). */
function storedPairs(value: unknown): [string, string[]][] {
  if (!Array.isArray(value)) return [];
  const isPair = (pair: unknown): pair is [string, string[]] =>
    Array.isArray(pair) && pair.length === 2 && typeof pair[0] === 'string' && Array.isArray(pair[1]) && pair[1].every((reply) => typeof reply === 'string');
  return value.every(isPair) ? value : [];
}

export class FindingReplies {
  private readonly byFingerprint: Map<string, string[]>;

  constructor(private readonly state: StateStore) {
    // A state another version wrote in another shape is not read: its replies are lost, not the review.
    this.byFingerprint = new Map(storedPairs(state.get(storageKey)));
  }

  of(fingerprint: string): readonly string[] {
    return this.byFingerprint.get(fingerprint) ?? [];
  }

  /** Keeps `text` as the latest reply on the finding; blank text is no reply. */
  async add(fingerprint: string, text: string): Promise<void> {
    if (text.trim() === '') return;
    const kept = text.length > maxReplyChars ? `${text.slice(0, maxReplyChars)}… (cut: Nova keeps the first ${maxReplyChars.toLocaleString('en-US')} characters of a reply)` : text;
    const replies = [...this.of(fingerprint), kept].slice(-maxRepliesPerFinding);
    this.byFingerprint.delete(fingerprint);
    this.byFingerprint.set(fingerprint, replies);
    for (const oldest of this.byFingerprint.keys()) {
      if (this.byFingerprint.size <= maxRepliedFindings) break;
      this.byFingerprint.delete(oldest);
    }
    await this.state.update(storageKey, [...this.byFingerprint]);
  }
}
