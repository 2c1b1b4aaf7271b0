import * as assert from 'node:assert/strict';
import { contractNames, getContract } from '../../../src/core/contracts';
import { contractJsonSchema, submitToolName } from '../../../src/core/contracts/jsonSchema';
import { validatePayload } from '../../../src/core/contracts/validate';
import { buildToolbox } from '../../../src/core/orchestrator/toolbox';
import { createWorkspaceTools } from '../../../src/core/tools/registry';
import { examples } from '../../support/payloads';
import { shippedTeam } from '../../support/team';

// The Messages API's rule for tool names.
const toolName = /^[a-zA-Z0-9_-]{1,64}$/;

describe('contracts', () => {
  it('include the contracts the issue names, each exported as a model tool’s JSON Schema', () => {
    for (const name of ['RoutedTask', 'Plan', 'RefactorRequest', 'ChangeProposal', 'FindingList', 'ReviewVerdict', 'GateReport', 'ChangeReport', 'Escalation', 'StuckReport']) {
      assert.ok(contractNames.includes(name), name);
    }
    for (const name of contractNames) {
      const schema = contractJsonSchema(getContract(name));
      assert.equal(schema.$schema, undefined);
      assert.equal(schema.type, 'object', `${name}: a tool's input schema is an object at the top`);
      assert.match(submitToolName(name), toolName);
    }
    const verdict = contractJsonSchema(getContract('ReviewVerdict')) as { properties: Record<string, { enum?: string[]; minimum?: number; maximum?: number }>; required: string[] };
    assert.deepEqual(verdict.properties.verdict?.enum, ['approve', 'request_changes', 'reject']);
    assert.deepEqual([verdict.properties.confidence?.minimum, verdict.properties.confidence?.maximum], [0, 1]);
    assert.ok(verdict.required.includes('confidence') && !verdict.required.includes('findings'), 'fields with defaults are optional to the model');
  });

  it('accept the examples and report each problem as path: message', () => {
    for (const [name, example] of Object.entries(examples)) assert.ok(validatePayload(getContract(name), example).ok, name);
    const checked = validatePayload(getContract('ReviewVerdict'), { verdict: 'lgtm', confidence: 2 });
    assert.ok(!checked.ok);
    assert.deepEqual(checked.issues.map((issue) => issue.split(':')[0]), ['verdict', 'confidence', 'summary']);
  });

  it('GateReport refuses an overall "passed" over a failed gate', () => {
    const checked = validatePayload(getContract('GateReport'), { gates: [{ name: 'tests', status: 'failed', evidence: '1 failing' }], overall: 'passed' });
    assert.ok(!checked.ok);
    assert.match(checked.issues[0] ?? '', /^overall: overall must be "passed" exactly when no gate failed/);
  });

  it('every shipped agent’s tools (registry, submit, handoffs) are valid Messages API tools', async () => {
    const team = await shippedTeam();
    const registry = createWorkspaceTools();
    for (const agent of team.agents) {
      const toolbox = buildToolbox(team, registry, agent, agent.returns, false);
      const names = toolbox.definitions.map((d) => d.name);
      assert.equal(new Set(names).size, names.length, `${agent.name}: tool names are unique`);
      for (const definition of toolbox.definitions) {
        assert.match(definition.name, toolName);
        assert.equal(definition.inputSchema.type, 'object', `${agent.name}/${definition.name}`);
        assert.ok(definition.description.length > 10);
      }
      assert.equal(names.filter((n) => n.startsWith('handoff_to_')).length, agent.handoffs.length);
    }
  });
});
