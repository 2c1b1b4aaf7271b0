/**
 * How the offline concierge picks a specialist the workspace added, without a model:
 * 1. an `@name` in the request that names one of its handoff targets (any of them, shipped too);
 * 2. else, for a request the team has no route for (no slash command, none of the offline
 *    concierge's review or change keywords: it would only be explained), the added specialist whose description shares the
 *    most words with the request — words of three or more letters, lower-cased, a trailing "s"
 *    dropped, common words ignored — when at least two are shared and no other specialist ties.
 * Deterministic, so the same request always goes to the same agent.
 */
import { agentToolId } from '../../../agents/spec';
import type { OfflineTurn } from '../turn';

/** The concierge's own routes: they are reached by command and intent, never by description. */
const routedByIntent: ReadonlySet<string> = new Set(['planner', 'reviewer', 'security-reviewer']);

const commonWords = new Set(
  'the and for with this that from into your you are can its not but all any has have what when where which who how why does did use using code file files make made about please would could should will want need help'.split(' '),
);

/** The specialist to hand the request to, and why (for the trace), if any. */
export function chooseSpecialist(turn: OfflineTurn, text: string, teamRoutes: boolean): { name: string; why: string; routed: boolean } | undefined {
  const targets = turn.handoffTargets;
  for (const mention of text.matchAll(/(?:^|[^\w@])@([a-z][\w.-]*)/gi)) {
    // Handoff targets are named by their tool-safe ids (`ps-5_1` for `ps-5.1`); a sentence's full stop is not part of a name.
    const mentioned = (mention[1] ?? '').toLowerCase().replace(/\.+$/, '');
    const named = targets.find((target) => target.name === mentioned || target.name === agentToolId(mentioned));
    if (named) return { name: named.name, why: `the request names @${named.name}`, routed: named.routed };
  }
  if (teamRoutes) return undefined;
  const asked = words(text);
  const scored = targets
    .filter((target) => !routedByIntent.has(target.name))
    .map((target) => ({ name: target.name, routed: target.routed, shared: [...words(target.description)].filter((word) => asked.has(word)) }))
    .sort((a, b) => b.shared.length - a.shared.length);
  const [best, next] = scored;
  if (!best || best.shared.length < 2 || (next && next.shared.length === best.shared.length)) return undefined;
  return { name: best.name, why: `the request matches ${best.name}'s description (${best.shared.join(', ')})`, routed: best.routed };
}

function words(text: string): Set<string> {
  const found = new Set<string>();
  for (const word of text.toLowerCase().match(/[a-z][a-z0-9]{2,}/g) ?? []) {
    if (!commonWords.has(word)) found.add(word.length > 3 && word.endsWith('s') ? word.slice(0, -1) : word);
  }
  return found;
}
