// Runs before `npm start` and `npm test`, so each works on a fresh clone as the README's one command:
// installs the locked dependencies when node_modules is missing or older than package-lock.json.
// Plain JavaScript: it runs before TypeScript is installed.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const installed = 'node_modules/.package-lock.json';
if (!existsSync(installed) || statSync(installed).mtimeMs < statSync('package-lock.json').mtimeMs) {
  console.log('Nova: installing npm dependencies (npm ci)…');
  execSync('npm ci --no-audit --no-fund', { stdio: 'inherit' });
}
