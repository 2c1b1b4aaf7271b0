/**
 * `nova run` stores its proposals where the editor finds them, and `nova proposals list | show |
 * accept | reject` decides on them hunk by hunk from a terminal — the real bundle (dist/cli.js) on
 * a temporary workspace, with the offline model's TypeScript fix (two unused functions: two hunks).
 */
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { commandLineSnapshotFolder, diskCheckpointFiles, openCheckpoints, restoreCheckpoint } from '../../../src/core/checkpoints';
import type { ChangeSet } from '../../../src/core/edits/changeSet';
import { ProposalStore } from '../../../src/core/proposals/store';
import { proposalsDecide, proposalsList } from '../../../src/protocol/proposals';
import { LspServer } from '../../support/lspServer';
import { cliBundle, nova, type Ran } from '../../support/novaCli';
import { tempWorkspace } from '../../support/team';

const shapes = `export function area(width: number, height: number): number {
  return width * height;
}

function unusedFirst(): number {
  return 1;
}

export const one = 1;
export const two = 2;
export const three = 3;
export const four = 4;
export const five = 5;

function unusedSecond(): string {
  return "two";
}

export const six = 6;
`;
const firstBlock = 'function unusedFirst(): number {\n  return 1;\n}\n';
const secondBlock = 'function unusedSecond(): string {\n  return "two";\n}\n';
const task = '/refactor remove unused declarations in src/shapes.ts';

describe('nova proposals: the command line and the editor share the store', function () {
  this.timeout(120_000);
  let seeded: Awaited<ReturnType<typeof tempWorkspace>>;
  let run: Ran;
  /** The change set the run stored, and its two hunks (unusedFirst at line 5, unusedSecond at line 15). */
  let stored: ChangeSet;
  let first: string;
  let second: string;

  before(async () => {
    if (!existsSync(cliBundle)) throw new Error(`${cliBundle} is missing: run \`npm run build\` before the unit tests`);
    seeded = await tempWorkspace({ 'src/shapes.ts': shapes, 'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, target: 'es2022', noEmit: true }, include: ['src'] }) });
    run = await nova(['run', '--workspace', seeded.folder, task]);
    assert.equal(run.code, 0, run.stderr + run.stdout);
    const { changeSets } = await ProposalStore.open(seeded.folder).list();
    assert.equal(changeSets.length, 1, 'the run stored one change set');
    stored = changeSets[0] as ChangeSet;
    [first, second] = (stored.files[0]?.hunks ?? []).map((hunk) => hunk.id) as [string, string];
  });
  after(() => seeded?.cleanup());

  /** Each test decides on its own copy of the workspace the run left (its files and its store). */
  let workspace: Awaited<ReturnType<typeof tempWorkspace>>;
  let file: string;
  beforeEach(async () => {
    workspace = await tempWorkspace();
    await fs.cp(seeded.folder, workspace.folder, { recursive: true });
    file = path.join(workspace.folder, 'src', 'shapes.ts');
  });
  afterEach(() => workspace.cleanup());
  const proposals = (...args: string[]) => nova(['proposals', ...args, '--workspace', workspace.folder]);
  const storedNow = async () => (await ProposalStore.open(workspace.folder).get(stored.id)) as ChangeSet;
  const statusOf = (set: ChangeSet, hunkId: string) => set.files.flatMap((f) => f.hunks).find((hunk) => hunk.id === hunkId);

  it('nova run prints the diffs, then the stored change set with its hunk ids and how to review it; nothing is applied', async () => {
    assert.equal(await fs.readFile(path.join(seeded.folder, 'src', 'shapes.ts'), 'utf8'), shapes, 'nothing was applied');
    assert.deepEqual(stored.files.map((f) => [f.path, f.hunks.map((hunk) => [hunk.startLine, hunk.status, hunk.author])]), [['src/shapes.ts', [[5, 'pending', 'typescript-specialist'], [15, 'pending', 'typescript-specialist']]]]);
    const source = stored.source.kind === 'agent' ? stored.source : undefined;
    assert.deepEqual(stored.source, { kind: 'agent', agent: 'typescript-specialist', runId: source?.runId ?? '', spanId: source?.spanId ?? '' });
    assert.match(source?.spanId ?? '', /^s\d+$/, 'the span that carried the proposal');
    assert.match(run.stdout, /--- a\/src\/shapes\.ts\n\+\+\+ b\/src\/shapes\.ts\n/, 'the diffs are still printed');
    const storedAt = run.stdout.indexOf(`Stored for review: proposal ${stored.id}, 2 hunks:\n  ${first} src/shapes.ts:5\n  ${second} src/shapes.ts:15\n`);
    assert.ok(storedAt > run.stdout.indexOf('+++ b/src/shapes.ts'), `the stored ids follow the diffs:\n${run.stdout}`);
    assert.ok(run.stdout.includes(`Review it with: nova proposals show ${stored.id} --workspace ${seeded.folder}`), run.stdout);
    assert.ok(run.stdout.includes("or in the editor's Proposals view"));
  });

  it('nova run again: the same proposal still waiting is not stored twice; a store that cannot be written is said, with exit code 1', async () => {
    const again = await nova(['run', '--workspace', workspace.folder, task]);
    assert.equal(again.code, 0, again.stderr + again.stdout);
    assert.ok(again.stdout.includes(`Already waiting for review: proposal ${stored.id}, 2 hunks:`), again.stdout);
    assert.deepEqual((await ProposalStore.open(workspace.folder).list()).changeSets.map((set) => set.id), [stored.id]);

    await fs.rm(path.join(workspace.folder, '.nova', 'proposals'), { recursive: true });
    await fs.writeFile(path.join(workspace.folder, '.nova', 'proposals'), 'not a folder');
    const unstored = await nova(['run', '--workspace', workspace.folder, task]);
    assert.equal(unstored.code, 1, unstored.stdout);
    assert.match(unstored.stdout, /\+\+\+ b\/src\/shapes\.ts[\s\S]*✗ The proposals could not be stored for review: [^\n]*proposals/);
    assert.match(unstored.stdout, /COMPLETED/);
  });

  it('list shows the open change set (and --all the decided ones); --json is the store\'s change sets', async () => {
    const listed = await proposals('list');
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, new RegExp(`^${stored.id} {2}pending {2}2 of 2 hunks open {2}from typescript-specialist in run \\S+ {2}\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\\n {4}\\[offline\\] TypeScript fixes \\(removeUnused\\) in src/shapes\\.ts\\n {4}src/shapes\\.ts: 2 pending\\n$`));
    const json = JSON.parse((await proposals('list', '--json')).stdout) as { changeSets: (ChangeSet & { status: string })[]; problems: string[] };
    assert.deepEqual(json.changeSets.map((set) => [set.id, set.status, set.files[0]?.hunks.map((hunk) => hunk.id)]), [[stored.id, 'pending', [first, second]]]);

    assert.equal((await proposals('reject', stored.id)).code, 0);
    assert.match((await proposals('list')).stdout, /^No open proposals; nova proposals list --all --workspace \S+ shows the decided ones too\.\n$/);
    assert.match((await proposals('list', '--all')).stdout, new RegExp(`^${stored.id} {2}rejected {2}0 of 2 hunks open`));
  });

  it('show prints the source, rationale and every hunk with its id, status, author, where it applies now and its diff', async () => {
    const shown = await proposals('show', stored.id);
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, new RegExp(`^Proposal ${stored.id}: pending \\(2 pending\\)\\nSummary: {3}\\[offline\\] TypeScript fixes \\(removeUnused\\) in src/shapes\\.ts\\nSource: {4}typescript-specialist in run \\S+\\n`));
    assert.match(shown.stdout, /^Rationale: The goal was "remove unused declarations in src\/shapes\.ts"/m);
    assert.match(shown.stdout, /^Risks: {5}none named$/m);
    assert.ok(
      shown.stdout.includes(`\n── src/shapes.ts\n\nhunk ${first}  pending  by typescript-specialist\n  now: applies at line 5\n`),
      shown.stdout,
    );
    assert.ok(shown.stdout.includes('@@ -2,9 +2,6 @@\n   return width * height;\n }\n \n-function unusedFirst(): number {\n-  return 1;\n-}\n \n export const one = 1;\n export const two = 2;\n'), shown.stdout);
    assert.ok(shown.stdout.includes(`hunk ${second}  pending  by typescript-specialist\n  now: applies at line 15\n`), shown.stdout);
    assert.ok(shown.stdout.includes('-function unusedSecond(): string {\n-  return "two";\n-}\n'), shown.stdout);

    const json = JSON.parse((await proposals('show', stored.id.slice(0, 12), '--json')).stdout) as { changeSet: ChangeSet; hunks: { id: string; status: string; author: string; standing: unknown; patch: string }[] };
    assert.equal(json.changeSet.id, stored.id, 'the start of an id names the proposal');
    assert.deepEqual(json.hunks.map((hunk) => [hunk.id, hunk.status, hunk.author, hunk.standing]), [
      [first, 'pending', 'typescript-specialist', { kind: 'applies', startLine: 5, rebased: false }],
      [second, 'pending', 'typescript-specialist', { kind: 'applies', startLine: 15, rebased: false }],
    ]);
    assert.match(json.hunks[1]?.patch ?? '', /^@@ -12,8 \+12,5 @@\n/);
  });

  it('accepting one hunk of two writes exactly that hunk; the other stays pending, and a second accept of it is refused', async () => {
    const accepted = await proposals('accept', stored.id, '--hunk', second);
    assert.equal(accepted.code, 0, accepted.stderr + accepted.stdout);
    assert.equal(await fs.readFile(file, 'utf8'), shapes.replace(secondBlock, ''));
    assert.match(accepted.stdout, /^Checkpoint before writing: c-[0-9a-z]{9}-[0-9a-z]{8} \(file snapshots in .*\.nova[\\/]checkpoints\)$/m);
    // Not a git repository: the checkpoint is a snapshot in .nova/checkpoints, and restoring it takes the accept back.
    const checkpoints = await openCheckpoints(workspace.folder, { snapshotFolder: commandLineSnapshotFolder(workspace.folder) });
    const [kept] = (await checkpoints.list()).checkpoints;
    assert.equal(kept?.label, 'before accepting 1 hunk of “' + stored.summary + '”');
    assert.deepEqual((await checkpoints.read(kept?.id ?? '')).files, [{ path: 'src/shapes.ts', text: shapes }]);
    assert.ok(accepted.stdout.includes(`✓ accepted ${second}: src/shapes.ts at line 15\n`), accepted.stdout);
    assert.ok(accepted.stdout.includes(`Proposal ${stored.id} is pending. Still open: ${first} (pending)`), accepted.stdout);
    const now = await storedNow();
    assert.equal(statusOf(now, second)?.status, 'accepted');
    assert.equal(statusOf(now, first)?.status, 'pending');
    assert.match((await proposals('list')).stdout, /1 of 2 hunks open[\s\S]*src\/shapes\.ts: 1 pending, 1 accepted/);

    const again = await proposals('accept', stored.id, '--hunk', second);
    assert.equal(again.code, 1);
    assert.equal(again.stderr, `nova: Hunk ${second} of proposal ${stored.id} is accepted; only a pending hunk or one in conflict can be accepted. Nothing was changed.\n`);
    const rest = await proposals('accept', stored.id);
    assert.equal(rest.code, 0, rest.stderr + rest.stdout);
    assert.equal(await fs.readFile(file, 'utf8'), shapes.replace(secondBlock, '').replace(firstBlock, ''));
    assert.match(rest.stdout, new RegExp(`Proposal ${stored.id} is accepted\\.\\n$`));
    // The first accept's checkpoint brings back the file from before both.
    await restoreCheckpoint(checkpoints, kept?.id ?? '', await diskCheckpointFiles(workspace.folder));
    assert.equal(await fs.readFile(file, 'utf8'), shapes, 'restoring the checkpoint did not bring back the file from before the accepts');
  });

  it('rejecting with a reason records it per hunk, for the editor and the agent; the file is untouched', async () => {
    const rejected = await proposals('reject', stored.id, '--hunk', first, '--reason', 'it is used by a test fixture');
    assert.equal(rejected.code, 0, rejected.stderr);
    assert.ok(rejected.stdout.startsWith(`✓ rejected ${first} (reason: it is used by a test fixture)\n`), rejected.stdout);
    const now = await storedNow();
    assert.equal(statusOf(now, first)?.status, 'rejected');
    assert.equal(statusOf(now, first)?.reason, 'it is used by a test fixture');
    assert.equal(statusOf(now, second)?.status, 'pending');
    assert.equal(await fs.readFile(file, 'utf8'), shapes);
    assert.ok((await proposals('show', stored.id)).stdout.includes(`hunk ${first}  rejected  by typescript-specialist — reason: it is used by a test fixture\n`));
    const empty = await proposals('reject', stored.id, '--reason', ' ');
    assert.equal(empty.code, 2);
    assert.match(empty.stderr, /^nova: --reason needs the reason as text/);
  });

  it('after the person moved the lines, the hunk is rebased and written exactly where its lines are now', async () => {
    const edited = `// Shapes, measured.\n// (two lines the person added)\n${shapes}`;
    await fs.writeFile(file, edited);
    const shown = await proposals('show', stored.id);
    assert.ok(shown.stdout.includes(`hunk ${second}  pending  by typescript-specialist\n  now: applies at line 17 (rebased: proposed at line 15, the file changed since)\n`), shown.stdout);
    assert.match(shown.stdout, /@@ -14,8 \+14,5 @@\n export const four = 4;/, 'the diff is numbered against the file as it is now');
    const accepted = await proposals('accept', stored.id, '--hunk', second);
    assert.equal(accepted.code, 0, accepted.stderr + accepted.stdout);
    assert.ok(accepted.stdout.includes(`✓ accepted ${second}: src/shapes.ts at line 17 (rebased: the file changed since the proposal)\n`), accepted.stdout);
    assert.equal(await fs.readFile(file, 'utf8'), edited.replace(secondBlock, ''));
  });

  it('after the person edited the hunk\'s lines, accepting it is a conflict: exit code 1, recorded, the file byte for byte as it was', async () => {
    const edited = shapes.replace('  return 1;', '  return 1 + 0; // the person was here');
    await fs.writeFile(file, edited);
    const shown = await proposals('show', stored.id);
    assert.ok(shown.stdout.includes(`hunk ${first}  pending  by typescript-specialist\n✗ now: conflict — the file changed at these lines since the proposal (line 5, "function unusedFirst(): number {")\n`), shown.stdout);
    const refused = await proposals('accept', stored.id, '--hunk', first);
    assert.equal(refused.code, 1, refused.stdout);
    assert.ok(refused.stdout.includes(`✗ conflict ${first}: src/shapes.ts: the file changed at these lines since the proposal (line 5, "function unusedFirst(): number {"); the file was not changed by it\n`), refused.stdout);
    assert.doesNotMatch(refused.stdout, /Checkpoint/, 'nothing to write, so no checkpoint');
    assert.equal(await fs.readFile(file, 'utf8'), edited);
    const now = await storedNow();
    assert.equal(statusOf(now, first)?.status, 'conflict');
    assert.match(statusOf(now, first)?.reason ?? '', /the file changed at these lines/);
    assert.equal(statusOf(now, second)?.status, 'pending');

    // Accepting everything: the unaffected hunk is still written (rebased is not needed: its lines did not move), the conflict is not.
    const all = await proposals('accept', stored.id);
    assert.equal(all.code, 1);
    assert.ok(all.stdout.includes(`✓ accepted ${second}: src/shapes.ts at line 15\n`), all.stdout);
    assert.equal(await fs.readFile(file, 'utf8'), edited.replace(secondBlock, ''), 'every character the person typed is still there');
  });

  it('an unknown proposal or hunk, a missing id or a flag the action does not take: one line on stderr, exit code 2, nothing changed', async () => {
    for (const [args, expected] of [
      [['show', 'p-nothing-here'], /^nova: There is no proposal "p-nothing-here" in .*; nova proposals list --all --workspace .* shows them\.$/],
      [['accept', '../../etc'], /^nova: "\.\.\/\.\.\/etc" is not a proposal id/],
      [['accept'], /^nova: nova proposals accept needs a proposal id; nova proposals list --workspace .* shows them\.$/],
      [['accept', stored.id, '--hunk', 'h-000000000000'], new RegExp(`^nova: Proposal ${stored.id} has no hunk "h-000000000000"; its hunks: ${first} \\(pending\\), ${second} \\(pending\\)\\.$`)],
      [['reject', stored.id, 'h-1'], /^nova: nova proposals reject takes one proposal id \(got 2\); name hunks with --hunk ID\.$/],
      [['list', '--hunk', first], /^nova: nova proposals list does not take --hunk \(it takes --all, --json\)\.$/],
      [['show', stored.id, '--reason', 'x'], /^nova: nova proposals show does not take --reason/],
      [['merge', stored.id], /^nova: Unknown proposals action "merge"; use: nova proposals list \| show ID \| accept ID \| reject ID/],
    ] as const) {
      const ran = await proposals(...args);
      assert.equal(ran.code, 2, `${args.join(' ')}: ${ran.stderr}${ran.stdout}`);
      assert.match(ran.stderr.trimEnd(), expected, args.join(' '));
      assert.equal(ran.stderr.trim().split('\n').length, 1, `one line, no stack: ${ran.stderr}`);
    }
    assert.equal(await fs.readFile(file, 'utf8'), shapes);
    assert.deepEqual(await storedNow(), stored);
  });

  it('prints what an agent or a planted proposal file wrote inert: control and bidirectional characters are shown, never acted on', async () => {
    const hostile = '\x1b]52;c;Y3VybA==\x07\u202etxt.exe\x1b[2J';
    await fs.writeFile(path.join(workspace.folder, 'src', 'board.ts'), 'export const board = 1;\n');
    const { changeSet } = await ProposalStore.open(workspace.folder).add(
      { kind: 'agent', agent: `refactorer${hostile}`, runId: 'run-1' },
      { summary: `Summary ${hostile}`, rationale: `Because ${hostile}`, risks: [`Risk ${hostile}`], files: [{ path: 'src/board.ts', hunks: [{ startLine: 1, before: 'export const board = 1;', after: `export const board = 2; // ${hostile}`, rationale: `Why ${hostile}` }] }] },
    );
    for (const args of [['show', changeSet.id], ['show', changeSet.id, '--json'], ['list'], ['reject', changeSet.id, '--reason', `no ${hostile}`]]) {
      const ran = await proposals(...args);
      assert.equal(ran.code, 0, ran.stderr);
      // eslint-disable-next-line no-control-regex -- finding control characters is the point
      assert.doesNotMatch(ran.stdout, /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/, args.join(' '));
      assert.ok(ran.stdout.includes('\\x1b]52;c;Y3VybA==\\x07<U+202E>txt.exe\\x1b[2J') || ran.stdout.includes('\\u001b]52;c;Y3VybA==\\u0007<U+202E>txt.exe'), `${args.join(' ')}: ${ran.stdout}`);
    }
  });

  it('the language server lists what nova run stored, and a decision made through the server is what nova proposals shows', async () => {
    const { server } = await LspServer.start({ folders: [workspace.folder], initializationOptions: { novaClient: true } });
    try {
      const listed = await server.request(proposalsList, { open: true });
      assert.deepEqual(listed.changeSets.map((set) => [set.id, set.files[0]?.hunks.map((hunk) => hunk.id)]), [[stored.id, [first, second]]]);
      await server.request(proposalsDecide, { id: stored.id, hunks: [{ id: first, status: 'rejected', reason: 'from the editor' }] });
    } finally {
      await server.stop();
    }
    const shown = await proposals('show', stored.id);
    assert.ok(shown.stdout.includes(`hunk ${first}  rejected  by typescript-specialist — reason: from the editor\n`), shown.stdout);
    const accepted = await proposals('accept', stored.id);
    assert.equal(accepted.code, 0, accepted.stderr);
    assert.ok(accepted.stdout.includes(`✓ accepted ${second}`) && !accepted.stdout.includes(first), 'only the open hunk is accepted');
    assert.equal(await fs.readFile(file, 'utf8'), shapes.replace(secondBlock, ''));
  });
});
