/**
 * What a type-check may read from disk beyond the workspace sources read through the sandbox:
 * TypeScript's own lib files, and what the project's module resolution reaches under
 * `node_modules` or a configured `typeRoots` directory. Every file is opened first and judged by
 * the real path of what was opened — not by its directory's, and not by the path TypeScript asked
 * for — so a dependency file that links out of the workspace is never read:
 *
 * - TypeScript's lib files (shipped beside Nova): always;
 * - under `node_modules` (or a `typeRoots` directory), a file whose real path is inside a
 *   workspace folder: yes, whatever it is (the workspace's installed dependencies);
 * - outside every workspace folder, only outside Restricted Mode, and only declaration files
 *   (`.d.ts`, `.d.mts`, `.d.cts`) and the `package.json` manifests resolution reads to find them,
 *   reached through a `node_modules` segment or a `typeRoots` directory — `@types` and packages
 *   hoisted above the folder, as `tsc` reads them; and the tsconfig files a project's `extends`
 *   names (a monorepo's shared base config), read only as configuration. Nothing else outside is
 *   ever read.
 *
 * Hard links cannot be told apart by path: a hard link inside the workspace to an outside file is
 * the workspace's file (pnpm's store is built of them), see the README's security section.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { readCheckedSync } from '../host/checkedRead';
import type { WorkspaceSandbox } from '../workspace/sandbox';
import { slashPath, typescriptLibFolder } from './fileNames';

/** A declaration file or a package manifest is all a type-check needs from outside the workspace. */
const typeInformation = /(?:\.d\.[cm]?ts|[\\/]package\.json)$/i;
/** Dependency files larger than this are not read (generated bundles of declarations stay far below). */
const maxDependencyBytes = 8 * 1024 * 1024;

/** Whether a file or directory on disk may be used, by the path asked for and (for files) the real path opened. */
export interface DiskPolicy {
  /** Whether `directory` may be probed (exists, subdirectories): only where a read could be allowed. */
  mayProbe(directory: string): boolean;
  /** Whether the file opened for `requested` — really at `realPath` — may be read. */
  mayRead(requested: string, realPath: string): boolean;
  /** Directories the project's config names as `typeRoots` (absolute); declarations there count as reached by resolution. */
  useTypeRoots(directories: readonly string[]): void;
  /** Whether a JSON file that a tsconfig's `extends` reaches — really at `realPath` — may be read as configuration. */
  mayReadConfig(realPath: string): boolean;
}

let realLibFolder: string | undefined;

/** The real path of the lib folder, once: lib files are judged by where they really are, like any other. */
function libFolder(): string {
  return (realLibFolder ??= slashPath(realOrSelf(typescriptLibFolder())));
}

function realOrSelf(fileName: string): string {
  try {
    return fs.realpathSync(fileName);
  } catch {
    return fileName;
  }
}

function isUnder(fileName: string, folder: string): boolean {
  const normal = slashPath(fileName);
  return normal === folder || normal.startsWith(folder.endsWith('/') ? folder : `${folder}/`);
}

/** Only TypeScript's lib files: for projects over texts in memory. */
export const libFilesOnly: DiskPolicy = {
  mayProbe: (directory) => isUnder(directory, slashPath(typescriptLibFolder())) || isUnder(directory, libFolder()),
  // Only `lib.*.d.ts`: in the bundle the lib folder is Nova's own dist/, whose other files are no one's types.
  mayRead: (_requested, realPath) => isUnder(realPath, libFolder()) && /^lib(?:\.[^/\\]+)?\.d\.ts$/.test(path.basename(realPath)),
  useTypeRoots: () => undefined,
  mayReadConfig: () => false,
};

/**
 * The policy for a workspace's projects. `trusted` false (Restricted Mode): nothing outside every
 * workspace folder but TypeScript's lib files, not even a probe.
 */
export function workspacePolicy(sandbox: WorkspaceSandbox, trusted: boolean): DiskPolicy {
  let typeRoots: readonly string[] = [];
  const reachedByResolution = (fileName: string) =>
    slashPath(fileName).split('/').includes('node_modules') || typeRoots.some((root) => isUnder(fileName, root));
  const probes = new Map<string, boolean>();
  return {
    mayProbe(directory) {
      let answer = probes.get(directory);
      if (answer === undefined) {
        // The workspace's own sources come from the sandbox's walk; disk is for what resolution reaches.
        answer = libFilesOnly.mayProbe(directory) || (reachedByResolution(directory) && (trusted || sandbox.locate(realOrSelf(directory)) !== undefined));
        probes.set(directory, answer);
      }
      return answer;
    },
    mayRead(requested, realPath) {
      if (libFilesOnly.mayRead(requested, realPath)) return true;
      if (!reachedByResolution(requested)) return false;
      return sandbox.locate(realPath) !== undefined || (trusted && typeInformation.test(realPath));
    },
    useTypeRoots(directories) {
      typeRoots = directories.map((directory) => slashPath(path.resolve(directory)));
    },
    mayReadConfig(realPath) {
      return sandbox.locate(realPath) !== undefined || (trusted && /\.json$/i.test(realPath));
    },
  };
}

/** Checked, cached disk access under a policy: what `LayeredStore` falls back to. */
export class DiskFiles {
  private readonly texts = new Map<string, string | undefined>();
  private readonly configs = new Map<string, string | undefined>();

  constructor(readonly policy: DiskPolicy) {}

  /** The text of the file when the policy allows what was opened; undefined otherwise (or when missing). */
  readText(fileName: string): string | undefined {
    const key = slashPath(fileName);
    if (this.texts.has(key)) return this.texts.get(key);
    let text: string | undefined;
    if (this.policy.mayProbe(path.dirname(fileName))) {
      try {
        const read = readCheckedSync(fileName, { allows: (realPath) => this.policy.mayRead(fileName, realPath), maxBytes: maxDependencyBytes });
        text = read.ok ? read.text : undefined;
      } catch {
        text = undefined; // unreadable (permissions): as if absent
      }
    }
    this.texts.set(key, text);
    return text;
  }

  /** The text of a tsconfig (or a JSON it extends) when the policy allows reading it as configuration. */
  readConfig(fileName: string): string | undefined {
    const key = slashPath(fileName);
    if (this.configs.has(key)) return this.configs.get(key);
    let text: string | undefined;
    try {
      const read = readCheckedSync(fileName, { allows: (realPath) => this.policy.mayReadConfig(realPath), maxBytes: maxDependencyBytes });
      text = read.ok ? read.text : undefined;
    } catch {
      text = undefined; // missing or unreadable: as if absent
    }
    this.configs.set(key, text);
    return text;
  }

  /** Whether the file is there and may be read: a file the policy refuses does not exist for TypeScript. */
  fileExists(fileName: string): boolean {
    return this.readText(fileName) !== undefined;
  }

  directoryExists(directory: string): boolean {
    return this.policy.mayProbe(directory) && ts.sys.directoryExists(directory);
  }

  directories(directory: string): string[] {
    return this.directoryExists(directory) ? ts.sys.getDirectories(directory) : [];
  }
}
