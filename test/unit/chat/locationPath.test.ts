import * as assert from 'node:assert/strict';
import { locationPathProblem } from '../../../src/extension/client/chat/locationPath';

describe('paths the chat page asks to open', () => {
  it('lets plain workspace-relative paths through', () => {
    for (const path of ['src/board.ts', 'README.md', 'packages/api/src/index.ts', '.nova/agents/reviewer.md']) assert.equal(locationPathProblem(path), undefined, path);
  });

  it('refuses "..", absolute paths, drives, other schemes, backslashes and control characters, saying why', () => {
    const refused: [string, RegExp][] = [
      ['../secrets.txt', /leaves its folder with "\.\."/],
      ['src/../../etc/passwd', /leaves its folder/],
      ['/etc/passwd', /absolute path/],
      ['~/.ssh/id_rsa', /absolute path/],
      ['C:/Windows/win.ini', /absolute Windows path/],
      ['file:///etc/passwd', /is a URI/],
      ['vscode-userdata:/settings.json', /is a URI/],
      ['command:workbench.action.terminal.new', /is a URI/],
      ['src\\..\\..\\x', /uses "\\"/],
      ['src/a\u0000.ts', /control character/],
      ['src/a.ts\n', /control character/],
      [' src/a.ts', /whitespace/],
      ['src//a.ts', /empty or "\." segment/],
      ['./src/a.ts', /empty or "\." segment/],
      ['', /empty/],
    ];
    for (const [path, reason] of refused) assert.match(locationPathProblem(path) ?? 'allowed', reason, JSON.stringify(path));
  });
});
