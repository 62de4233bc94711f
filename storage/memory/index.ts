// In-memory implementations of every storage port, for unit tests of use cases. They pass the
// same contract suite as the table implementations (tests/integration/storage-contract.test.ts).

import type { Stores } from '../ports';
import { UnreadableRowSignal } from '../unreadable-rows';
import { MemoryAnswerStore } from './memory-answer-store';
import { MemoryAuditLog } from './memory-audit-log';
import { MemoryContactStore } from './memory-contact-store';
import { MemoryDeliveryStore } from './memory-delivery-store';
import { MemoryInboxStore } from './memory-inbox-store';
import { MemoryInstallationStore } from './memory-installation-store';
import { MemoryLeaseStore } from './memory-lease-store';
import { MemoryChannelBindingStore } from './memory-channel-binding-store';
import { MemoryRecordStore } from './memory-record-store';
import { MemoryRegisterStore } from './memory-register-store';
import { MemoryRoundStore } from './memory-round-store';
import { MemorySettingsStore } from './memory-settings-store';
import { MemoryTemplateStore } from './memory-template-store';
import { MemoryAdminHistory } from './memory-admin-history';

export {
  MemoryAnswerStore,
  MemoryAuditLog,
  MemoryContactStore,
  MemoryDeliveryStore,
  MemoryInboxStore,
  MemoryInstallationStore,
  MemoryLeaseStore,
  MemoryRegisterStore,
  MemoryRoundStore,
  MemorySettingsStore,
  MemoryTemplateStore,
};

export function createMemoryStores(): Stores {
  return {
    registers: new MemoryRegisterStore(),
    rounds: new MemoryRoundStore(),
    templates: new MemoryTemplateStore(),
    answers: new MemoryAnswerStore(),
    contacts: new MemoryContactStore(),
    installations: new MemoryInstallationStore(),
    inbox: new MemoryInboxStore(),
    deliveries: new MemoryDeliveryStore(),
    audit: new MemoryAuditLog(),
    leases: new MemoryLeaseStore(),
    channels: new MemoryChannelBindingStore(),
    records: new MemoryRecordStore(),
    settings: new MemorySettingsStore(),
    history: new MemoryAdminHistory(),
    // Values kept in memory are always readable: the feed is there, nothing is ever skipped.
    unreadable: new UnreadableRowSignal(),
  };
}
