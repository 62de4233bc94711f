// In-memory RegisterStore: numbered versions, the newest is current.

import type { Register, RegisterContent } from '../../bot/domain/register';
import type { RegisterStore } from '../ports';
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
    meta: { importedBy: string; importedAt: Date; source: string },
  ): Promise<Register> {
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
