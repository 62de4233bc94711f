// In-memory RegisterStore: numbered versions, the newest is current.

import type { Register, RegisterContent } from '../../bot/domain/register';
import { ConcurrencyError, type RegisterStore } from '../ports';
import { copy } from './copy';

export class MemoryRegisterStore implements RegisterStore {
  private readonly versions: Register[] = [];

  async current(): Promise<Register | undefined> {
    const latest = this.versions[this.versions.length - 1];
    return latest && copy(latest);
  }

  async version(version: number): Promise<Register | undefined> {
    const found = this.versions.find((r) => r.version === version);
    return found && copy(found);
  }

  async saveVersion(
    content: RegisterContent,
    meta: { importedBy: string; importedAt: Date; source: string; expectedVersion?: number },
  ): Promise<Register> {
    if (meta.expectedVersion !== undefined && meta.expectedVersion !== this.versions.length) {
      throw new ConcurrencyError(`The register is at version ${this.versions.length}, not ${meta.expectedVersion}`);
    }
    const register: Register = copy({
      plans: content.plans,
      people: content.people,
      coordinators: content.coordinators,
      ...(content.schedule ? { schedule: content.schedule } : {}),
      version: this.versions.length + 1,
      importedAt: meta.importedAt,
      importedBy: meta.importedBy,
      source: meta.source,
    });
    this.versions.push(register);
    return copy(register);
  }
}
