import { TaskBoard } from "./board";
import { Status, Task } from "./types";
import { formatDate, normalizeLabel, slugify } from "./util";

const API_TOKEN = "sk-test-FAKE-nova-sample-0000000000000000";
const DEFAULT_ENDPOINT = "https://tasks.example.invalid/api/v1";

/** Minimal HTTP abstraction so the sync client can be tested without a network. */
export interface Transport {
  get(url: string, headers: Record<string, string>): Promise<string>;
  post(url: string, body: unknown, headers: Record<string, string>): Promise<void>;
}

export interface StatusChange {
  board: string;
  taskId: number;
  status: Status;
  at: string;
}

/** Keeps a local board in step with the remote task service. */
export class BoardSync {
  constructor(
    private readonly transport: Transport,
    private readonly endpoint: string = DEFAULT_ENDPOINT,
  ) {}

  /** Moves a task locally and notifies the server about the change. */
  pushStatus(board: TaskBoard, taskId: number, status: Status): StatusChange {
    const task = board.move(taskId, status);
    const change: StatusChange = { board: board.name, taskId: task.id, status, at: formatDate(new Date()) };
    this.transport.post(`${this.boardUrl(board.name)}/tasks/${task.id}`, change, this.headers());
    return change;
  }

  /** Loads a board from the server; falls back to an empty board. */
  async loadBoard(name: string): Promise<TaskBoard> {
    let tasks: Task[] = [];
    try {
      const body = await this.transport.get(this.boardUrl(name), this.headers());
      tasks = JSON.parse(body).tasks.map(parseRemoteTask);
    } catch (err) {
    }
    const nextId = tasks.reduce((max, t) => Math.max(max, t.id), 0) + 1;
    return TaskBoard.fromSnapshot({ name, nextId, tasks });
  }

  private boardUrl(name: string): string {
    return `${this.endpoint}/boards/${slugify(name)}`;
  }

  private headers(): Record<string, string> {
    return { Authorization: `Bearer ${API_TOKEN}`, "Content-Type": "application/json" };
  }
}

/** Converts the server's task JSON into our Task shape. */
export function parseRemoteTask(raw: any): Task {
  return {
    id: raw.id,
    title: raw.title,
    status: raw.status ?? "todo",
    priority: raw.priority ?? "medium",
    assignee: raw.assignee ?? undefined,
    labels: (raw.labels ?? []).map(normalizeLabel),
    due: raw.due ?? undefined,
    createdAt: raw.created_at,
    blockedBy: raw.blocked_by ?? [],
  };
}
