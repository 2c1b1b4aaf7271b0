/**
 * A command an agent wants to run that the allowlist does not cover, put to the person inside the
 * run: the exact command (every character that does not print as itself made visible), what was
 * made visible, the folder it would run in, and Run / Don't run / Always allow in this workspace.
 * Once answered (or expired with the run) the card says so and its buttons are gone.
 */
import { chatAnswerApproval } from '../../../protocol/webview/chat';
import type { ApprovalCardChoice, Entry } from '../../../protocol/webview/transcript';
import { button, h } from '../../shared/dom';
import { pending, setPending } from './pendingButtons';
import type { PageServices } from '../services';

type ApprovalEntry = Extract<Entry, { kind: 'approval' }>;

const answerText: Record<NonNullable<ApprovalEntry['answer']>, string> = {
  run: 'You let it run once.',
  deny: 'You did not let it run; the agent was told.',
  always: 'You allowed it in this workspace; it ran.',
  expired: 'Not answered: the run ended before you answered, so it did not run.',
};

/** Where the command would run: `app/packages/api`, or the folder's root. */
function placeText(folder: string, cwd: string): string {
  const where = cwd === '.' ? 'the root of' : `${cwd} in`;
  return folder ? `${where} the workspace folder ${folder}` : `${where} the workspace`;
}

export function approvalCard(turnId: string, entry: ApprovalEntry, services: PageServices): HTMLElement {
  const { approval } = entry;
  const card = h(
    'section',
    { class: 'entry card approval', role: 'group', 'aria-label': `${approval.agent} asks to run a command` },
    h('div', { class: 'card-title' }, h('span', { class: 'agent-name' }, approval.agent), ' wants to run this command:'),
    h('pre', { class: 'command', 'aria-label': 'The exact command' }, h('code', {}, approval.visibleCommand)),
    approval.hidden.length > 0 && h('div', { class: 'hidden-note' }, h('strong', {}, 'Made visible: '), approval.hidden.join('; ')),
    h('div', { class: 'command-place' }, `In ${placeText(approval.folder, approval.cwd)}.`),
    approval.allowlistedElsewhere && h('div', { class: 'allowlist-note' }, 'Your allowlist has this command, but not for this folder.'),
  );
  const answered = entry.answer;
  const buttons: HTMLButtonElement[] = [];
  const answer = async (choice: ApprovalCardChoice) => {
    if (answered || pending(buttons)) return;
    setPending(buttons, true);
    const done = await services.actions.ask('answer the command approval', chatAnswerApproval, { turnId, requestId: entry.requestId, answer: choice });
    // The card is redrawn when the answer comes back as an update; on failure the person can try again.
    if (done === undefined) setPending(buttons, false);
  };
  const choice = (label: string, value: ApprovalCardChoice, kind: string) =>
    button(label, () => void answer(value), { class: `${kind}${answered === value ? ' chosen' : ''}`, disabled: answered !== undefined });
  buttons.push(choice('Run', 'run', 'primary'), choice("Don't run", 'deny', 'secondary'));
  // Offered only for a command that shows exactly as written: what is remembered is what was shown.
  if (entry.approval.allowlistEntry) buttons.push(choice('Always allow in this workspace', 'always', 'secondary'));
  // Answered (or expired with the run): the answer is said, the buttons stay, disabled.
  if (answered) card.append(h('div', { class: `card-answer answer-${answered}` }, answerText[answered]));
  card.append(h('div', { class: 'card-actions' }, ...buttons));
  return card;
}
