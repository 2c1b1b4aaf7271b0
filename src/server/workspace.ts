/**
 * The workspace as the server sees it: its folders (from `initialize` and folder changes), the
 * documents the client synced (unsaved edits included), and the files the core reads — open buffers
 * first, disk second. Paths are real absolute paths; URIs are what the client sent for open files.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { WorkspaceFiles } from '../core/host';
import { nodeWorkspaceFiles } from '../core/host/nodeFiles';
import { overlayWorkspaceFiles } from '../core/host/overlayFiles';
import { WorkspaceSandbox } from '../core/workspace/sandbox';

export class ServerWorkspace {
  /** The documents the client keeps in sync (open editors). */
  readonly documents = new TextDocuments(TextDocument);
  /** Open buffers over the file system. */
  readonly files: WorkspaceFiles;
  private readonly openByPath = new Map<string, TextDocument>();
  private _folders: readonly string[] = [];
  private shared: Promise<WorkspaceSandbox> | undefined;

  constructor() {
    this.files = overlayWorkspaceFiles(nodeWorkspaceFiles, (path) => this.openByPath.get(path)?.getText());
    this.documents.onDidOpen(({ document }) => {
      const path = this.pathOf(document.uri);
      if (path) this.openByPath.set(path, document);
    });
    this.documents.onDidClose(({ document }) => {
      const path = this.pathOf(document.uri);
      if (path && this.openByPath.get(path) === document) this.openByPath.delete(path);
    });
  }

  /** The workspace folders, as given (absolute paths). */
  get folders(): readonly string[] {
    return this._folders;
  }

  /** The folder where Nova keeps proposals and traces: the first workspace folder. */
  get primaryFolder(): string | undefined {
    return this._folders[0];
  }

  setFolders(folders: readonly string[]): void {
    this._folders = [...folders];
    this.shared = undefined;
  }

  /**
   * The sandbox diagnostics and code actions share, so their TypeScript projects stay warm between
   * requests. Runs get their own (`newSandbox`): a run must not refresh a project under a review.
   */
  sandbox(): Promise<WorkspaceSandbox> {
    this.shared ??= this.newSandbox();
    // A failed creation (a folder was deleted) is tried again next time rather than cached.
    this.shared.catch(() => (this.shared = undefined));
    return this.shared;
  }

  newSandbox(): Promise<WorkspaceSandbox> {
    return WorkspaceSandbox.create(this._folders, this.files);
  }

  /** The real path of a `file:` URI, or undefined for other schemes (untitled buffers, virtual files). */
  pathOf(uri: string): string | undefined {
    if (!uri.startsWith('file:')) return undefined;
    let path: string;
    try {
      path = fileURLToPath(uri);
    } catch {
      return undefined;
    }
    try {
      return realpathSync(path);
    } catch {
      return path; // not on disk (yet): the lexical path is the best name
    }
  }

  /** The URI to publish for a path: the open document's own URI when there is one. */
  uriOf(path: string): string {
    return this.openByPath.get(path)?.uri ?? pathToFileURL(path).href;
  }

  /** The open document at a path, if any. */
  openDocument(path: string): TextDocument | undefined {
    return this.openByPath.get(path);
  }
}

/** The folders an `initialize` request names: workspaceFolders, else rootUri, else rootPath. */
export function initialFolders(params: { workspaceFolders?: readonly { uri: string }[] | null; rootUri?: string | null; rootPath?: string | null }): string[] {
  const uris = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
  const folders = uris.flatMap((uri) => {
    try {
      return uri.startsWith('file:') ? [fileURLToPath(uri)] : [];
    } catch {
      return [];
    }
  });
  if (folders.length === 0 && params.rootPath) folders.push(params.rootPath);
  return folders;
}
