/** Core domain types for the task board. */

export type Status = "todo" | "in-progress" | "review" | "done";

export type Priority = "low" | "medium" | "high" | "urgent";

/** Board columns, in display order. */
export const STATUSES: readonly Status[] = ["todo", "in-progress", "review", "done"];

/** Higher rank means more important. */
export const PRIORITY_RANK: Record<Priority, number> = {
  low: 0,
  medium: 1,
  high: 2,
  urgent: 3,
};

export interface Task {
  id: number;
  title: string;
  status: Status;
  priority: Priority;
  assignee?: string;
  /** Normalized (trimmed, lower-case) labels. */
  labels: string[];
  /** Due date as an ISO calendar date (YYYY-MM-DD). */
  due?: string;
  /** Creation date as an ISO calendar date (YYYY-MM-DD). */
  createdAt: string;
  /** Ids of tasks that must be done before this one can be finished. */
  blockedBy: number[];
}

export interface NewTask {
  title: string;
  priority?: Priority;
  assignee?: string;
  labels?: string[];
  due?: string;
  blockedBy?: number[];
}

export interface BoardSnapshot {
  name: string;
  nextId: number;
  tasks: Task[];
}
