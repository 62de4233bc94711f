// Test-data "mother" for use-case tests: in-memory stores, a settable clock, a messenger that
// records what it sends, and a small register in the spirit of the seed.

import type { AppDeps } from '../../bot/app/deps';
import { silentLogger } from '../../bot/app/logger';
import { SendError, type ChannelMessage, type Directory, type Messenger, type SentCard } from '../../bot/app/ports';
import type { Contact } from '../../bot/domain/contact';
import type { OfficeHours } from '../../bot/domain/office-hours';
import type { Actor } from '../../bot/domain/permissions';
import type { RegisterContent } from '../../bot/domain/register';
import { buildRound, type Round } from '../../bot/domain/round';
import { createMemoryStores } from '../../storage/memory';

export const register: RegisterContent = {
  plans: [
    { id: 'drog', title: 'Drogpolitiskt program 2016-2020', period: '2016-2020', officer: 'anna@kalmar.se' },
    { id: 'vald', title: 'Förebygga våld mot kvinnor i nära relationer', period: 'Antogs 2010', note: 'revidering pågår', officer: 'anna@kalmar.se' },
    { id: 'vatten', title: 'God vattenstatus – handlingsplan', note: 'arbete pågår', officer: 'bo@kalmar.se' },
    { id: 'miljo', title: 'Fossilbränslefria Kalmar 2030', excludedReason: 'Följs upp i det årliga miljöbokslutet.' },
  ],
  people: [
    { id: 'anna@kalmar.se', name: 'Anna Andersson', title: 'folkhälsostrateg', manager: 'chef@kalmar.se' },
    { id: 'bo@kalmar.se', name: 'Bo Berg', title: 'miljöstrateg', manager: 'chef@kalmar.se' },
    { id: 'samordnare@kalmar.se', name: 'Sara Samordnare', title: 'verksamhetsutvecklare' },
  ],
  coordinators: ['samordnare@kalmar.se'],
};

export function contact(address: string, overrides: Partial<Contact> = {}): Contact {
  const name = address.split('@')[0];
  return {
    aadObjectId: `aad-${name}`,
    teamsUserId: `29:${name}`,
    name,
    upn: address,
    email: address,
    conversation: { personal: name },
    updatedAt: new Date('2019-01-01T00:00:00Z'),
    ...overrides,
  };
}

export function actor(address: string): Actor {
  const c = contact(address);
  return { aadObjectId: c.aadObjectId, name: c.name, addresses: [address] };
}

export class RecordingMessenger implements Messenger {
  readonly sent: Array<{ to: Contact; card?: any; text?: string }> = [];
  failFor = new Set<string>();
  async sendCard(to: Contact, card: any): Promise<SentCard> {
    return this.record(to, { card });
  }
  async sendText(to: Contact, text: string): Promise<SentCard> {
    return this.record(to, { text });
  }
  readonly posted: Array<{ reference: unknown; message: ChannelMessage }> = [];
  /** Posts beyond this many fail with a 502, as when the Bot Connector gives up part-way. */
  failPostsAfter = Infinity;
  async postToChannel(reference: unknown, messages: ChannelMessage[]): Promise<string[]> {
    for (const message of messages) {
      if (this.posted.length >= this.failPostsAfter) throw new SendError('Bad Gateway', 502);
      this.posted.push({ reference, message });
    }
    return messages.map((_m, i) => `post-${this.posted.length - messages.length + i + 1}`);
  }
  readonly updated: Array<{ reference: unknown; activityId: string; card: any }> = [];
  async updateCard(reference: unknown, activityId: string, card: any): Promise<void> {
    this.updated.push({ reference, activityId, card });
  }
  private async record(to: Contact, what: { card?: any; text?: string }): Promise<SentCard> {
    if (this.failFor.has(to.aadObjectId)) throw new SendError('Forbidden: ConversationBlockedByUser', 403);
    this.sent.push({ to, ...what });
    return { activityId: `act-${this.sent.length}`, conversationId: `conv-${to.aadObjectId}`, contact: to };
  }
}

export class FixedDirectory implements Directory {
  constructor(readonly members: Contact[] = []) {}
  lookups: string[][] = [];
  async findUsers(addresses: string[]): Promise<Contact[]> {
    this.lookups.push(addresses);
    return this.members.filter((m) => addresses.includes(m.upn!));
  }
}

export async function appFixture(options: { now?: string; directory?: Contact[]; officeHours?: OfficeHours } = {}) {
  let now = new Date(options.now ?? '2019-03-01T08:00:00Z');
  const stores = createMemoryStores();
  const messenger = new RecordingMessenger();
  const directory = new FixedDirectory(options.directory);
  const deps: AppDeps = {
    stores,
    clock: { now: () => now },
    messenger,
    directory,
    log: silentLogger,
    officeHours: options.officeHours ?? 'always',
  };
  await stores.registers.saveVersion(register, { importedBy: 'samordnare@kalmar.se', importedAt: now, source: 'test' });
  const { round } = buildRound(
    { title: 'Uppföljning KF 2019', year: '2019', opensDate: '2019-03-01', opensTime: '08:00', dueDate: '2019-04-01', closesDate: '2019-04-30' },
    { timeZone: 'Europe/Stockholm', createdBy: 'samordnare@kalmar.se', createdAt: now },
  );
  await stores.rounds.create(round!);
  return {
    deps,
    stores,
    messenger,
    directory,
    round: round as Round,
    setNow(iso: string) {
      now = new Date(iso);
    },
  };
}
