/**
 * When a workspace review is large enough for the team to check it through the Message Batches API
 * (half the price, minutes to hours): its own module, so the server's settings can name it without
 * loading the review (and TypeScript) at start.
 */

/** Above this many files a keyed workspace review goes through the Message Batches API (`nova.review.batchThreshold`). */
export const defaultBatchThreshold = 200;

/** Whether a review of `fileCount` files is large enough to batch. */
export function isLargeReview(fileCount: number, threshold = defaultBatchThreshold): boolean {
  return fileCount > threshold;
}
