// In-memory AuditLog: events by UTC day, oldest first.

import type { AuditEvent, AuditLog } from '../ports';
import { copy, jsonCopy } from './copy';

export class MemoryAuditLog implements AuditLog {
  private readonly events: AuditEvent[] = [];

  async record(event: AuditEvent): Promise<void> {
    this.events.push(copy({ ...event, details: jsonCopy(event.details) }));
  }

  async listDay(day: string): Promise<AuditEvent[]> {
    return this.events
      .filter((e) => e.at.toISOString().slice(0, 10) === day)
      .map(copy)
      .sort((a, b) => a.at.getTime() - b.at.getTime()); // stable: same instant keeps write order
  }
}
