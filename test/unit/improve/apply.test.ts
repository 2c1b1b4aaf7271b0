import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyToWorktree } from '../../../src/core/improve/apply';
import { worktreeChange } from '../../../src/core/improve/changes';
import { ImproveProtection } from '../../../src/core/improve/protection';
import { defaultImproveSettings } from '../../../src/core/improve/settings';
import { ImproveWorktree, repositoryPlace, type RepositoryPlace } from '../../../src/core/improve/worktree';
import { InMemorySpanProcessor } from '../../../src/core/trace/memory';
import { TraceRecorder } from '../../../src/core/trace/recorder';
import { git, personState, sampleRepository } from './improveRepo';

describe('the apply phase in a real worktree', () => {
  let repo: ReturnType<typeof sampleRepository>;
  let place: RepositoryPlace;
  let worktree: ImproveWorktree;
  beforeEach(async () => {
    repo = sampleRepository();
    const found = await repositoryPlace(repo.folder);
    if ('problem' in found) throw new Error(found.problem);
    place = found;
    worktree = await ImproveWorktree.create(place, 'apply-test');
  });
  afterEach(async () => {
    await worktree.remove();
    repo.cleanup();
  });

  it('refuses protected and out-of-scope writes of a proposal and of commands, keeps the rest, and the diff is only what was kept', async () => {
    const before = personState(repo.folder, { withoutNova: true });
    const protection = ImproveProtection.create({ settings: defaultImproveSettings, goal: 'tidy', scope: ['src/**'], target: 'code' });
    const spans = new InMemorySpanProcessor();
    const recorder = new TraceRecorder('apply-test', [spans]);
    // What commands did in the worktree during the agents phase: one allowed edit, a test, the gates' config, a new file outside the scope.
    const inWorktree = (file: string) => path.join(worktree.root, file);
    fs.appendFileSync(inWorktree('src/util.ts'), '// a formatter ran\n');
    fs.writeFileSync(inWorktree('test/report.test.ts'), 'import "node:test";\n');
    fs.writeFileSync(inWorktree('package.json'), '{}\n');
    fs.writeFileSync(inWorktree('scratch.txt'), 'made by a command\n');
    const reportLine2 = fs.readFileSync(inWorktree('src/report.ts'), 'utf8').split('\n')[1]!;
    const proposal = {
      summary: 'tidy',
      rationale: 'Unused names go.',
      files: [
        { path: 'src/report.ts', hunks: [{ startLine: 2, before: reportLine2, after: 'import { parseDate, daysBetween, formatDate } from "./util";', rationale: 'slugify is unused.' }] },
        { path: 'README.md', hunks: [{ startLine: 1, before: fs.readFileSync(inWorktree('README.md'), 'utf8').split('\n')[0]!, after: '# Rewritten', rationale: 'x' }] },
        { path: 'test/board.test.ts', hunks: [{ startLine: 1, before: fs.readFileSync(inWorktree('test/board.test.ts'), 'utf8').split('\n')[0]!, after: '', rationale: 'x' }] },
      ],
      risks: [],
    };

    const outcome = await applyToWorktree(worktree, protection, { agent: 'typescript-specialist', value: proposal }, { recorder, parentSpanId: 'phase' });

    assert.deepEqual(outcome.attempts.map((attempt) => `${attempt.agent} ${attempt.via} ${attempt.path}`), [
      'command command package.json',
      'command command scratch.txt',
      'command command test/report.test.ts',
      'typescript-specialist proposal README.md',
      'typescript-specialist proposal test/board.test.ts',
    ]);
    assert.ok(outcome.attempts.every((attempt) => attempt.reason.length > 0));
    assert.match(outcome.attempts[3]!.reason, /outside the run's scope/);
    assert.match(outcome.attempts[2]!.reason, /a test the test gate runs/);
    const traced = spans.spans.flatMap((span) => (span.kind === 'protected_write' ? [span.attempt] : []));
    assert.deepEqual(traced, outcome.attempts, 'each refusal is a protected_write span');
    assert.deepEqual(outcome.written, ['src/report.ts']);
    assert.deepEqual(await worktree.changedSinceCommit(), ['src/report.ts', 'src/util.ts'], 'what was refused is back as it is at the base, the new file gone');

    assert.equal(await worktree.commitAll('tidy\n\nNova-Run: apply-test\n'), true);
    const change = await worktreeChange(worktree, proposal);
    assert.deepEqual(change?.files.map((file) => `${file.path} +${file.added} -${file.removed}: ${file.rationale}`), [
      'src/report.ts +1 -1: slugify is unused.',
      'src/util.ts +1 -0: Unused names go.',
    ]);
    assert.equal(git(worktree.path, ['log', '-1', '--format=%an <%ae>']).trim(), 'Nova <nova@localhost>');
    assert.deepEqual(personState(repo.folder, { withoutNova: true }), before, 'the person\'s folder is untouched');
  });
});
