/**
 * The TypeScript projects of a workspace, cached per sandbox (one run, or one editor session) and
 * brought up to date on every use: the workspace is read again through the sandbox, and the
 * language service re-checks only the files whose text changed.
 */
import * as path from 'node:path';
import { outsideName, type WorkspaceSandbox } from '../workspace/sandbox';
import { findConfigFile } from './configFile';
import { TypeScriptProject } from './project';
import { slashPath, typescriptLibFolder } from './sourceStore';
import { readWorkspaceSources, type WorkspaceSources } from './workspaceStore';

const cache = new WeakMap<WorkspaceSandbox, Map<string, TypeScriptProject>>();

/** The files of one project that a tool was asked about. */
export interface ProjectFiles {
  readonly project: TypeScriptProject;
  /** Absolute file names, as the project names them. */
  readonly fileNames: string[];
}

/**
 * Groups real file paths (already resolved by the sandbox) by the project that compiles them:
 * the nearest tsconfig.json at or above the file inside its workspace folder, else an inferred
 * project for the folder. With no files: the project at the root of each workspace folder.
 * `trusted` false (Restricted Mode): no declaration outside the workspace folders is read.
 */
export async function projectsFor(sandbox: WorkspaceSandbox, files: readonly string[], signal: AbortSignal, trusted: boolean): Promise<ProjectFiles[]> {
  const sources = new Map<string, WorkspaceSources>();
  const groups = new Map<TypeScriptProject, string[]>();
  const wanted = files.length > 0 ? files.map((file) => ({ file, folder: sandbox.locate(file)?.folder })) : sandbox.folders.map((folder) => ({ file: undefined, folder }));
  for (const { file, folder } of wanted) {
    if (folder === undefined) continue;
    let read = sources.get(folder);
    if (!read) {
      read = await readWorkspaceSources(sandbox, folder, signal, trusted);
      sources.set(folder, read);
    }
    const directory = file === undefined ? folder : path.dirname(file);
    const project = projectOf(sandbox, read, findConfigFile(read.store, directory, folder), trusted, groups.has.bind(groups));
    const group = groups.get(project) ?? [];
    if (file !== undefined) {
      project.include(file);
      group.push(slashPath(file));
    }
    groups.set(project, group);
  }
  return [...groups].map(([project, fileNames]) => ({ project, fileNames }));
}

/**
 * The cached project for a config (refreshed unless `current` says this call already did), or a
 * new one. A project made in Restricted Mode is never reused once the workspace is trusted, nor
 * the other way round: the language service would keep the program it resolved then (no
 * declarations outside the workspace, so `process` unknown) while no file changed.
 */
function projectOf(sandbox: WorkspaceSandbox, sources: WorkspaceSources, configFile: string | undefined, trusted: boolean, current: (project: TypeScriptProject) => boolean): TypeScriptProject {
  let projects = cache.get(sandbox);
  if (!projects) {
    projects = new Map();
    cache.set(sandbox, projects);
  }
  const key = `${trusted ? 'trusted' : 'restricted'}:${configFile ?? `inferred:${sources.folder}`}`;
  let project = projects.get(key);
  if (project) {
    // Each call reads the folder again; the project takes those texts once per call.
    if (!current(project)) project.refresh(sources.store);
  } else {
    project = new TypeScriptProject({
      store: sources.store,
      configFile,
      directory: configFile ? path.posix.dirname(configFile) : slashPath(sources.folder),
      display: (fileName) => displayName(sandbox, fileName),
      scrub: (text) => sandbox.scrub(text),
    });
    projects.set(key, project);
  }
  return project;
}

/**
 * A file as the model may see it: its workspace path; a lib file by its name; a dependency outside
 * the workspace from its `node_modules` on, marked as outside. Never an absolute host path.
 */
function displayName(sandbox: WorkspaceSandbox, fileName: string): string {
  const location = sandbox.locate(path.resolve(fileName));
  if (location) return sandbox.displayPath(location);
  const normal = slashPath(fileName);
  if (normal.startsWith(`${slashPath(typescriptLibFolder())}/`)) return `typescript/lib/${path.posix.basename(normal)}`;
  const segments = normal.split('/');
  const dependency = segments.lastIndexOf('node_modules');
  return dependency >= 0 ? `${outsideName}/${segments.slice(dependency).join('/')}` : outsideName;
}
