// Stories told over several tests of one file, on one bot, so that a test that builds on earlier
// ones also passes when it runs alone (`-t`) and they are skipped. Either a test asks for the
// steps it builds on (`once`), or, in a chronicle where each test is the next chapter, a test run
// alone first tells the chapters before it (`chapters`). Nothing runs twice, so the whole file
// does no more than before.

/** The step, run at most once: every call gets what its first call got. */
export function once<T>(step: () => Promise<T>): () => Promise<T> {
  let taken: Promise<T> | undefined;
  return () => (taken ??= step());
}

/** One step per key (a command, a file), each run at most once. */
export function oncePer<T>(step: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const taken = new Map<string, Promise<T>>();
  return (key) => {
    if (!taken.has(key)) taken.set(key, step(key));
    return taken.get(key)!;
  };
}

/**
 * Declares tests as the chapters of one chronicle, in order: each chapter runs once, after the
 * one before it (its checks included), whether its own test or a later one asks for it.
 */
export function chapters(): (title: string, body: () => Promise<void>, timeout?: number) => void {
  let last: (() => Promise<void>) | undefined;
  return (title, body, timeout) => {
    const previous = last;
    const chapter = once(async () => {
      await previous?.();
      await body();
    });
    last = chapter;
    it(title, chapter, timeout);
  };
}
