// Who the bot can send to, by address (UPN/e-mail): the stored contacts, completed from the
// Teams rosters for addresses not known yet. One book per run, so that a 1:1 chat created for
// one message serves the next ones to the same person.

import { contactAddresses, type Contact } from '../../domain/contact';
import { normalizeAddress } from '../../domain/register';
import type { AppDeps } from '../deps';

/** Index of reachable contacts by every address they are known by. */
export function indexContacts(contacts: Contact[]): Map<string, Contact> {
  const byAddress = new Map<string, Contact>();
  for (const c of contacts) {
    // Someone met only in a channel has no 1:1 address yet: the rosters must be asked.
    if (c.stale || !c.conversation) continue;
    for (const address of contactAddresses(c)) byAddress.set(address, c);
  }
  return byAddress;
}

export class ContactBook {
  private constructor(
    private readonly deps: Pick<AppDeps, 'stores' | 'directory'>,
    private readonly byAddress: Map<string, Contact>,
  ) {}

  /** Reads every stored contact: one partition query. */
  static async open(deps: Pick<AppDeps, 'stores' | 'directory'>): Promise<ContactBook> {
    return new ContactBook(deps, indexContacts(await deps.stores.contacts.list()));
  }

  get(address: string): Contact | undefined {
    return this.byAddress.get(normalizeAddress(address));
  }

  /** Asks the rosters for the addresses not known yet; the people found are stored. */
  async lookUp(addresses: string[]): Promise<void> {
    const unknown = [...new Set(addresses.map(normalizeAddress))].filter((a) => !this.byAddress.has(a));
    if (unknown.length === 0) return;
    for (const found of await this.deps.directory.findUsers(unknown)) {
      await this.deps.stores.contacts.save(found);
      this.reached(found);
    }
  }

  /** The contact as a send left it (with the 1:1 chat it may have created). */
  reached(contact: Contact): void {
    for (const address of contactAddresses(contact)) this.byAddress.set(address, contact);
  }

  /** Teams said the person cannot be reached: their next messages in this run are not tried. */
  forget(contact: Contact): void {
    for (const address of contactAddresses(contact)) this.byAddress.delete(address);
  }
}

/** A contact the bot can send to, by address: known contacts first, then the team rosters. */
export async function findContact(deps: Pick<AppDeps, 'stores' | 'directory'>, address: string): Promise<Contact | undefined> {
  const book = await ContactBook.open(deps);
  await book.lookUp([address]);
  return book.get(address);
}
