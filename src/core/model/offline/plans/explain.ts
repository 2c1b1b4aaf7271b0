/**
 * The offline concierge's answers, from TypeScript's language service (typescript_symbols): for a
 * file, its declarations with their lines and what references them; for "where is X defined" or
 * "who calls X", where X is declared and who calls or references it. That is what it can vouch for;
 * what the code does and why takes a language model, and the answer says so — and what a key adds.
 */
import type { OfflineTurn, PastCall } from '../turn';
import { act, submit, type OfflineStep } from '../step';
import { expandToSources, namedPaths, unknownPaths, type Listing } from '../workspacePaths';
import { explainByReadingStep } from './explainByReading';
import { fileAnswer, symbolAnswer, type ExplainAnswer } from './explainAnswer';
import { readSymbolQuestion, type SymbolQuestion } from './symbolQuestion';

/** The tool the answers come from. */
const symbolsTool = 'typescript_symbols';
/** Files analysed for one answer; the rest are named as not analysed. */
const maxFiles = 5;

export function explainStep(turn: OfflineTurn, question: string, scope: readonly string[], listing: Listing): OfflineStep {
  if (!turn.has(symbolsTool)) return explainByReadingStep(turn, question, scope, listing);
  const named = namedPaths(question, listing);
  const missing = unknownPaths(question, listing);
  if (missing.length > 0 && named.length === 0) {
    return answerWith({ lines: [`[offline] ${notInWorkspace(missing)}, so there is nothing of ${missing.length === 1 ? 'it' : 'them'} to explain. Name a file as list_files shows it (e.g. src/board.ts).`], references: [] });
  }
  const asked = readSymbolQuestion(question);
  return asked ? symbolStep(turn, asked, named, listing) : filesStep(turn, scope, listing, missing);
}

function notInWorkspace(paths: readonly string[]): string {
  return `${paths.join(', ')} ${paths.length === 1 ? 'is' : 'are'} not a file in this workspace`;
}

function symbolStep(turn: OfflineTurn, asked: SymbolQuestion, named: readonly string[], listing: Listing): OfflineStep {
  // "Where is add defined in src/board.ts" looks only there; callers are looked for everywhere.
  const files = expandToSources(named, listing);
  const input = asked.asks === 'definition' && files.length === 1 && named.length === 1 ? { symbol: asked.symbol, path: files[0] } : { symbol: asked.symbol };
  const call = turn.callsOf(symbolsTool).find((past) => past.input['symbol'] === asked.symbol);
  if (!call) return act(`Asking TypeScript's language service where ${asked.symbol} is declared and what references it.`, { name: symbolsTool, input });
  return answerWith(symbolAnswer(asked, call));
}

function filesStep(turn: OfflineTurn, scope: readonly string[], listing: Listing, missing: readonly string[]): OfflineStep {
  const sources = expandToSources(scope, listing);
  const files = sources.slice(0, maxFiles);
  const done = new Map<string, PastCall>(turn.callsOf(symbolsTool).map((call) => [String(call.input['path']), call]));
  const pending = files.filter((file) => !done.has(file));
  if (pending.length > 0) {
    return act(`Asking TypeScript's language service for the declarations of ${pending.join(', ')} and what references them.`, ...pending.map((path) => ({ name: symbolsTool, input: { path } })));
  }
  if (files.length === 0) return answerWith({ lines: [`[offline] I found no TypeScript files in ${scope.join(', ')} to describe.`], references: [] });
  const answer = fileAnswer(files.map((path) => ({ path, call: done.get(path) as PastCall })));
  if (sources.length > files.length) answer.lines.push('', `${sources.length - files.length} more TypeScript file(s) in ${scope.join(', ')} were not described; name one to see it.`);
  if (missing.length > 0) answer.lines.push('', `${notInWorkspace(missing)}.`);
  return answerWith(answer);
}

/** What the offline model cannot do, and what a key adds: said in every answer. */
const keyAdvice =
  'Offline, I can show where things are declared and used, not explain what the code does or why it is written this way. ' +
  'With an Anthropic API key (command "Nova: Set Anthropic API Key", or ANTHROPIC_API_KEY) the concierge reads the code and explains its behaviour and intent, citing lines.';

/** Said when an answer lists references: what static analysis cannot see. */
const referenceLimits = "References are the ones TypeScript resolves in this workspace's code; dynamic uses (obj[name]) and code outside the workspace are not seen.";

function answerWith(answer: ExplainAnswer): OfflineStep {
  const text = [...answer.lines, '', ...(answer.references.length > 0 ? [referenceLimits] : []), keyAdvice].join('\n');
  return act('Answering with what the language service found.', submit('Answer', { answer: text, references: answer.references }));
}
