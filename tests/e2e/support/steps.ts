// Steps of an end-to-end story told over several tests of one file, on one bot. The test that
// tells of a step takes it and checks what it did; a later test that builds on it asks for it
// too, so that the later test also passes when it runs alone (`-t`) and the telling test is
// skipped. A step runs at most once per file, so the whole file does no more than before.

/** The step, run at most once: every call gets what its first call got. */
export function once<T>(step: () => Promise<T>): () => Promise<T> {
  let taken: Promise<T> | undefined;
  return () => (taken ??= step());
}
