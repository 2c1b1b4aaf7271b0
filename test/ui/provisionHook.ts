/**
 * Root hook of the UI tier (test/ui/.mocharc.json): provisions code-server before the first test
 * file, with the time that takes (about 3 minutes, once per machine). `npm test` has provisioned it
 * in the VS Code tier already; a UI file run on its own on a fresh machine would otherwise spend
 * its `before` hook's 2 minutes installing, and fail.
 */
import type { Context } from 'mocha';
import { provisionCodeServer } from '../../tools/provision';

export const mochaHooks = {
  async beforeAll(this: Context): Promise<void> {
    this.timeout(15 * 60_000);
    await provisionCodeServer();
  },
};
