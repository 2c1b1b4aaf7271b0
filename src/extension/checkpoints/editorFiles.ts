/**
 * A workspace folder's files as the editor has them, for checkpoints: reading takes an open
 * document's text when it has unsaved edits (what the person sees is what is kept) and the file on
 * disk otherwise (exact bytes: a byte-order mark, mixed line ends); writing is one WorkspaceEdit —
 * each file's whole text replaced, a file created or deleted — so open editors show the result at
 * once and Undo takes it back, and the documents it changed are then saved.
 *
 * What a document cannot hold: VS Code keeps a byte-order mark as the document's encoding and one
 * kind of line end per document. A restored text's mark is left to the document's encoding (a
 * file that had one keeps it), and its line ends become the kind it mostly uses. A file that is
 * created is written with its exact bytes.
 */
import * as vscode from 'vscode';
import { diskCheckpointFiles, type CheckpointFile, type CheckpointFiles } from '../../core/checkpoints';
import type { WorkspaceTarget } from '../workspaceTargets';
import { resolveInFolder } from './workspaceFiles';

/** The editor's view of `folder`'s files, paths relative to it. */
export function editorCheckpointFiles(folder: vscode.WorkspaceFolder): CheckpointFiles {
  return {
    async read(paths) {
      const targets = await resolveInFolder(folder, paths);
      const disk = await diskCheckpointFiles(folder.uri.fsPath);
      const files: CheckpointFile[] = [];
      for (const [index, target] of targets.entries()) {
        const document = openDocument(target.uri);
        const path = paths[index] as string;
        if (document?.isDirty) files.push({ path, text: document.getText() });
        else files.push({ path, text: (await disk.read([target.relative]))[0]?.text });
      }
      return files;
    },
    async write(files) {
      const targets = await resolveInFolder(folder, files.map((file) => file.path));
      const edit = new vscode.WorkspaceEdit();
      const saved: vscode.Uri[] = [];
      for (const [index, file] of files.entries()) {
        const uri = (targets[index] as WorkspaceTarget).uri;
        const exists = openDocument(uri) !== undefined || (await existsOnDisk(uri));
        if (file.text === undefined) {
          if (exists) edit.deleteFile(uri, { ignoreIfNotExists: true });
        } else if (!exists) {
          edit.createFile(uri, { contents: Buffer.from(file.text, 'utf8') });
        } else {
          const document = openDocument(uri) ?? (await vscode.workspace.openTextDocument(uri));
          const whole = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
          edit.set(uri, [vscode.TextEdit.replace(whole, withoutByteOrderMark(file.text)), vscode.TextEdit.setEndOfLine(lineEndOf(file.text, document.eol))]);
          saved.push(uri);
        }
      }
      if (!(await vscode.workspace.applyEdit(edit))) throw new Error('VS Code did not apply the restore (was a file changed or closed meanwhile?); no file was changed.');
      for (const uri of saved) await openDocument(uri)?.save();
    },
  };
}

function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((document) => document.uri.toString() === key);
}

async function existsOnDisk(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

function withoutByteOrderMark(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/** The line end `text` mostly uses (`fallback` when it has none). */
function lineEndOf(text: string, fallback: vscode.EndOfLine): vscode.EndOfLine {
  const crlf = text.split('\r\n').length - 1;
  const lf = text.split('\n').length - 1 - crlf;
  if (crlf === 0 && lf === 0) return fallback;
  return crlf > lf ? vscode.EndOfLine.CRLF : vscode.EndOfLine.LF;
}
