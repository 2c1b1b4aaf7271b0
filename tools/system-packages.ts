/**
 * The few system packages Nova's tooling needs and cannot install itself. Each check fails with one
 * line that names the Debian package and the command that installs it.
 */
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** A missing system package, reported as one line. */
export class MissingSystemPackage extends Error {
  constructor(readonly packageName: string, purpose: string) {
    super(`Nova needs the system package '${packageName}' ${purpose}: install it with 'sudo apt-get install -y ${packageName}' (Debian/Ubuntu).`);
    this.name = 'MissingSystemPackage';
  }
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** What compiling code-server's native modules needs (node-gyp and the Kerberos headers). */
export function checkCodeServerBuildPackages(): void {
  const purpose = "to build code-server's native modules";
  if (!onPath('make')) throw new MissingSystemPackage('make', purpose);
  if (!onPath('g++')) throw new MissingSystemPackage('g++', purpose);
  if (!onPath('python3')) throw new MissingSystemPackage('python3', purpose);
  if (!existsSync('/usr/include/gssapi/gssapi.h')) throw new MissingSystemPackage('libkrb5-dev', purpose);
}

/** The Chromium that drives the workbench in tests: NOVA_CHROMIUM, or Debian's. */
export function chromiumPath(): string {
  const path = process.env.NOVA_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(path)) throw new MissingSystemPackage('chromium', 'to drive VS Code in a browser for the tests');
  return path;
}
