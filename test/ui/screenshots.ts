/** Where the UI tests keep what they saw: test-results/screenshots/<name>.png. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { testResultsDir } from '../../tools/paths';

const screenshots = join(testResultsDir, 'screenshots');

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: join(screenshots, `${name}.png`) });
}
