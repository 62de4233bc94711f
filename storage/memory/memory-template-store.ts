// In-memory TemplateStore: numbered versions per template id, the newest is current.

import type { FollowUpTemplate } from '../../bot/domain/templates/template';
import type { StoredTemplate, TemplateStore } from '../ports';
import { copy } from './copy';

export class MemoryTemplateStore implements TemplateStore {
  private readonly versions = new Map<string, StoredTemplate[]>();

  async current(id: string): Promise<StoredTemplate | undefined> {
    const latest = this.versions.get(id)?.at(-1);
    return latest && copy(latest);
  }

  async version(id: string, version: number): Promise<StoredTemplate | undefined> {
    const found = this.versions.get(id)?.find((v) => v.template.version === version);
    return found && copy(found);
  }

  async list(): Promise<StoredTemplate[]> {
    return [...this.versions.keys()].sort().map((id) => copy(this.versions.get(id)!.at(-1)!));
  }

  async saveVersion(template: FollowUpTemplate, meta: { addedBy: string; addedAt: Date; source: string }): Promise<StoredTemplate> {
    const kept = this.versions.get(template.id) ?? [];
    const stored: StoredTemplate = copy({ template: { ...template, version: kept.length + 1 }, ...meta });
    this.versions.set(template.id, [...kept, stored]);
    return copy(stored);
  }
}
