/**
 * The evals gate: when the change touches agent definitions, every recorded eval
 * (`.nova/evals/*.json`, as committed at the base) is replayed with the team before the change and
 * after it, and the change is blocked when an eval that met its expected outcome before misses it
 * after, or costs more tokens than the person's tolerance allows. The evidence is the replay table.
 */
import type { Team } from '../../agents/team';
import { readEvals, type LoadedEval } from '../evals';
import type { Gate, GateContext } from '../gate';
import type { GateRecord } from '../record';
import { changedAgentDefinitions } from './agentDefinitions';
import { replayEval, type Replay } from './evalReplay';
import { startGate } from './timedRecord';

export const evalsGate: Gate = {
  name: 'evals',
  async run(context: GateContext): Promise<GateRecord> {
    const gate = startGate('evals', 'Evaluation replay');
    const definitions = await changedAgentDefinitions(context.root, context.changedPaths);
    if (definitions.length === 0) return gate.record({ status: 'skipped', summary: 'no agent definition changed', evidence: 'The change touches no file under .nova/agents/, .claude/agents/ or (in Nova\'s own repository) agents/.' });
    const changed = `Agent definitions changed: ${definitions.join(', ')}.`;
    const base = await context.checkoutBase();
    try {
      const { evals, problems } = await readEvals(base.root);
      if (problems.length > 0) return gate.record({ status: 'error', summary: `broken eval file: ${problems[0]}`, evidence: [changed, ...problems].join('\n') });
      if (evals.length === 0) return gate.record({ status: 'skipped', summary: 'no recorded evals (.nova/evals/*.json): the agent change was not replayed', evidence: changed });

      const teamBefore = await context.loadTeam(base.root);
      const before = await replayAll(context, base.root, teamBefore, evals);
      let teamAfter: Team;
      try {
        teamAfter = await context.loadTeam(context.root);
      } catch (error) {
        context.signal.throwIfAborted();
        return gate.record({ status: 'failed', summary: 'the team does not load after the change', evidence: `${changed}\n${(error as Error).message}` });
      }
      const after = await replayAll(context, context.root, teamAfter, evals);
      return gate.record(compare(context.settings.evalCostTolerance, evals, before, after, changed));
    } finally {
      await base.dispose();
    }
  },
};

async function replayAll(context: GateContext, folder: string, team: Team, evals: readonly LoadedEval[]): Promise<Replay[]> {
  const replays: Replay[] = [];
  for (const loaded of evals) replays.push(await replayEval(context, folder, team, loaded));
  return replays;
}

/** The verdict over every eval, with the replay table as evidence. */
function compare(tolerance: number, evals: readonly LoadedEval[], before: readonly Replay[], after: readonly Replay[], changed: string): Omit<GateRecord, 'gate' | 'title' | 'durationMs' | 'trimmed'> {
  const rows: string[] = [];
  const blocked: string[] = [];
  const notes: string[] = [];
  evals.forEach((loaded, index) => {
    const was = before[index] as Replay;
    const now = after[index] as Replay;
    const delta = was.tokens === 0 ? (now.tokens === 0 ? 0 : Infinity) : (now.tokens - was.tokens) / was.tokens;
    rows.push(`| ${loaded.name} | ${was.shown} | ${now.shown} | ${was.tokens} → ${now.tokens} | ${percent(delta)} |`);
    if (was.met && !now.met) blocked.push(`${loaded.name}: met its expected outcome before the change, not after`);
    if (now.tokens > (1 + tolerance) * was.tokens) blocked.push(`${loaded.name}: ${percent(delta)} tokens, over the ${tolerancePercent(tolerance)} tolerance`);
    if (!was.met) notes.push(`${loaded.name} missed its expected outcome already before the change (not counted as a regression).`);
    const recorded = loaded.eval.cost.tokens;
    if (recorded > 0 && Math.abs(was.tokens - recorded) > tolerance * recorded) notes.push(`${loaded.name} cost ${was.tokens} tokens before the change; ${recorded} when it was recorded (${loaded.file}).`);
  });
  const table = ['| eval | before | after | tokens before → after | Δ % |', '| --- | --- | --- | --- | --- |', ...rows];
  const evidence = [changed, '', ...table, ...(blocked.length > 0 ? ['', 'Blocked:', ...blocked.map((line) => `- ${line}`)] : []), ...(notes.length > 0 ? ['', ...notes] : [])].join('\n');
  const summary = blocked.length > 0 ? `${blocked.length} regression(s) in ${evals.length} eval(s): ${blocked.join('; ')}` : `${evals.length} eval(s), no regression (cost within ${tolerancePercent(tolerance)})`;
  return { status: blocked.length > 0 ? 'failed' : 'passed', summary, evidence };
}

/** `+12.5 %`, `−3.0 %`, `+∞ %`. */
function percent(fraction: number): string {
  if (!Number.isFinite(fraction)) return '+∞ %';
  const value = (fraction * 100).toFixed(1);
  return fraction > 0 ? `+${value} %` : fraction < 0 ? `−${value.slice(1)} %` : '0.0 %';
}

function tolerancePercent(tolerance: number): string {
  return `${Number((tolerance * 100).toFixed(1))} %`;
}
