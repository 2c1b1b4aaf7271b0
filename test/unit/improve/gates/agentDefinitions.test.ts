import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gateNames } from '../../../../src/core/improve/record';
import { changedAgentDefinitions, isNovaRepository } from '../../../../src/core/improve/gates/agentDefinitions';
import { defaultGates } from '../../../../src/core/improve/gates';

describe('improve gates: which changes are agent definitions', () => {
  let folder: string;
  beforeEach(() => (folder = fs.mkdtempSync(path.join(os.tmpdir(), 'nova-agentdefs-'))));
  afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

  const changed = ['.claude/agents/a.md', '.nova/agents/deep/b.md', '.nova/agentsx/c.md', '.nova/evals/e.json', 'agents/concierge.md', 'agents/sub/x.md', 'src/agents/y.md'];

  it("counts workspace agent files everywhere, and agents/*.md only in Nova's own repository", async () => {
    assert.equal(await isNovaRepository(folder), false);
    assert.deepEqual(await changedAgentDefinitions(folder, changed), ['.claude/agents/a.md', '.nova/agents/deep/b.md']);
    fs.mkdirSync(path.join(folder, 'agents'));
    fs.writeFileSync(path.join(folder, 'agents', 'concierge.md'), '---\nname: concierge\n---\n');
    fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ name: 'my-app' }));
    assert.equal(await isNovaRepository(folder), false, 'another project with an agents/ folder');
    fs.writeFileSync(path.join(folder, 'package.json'), '{ not json');
    assert.equal(await isNovaRepository(folder), false);
    fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ name: 'nova' }));
    assert.equal(await isNovaRepository(folder), true);
    assert.deepEqual(await changedAgentDefinitions(folder, changed), ['.claude/agents/a.md', '.nova/agents/deep/b.md', 'agents/concierge.md']);
  });

  it('defaultGates runs the gates in the order the loop records them', () => {
    assert.deepEqual(defaultGates.map((gate) => gate.name), [...gateNames]);
  });
});
