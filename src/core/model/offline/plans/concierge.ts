/**
 * The offline concierge: routes by slash command (`/review`, `/refactor`, `/improve`, `/explain`),
 * else answers a question about a name ("where is X defined", symbolQuestion.ts), else by keywords — unless the request names a specialist (`@name`) or matches the description of
 * one the workspace added (specialistRoute.ts); the scope is the existing paths the person named, else the files they had
 * open, else the whole workspace. Explanations are honest about what a model-less answer can be.
 */
import type { OfflineTurn } from '../turn';
import { act, handoff, routeToSpecialist, submit, type OfflineStep } from '../step';
import { namedPaths, parseListing, unknownPaths, type Listing } from '../workspacePaths';
import { explainStep } from './explain';
import { chooseSpecialist } from './specialistRoute';
import { readSymbolQuestion } from './symbolQuestion';

type Intent = 'review' | 'refactor' | 'improve' | 'explain';

const commands: Record<string, Intent> = { review: 'review', refactor: 'refactor', improve: 'improve', explain: 'explain' };
const securityWords = /\b(?:security|secrets?|credentials?|injection|vulnerab\w*|xss|permissions?|untrusted|passwords?|tokens?)\b/i;

/** The concierge's next step for a UserRequest. */
export function conciergeStep(turn: OfflineTurn, request: { text: string; files: string[] }): OfflineStep {
  const { intent, rest } = readCommand(request.text);
  const listed = turn.callsOf('list_files').find((call) => !call.isError);
  if (!listed) {
    return act(`Understanding the request as ${article(intent)} ${intent} task; listing the workspace to find the files named.`, { name: 'list_files', input: { path: '.', recursive: true, maxEntries: 5000 } });
  }
  const listing = parseListing(listed.output);
  const missing = rest !== request.text.trim() && intent !== 'explain' ? missingScope(rest, listing) : [];
  if (missing.length > 0) {
    const answer = `[offline] Nothing was done: ${missing.map((word) => `"${word}"`).join(', ')} ${missing.length === 1 ? 'is not a file or folder' : 'are not files or folders'} in the workspace. Name an existing path (/${intent} src), or /${intent} alone for the whole workspace.`;
    return act(answer.replace(/^\[offline\] /, ''), submit('Answer', { answer, references: [] }));
  }
  const named = namedPaths(rest, listing);
  const scope = named.length > 0 ? named : request.files.length > 0 ? request.files : ['.'];
  const onlyPaths = rest.split(/\s+/).filter(Boolean).every((word) => namedPaths(word, listing).length > 0);
  const summary = rest === '' || onlyPaths ? `${capitalised(intent)} ${scope.join(', ')}` : rest;
  const task = { intent, summary, scope, constraints: [] };

  // The team's own routes (a command, or keywords of a review or change) keep their request offline.
  const specialist = chooseSpecialist(turn, request.text, rest !== request.text.trim() || intent !== 'explain');
  if (specialist) {
    const routedTask = { ...task, summary: rest.replace(/(?:^|\s)@[\w.-]+/g, ' ').trim() || summary };
    const call = specialist.routed ? routeToSpecialist(specialist.name, specialist.why, routedTask) : handoff(specialist.name, specialist.why, routedTask, 'RoutedTask');
    return act(`Handing this to ${specialist.name}: ${specialist.why}.`, call);
  }
  if (intent === 'explain') return explainStep(turn, rest || request.text, scope, listing);
  if (intent === 'review') {
    if (securityWords.test(rest) && turn.has('handoff_to_security-reviewer')) {
      return act(`A security review of ${scope.join(', ')}: handing it to the security reviewer.`, handoff('security-reviewer', `security review of ${scope.join(', ')}`, task, 'RoutedTask'));
    }
    if (turn.has('handoff_to_reviewer')) return act(`A review of ${scope.join(', ')}: handing it to the reviewer.`, handoff('reviewer', `review of ${scope.join(', ')}`, task, 'RoutedTask'));
  }
  if ((intent === 'refactor' || intent === 'improve') && turn.has('handoff_to_planner')) {
    return act(`${capitalised(article(intent))} ${intent} task on ${scope.join(', ')}: handing it to the planner.`, handoff('planner', `${intent}: ${summary}`, task));
  }
  return act(
    'No teammate for this request is available to the offline concierge.',
    submit('Answer', { answer: `[offline] I understood this as ${article(intent)} ${intent} request on ${scope.join(', ')}, but no agent that does it is on the team.`, references: [] }),
  );
}

/** Words after a command that say what it is about rather than where: a lone one is not taken for a path. */
const scopeWords = /^(?:all|everything|workspace|project|code|repo|repository|changes|it|this)$/i;

/**
 * The words after a slash command that are meant as paths but name nothing in the workspace, so
 * `/review nosuchdir` is an error the person sees, not a review of everything: words that look
 * like paths (absolute, `../`, a file with an extension, or a slash inside), or the command's only
 * word when it is a bare name that is neither a known word nor a security topic.
 */
export function missingScope(rest: string, listing: Listing): string[] {
  const words = rest.split(/\s+/).filter(Boolean);
  const slashed = words.filter((word) => /^[\w.@~-]+\/[\w./@~-]*$/.test(word) && namedPaths(word, listing).length === 0).map((word) => word.replace(/\/+$/, ''));
  const lone = words.length === 1 && /^[\w.-]+$/.test(words[0] ?? '') && !scopeWords.test(words[0] ?? '') && !securityWords.test(words[0] ?? '') && namedPaths(words[0] ?? '', listing).length === 0 ? [words[0] ?? ''] : [];
  return [...new Set([...unknownPaths(rest, listing), ...slashed, ...lone])];
}

/** The slash command and the words after it; without a command, the intent the words suggest. */
export function readCommand(text: string): { intent: Intent; rest: string } {
  const match = /^\s*\/(\w+)\b\s*([\s\S]*)$/.exec(text);
  const command = match ? commands[match[1]?.toLowerCase() ?? ''] : undefined;
  if (match && command) return { intent: command, rest: (match[2] ?? '').trim() };
  return { intent: inferIntent(text), rest: text.trim() };
}

/** A question about a name first, then keywords, refactoring first: "find and remove unused imports" is a change, not a review. */
function inferIntent(text: string): Intent {
  // "find where Board is defined" asks a question; it is not a review for "find".
  if (readSymbolQuestion(text)) return 'explain';
  if (/\b(?:refactor\w*|clean\w*|fix\w*|organi[sz]e\w*|tidy|simplif\w*|rename\w*)\b|\bremove unused\b/i.test(text)) return 'refactor';
  if (/\bimprove\w*\b/i.test(text)) return 'improve';
  if (/\b(?:review\w*|check\w*|find\w*|audit\w*|lint\w*|scan\w*)\b/i.test(text)) return 'review';
  return 'explain';
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

function capitalised(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
