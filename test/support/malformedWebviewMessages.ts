/**
 * Messages a chat page must never get through: a seeded generator (the same 10,000 every run) of
 * wrong envelopes, unknown methods, the chat's own methods with params their schemas refuse, huge
 * strings and prototype-pollution keys. Each one is checked against the envelope and the method's
 * schema as it is made, so a message that happens to be valid is never counted as "refused".
 */
import { chatRequests } from '../../src/protocol/webview/chat';
import { Envelope } from '../../src/protocol/webview/message';

/** mulberry32: a small, well-known seeded generator. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Maker = (random: () => number) => unknown;

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

function randomValue(random: () => number, depth = 0): unknown {
  const kinds = depth > 2 ? 6 : 8;
  switch (Math.floor(random() * kinds)) {
    case 0:
      return null;
    case 1:
      return random() * 1e12 - 5e11;
    case 2:
      return pick(random, [NaN, Infinity, -0, Number.MAX_SAFE_INTEGER + 2, 1.5, -1, 0]);
    case 3:
      return pick(random, ['', ' ', '\u0000', '\u202e', 'chat/send', '../../etc/passwd', 'x'.repeat(1 + Math.floor(random() * 300))]);
    case 4:
      return random() < 0.5;
    case 5:
      return undefined;
    case 6:
      return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth + 1));
    default: {
      const object: Record<string, unknown> = {};
      for (let index = Math.floor(random() * 4); index > 0; index--) object[pick(random, ['kind', 'id', 'method', 'params', 'text', 'chips', 'turnId', 'a', '__proto__x'])] = randomValue(random, depth + 1);
      return object;
    }
  }
}

/** Own `__proto__`/`constructor`/`prototype` keys, as JSON.parse makes them (a literal would set the prototype instead). */
function polluted(base: Record<string, unknown>, random: () => number): unknown {
  const key = pick(random, ['__proto__', 'constructor', 'prototype']);
  const json = JSON.stringify(base).replace(/^\{/, `{${JSON.stringify(key)}:{"polluted":true,"isAdmin":true}${Object.keys(base).length > 0 ? ',' : ''}`);
  return JSON.parse(json);
}

const validParams: Record<string, Record<string, unknown>> = {
  'chat/send': { text: 'hello', chips: [] },
  'chat/cancel': { turnId: 't1' },
  'chat/retry': { turnId: 't1' },
  'chat/new': {},
  'chat/open': { chatId: 'c1' },
  'chat/openLocation': { path: 'src/board.ts', line: 1 },
  'chat/reviewChanges': { proposalId: 'p1' },
  'chat/proposeCode': { turnId: 't1', code: 'x' },
  'chat/copy': { text: 'x' },
  'chat/answerApproval': { turnId: 't1', requestId: 'q1', answer: 'deny' },
  'chat/answerEscalation': { turnId: 't1', requestId: 'q1', answer: { dismissed: true } },
  'chat/setApiKey': {},
};

/** Params of a real method, spoiled one way or another (the schema check below keeps only refused ones). */
function spoiledParams(random: () => number, method: string): unknown {
  const base = { ...(validParams[method] ?? {}) };
  const keys = Object.keys(base);
  switch (Math.floor(random() * 7)) {
    case 0: // a field of the wrong type
      if (keys.length > 0) base[pick(random, keys)] = pick(random, [42, null, [], {}, true, -1]);
      else base.unexpected = 1;
      return base;
    case 1: // a required field missing
      if (keys.length > 0) delete base[pick(random, keys)];
      else base.extra = 'x';
      return base;
    case 2: // a key the strict schema does not know
      return { ...base, [pick(random, ['path', 'file', 'command', 'exec', 'then'])]: '/etc/passwd' };
    case 3: // huge strings: past each field's limit
      if (method === 'chat/send') return { text: 'x'.repeat(100_001), chips: [] };
      if (method === 'chat/openLocation') return { path: 'a/'.repeat(501), line: 1 };
      if (method === 'chat/cancel' || method === 'chat/retry') return { turnId: 'x'.repeat(101) };
      return { ...base, extra: 'x'.repeat(10_000) };
    case 4:
      return polluted(base, random);
    case 5:
      return randomValue(random);
    default: // values at the edges of each field
      if (method === 'chat/send') return { text: pick(random, ['', '   ', '\n\t']), chips: pick(random, [[], Array.from({ length: 21 }, () => 'c')]) };
      if (method === 'chat/openLocation') return { path: '', line: pick(random, [0, -3, 1.5]) };
      if (method === 'chat/answerApproval') return { ...base, answer: pick(random, ['yes', 'Run', 'RUN', '']) };
      if (method === 'chat/answerEscalation') return { ...base, answer: pick(random, [{ option: '' }, { dismissed: false }, { expired: true }]) };
      return { ...base, [keys[0] ?? 'x']: pick(random, [undefined, '', 0]) , extra: true };
  }
}

const makers: Maker[] = [
  // Not an envelope at all.
  (random) => randomValue(random),
  // Envelope-like, wrong in its frame.
  (random) => ({ kind: pick(random, ['request', 'response', 'error', 'notification', 'Ready', 'hello', '']), id: pick(random, [0, -1, 1.5, '1', null, 2 ** 60]), method: 'chat/send', params: {} }),
  (random) => ({ kind: 'request', id: 1 + Math.floor(random() * 1000), method: pick(random, ['', 'chat', 'Chat/send', 'chat/send/x', 'chat.send', 'nova/run.start', '__proto__/x', 'chat/', 'x'.repeat(500)]), params: {} }),
  (random) => ({ kind: 'ready', extra: randomValue(random) }),
  (random) => polluted({ kind: 'request', id: 7, method: 'chat/send', params: { text: 'hi', chips: [] } }, random),
  // A well-formed request nobody answers here.
  (random) => ({ kind: 'request', id: 1 + Math.floor(random() * 1e6), method: pick(random, ['chat/deleteAll', 'chat/exec', 'chat/state', 'chat/update', 'chat/focus', 'chat/constructor', 'trace/open']), params: randomValue(random) }),
  // Answers to requests never sent; notifications nobody handles on this side.
  (random) => ({ kind: 'response', id: 1 + Math.floor(random() * 1e6), result: randomValue(random) }),
  (random) => ({ kind: 'error', id: 1 + Math.floor(random() * 1e6), error: { code: pick(random, ['failed', 'cancelled', 'invalidParams']), message: 'x' } }),
  (random) => ({ kind: 'notification', method: pick(random, ['chat/state', 'chat/update', 'chat/send', 'chat/ready', 'page/log']), params: randomValue(random) }),
  // The chat's own methods with params their schemas refuse.
  (random) => {
    const request = pick(random, chatRequests);
    return { kind: 'request', id: 1 + Math.floor(random() * 1e6), method: request.method, params: spoiledParams(random, request.method) };
  },
  (random) => {
    const request = pick(random, chatRequests);
    return { kind: 'request', id: 1 + Math.floor(random() * 1e6), method: request.method, params: spoiledParams(random, request.method) };
  },
];

/** Whether the endpoint would accept `message` (then it is not one of these). */
function wouldPass(message: unknown): boolean {
  const envelope = Envelope.safeParse(message);
  if (!envelope.success) return false;
  if (envelope.data.kind === 'ready') return true;
  if (envelope.data.kind !== 'request') return false; // answers to nothing, notifications nobody handles
  const { method, params } = envelope.data;
  const request = chatRequests.find((candidate) => candidate.method === method);
  return request !== undefined && request.params.safeParse(params).success;
}

/** `count` messages, each refused by the chat view's endpoint, from `seed`. */
export function malformedWebviewMessages(count: number, seed = 12): unknown[] {
  const random = seededRandom(seed);
  const messages: unknown[] = [];
  while (messages.length < count) {
    const message = pick(random, makers)(random);
    if (!wouldPass(message)) messages.push(message);
  }
  return messages;
}
