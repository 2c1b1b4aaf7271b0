import * as assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { startScriptedServer, type ScriptedServer } from '../../support/anthropicServer';
import { ask, clientOf } from './sdk';

const requests = (...ids: string[]) => ids.map((custom_id) => ({ custom_id, params: ask(`review ${custom_id}`) }));

async function untilEnded(client: Anthropic, id: string): Promise<{ batch: Anthropic.Messages.MessageBatch; polls: number }> {
  for (let polls = 1; polls <= 10; polls++) {
    const batch = await client.messages.batches.retrieve(id);
    if (batch.processing_status === 'ended') return { batch, polls };
  }
  throw new Error(`batch ${id} did not end`);
}

async function resultsOf(client: Anthropic, id: string): Promise<Anthropic.Messages.MessageBatchIndividualResponse[]> {
  const results = [];
  for await (const result of await client.messages.batches.results(id)) results.push(result);
  return results;
}

describe('scripted Messages API: Message Batches through the SDK', () => {
  let server: ScriptedServer;
  beforeEach(async () => {
    server = await startScriptedServer({ apiKey: 'test-key', batchPollsUntilEnded: 3 });
  });
  afterEach(() => server.close());

  it('creates a batch in progress, ends it on the third poll, and streams the scripted results as JSONL', async () => {
    server.enqueue(
      { content: [{ type: 'text', text: 'a.ts looks fine.' }] },
      { content: [{ type: 'tool_use', name: 'read_file', input: { path: 'b.ts' } }] },
      { content: [], fault: { kind: 'status', status: 400 } },
    );
    const client = clientOf(server);
    const created = await client.messages.batches.create({ requests: requests('a', 'b', 'c') });
    assert.match(created.id, /^msgbatch_/);
    assert.equal(created.type, 'message_batch');
    assert.equal(created.processing_status, 'in_progress');
    assert.equal(created.results_url, null);
    assert.deepEqual(created.request_counts, { processing: 3, succeeded: 0, errored: 0, canceled: 0, expired: 0 });
    assert.equal(Date.parse(created.expires_at) - Date.parse(created.created_at), 24 * 60 * 60 * 1000);
    assert.equal(server.pendingTurns(), 3, 'turns are drawn when the batch is processed');

    const { batch, polls } = await untilEnded(client, created.id);
    assert.equal(polls, 3);
    assert.equal(batch.results_url, `${server.baseURL}/v1/messages/batches/${created.id}/results`);
    assert.deepEqual(batch.request_counts, { processing: 0, succeeded: 2, errored: 1, canceled: 0, expired: 0 });
    assert.ok(batch.ended_at);

    const results = await resultsOf(client, created.id);
    assert.deepEqual(results.map((r) => [r.custom_id, r.result.type]), [['a', 'succeeded'], ['b', 'succeeded'], ['c', 'errored']]);
    const [a, b, c] = results.map((r) => r.result);
    assert.ok(a?.type === 'succeeded' && b?.type === 'succeeded' && c?.type === 'errored');
    assert.deepEqual(a.message.content, [{ type: 'text', text: 'a.ts looks fine.', citations: null }]);
    assert.ok(a.message.usage.input_tokens > 0);
    assert.equal(b.message.stop_reason, 'tool_use');
    assert.deepEqual(c.error.error, { type: 'invalid_request_error', message: 'invalid request error' });
    const resultsRequest = server.requests.at(-1)!;
    assert.equal(resultsRequest.path, `/v1/messages/batches/${created.id}/results`);
    assert.equal(resultsRequest.headers['authorization'], 'Bearer test-key', 'the absolute results_url still gets the key');
  });

  it('keeps batches for the life of the server: a new client resumes by id', async () => {
    server.setResponder((body) => ({ content: [{ type: 'text', text: `done: ${String(body.messages[0]?.content)}` }] }));
    const { id } = await clientOf(server).messages.batches.create({ requests: requests('x') });
    const restarted = clientOf(server);
    await untilEnded(restarted, id);
    const [result] = await resultsOf(restarted, id);
    assert.ok(result?.result.type === 'succeeded');
    assert.deepEqual(result.result.message.content, [{ type: 'text', text: 'done: review x', citations: null }]);
  });

  it('refuses results before the batch has ended (the SDK checks results_url first)', async () => {
    const client = clientOf(server);
    const { id } = await client.messages.batches.create({ requests: requests('x') });
    await assert.rejects(resultsOf(client, id), /No batch `results_url`; Has it finished processing\? in_progress/);
  });

  it('cancels: canceling at once, ended with every request canceled on the next poll, no turn drawn', async () => {
    server.enqueue({ content: [{ type: 'text', text: 'kept for later' }] });
    const client = clientOf(server);
    const { id } = await client.messages.batches.create({ requests: requests('p', 'q') });
    const canceling = await client.messages.batches.cancel(id);
    assert.equal(canceling.processing_status, 'canceling');
    assert.ok(canceling.cancel_initiated_at);
    const { batch, polls } = await untilEnded(client, id);
    assert.equal(polls, 1);
    assert.deepEqual(batch.request_counts, { processing: 0, succeeded: 0, errored: 0, canceled: 2, expired: 0 });
    assert.deepEqual((await resultsOf(client, id)).map((r) => r.result), [{ type: 'canceled' }, { type: 'canceled' }]);
    assert.equal(server.pendingTurns(), 1);
  });

  it('lists batches newest first, page by page, and deletes an ended one', async () => {
    const client = clientOf(server);
    const ids = [];
    for (const name of ['one', 'two', 'three']) ids.push((await client.messages.batches.create({ requests: requests(name) })).id);
    const listed = [];
    for await (const batch of client.messages.batches.list({ limit: 2 })) listed.push(batch.id);
    assert.deepEqual(listed, [...ids].reverse());
    assert.equal(server.requests.filter((r) => r.path === '/v1/messages/batches' && r.method === 'GET').length, 2);

    await assert.rejects(client.messages.batches.delete(ids[0]!), Anthropic.BadRequestError);
    await client.messages.batches.cancel(ids[0]!);
    await untilEnded(client, ids[0]!);
    assert.deepEqual(await client.messages.batches.delete(ids[0]!), { id: ids[0], type: 'message_batch_deleted' });
    await assert.rejects(client.messages.batches.retrieve(ids[0]!), Anthropic.NotFoundError);
  });

  it('refuses a batch without requests or with a repeated custom_id', async () => {
    const client = clientOf(server);
    await assert.rejects(client.messages.batches.create({ requests: [] }), Anthropic.BadRequestError);
    await assert.rejects(client.messages.batches.create({ requests: requests('same', 'same') }), /Duplicate custom_id: same/);
  });
});
