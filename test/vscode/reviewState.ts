/**
 * What the review suites read back from a real VS Code: Nova's extension API, its diagnostics as
 * the Problems view holds them, and a wait for the editor to catch up with the server.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { NovaApi } from '../../src/extension/main';
import { delay } from '../poll';

const manifest = require('../../../package.json') as { publisher: string; name: string };
const extensionId = `${manifest.publisher}.${manifest.name}`;

/** Nova's API, activating the extension if no feature has yet. */
export async function nova(): Promise<NovaApi> {
  const extension = vscode.extensions.getExtension<NovaApi>(extensionId);
  assert.ok(extension, `${extensionId} is not loaded`);
  return extension.activate();
}

/**
 * Whether a finding's file is on disk. Earlier suites can leave an editor open on a file they
 * deleted: its findings stay in the view and the threads (the person still sees the buffer), but a
 * workspace review, and Problems as counted here, only cover files on disk.
 */
export function onDisk(uri: string): boolean {
  const parsed = vscode.Uri.parse(uri);
  return parsed.scheme !== 'file' || fs.existsSync(parsed.fsPath);
}

/** Nova's diagnostics of existing files, by workspace path. */
export function novaDiagnostics(): Map<string, vscode.Diagnostic[]> {
  const byPath = new Map<string, vscode.Diagnostic[]>();
  for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
    if (!onDisk(uri.toString())) continue;
    const nova = diagnostics.filter((diagnostic) => diagnostic.source === 'Nova');
    if (nova.length > 0) byPath.set(vscode.workspace.asRelativePath(uri), nova);
  }
  return byPath;
}

/** A diagnostic's code: the rule that raised it. */
export const codeOf = (diagnostic: vscode.Diagnostic) => String(typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code);

/** How many diagnostics `byPath` holds. */
export const total = (byPath: Map<string, vscode.Diagnostic[]>) => [...byPath.values()].reduce((sum, diagnostics) => sum + diagnostics.length, 0);

/** Calls `probe` until it gives a value (a throw counts as none); fails the test after `timeoutMs`. */
export async function until<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  for (const started = Date.now(); Date.now() - started < timeoutMs; await delay(250)) {
    const value = await Promise.resolve(probe()).catch(() => undefined);
    if (value !== undefined) return value;
  }
  assert.fail(`${what} within ${timeoutMs} ms`);
}
