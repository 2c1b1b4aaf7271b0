import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { commandIds, viewContainerId } from '../../../src/extension/contributions';
import { proposeFixCommand } from '../../../src/protocol/commands';
import { delay, poll } from '../../poll';

// Runs inside the real extension host, with Nova loaded as the extension under development.
const manifest = require('../../../../package.json') as { publisher: string; name: string; contributes: { commands: { command: string }[] } };
const extensionId = `${manifest.publisher}.${manifest.name}`;

describe('Nova in a real VS Code', () => {
  it('is loaded but nothing activates it at startup', async () => {
    const nova = vscode.extensions.getExtension(extensionId);
    assert.ok(nova, `${extensionId} is not loaded`);
    // Startup activations (`*`, onStartupFinished) would have fired by now.
    await delay(3_000);
    assert.equal(nova.isActive, false, 'Nova was activated although no Nova view or command was used');
  });

  it('activates when its view container is opened', async () => {
    await vscode.commands.executeCommand(`workbench.view.extension.${viewContainerId}`);
    const nova = vscode.extensions.getExtension(extensionId);
    assert.ok(await poll(() => nova?.isActive === true, 15_000), 'Nova did not activate when its views were opened');
  });

  it('registers every command it contributes, and only those (besides the language server\'s code-action command)', async () => {
    const registered = new Set((await vscode.commands.getCommands(true)).filter((id) => id.startsWith('nova.') && id !== proposeFixCommand));
    const contributed = manifest.contributes.commands.map((command) => command.command);
    for (const id of contributed) assert.ok(registered.has(id), `${id} is contributed but not registered`);
    assert.deepEqual([...contributed].sort(), Object.values(commandIds).sort());
  });

  it('runs its commands without error', async () => {
    await vscode.commands.executeCommand(commandIds.openChat);
    await vscode.commands.executeCommand(commandIds.showLog);
  });
});
