/**
 * The team-at-work session through the real bundle (dist/cli.js), the real SDK and the shipped team,
 * against the scripted Claude on loopback, in a copy of the sample workspace. The CLI has no one to
 * ask: the test-runner's command is refused unasked and the run goes on to its result; the
 * disputed verdict ends the second run `escalated`, with the question, the options and each
 * side's reasons on the terminal.
 */
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import { exitCodes } from '../../../src/cli/usage';
import type { MessagesRequestBody } from '../../support/anthropicServer';
import { readAgentRequest, startTeamAtWorkServer, teamAtWork, teamAtWorkResponder, type TeamAtWorkServer } from '../../support/claudeScripts';
import { cliBundle, runNova, type NovaRun } from '../../support/cli';
import { createSampleWorkspace, scratchDir } from '../../../tools/sample-workspace';

describe('nova run: the team at work with Claude (scripted Messages API)', function () {
  this.timeout(120_000);
  let server: TeamAtWorkServer;
  let folder: string;
  let tests: NovaRun;
  let review: NovaRun;
  let violation: NovaRun;
  const run = (prompt: string) => runNova(['run', '--workspace', folder, prompt], { ANTHROPIC_API_KEY: server.apiKey, ANTHROPIC_BASE_URL: server.url });
  const messageBodies = () => server.requests.filter((request) => request.path === '/v1/messages').map((request) => request.body as MessagesRequestBody);

  before(async function () {
    if (!existsSync(cliBundle)) throw new Error(`${cliBundle} is missing: run \`npm run build\` before the unit tests`);
    server = await startTeamAtWorkServer();
    folder = createSampleWorkspace(scratchDir('team-at-work'));
    tests = await run(teamAtWork.testsPrompt);
    review = await run(teamAtWork.reviewPrompt);
    violation = await run(teamAtWork.violationPrompt);
  });
  after(async () => {
    await server?.close();
    if (folder) await fs.rm(folder, { recursive: true, force: true });
  });

  it('goes as scripted: every request of both runs was one the script foresaw', () => {
    assert.deepEqual(server.unexpected, []);
  });

  describe('1. a command outside the allowlist', () => {
    it('is shown exactly, the tab visible, and refused unasked', () => {
      assert.equal(tests.code, exitCodes.done, tests.stdout + tests.stderr);
      assert.match(tests.stdout, /── concierge ← person \(UserRequest\)[\s\S]*── planner ← concierge \(RoutedTask\)[\s\S]*── test-runner ← planner \(GateRequest\)/);
      const shown = JSON.stringify(teamAtWork.command);
      assert.equal(shown, `"${teamAtWork.visibleCommand}"`, 'the terminal shows the command as the approval card does');
      assert.ok(tests.stdout.includes(`   ✗ run_command {"command":${shown}} — refused: The command ${shown} is not on the allowlist and not approved, so it did not run.\n`), tests.stdout);
    });

    it('tells the model why it did not run, as the result of its tool call', () => {
      const after = messageBodies().map(readAgentRequest).filter((request) => request.agent === 'test-runner' && request.exchanges.some((exchange) => exchange.name === 'run_command'));
      assert.ok(after.length > 0, 'the test-runner was asked again after its run_command');
      const result = after[0]!.exchanges.find((exchange) => exchange.name === 'run_command');
      assert.deepEqual(result, {
        name: 'run_command',
        input: { command: teamAtWork.command },
        result: `The command ${JSON.stringify(teamAtWork.command)} is not on the allowlist and not approved, so it did not run.`,
        isError: true,
      });
    });

    it('and the run continues: the gate is reported as an error, the verdict recorded, the run completed', () => {
      const refusedAt = tests.stdout.indexOf('✗ run_command');
      const reportedAt = tests.stdout.indexOf(`${teamAtWork.gateName}: error — The command`);
      assert.ok(refusedAt > 0 && reportedAt > refusedAt, tests.stdout);
      assert.match(tests.stdout, /⚖ gate\.verdict: failed — test-runner decides \(unopposed\)\n[\s\S]*\nCOMPLETED\n/);
    });
  });

  describe('2. a decision the team cannot settle', () => {
    it('ends the run escalated, with the question and its options', () => {
      assert.equal(review.code, exitCodes.escalated, review.stdout + review.stderr);
      assert.ok(review.stdout.includes(`   ✗ escalated to you: ${teamAtWork.escalation.question} Options: ${teamAtWork.escalation.options.join(' | ')}\n`), review.stdout);
      for (const outcome of teamAtWork.escalation.disputed) assert.ok(teamAtWork.escalation.options.includes(outcome), `${outcome} is an option`);
      assert.match(review.stdout, /⚖ change\.approval: approve — reviewer decides \(escalated; security-reviewer opposes\)\n[\s\S]*\nESCALATED\n/);
    });

    it('shows each side’s reasons, in the words of the agent that gave them', () => {
      const said = (header: string, text: string) => assert.ok(review.stdout.includes(`── ${header}\n${text}\n`), `${header} said ${JSON.stringify(text)}:\n${review.stdout}`);
      said('reviewer ← concierge (RoutedTask)\nReading src/sync.ts.\n   · read_file {"path":"src/sync.ts"}', teamAtWork.reviewerSummary);
      said('security-reviewer ← nova (OpinionRequest)', teamAtWork.securityReason);
      said('reviewer ← nova (DissentBrief)', teamAtWork.reviewerAnswer);
      said('security-reviewer ← nova (OpinionRequest)', teamAtWork.securityReasonAgain);
      said('arbiter ← nova (Disagreement)', `Undecided: ${teamAtWork.arbiterRationale}.`);
    });

    it('records the escalation in the trace with the dissent that stands', async () => {
      const traceFile = /Trace: (\S+\.jsonl)\n/.exec(review.stdout)?.[1];
      assert.ok(traceFile, review.stdout);
      const spans = (await fs.readFile(traceFile, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { kind: string; escalation?: unknown });
      const escalations = spans.filter((span) => span.kind === 'escalation').map((span) => span.escalation);
      assert.deepEqual(escalations, [
        {
          id: teamAtWork.escalation.id,
          question: teamAtWork.escalation.question,
          decision: { kind: 'change.approval', owner: 'reviewer', outcome: teamAtWork.reviewerVerdict, rationale: teamAtWork.reviewerSummary },
          options: teamAtWork.escalation.options,
          opinions: [{ agent: 'security-reviewer', stance: 'oppose', reason: teamAtWork.securityReasonAgain, suggestedOutcome: teamAtWork.securityOutcome }],
        },
      ]);
    });
  });

  describe('3. a handoff that never meets its contract', () => {
    it('bounces back to the concierge twice, then stops the run as a contract violation', () => {
      assert.equal(violation.code, exitCodes.failed, violation.stdout + violation.stderr);
      assert.equal(violation.stdout.split(teamAtWork.violationField).length - 1 >= 3, true, `each attempt's issue is shown:\n${violation.stdout}`);
      assert.match(violation.stdout, /STOPPED — contract_violation at concierge/);
      assert.doesNotMatch(violation.stdout, /── planner ←/, 'the malformed payload never reached the planner');
    });

    it('records the three attempts in the trace: bounced, bounced, violation', async () => {
      const traceFile = /Trace: (\S+\.jsonl)\n/.exec(violation.stdout)?.[1];
      assert.ok(traceFile, violation.stdout);
      const spans = (await fs.readFile(traceFile, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { kind: string; verdict?: string; status?: string; issues?: string[] });
      assert.deepEqual(spans.filter((span) => span.kind === 'validation').map((span) => span.verdict), ['bounced', 'bounced', 'violation']);
      assert.ok(spans.filter((span) => span.kind === 'validation').every((span) => span.issues?.some((issue) => issue.startsWith(teamAtWork.violationField))));
      assert.equal(spans.filter((span) => span.kind === 'handoff' && span.status === 'delivered').length, 0);
    });
  });

  it('answers each request from the request alone: replayed in reverse order, every reply is the same', () => {
    const bodies = messageBodies();
    const forward = teamAtWorkResponder();
    const replies = bodies.map((body, index) => forward(body, index));
    const backward = teamAtWorkResponder();
    const reversed = [...bodies].reverse().map((body, index) => backward(body, index)).reverse();
    // Tool-use ids are generated by the server, not the script: compare what the agents say and call.
    assert.deepEqual(reversed, replies);
    assert.ok(replies.every((reply) => reply.content.some((block) => block.type === 'tool_use')), 'every scripted reply calls a tool');
  });

  it('says what was unexpected when a request falls outside the script', async () => {
    const before = server.unexpected.length;
    const off = await run('what does board.ts do?');
    assert.equal(off.code, exitCodes.failed, off.stdout);
    assert.ok(off.stdout.includes(`${teamAtWork.unexpectedMarker} — concierge (UserRequest from person, after no tool calls): the person typed "what does board.ts do?"`), off.stdout);
    assert.ok(server.unexpected.length > before);
  });
});
