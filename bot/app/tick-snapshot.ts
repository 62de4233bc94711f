// The stores as one scheduler tick sees them. Each part of the tick (scheduled rounds, openings,
// late joins, follow-ups, scheduled posts) asks for the register, the rounds and the coordinators'
// channel; within one tick they are read once and shared, so a tick with nothing to do costs a
// fixed handful of requests. A write made through the snapshot drops what it changed, so the
// rest of the tick reads it anew; a change made elsewhere meanwhile is seen by the next tick.

import type { ChannelBindingStore, RegisterStore, RoundStore, Stores } from '../../storage/ports';

/** A read made at most once until forgotten (a failed read is not kept). */
function readOnce<T>(read: () => Promise<T>): { get: () => Promise<T>; forget: () => void } {
  let kept: Promise<T> | undefined;
  return {
    get: () => (kept ??= read().catch((err: unknown) => {
      kept = undefined;
      throw err;
    })),
    forget: () => {
      kept = undefined;
    },
  };
}

/** Runs a write, then drops the read it changed (also when the write failed: it may have landed). */
async function thenForget<T>(write: Promise<T>, read: { forget: () => void }): Promise<T> {
  try {
    return await write;
  } finally {
    read.forget();
  }
}

export function snapshotForTick(stores: Stores): Stores {
  const register = readOnce(() => stores.registers.current());
  const rounds = readOnce(() => stores.rounds.list());
  const channel = readOnce(() => stores.channels.current());
  const registers: RegisterStore = {
    current: register.get,
    version: (version) => stores.registers.version(version),
    saveVersion: (content, meta) => thenForget(stores.registers.saveVersion(content, meta), register),
  };
  const roundStore: RoundStore = {
    // A copy of the list: a caller that sorts it does not change it for the others.
    list: async () => [...(await rounds.get())],
    get: (id) => stores.rounds.get(id),
    create: (round) => thenForget(stores.rounds.create(round), rounds),
    update: (round, etag) => thenForget(stores.rounds.update(round, etag), rounds),
  };
  const channels: ChannelBindingStore = {
    current: channel.get,
    history: () => stores.channels.history(),
    bind: (binding) => thenForget(stores.channels.bind(binding), channel),
  };
  return { ...stores, registers, rounds: roundStore, channels };
}
