// In-memory ChannelBindingStore: the current binding and every earlier one.

import type { ChannelBinding, ChannelBindingStore } from '../ports';
import { jsonCopy } from './copy';

export class MemoryChannelBindingStore implements ChannelBindingStore {
  private readonly bindings: ChannelBinding[] = [];

  private static copy(b: ChannelBinding): ChannelBinding {
    return { ...b, reference: jsonCopy(b.reference), boundAt: new Date(b.boundAt.getTime()) };
  }

  async current(): Promise<ChannelBinding | undefined> {
    const last = this.bindings.at(-1);
    return last && MemoryChannelBindingStore.copy(last);
  }

  async bind(binding: ChannelBinding): Promise<void> {
    this.bindings.push(MemoryChannelBindingStore.copy(binding));
  }

  async history(): Promise<ChannelBinding[]> {
    return this.bindings.map(MemoryChannelBindingStore.copy);
  }
}
