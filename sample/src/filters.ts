import { PRIORITY_RANK, Priority, Status, Task } from "./types";
import { daysBetween, normalizeLabel, parseDate } from "./util";

export interface TaskQuery {
  status?: Status;
  assignee?: string;
  label?: string;
  minPriority?: Priority;
}

export function matches(task: Task, query: TaskQuery): boolean {
  if (query.status && task.status !== query.status) {
    return false;
  }
  if (query.assignee && task.assignee !== query.assignee) {
    return false;
  }
  if (query.label && !task.labels.includes(normalizeLabel(query.label))) {
    return false;
  }
  if (query.minPriority && PRIORITY_RANK[task.priority] < PRIORITY_RANK[query.minPriority]) {
    return false;
  }
  return true;
}

export function filterTasks(tasks: Task[], query: TaskQuery): Task[] {
  return tasks.filter((task) => matches(task, query));
}

/** Open tasks assigned to `assignee`, most important first, then by due date. */
export function openTasksFor(tasks: Task[], assignee: string): Task[] {
  const result: Task[] = [];
  for (const task of tasks) {
    if (task.status !== "done" && task.assignee === assignee) {
      result.push(task);
    }
  }
  result.sort((a, b) => {
    const byPriority = PRIORITY_RANK[b.priority] - PRIORITY_RANK[a.priority];
    if (byPriority !== 0) {
      return byPriority;
    }
    return (a.due ?? "9999-12-31").localeCompare(b.due ?? "9999-12-31");
  });
  return result;
}

/** Open tasks carrying `label`, most important first, then by due date. */
export function openTasksWithLabel(tasks: Task[], label: string): Task[] {
  const wanted = normalizeLabel(label);
  const result: Task[] = [];
  for (const task of tasks) {
    if (task.status !== "done" && task.labels.includes(wanted)) {
      result.push(task);
    }
  }
  result.sort((a, b) => {
    const byPriority = PRIORITY_RANK[b.priority] - PRIORITY_RANK[a.priority];
    if (byPriority !== 0) {
      return byPriority;
    }
    return (a.due ?? "9999-12-31").localeCompare(b.due ?? "9999-12-31");
  });
  return result;
}

/** Unfinished tasks whose due date is before `today`. */
export function overdueTasks(tasks: Task[], today: Date): Task[] {
  return tasks.filter((task) => {
    if (task.status === "done" || !task.due) {
      return false;
    }
    const due = parseDate(task.due);
    return due !== undefined && daysBetween(today, due) < 0;
  });
}

function compareByTitle(a: Task, b: Task): number {
  return a.title.localeCompare(b.title, undefined, { sensitivity: "base" });
}
