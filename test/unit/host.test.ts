import * as assert from 'node:assert/strict';
import { chooseHost } from '../../test/vscode/host';

describe('choosing the real VS Code for the extension-host suites', () => {
  const reachable = () => Promise.resolve(true);
  const unreachable = () => Promise.resolve(false);
  const linux = process.platform === 'linux';

  it('uses code-server when VS Code cannot be downloaded', async () => {
    assert.equal((await chooseHost({ DISPLAY: ':99' }, unreachable)).name, 'code-server');
  });

  it('uses desktop VS Code through test-electron when it can be downloaded and shown', async () => {
    assert.equal((await chooseHost({ DISPLAY: ':99' }, reachable)).name, 'electron');
  });

  it('uses code-server on Linux without a display, without probing the network', async function () {
    if (!linux) this.skip();
    let probed = false;
    const host = await chooseHost({}, () => ((probed = true), Promise.resolve(true)));
    assert.equal(host.name, 'code-server');
    assert.equal(probed, false);
  });

  it('honours NOVA_VSCODE_HOST and rejects an unknown value', async () => {
    assert.equal((await chooseHost({ NOVA_VSCODE_HOST: 'electron' }, unreachable)).name, 'electron');
    assert.equal((await chooseHost({ NOVA_VSCODE_HOST: 'code-server', DISPLAY: ':1' }, reachable)).name, 'code-server');
    await assert.rejects(chooseHost({ NOVA_VSCODE_HOST: 'vim' }, reachable), /must be electron, code-server or auto/);
  });
});
