/**
 * The team-at-work session through Nova's language server (dist/server.js over stdio), as Nova's
 * editor drives it: chat messages, a client that answers `nova/command.approve`, Claude through the
 * real SDK against the scripted Messages API on loopback, the shipped team. The person declines the
 * command, the run goes on to its result; the disputed verdict is put to the person.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { CommandApproval } from '../../../src/core/tools/commandApproval';
import { commandApprove } from '../../../src/protocol/approval';
import { decisionAsk, type DecisionAskParams } from '../../../src/protocol/decision';
import { chatSend } from '../../../src/protocol/chat';
import type { ParamsOf } from '../../../src/protocol/message';
import { runDecision, runEnded, runEscalation } from '../../../src/protocol/run';
import { sessionConfigure } from '../../../src/protocol/session';
import type { MessagesRequestBody } from '../../support/anthropicServer';
import { readAgentRequest, startTeamAtWorkServer, teamAtWork, type TeamAtWorkServer } from '../../support/claudeScripts';
import { startOnSample, type SampleSession } from './sampleServer';

type Ended = ParamsOf<typeof runEnded>;

describe('Nova server: the team at work with Claude, the person asked in the editor', function () {
  this.timeout(120_000);
  let scripted: TeamAtWorkServer;
  let session: SampleSession;
  const approvals: CommandApproval[] = [];

  before(async () => {
    scripted = await startTeamAtWorkServer();
    // Nova's own client: it announces that it answers command approvals, and the person says "Don't run".
    session = await startOnSample({ initializationOptions: { novaClient: true, commandApproval: true } });
    session.server.connection.onRequest(commandApprove.method, (params: CommandApproval) => (approvals.push(params), 'deny'));
    // `npm test` is allowed: the command differs from it (a tab and arguments), so Nova must still ask.
    await session.server.request(sessionConfigure, { provider: 'anthropic', apiKey: scripted.apiKey, baseURL: scripted.url, trusted: true, commandAllowlist: ['npm test'] });
  });
  after(async () => {
    await session?.close();
    await scripted?.close();
  });

  async function chat(text: string): Promise<Ended> {
    const { runId } = await session.server.request(chatSend, { text });
    return (await session.server.waitFor(runEnded.method, (params) => (params as Ended).runId === runId, 60_000)) as Ended;
  }

  describe('1. a command outside the allowlist', () => {
    let ended: Ended;
    before(async () => (ended = await chat(teamAtWork.testsPrompt)));

    it('is put to the person with the exact command, the tab made visible, and where it would run', () => {
      assert.deepEqual(approvals, [
        {
          runId: ended.runId,
          agent: 'test-runner',
          command: teamAtWork.command,
          visibleCommand: teamAtWork.visibleCommand,
          hidden: teamAtWork.hiddenInCommand,
          cwd: '.',
          folder: path.basename(session.folder),
          allowlistedElsewhere: false,
        },
      ]);
      assert.equal(session.server.messageRequests.length, 0, 'no window/showMessageRequest toast');
    });

    it('honours "deny": the model is told the person declined, as the result of its tool call', () => {
      const asked = scripted.requests
        .filter((request) => request.path === '/v1/messages')
        .map((request) => readAgentRequest(request.body as MessagesRequestBody))
        .find((request) => request.agent === 'test-runner' && request.exchanges.some((exchange) => exchange.name === 'run_command'));
      const result = asked?.exchanges.find((exchange) => exchange.name === 'run_command');
      assert.deepEqual(result, {
        name: 'run_command',
        input: { command: teamAtWork.command },
        result: `The command ${JSON.stringify(teamAtWork.command)} is not on the allowlist and not approved: the person declined to run it in ., so it did not run.`,
        isError: true,
      });
    });

    it('and the run continues to its result: the gate reported as an error, the run completed', () => {
      assert.equal(ended.result.status, 'completed', JSON.stringify(ended.result.stuck));
      assert.equal(ended.result.result?.agent, 'test-runner');
      assert.equal(ended.result.result?.contract, 'GateReport');
      const report = ended.result.result?.payload as { gates: { name: string; status: string; evidence: string }[]; overall: string };
      assert.deepEqual(report.gates.map((gate) => [gate.name, gate.status]), [[teamAtWork.gateName, 'error']]);
      assert.match(report.gates[0]?.evidence ?? '', /the person declined to run it/);
      assert.equal(report.overall, 'failed');
      assert.deepEqual(ended.result.decisions.map((decision) => [decision.kind, decision.outcome, decision.settledBy]), [['gate.verdict', 'failed', 'unopposed']]);
      assert.deepEqual(scripted.unexpected, []);
    });
  });

  describe('2. a decision the team cannot settle', () => {
    let ended: Ended;
    before(async () => (ended = await chat(teamAtWork.reviewPrompt)));

    it('is put to the person: the question, the disagreeing outcomes among the options, each side’s reasons', () => {
      const expected = {
        id: teamAtWork.escalation.id,
        question: teamAtWork.escalation.question,
        decision: { kind: 'change.approval', owner: 'reviewer', outcome: teamAtWork.reviewerVerdict, rationale: teamAtWork.reviewerSummary },
        options: teamAtWork.escalation.options,
        opinions: [{ agent: 'security-reviewer', stance: 'oppose', reason: teamAtWork.securityReasonAgain, suggestedOutcome: teamAtWork.securityOutcome }],
      };
      const notified = session.server.notifications(runEscalation).filter((event) => event.runId === ended.runId);
      assert.deepEqual(notified.map((event) => event.escalation), [expected]);
      const decision = session.server.notifications(runDecision).find((event) => event.runId === ended.runId)?.decision;
      assert.equal(decision?.settledBy, 'escalated');
      assert.deepEqual(decision?.answers, [{ agent: 'security-reviewer', answer: teamAtWork.reviewerAnswer }], 'the owner’s side of the argument');
      // This client did not announce escalationAnswers: the run ends escalated (the next describe answers it).
      assert.equal(ended.result.status, 'escalated');
      assert.deepEqual(ended.result.escalation, expected);
      assert.deepEqual(scripted.unexpected, []);
    });
  });

  describe('3. the same decision, put to a person who answers in the editor while the run waits', () => {
    let answering: SampleSession;
    const asked: DecisionAskParams[] = [];
    let ended: Ended;

    before(async () => {
      answering = await startOnSample({ initializationOptions: { novaClient: true, commandApproval: true, escalationAnswers: true } });
      answering.server.connection.onRequest(decisionAsk.method, (params: DecisionAskParams) => {
        asked.push(params);
        return { option: teamAtWork.securityOutcome, reason: 'The token must not stay in the source.' };
      });
      await answering.server.request(sessionConfigure, { provider: 'anthropic', apiKey: scripted.apiKey, baseURL: scripted.url, trusted: true, commandAllowlist: [] });
      const { runId } = await answering.server.request(chatSend, { text: teamAtWork.reviewPrompt });
      ended = (await answering.server.waitFor(runEnded.method, (params) => (params as Ended).runId === runId, 60_000)) as Ended;
    });
    after(async () => {
      await answering?.close();
    });

    it('asks once, with the options and each side’s reasons, and the run goes on to complete with the person’s outcome', () => {
      assert.equal(asked.length, 1);
      assert.equal(asked[0]?.escalation.question, teamAtWork.escalation.question);
      assert.deepEqual(asked[0]?.escalation.options, teamAtWork.escalation.options);
      assert.equal(asked[0]?.escalation.opinions[0]?.reason, teamAtWork.securityReasonAgain);
      assert.equal(ended.result.status, 'completed', JSON.stringify(ended.result.stuck ?? ended.result.escalation));
      const settled = ended.result.decisions.find((decision) => decision.kind === 'change.approval');
      assert.deepEqual([settled?.outcome, settled?.settledBy, settled?.rationale], [teamAtWork.securityOutcome, 'person', 'The token must not stay in the source.']);
      assert.equal(ended.result.result?.contract, 'ReviewVerdict');
      assert.equal((ended.result.result?.payload as { verdict: string }).verdict, teamAtWork.securityOutcome);
      assert.deepEqual(scripted.unexpected, []);
    });
  });
});
