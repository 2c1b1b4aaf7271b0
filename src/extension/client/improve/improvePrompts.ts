/**
 * What "Nova: Improve…" asks the person: the scope (a QuickPick, narrowest first, or globs typed
 * in an input box), the goal (the presets, or their own words typed in the same QuickPick), and,
 * when the scope has uncommitted or unsaved work, whether to go on anyway (a modal that says what
 * it means). One interface, so Nova's real-VS Code tests answer with values instead of the UI.
 */
import * as vscode from 'vscode';
import type { ImprovePreset } from '../../../core/improve/record';
import { goalOf, presetGoals } from './goalChoices';
import { parseGlobs, type ScopeChoice } from './scopeChoices';

/** What starting would leave behind: files in the scope the worktree will not have. */
export interface ScopeWork {
  /** Files inside the scope with uncommitted changes (git status), relative to the workspace folder. */
  readonly dirtyInScope: readonly string[];
  /** Files inside the scope with unsaved edits in an editor. */
  readonly unsavedInScope: readonly string[];
}

export interface ImprovePrompts {
  /** The scope's globs, or undefined when the person dismissed the question. */
  scope(choices: readonly ScopeChoice[], title: string): Promise<readonly string[] | undefined>;
  /** The goal (and its preset), or undefined when dismissed. */
  goal(title: string): Promise<{ readonly goal: string; readonly preset?: ImprovePreset } | undefined>;
  /** Whether to start although the scope has work the worktree will not have. */
  startAnyway(work: ScopeWork): Promise<boolean>;
}

const shown = 8;

function list(paths: readonly string[]): string {
  return paths.length <= shown ? paths.join(', ') : `${paths.slice(0, shown).join(', ')} and ${paths.length - shown} more`;
}

/** The warning's text: which files, and what starting from HEAD means for them. */
export function scopeWorkDetail(work: ScopeWork): string {
  const parts: string[] = [];
  if (work.dirtyInScope.length > 0) parts.push(`Uncommitted changes in the scope: ${list(work.dirtyInScope)}.`);
  if (work.unsavedInScope.length > 0) parts.push(`Unsaved editors in the scope: ${list(work.unsavedInScope)}.`);
  parts.push(
    'The improvement works in a separate git worktree that starts from your last commit (HEAD): it does not see this work, and its change is made against the committed files. Your working tree, index and branches are not touched. Accepting later brings its hunks into your files as they are then.',
  );
  return parts.join('\n\n');
}

export const dialogImprovePrompts: ImprovePrompts = {
  async scope(choices, title) {
    const picked = await vscode.window.showQuickPick(
      choices.map((choice) => ({ label: choice.label, description: choice.description, choice })),
      { title, placeHolder: 'What may the improvement change? (nothing outside it is written)' },
    );
    if (!picked) return undefined;
    if (picked.choice.scope) return picked.choice.scope;
    const typed = await vscode.window.showInputBox({
      title,
      prompt: 'Globs relative to the workspace folder, separated by commas or spaces',
      placeHolder: 'src/**/*.ts, test/board.test.ts',
      validateInput: (text) => {
        const parsed = parseGlobs(text);
        return 'problem' in parsed ? parsed.problem : undefined;
      },
    });
    if (typed === undefined) return undefined;
    const parsed = parseGlobs(typed);
    return 'globs' in parsed ? parsed.globs : undefined;
  },

  async goal(title) {
    const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { preset?: ImprovePreset }>();
    const presets = (Object.keys(presetGoals) as ImprovePreset[]).map((preset) => ({ label: presetGoals[preset].label, detail: presetGoals[preset].goal, preset }));
    pick.title = title;
    pick.placeholder = 'Pick a goal, or type your own and press Enter';
    pick.matchOnDetail = true;
    pick.items = presets;
    // What the person types is a goal too: offered first while it matches no preset.
    pick.onDidChangeValue((value) => {
      const own = value.trim() === '' ? [] : [{ label: value.trim(), description: 'your own goal' }];
      pick.items = [...own, ...presets];
    });
    return new Promise((resolve) => {
      let settled = false;
      pick.onDidAccept(() => {
        const chosen = pick.selectedItems[0];
        settled = true;
        pick.hide();
        if (!chosen) return resolve(undefined);
        resolve(chosen.preset ? { goal: presetGoals[chosen.preset].goal, preset: chosen.preset } : goalOf(chosen.label));
      });
      pick.onDidHide(() => {
        pick.dispose();
        if (!settled) resolve(undefined);
      });
      pick.show();
    });
  },

  async startAnyway(work) {
    const choice = await vscode.window.showWarningMessage('The scope has work the improvement will not see.', { modal: true, detail: scopeWorkDetail(work) }, 'Continue');
    return choice === 'Continue';
  },
};
