/**
 * The review command's words (src/extension/review/reviewWords.ts): the team's batch progress as the
 * notification shows it, and the final message — what the analyzers found, what the team did, and the
 * problems — as the person reads it.
 */
import * as assert from 'node:assert/strict';
import { cancelledText, reviewSummary, teamProgressText, teamRequestCounts, type ReviewResult, type TeamProgress } from '../../../src/extension/review/reviewWords';

const offline: ReviewResult = { files: 120, findings: 37, uris: [], problems: [] };
const team = { batchId: 'msgbatch_01', resumed: false, confirmed: 30, dismissed: 8, added: 7, disagreements: 0 };
const polled = (fields: Partial<TeamProgress>): TeamProgress => ({ batchId: 'msgbatch_01', resumed: false, status: 'in_progress', processing: 0, succeeded: 0, errored: 0, canceled: 0, expired: 0, ...fields });

describe('the review command’s words', () => {
  it('counts every request that ended, however it ended, as done', () => {
    assert.deepEqual(teamRequestCounts(polled({ processing: 5, succeeded: 4, errored: 1, expired: 2 })), { done: 7, failed: 3, total: 12 });
  });

  it('tells the batch’s progress, that it can take long, and what Cancel does', () => {
    const text = teamProgressText(polled({ processing: 8, succeeded: 4 }));
    assert.match(text, /checking the analyzers' findings: 4 of 12 request\(s\) done\./);
    assert.match(text, /minutes to hours; Cancel stops it \(the analyzer findings stay\)/);
    assert.match(teamProgressText(polled({ processing: 2, succeeded: 9, errored: 1 })), /10 of 12 request\(s\) done \(1 failed\)/);
  });

  it('says when the batch is being canceled or has ended', () => {
    assert.match(teamProgressText(polled({ status: 'canceling', processing: 3, canceled: 1 })), /being canceled \(1 of 4 request\(s\) done \(1 failed\)\); the analyzer findings stand/);
    assert.match(teamProgressText(polled({ status: 'ended', succeeded: 6 })), /has ended \(6 of 6 request\(s\) done\); collecting its verdicts/);
  });

  it('says what the analyzers found when no team took part, as before', () => {
    assert.equal(reviewSummary(offline), 'Nova reviewed 120 file(s): 37 finding(s).');
    assert.equal(reviewSummary({ ...offline, findings: 0, dismissed: 2 }), 'Nova reviewed 120 file(s): no findings (2 you dismissed left out).');
    assert.equal(reviewSummary({ ...offline, files: 0, findings: 0, problems: ['No TypeScript file changed against HEAD.'] }), 'Nova found nothing to review: No TypeScript file changed against HEAD.');
  });

  it('says what the team confirmed, dismissed and added', () => {
    assert.equal(reviewSummary({ ...offline, team }), 'Nova reviewed 120 file(s): 37 finding(s). The team checked them: the reviewer confirmed 30, dismissed 8 and added 7.');
  });

  it('says on how many verdicts the security reviewer disagreed, that the reviewer’s stand, and where both opinions are', () => {
    assert.match(reviewSummary({ ...offline, team: { ...team, disagreements: 2, traceRunId: '20261202-150000-abcdef' } }), /added 7\. The security reviewer disagreed on 2: the reviewer owns those verdicts, so they stand, and both opinions are in the team's trace\.$/);
    assert.match(reviewSummary({ ...offline, team: { ...team, disagreements: 1 } }), /disagreed on 1: the reviewer owns those verdicts, so they stand\.$/);
  });

  it('says when the team’s batch was one an earlier session sent, collected rather than paid for again', () => {
    assert.match(reviewSummary({ ...offline, team: { ...team, resumed: true } }), /The team \(its batch from an earlier session, collected now rather than sent again\) checked them/);
  });

  it('names the problem, or how many there are and the first', () => {
    const skipped = "The team's review of the analyzer findings did not finish: it was canceled (its batch too). The analyzer findings stand.";
    assert.equal(reviewSummary({ ...offline, problems: [skipped] }), `Nova reviewed 120 file(s): 37 finding(s). Problem: ${skipped}`);
    assert.match(reviewSummary({ ...offline, team, problems: ['src/a.ts: one', 'src/b.ts: two'] }), /added 7\. 2 problems \(all in Nova's output\), the first: src\/a\.ts: one$/);
  });

  it('tells a cancel during the team’s batch apart from one during the analyzers’ review', () => {
    assert.match(cancelledText(true), /its batch is canceled too, and the analyzer findings stand/);
    assert.match(cancelledText(false), /files reviewed so far keep their findings/);
  });
});
