import { TaskBoard } from "../src/board";

/** Fixed "now" for deterministic dates: Friday 2024-05-10, 09:00 UTC. */
export const TODAY = new Date("2024-05-10T09:00:00Z");

/** A small board used by several test files. */
export function sampleBoard(): TaskBoard {
  const board = new TaskBoard("Release 1.2", () => TODAY);
  board.add({ title: "Write release notes", assignee: "ana", labels: ["Docs"], due: "2024-05-12" });
  board.add({ title: "Fix login redirect", priority: "urgent", assignee: "ben", labels: ["bug", "auth"], due: "2024-05-08" });
  board.add({ title: "Tag the release", priority: "high", blockedBy: [1, 2], due: "2024-05-10" });
  board.add({ title: "Update screenshots", priority: "low", assignee: "ana", labels: ["docs"] });
  return board;
}
