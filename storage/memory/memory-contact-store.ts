// In-memory ContactStore, keyed by Azure AD object id.

import type { Contact } from '../../bot/domain/contact';
import { encodeKey } from '../keys';
import type { ContactStore } from '../ports';
import { copy, jsonCopy, sortByKey } from './copy';

export class MemoryContactStore implements ContactStore {
  private readonly contacts = new Map<string, Contact>();

  async get(aadObjectId: string): Promise<Contact | undefined> {
    const found = this.contacts.get(aadObjectId);
    return found && copy(found);
  }

  async list(): Promise<Contact[]> {
    return sortByKey([...this.contacts.values()].map(copy), (c) => encodeKey(c.aadObjectId));
  }

  async save(contact: Contact): Promise<void> {
    // The reference is opaque and stored as JSON by the tables: copy it the same way.
    this.contacts.set(contact.aadObjectId, copy({ ...contact, conversation: jsonCopy(contact.conversation) }));
  }
}
