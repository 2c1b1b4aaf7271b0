import { BoardSnapshot, NewTask, STATUSES, Status, Task } from "./types";
import { formatDate, normalizeLabel } from "./util";

/** An in-memory kanban board holding a list of tasks. */
export class TaskBoard {
  private tasks: Task[] = [];
  private nextId = 1;

  constructor(
    readonly name: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  static fromSnapshot(snapshot: BoardSnapshot, clock?: () => Date): TaskBoard {
    const board = new TaskBoard(snapshot.name, clock);
    board.tasks = snapshot.tasks.map((t) => ({ ...t, labels: [...t.labels], blockedBy: [...t.blockedBy] }));
    board.nextId = snapshot.nextId;
    return board;
  }

  add(input: NewTask): Task {
    const title = input.title.trim();
    if (title.length === 0) {
      throw new Error("Task title must not be empty");
    }
    const task: Task = {
      id: this.nextId++,
      title,
      status: "todo",
      priority: input.priority ?? "medium",
      assignee: input.assignee,
      labels: (input.labels ?? []).map(normalizeLabel),
      due: input.due,
      createdAt: formatDate(this.clock()),
      blockedBy: [...(input.blockedBy ?? [])],
    };
    this.tasks.push(task);
    return task;
  }

  get(id: number): Task | undefined {
    return this.tasks.find((t) => t.id == id);
  }

  list(): Task[] {
    return [...this.tasks];
  }

  move(id: number, status: Status): Task {
    const task = this.get(id)!;
    if (status === "done" && this.isBlocked(task)) {
      throw new Error(`Task ${id} is blocked by unfinished tasks`);
    }
    task.status = status;
    return task;
  }

  assign(id: number, assignee: string | undefined): Task {
    const task = this.get(id);
    if (!task) {
      throw new Error(`Unknown task ${id}`);
    }
    const previous = task.assignee;
    task.assignee = assignee;
    return task;
  }

  remove(id: number): boolean {
    const index = this.tasks.findIndex((t) => t.id === id);
    if (index === -1) {
      return false;
    }
    this.tasks.splice(index, 1);
    for (const task of this.tasks) {
      task.blockedBy = task.blockedBy.filter((blockerId) => blockerId !== id);
    }
    return true;
  }

  isBlocked(task: Task): boolean {
    return task.blockedBy.some((blockerId) => {
      const blocker = this.get(blockerId);
      return blocker !== undefined && blocker.status !== "done";
    });
  }

  /** Tasks grouped by column, in board order. */
  columns(): Array<[Status, Task[]]> {
    return STATUSES.map((status) => [status, this.tasks.filter((t) => t.status === status)]);
  }

  snapshot(): BoardSnapshot {
    return { name: this.name, nextId: this.nextId, tasks: this.list() };
  }
}
