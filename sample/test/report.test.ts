import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { describeTask, renderReport, summarize } from "../src/report";
import { TODAY, sampleBoard } from "./helpers";

describe("report", () => {
  it("summarizes a board", () => {
    const board = sampleBoard();
    board.move(4, "done");
    const summary = summarize(board.list(), TODAY);
    assert.equal(summary.total, 4);
    assert.equal(summary.byStatus.done, 1);
    assert.equal(summary.byStatus.todo, 3);
    assert.equal(summary.overdue, 1);
    assert.equal(summary.completion, 25);
  });

  it("summarizes an empty board without dividing by zero", () => {
    assert.equal(summarize([], TODAY).completion, 0);
  });

  it("describes tasks with status, due date and owner", () => {
    const board = sampleBoard();
    const [notes, login, tag] = board.list();
    assert.equal(describeTask(notes, TODAY, false), "#1 Write release notes - due in 2 days (ana)");
    assert.equal(describeTask(login, TODAY, false), "#2 Fix login redirect - overdue by 2 days (urgent, ben)");
    assert.equal(describeTask(tag, TODAY, true), "#3 Tag the release [blocked] - due today (high, unassigned!)");
    board.move(1, "done");
    assert.equal(describeTask(notes, TODAY, false), "#1 Write release notes [done]");
  });

  it("renders a markdown report ordered by priority", () => {
    const board = sampleBoard();
    const report = renderReport(board.name, board.list(), TODAY, (t) => board.isBlocked(t));
    const lines = report.split("\n");
    assert.equal(lines[0], "# Release 1.2 (2024-05-10)");
    assert.equal(lines[1], "4 tasks, 0% done, 1 overdue");
    assert.match(lines[3], /^- #2 Fix login redirect/);
    assert.equal(lines[6], "- #4 Update screenshots (ana)");
  });
});
