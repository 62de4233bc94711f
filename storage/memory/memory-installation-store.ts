// In-memory InstallationStore, keyed by conversation id.

import { encodeKey } from '../keys';
import type { InstallationRecord, InstallationStore } from '../ports';
import { copy, jsonCopy, sortByKey } from './copy';

export class MemoryInstallationStore implements InstallationStore {
  private readonly installations = new Map<string, InstallationRecord>();

  async save(installation: InstallationRecord): Promise<void> {
    this.installations.set(
      installation.conversationId,
      copy({ ...installation, reference: jsonCopy(installation.reference) }),
    );
  }

  async list(): Promise<InstallationRecord[]> {
    return sortByKey([...this.installations.values()].map(copy), (i) => encodeKey(i.conversationId));
  }
}
