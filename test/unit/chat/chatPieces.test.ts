import * as assert from 'node:assert/strict';
import { applyHunks } from '../../../src/core/edits/placement';
import { codeProposal, linesOf } from '../../../src/extension/client/chat/codeBlockProposal';
import { chatModelOf } from '../../../src/extension/client/chat/modelBanner';
import { participantMarkdown, resultMarkdown } from '../../../src/extension/client/chat/participantReply';
import { reviewVerdict } from '../../../src/extension/client/chat/reviewVerdict';
import { chatHtml, traceHtml, webviewCsp } from '../../../src/extension/webviewHtml';
import { getContract } from '../../../src/core/contracts';
import { validatePayload } from '../../../src/core/contracts/validate';

describe('the webview page HTML (chat view, trace panel)', () => {
  const page = { cspSource: 'https://x.vscode-cdn.net', nonce: 'abc123', styleUris: ['https://x/media/webview.css', 'https://x/media/chat.css'], scriptUri: 'https://x/dist/webview/chat.js' };
  it('allows only the view\'s own resources and this load\'s nonce', () => {
    assert.equal(webviewCsp(page), "default-src 'none'; style-src https://x.vscode-cdn.net 'nonce-abc123'; script-src 'nonce-abc123'; img-src https://x.vscode-cdn.net data:; font-src https://x.vscode-cdn.net");
    const html = chatHtml(page);
    assert.ok(html.includes('<link rel="stylesheet" href="https://x/media/webview.css" nonce="abc123">\n<link rel="stylesheet" href="https://x/media/chat.css" nonce="abc123">'), 'the shared stylesheet, then the page\'s');
    assert.ok(html.includes('<body><main id="nova-chat" aria-label="Nova chat"></main><script nonce="abc123" src="https://x/dist/webview/chat.js"></script></body>'));
    assert.equal((html.match(/<script/g) ?? []).length, 1);
  });
  it('builds the trace panel\'s page the same way, with its own title and landmark', () => {
    const trace = traceHtml({ ...page, styleUris: ['https://x/media/webview.css', 'https://x/media/trace.css'], scriptUri: 'https://x/dist/webview/trace.js' });
    assert.ok(trace.includes('<title>Nova trace</title>'));
    assert.ok(trace.includes(`content="${webviewCsp(page)}"`));
    assert.ok(trace.includes('<body><main id="nova-trace" aria-label="Nova trace"></main><script nonce="abc123" src="https://x/dist/webview/trace.js"></script></body>'));
    assert.ok(trace.includes('<link rel="stylesheet" href="https://x/media/trace.css" nonce="abc123">'));
  });
});

describe('the model banner', () => {
  it('says offline when the provider is offline, or auto without a key', () => {
    assert.equal(chatModelOf({ provider: 'auto', hasKey: false, model: '', baseURL: '' }).offline, true);
    assert.equal(chatModelOf({ provider: 'offline', hasKey: true, model: '', baseURL: '' }).offline, true);
  });
  it('names Claude, the model and the endpoint host otherwise, and a missing key', () => {
    assert.deepEqual(chatModelOf({ provider: 'auto', hasKey: true, model: 'opus', baseURL: 'http://127.0.0.1:8080/v1' }), { offline: false, label: 'Claude (opus) via 127.0.0.1:8080' });
    assert.match(chatModelOf({ provider: 'anthropic', hasKey: false, model: '', baseURL: '' }).label, /no API key is set/);
  });
});

describe('a code block proposed as a change', () => {
  it('replaces exactly the lines picked, as a valid ChangeProposal that applies to the file as it is', () => {
    const file = 'one\ntwo\nthree\nfour\n';
    const target = { path: 'src/a.ts', startLine: 2, endLine: 3, before: linesOf(file, 2, 3), label: 'a.ts:2-3' };
    const proposal = codeProposal('TWO\nTHREE\n', target, 'refactorer');
    assert.ok(validatePayload(getContract('ChangeProposal'), proposal).ok);
    const applied = applyHunks(file, { path: target.path, hunks: proposal.files[0]?.hunks ?? [] });
    assert.deepEqual([applied.text, applied.conflicts], ['one\nTWO\nTHREE\nfour\n', []]);
    assert.equal(applyHunks('one\nchanged\nthree\nfour\n', { path: target.path, hunks: proposal.files[0]?.hunks ?? [] }).conflicts.length, 1, 'a file changed since is a conflict');
  });
});

describe('the workspace review in the chat', () => {
  it('approves with no findings, requests changes with some, and says what it does not judge', () => {
    assert.equal(reviewVerdict({ files: 3, findings: 0, uris: [], problems: [] }, []).verdict, 'approve');
    const finding = { path: 'src/a.ts', line: 4, severity: 'warning' as const, rule: 'no-floating-promise', message: 'unawaited' };
    const verdict = reviewVerdict({ files: 3, findings: 2, uris: [], problems: [] }, [finding]);
    assert.equal(verdict.verdict, 'request_changes');
    assert.match(verdict.summary, /2 findings \(the first 1 here; all of them in the Problems view\).*do not judge design/);
    assert.ok(validatePayload(getContract('ReviewVerdict'), verdict).ok);
  });
});

describe('@nova in VS Code\'s Chat', () => {
  it('attributes each agent and handoff, and ends with the result', () => {
    const line = participantMarkdown({ kind: 'agentStarted', params: { runId: 'r', agent: 'reviewer', provenance: { origin: 'workspace', file: '.nova/agents/reviewer.md' }, contract: 'RoutedTask', from: 'concierge', payload: { intent: 'review', summary: 's', scope: [], constraints: [] } } });
    assert.equal(line, '\n\n**reviewer** (workspace .nova/agents/reviewer.md) · concierge → reviewer · RoutedTask\n\n');
    assert.equal(participantMarkdown({ kind: 'text', params: { runId: 'r', agent: 'a', kind: 'thinking', text: 'secret reasoning' } }), undefined);
    assert.equal(resultMarkdown({ agent: 'concierge', contract: 'Answer', payload: { answer: 'It exports Board.', references: [] } }, 1), "\n\nIt exports Board.\n\n1 proposal waits in Nova's Proposals view; nothing is written until you accept.");
  });
});
