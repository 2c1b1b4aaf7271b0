/**
 * The address of a proposed file: `nova-proposed:/<change set id>/<workspace path>`, the right side
 * of a proposal's diff. Anything can hand VS Code such a uri (a restored tab, a link, another
 * extension), so every part parsed from one is checked before it is used: the id as the store
 * names files, the path as a proposal may name it — nothing else is read or written through it.
 */
import * as vscode from 'vscode';
import { proposalIdPattern } from '../../core/proposals/ids';
import { proposablePathProblem } from '../../core/workspace/proposablePath';
import { proposedScheme } from '../contributions';

export { proposedScheme };

/** What a proposed-file uri names: one file of one change set. */
export interface ProposedFile {
  readonly changeSetId: string;
  readonly path: string;
}

/** A uri of the proposed scheme that names no proposed file; the message says which part is wrong. */
export class MalformedProposedUri extends Error {
  constructor(uri: vscode.Uri | string, reason: string) {
    super(`${uri.toString()} is not a Nova proposal: ${reason}.`);
    this.name = 'MalformedProposedUri';
  }
}

/** The uri of one file of a change set as proposed. */
export function proposedUri(file: ProposedFile): vscode.Uri {
  return vscode.Uri.from({ scheme: proposedScheme, path: `/${file.changeSetId}/${file.path}` });
}

/** The change set and path a uri names; throws MalformedProposedUri naming what is wrong with it. */
export function parseProposedUri(uri: vscode.Uri): ProposedFile {
  if (uri.scheme !== proposedScheme) throw new MalformedProposedUri(uri, `its scheme is "${uri.scheme}", not "${proposedScheme}"`);
  if (uri.authority !== '' || uri.query !== '' || uri.fragment !== '') throw new MalformedProposedUri(uri, 'it has a host, query or fragment, which proposal uris never have');
  const match = /^\/([^/]*)\/(.*)$/s.exec(uri.path);
  if (!match) throw new MalformedProposedUri(uri, 'its path is not /<change set id>/<file path>');
  const [, changeSetId = '', path = ''] = match;
  const problem = proposedFileProblem(changeSetId, path);
  if (problem) throw new MalformedProposedUri(uri, problem);
  return { changeSetId, path };
}

/** Why a change set id or a path (when given) cannot name a proposed file, or undefined when they can. */
export function proposedFileProblem(changeSetId: string, path?: string): string | undefined {
  if (!proposalIdPattern.test(changeSetId)) return `${JSON.stringify(changeSetId.slice(0, 80))} is not a change set id (lowercase letters, digits and dashes)`;
  const problem = path === undefined ? undefined : proposablePathProblem(path);
  return problem ? `${JSON.stringify(path?.slice(0, 200))} ${problem}` : undefined;
}

/** Whether a uri is of the proposed scheme (well-formed or not). */
export function isProposedUri(uri: vscode.Uri): boolean {
  return uri.scheme === proposedScheme;
}
