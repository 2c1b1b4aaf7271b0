import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TaskBoard } from "../src/board";
import { TODAY, sampleBoard } from "./helpers";

describe("TaskBoard", () => {
  it("adds tasks with sequential ids and sensible defaults", () => {
    const board = new TaskBoard("Demo", () => TODAY);
    const first = board.add({ title: "  First task  " });
    const second = board.add({ title: "Second task", labels: [" UI ", "Bug"] });
    assert.equal(first.id, 1);
    assert.equal(second.id, 2);
    assert.equal(first.title, "First task");
    assert.equal(first.status, "todo");
    assert.equal(first.priority, "medium");
    assert.equal(first.createdAt, "2024-05-10");
    assert.deepEqual(second.labels, ["ui", "bug"]);
  });

  it("rejects empty titles", () => {
    const board = new TaskBoard("Demo");
    assert.throws(() => board.add({ title: "   " }), /must not be empty/);
  });

  it("moves tasks between columns", () => {
    const board = sampleBoard();
    board.move(1, "in-progress");
    const columns = new Map(board.columns());
    assert.deepEqual(columns.get("in-progress")?.map((t) => t.id), [1]);
    assert.equal(columns.get("todo")?.length, 3);
  });

  it("refuses to finish a task while its blockers are open", () => {
    const board = sampleBoard();
    assert.throws(() => board.move(3, "done"), /blocked/);
    board.move(1, "done");
    board.move(2, "done");
    assert.equal(board.move(3, "done").status, "done");
  });

  it("assigns and unassigns tasks", () => {
    const board = sampleBoard();
    assert.equal(board.assign(3, "cy").assignee, "cy");
    assert.equal(board.assign(3, undefined).assignee, undefined);
    assert.throws(() => board.assign(99, "cy"), /Unknown task 99/);
  });

  it("removes tasks and clears them from blocker lists", () => {
    const board = sampleBoard();
    assert.equal(board.remove(2), true);
    assert.equal(board.remove(2), false);
    assert.deepEqual(board.get(3)?.blockedBy, [1]);
    assert.equal(board.list().length, 3);
  });

  it("round-trips through a snapshot without sharing state", () => {
    const board = sampleBoard();
    const copy = TaskBoard.fromSnapshot(board.snapshot(), () => TODAY);
    copy.get(1)?.labels.push("extra");
    assert.deepEqual(board.get(1)?.labels, ["docs"]);
    assert.equal(copy.add({ title: "New" }).id, 5);
  });
});
