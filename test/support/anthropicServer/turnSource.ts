/**
 * Where replies come from: a FIFO queue shared by all callers, then a responder. A turn with a fault
 * stays at the head while its faulted attempts last, so the attempt after them gets it served.
 */
import type { Fault, MessagesRequestBody, Responder, ScriptedTurn } from './types';

/** A turn given to one attempt, and the fault to inject into that attempt, if any. */
export interface TurnLease {
  readonly turn: ScriptedTurn;
  readonly fault: Fault | undefined;
  /** The turn has been delivered: the next attempt draws a new one. */
  settle(): void;
}

interface Entry {
  readonly turn: ScriptedTurn;
  faultedAttempts: number;
}

export class TurnSource {
  private readonly queue: ScriptedTurn[] = [];
  private responder: Responder | undefined;
  /** The drawn turn whose faulted attempts are under way or not yet over. */
  private head: Entry | undefined;
  private drawn = 0;

  enqueue(turns: readonly ScriptedTurn[]): void {
    this.queue.push(...turns);
  }

  setResponder(responder: Responder): void {
    this.responder = responder;
  }

  /** Turns enqueued and not yet delivered (a faulted head counts). */
  pending(): number {
    return this.queue.length + (this.head ? 1 : 0);
  }

  /** A fresh turn for a request, or undefined when the script has none. */
  draw(body: MessagesRequestBody): ScriptedTurn | undefined {
    const turn = this.queue.shift() ?? this.responder?.(body, this.drawn);
    if (turn) this.drawn++;
    return turn;
  }

  /** The turn for one attempt of `POST /v1/messages`. */
  forAttempt(body: MessagesRequestBody): TurnLease | undefined {
    let entry = this.head;
    if (!entry) {
      const turn = this.draw(body);
      if (!turn) return undefined;
      entry = { turn, faultedAttempts: 0 };
    }
    const fault = entry.turn.fault;
    const faulted = fault !== undefined && entry.faultedAttempts < (fault.times ?? 1);
    if (faulted) entry.faultedAttempts++;
    const lease: TurnLease = {
      turn: entry.turn,
      fault: faulted ? fault : undefined,
      settle: () => {
        if (this.head === entry) this.head = undefined;
      },
    };
    this.head = entry;
    if (!faulted) lease.settle();
    return lease;
  }
}
