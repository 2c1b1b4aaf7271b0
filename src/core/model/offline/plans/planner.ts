/**
 * The offline planner: a refactor or improve task goes straight to the agent that makes TypeScript
 * changes, as a RefactorRequest over the task's TypeScript files; a review goes to the reviewer.
 * It writes no Plan of its own unless the work cannot start — then the Plan says why.
 */
import type { OfflineTurn } from '../turn';
import { act, handoff, submit, type OfflineStep } from '../step';
import { expandToSources, parseListing } from '../workspacePaths';
import { isTypeScriptSource } from '../../../typescript/sourceScope';

interface RoutedTask {
  readonly intent: string;
  readonly summary: string;
  readonly scope: readonly string[];
  readonly constraints: readonly string[];
}

export function plannerStep(turn: OfflineTurn, task: RoutedTask): OfflineStep {
  if (task.intent === 'review' && turn.has('handoff_to_reviewer')) {
    return act(`A review: handing the task to the reviewer unchanged.`, handoff('reviewer', 'step s1: review', task, 'RoutedTask'));
  }
  if (task.intent !== 'refactor' && task.intent !== 'improve') {
    return cannotStart(task, `the offline planner only plans refactor, improve and review tasks, not "${task.intent}"`);
  }
  const target = turn.has('handoff_to_typescript-specialist') ? 'typescript-specialist' : turn.has('handoff_to_refactorer') ? 'refactorer' : undefined;
  if (!target) return cannotStart(task, 'no agent that changes code is among my handoffs');

  let files = task.scope.filter(isTypeScriptSource);
  if (files.length < task.scope.length) {
    const listed = turn.callsOf('list_files').find((call) => !call.isError);
    if (!listed) return act(`Expanding the scope (${task.scope.join(', ')}) into TypeScript files.`, { name: 'list_files', input: { path: '.', recursive: true, maxEntries: 5000 } });
    files = expandToSources(task.scope, parseListing(listed.output));
  }
  if (files.length === 0) return cannotStart(task, `the scope (${task.scope.join(', ')}) holds no TypeScript files`);
  const request = { goal: task.summary, files, constraints: [...task.constraints] };
  return act(
    `Step s1: ${target} makes the change to ${files.length} file(s) with TypeScript's own fixes; then the reviewer checks it.`,
    handoff(target, `step s1: ${task.summary}`, request),
  );
}

function cannotStart(task: RoutedTask, why: string): OfflineStep {
  return act(`The work cannot start: ${why}.`, submit('Plan', {
    goal: task.summary,
    steps: [{ id: 's1', owner: 'person', action: `Decide how to proceed: ${why}.`, dependsOn: [] }],
    risks: [`[offline] ${why}; an Anthropic API key lets the planner reason about other tasks.`],
  }));
}
