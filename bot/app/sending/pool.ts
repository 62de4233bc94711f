// A bounded pool: runs tasks with at most `concurrency` in flight. Sending one message after the
// other is bound by the round trip (about 29 a second against Teams); the pacing, not the pool,
// keeps the rate, so the pool only has to keep enough sends waiting for their slot.

/**
 * Runs `work` on every item, at most `concurrency` at a time. After a task fails no new one is
 * started; the ones in flight finish, then the first error is thrown (none is lost silently).
 */
export async function runPool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < items.length) {
      const item = items[next++];
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker);
  await Promise.all(workers);
  if (failure) throw failure.error;
}
