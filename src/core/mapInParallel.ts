/**
 * Maps items through an async function a few at a time, results in the items' order: reading
 * hundreds of files one after another waits on the disk for each in turn, all at once opens them
 * all. Node's thread pool has four threads by default; a few more requests than that keep it busy.
 */
export async function mapInParallel<T, R>(items: readonly T[], map: (item: T, index: number) => Promise<R>, parallel = 8): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < items.length; index = next++) results[index] = await map(items[index] as T, index);
  };
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, worker));
  return results;
}
