import { Task, Status, PRIORITY_RANK, STATUSES } from "./types";
import { parseDate, daysBetween, formatDate, slugify } from "./util";
import { overdueTasks } from "./filters";

export interface BoardSummary {
  total: number;
  byStatus: Record<Status, number>;
  overdue: number;
  /** Share of finished tasks, as a whole percentage (0-100). */
  completion: number;
}

export function summarize(tasks: Task[], today: Date): BoardSummary {
  const byStatus = {} as Record<Status, number>;
  for (const status of STATUSES) {
    byStatus[status] = 0;
  }
  for (const task of tasks) {
    byStatus[task.status] += 1;
  }
  const completion = tasks.length === 0 ? 0 : Math.round((byStatus.done / tasks.length) * 100);
  return { total: tasks.length, byStatus, overdue: overdueTasks(tasks, today).length, completion };
}

/** One-line, human-readable description of a task for the board report. */
export function describeTask(task: Task, today: Date, isBlocked: boolean): string {
  let line = `#${task.id} ${task.title}`;
  if (task.status === "done") {
    line += " [done]";
  } else {
    if (isBlocked) {
      line += " [blocked]";
    } else {
      if (task.status === "review") {
        line += " [in review]";
      } else if (task.status === "in-progress") {
        line += " [in progress]";
      }
    }
    if (task.due) {
      const due = parseDate(task.due);
      if (due) {
        const days = daysBetween(today, due);
        if (days < 0) {
          line += ` - overdue by ${-days} day${days === -1 ? "" : "s"}`;
        } else if (days === 0) {
          line += " - due today";
        } else {
          if (days <= 3) {
            line += ` - due in ${days} day${days === 1 ? "" : "s"}`;
          }
        }
      } else {
        line += " - invalid due date";
      }
    }
    if (task.priority === "urgent" || task.priority === "high") {
      if (task.assignee) {
        line += ` (${task.priority}, ${task.assignee})`;
      } else {
        line += ` (${task.priority}, unassigned!)`;
      }
    } else {
      if (task.assignee) {
        line += ` (${task.assignee})`;
      }
    }
  }
  return line;
}

/** Markdown report: a header, a summary line, then one bullet per task. */
export function renderReport(
  boardName: string,
  tasks: Task[],
  today: Date,
  isBlocked: (task: Task) => boolean,
): string {
  const summary = summarize(tasks, today);
  const lines = [
    `# ${boardName} (${formatDate(today)})`,
    `${summary.total} tasks, ${summary.completion}% done, ${summary.overdue} overdue`,
    "",
  ];
  const ordered = [...tasks].sort((a, b) => PRIORITY_RANK[b.priority] - PRIORITY_RANK[a.priority] || a.id - b.id);
  for (const task of ordered) {
    lines.push(`- ${describeTask(task, today, isBlocked(task))}`);
  }
  return lines.join("\n");
}
