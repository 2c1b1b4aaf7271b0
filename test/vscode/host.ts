/** Which real VS Code runs the extension-host suites on this machine. */
import { request } from 'node:https';

export interface Host {
  readonly name: 'electron' | 'code-server';
  readonly reason: string;
}

/** Where @vscode/test-electron downloads VS Code from. */
const updateServer = 'https://update.code.visualstudio.com/api/releases/stable';

/** Whether VS Code's update server answers within the time given. */
export function canDownloadVSCode(timeoutMs = 3_000, url = updateServer): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'HEAD', timeout: timeoutMs }, (res) => {
      res.resume();
      resolve((res.statusCode ?? 500) < 400);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}

/**
 * NOVA_VSCODE_HOST picks explicitly. Otherwise desktop VS Code when it can be downloaded and shown
 * (on Linux that needs a display, e.g. `xvfb-run npm test`), code-server otherwise.
 */
export async function chooseHost(env: NodeJS.ProcessEnv = process.env, probe: () => Promise<boolean> = () => canDownloadVSCode()): Promise<Host> {
  const forced = env.NOVA_VSCODE_HOST;
  if (forced === 'electron' || forced === 'code-server') return { name: forced, reason: 'NOVA_VSCODE_HOST' };
  if (forced && forced !== 'auto') throw new Error(`NOVA_VSCODE_HOST must be electron, code-server or auto, not '${forced}'`);
  if (process.platform === 'linux' && !env.DISPLAY) return { name: 'code-server', reason: 'no display for desktop VS Code' };
  if (!(await probe())) return { name: 'code-server', reason: 'VS Code cannot be downloaded from here' };
  return { name: 'electron', reason: 'VS Code can be downloaded' };
}
