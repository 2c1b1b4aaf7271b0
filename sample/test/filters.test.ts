import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { filterTasks, openTasksFor, openTasksWithLabel, overdueTasks } from "../src/filters";
import { TODAY, sampleBoard } from "./helpers";

describe("filters", () => {
  it("filters by label (case-insensitive) and minimum priority", () => {
    const tasks = sampleBoard().list();
    assert.deepEqual(filterTasks(tasks, { label: "DOCS" }).map((t) => t.id), [1, 4]);
    assert.deepEqual(filterTasks(tasks, { minPriority: "high" }).map((t) => t.id), [2, 3]);
    assert.deepEqual(filterTasks(tasks, { assignee: "ana", minPriority: "medium" }).map((t) => t.id), [1]);
  });

  it("lists a person's open tasks, most important first", () => {
    const board = sampleBoard();
    board.add({ title: "Proofread notes", assignee: "ana", due: "2024-05-11" });
    assert.deepEqual(openTasksFor(board.list(), "ana").map((t) => t.id), [5, 1, 4]);
    board.move(5, "done");
    assert.deepEqual(openTasksFor(board.list(), "ana").map((t) => t.id), [1, 4]);
  });

  it("lists open tasks with a label", () => {
    const board = sampleBoard();
    assert.deepEqual(openTasksWithLabel(board.list(), "Docs").map((t) => t.id), [1, 4]);
    assert.deepEqual(openTasksWithLabel(board.list(), "nope"), []);
  });

  it("finds overdue tasks, ignoring finished ones", () => {
    const board = sampleBoard();
    assert.deepEqual(overdueTasks(board.list(), TODAY).map((t) => t.id), [2]);
    board.move(2, "done");
    assert.deepEqual(overdueTasks(board.list(), TODAY), []);
  });
});
