import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chatParticipantId, commandIds, proposedScheme, traceEditorType, viewContainerId, viewIds } from '../../src/extension/contributions';
import { allSettings } from '../../src/extension/settings';
import { repoRoot } from '../../tools/paths';

interface Manifest {
  publisher: string;
  main: string;
  engines: { vscode: string };
  devDependencies: Record<string, string>;
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: boolean | 'limited'; description?: string } };
  contributes: {
    viewsContainers: { activitybar: { id: string }[] };
    views: Record<string, { id: string; type?: string }[]>;
    viewsWelcome: { view: string; contents: string }[];
    chatParticipants: { id: string; name: string }[];
    commands: { command: string; title: string; category: string }[];
    menus: Record<string, { command: string; when?: string; group?: string }[]>;
    customEditors: { viewType: string; selector: { filenamePattern: string }[]; priority: string }[];
    configuration: { properties: Record<string, { type: string; default: unknown; enum?: unknown[]; description: string; scope?: string }> };
  };
}

const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as Manifest;

describe('package.json contributions', () => {
  it('contributes exactly the settings defined in code, with their types, defaults and choices', () => {
    const contributed = manifest.contributes.configuration.properties;
    assert.deepEqual(Object.keys(contributed).sort(), allSettings.map((s) => s.key).sort());
    for (const setting of allSettings) {
      const declared = contributed[setting.key];
      assert.ok(declared);
      assert.equal(declared.type, setting.type, setting.key);
      assert.deepEqual(declared.default, setting.default, setting.key);
      assert.deepEqual(declared.enum, setting.enum, setting.key);
      assert.equal(declared.description, setting.description, setting.key);
      assert.equal(declared.scope, setting.scope, `${setting.key}: scope`);
    }
  });

  it('contributes exactly the commands defined in code, each titled and in the Nova category', () => {
    const contributed = manifest.contributes.commands;
    assert.deepEqual(contributed.map((c) => c.command).sort(), Object.values(commandIds).sort());
    for (const command of contributed) {
      assert.equal(command.category, 'Nova', command.command);
      assert.ok(command.title.length > 0, command.command);
    }
  });

  it('contributes one activity-bar container holding exactly the views defined in code', () => {
    assert.deepEqual(manifest.contributes.viewsContainers.activitybar.map((c) => c.id), [viewContainerId]);
    assert.deepEqual(Object.keys(manifest.contributes.views), [viewContainerId]);
    assert.deepEqual(manifest.contributes.views[viewContainerId]?.map((v) => v.id), Object.values(viewIds));
  });

  it('gives every tree view an empty state; the chat is a webview view, which draws its own', () => {
    const views = manifest.contributes.views[viewContainerId] ?? [];
    assert.deepEqual(views.filter((view) => view.type === 'webview').map((view) => view.id), [viewIds.chat]);
    assert.ok(!manifest.contributes.viewsWelcome.some((welcome) => welcome.view === viewIds.chat), 'a webview view shows no welcome content');
    for (const id of views.filter((view) => view.type !== 'webview').map((view) => view.id)) {
      assert.ok(manifest.contributes.viewsWelcome.some((w) => w.view === id && w.contents.length > 0), `${id} has no welcome content`);
    }
  });

  it('contributes the @nova chat participant the extension registers', () => {
    assert.deepEqual(manifest.contributes.chatParticipants.map((participant) => [participant.id, participant.name]), [[chatParticipantId, 'nova']]);
  });

  it('prefixes every contributed id with nova.', () => {
    const ids = [
      ...manifest.contributes.commands.map((c) => c.command),
      ...Object.values(manifest.contributes.views).flat().map((v) => v.id),
      ...Object.keys(manifest.contributes.configuration.properties),
    ];
    for (const id of ids) assert.match(id, /^nova\./);
  });

  it('never activates at startup: only on its own views and commands, for a proposal diff VS Code restores, and where a review is kept', () => {
    // VS Code derives onView/onCommand activation from the contributions; the events declared are
    // the proposed side's file system, which a diff tab restored after a reload asks for first, and
    // a workspace with a kept review, whose findings come back after a reload.
    assert.deepEqual(manifest.activationEvents, [`onFileSystem:${proposedScheme}`, 'workspaceContains:.nova/review/last.json']);
  });

  it('puts Accept and Reject in the title bar of a proposal diff, and in the palette only there', () => {
    const onProposedSide = `resourceScheme == ${proposedScheme}`;
    const titleBar = manifest.contributes.menus['editor/title'] ?? [];
    assert.deepEqual(titleBar.filter((item) => item.when === onProposedSide).map((item) => item.command), [commandIds.acceptProposalDiff, commandIds.rejectProposalDiff]);
    const palette = manifest.contributes.menus.commandPalette ?? [];
    for (const command of [commandIds.acceptProposalDiff, commandIds.rejectProposalDiff]) assert.equal(palette.find((item) => item.command === command)?.when, onProposedSide, command);
  });

  it('shows a .nova/traces/*.jsonl file as its trace by default (the trace editor), and offers "Why?" → the trace on Proposals view hunks', () => {
    assert.deepEqual(manifest.contributes.customEditors.map((editor) => [editor.viewType, editor.selector.map((selector) => selector.filenamePattern), editor.priority]), [[traceEditorType, ['**/.nova/traces/*.jsonl'], 'default']]);
    const rows = manifest.contributes.menus['view/item/context'] ?? [];
    const why = rows.find((item) => item.command === commandIds.traceHunk);
    assert.ok(why?.when?.includes('nova\\.changeSet(Hunk)?;'), `the hunk rows have no "Why?" → trace: ${why?.when}`);
  });

  it('declares limited support for untrusted workspaces, with the reason', () => {
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.ok(manifest.capabilities.untrustedWorkspaces.description);
  });

  it('targets the VS Code API it is typed against', () => {
    const typed = manifest.devDependencies['@types/vscode']?.replace(/^[~^]/, '');
    assert.equal(manifest.engines.vscode, `^${typed}`);
    assert.equal(manifest.main, './dist/extension.js');
  });
});
