import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BoardSync, Transport } from "../src/sync";
import { sampleBoard } from "./helpers";

interface Call {
  url: string;
  body?: unknown;
  headers: Record<string, string>;
}

function fakeTransport(response: string | Error): Transport & { calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    async get(url, headers) {
      calls.push({ url, headers });
      if (response instanceof Error) {
        throw response;
      }
      return response;
    },
    async post(url, body, headers) {
      calls.push({ url, body, headers });
    },
  };
}

describe("BoardSync", () => {
  it("moves the task locally and posts the change", () => {
    const transport = fakeTransport("{}");
    const sync = new BoardSync(transport, "https://api.test");
    const board = sampleBoard();
    const change = sync.pushStatus(board, 1, "review");
    assert.equal(board.get(1)?.status, "review");
    assert.equal(change.status, "review");
    assert.equal(transport.calls.length, 1);
    assert.equal(transport.calls[0].url, "https://api.test/boards/release-1-2/tasks/1");
    assert.match(transport.calls[0].headers.Authorization, /^Bearer /);
  });

  it("loads a board from the server", async () => {
    const body = JSON.stringify({
      tasks: [
        { id: 7, title: "Remote task", status: "review", labels: ["Ops"], created_at: "2024-05-01" },
        { id: 3, title: "Older task", priority: "high", created_at: "2024-04-20", blocked_by: [7] },
      ],
    });
    const sync = new BoardSync(fakeTransport(body), "https://api.test");
    const board = await sync.loadBoard("Ops Board");
    assert.equal(board.list().length, 2);
    assert.deepEqual(board.get(7)?.labels, ["ops"]);
    assert.equal(board.get(3)?.status, "todo");
    const older = board.get(3);
    assert.ok(older);
    assert.equal(board.isBlocked(older), true);
    assert.equal(board.add({ title: "Local task" }).id, 8);
  });

  it("falls back to an empty board when the server fails", async () => {
    const sync = new BoardSync(fakeTransport(new Error("503")), "https://api.test");
    const board = await sync.loadBoard("Ops Board");
    assert.equal(board.list().length, 0);
  });
});
