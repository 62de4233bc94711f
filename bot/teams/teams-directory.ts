// Looking people up in Teams: the rosters of the teams and group chats where the app is
// installed, searched for register people by address or by directory id, and a roster member as
// a contact the bot can reach.

import { TeamsInfo, type CloudAdapter, type TurnContext } from 'botbuilder';
import type { Contact } from '../domain/contact';
import { normalizeAddress } from '../domain/register';
import type { AppDeps } from '../app/deps';
import type { Logger } from '../app/logger';
import type { Directory } from '../app/ports';
import { statusCodeOf } from '../domain/errors';
import { inConversation, type ConversationAddress } from './connector-calls';
import type { Reach } from './reach';

/** Where the app is installed, as the stores keep it. */
type Installations = Pick<AppDeps['stores']['installations'], 'list'>;

export interface RosterMember {
  id: string;
  name?: string;
  aadObjectId?: string;
  email?: string;
  userPrincipalName?: string;
}

/** Finds register people in the rosters of the teams and group chats where the app is installed. */
export class TeamsDirectory implements Directory {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly installations: Installations,
    private readonly log: Logger,
    private readonly now: () => Date,
  ) {}

  async findUsers(addresses: string[]): Promise<Contact[]> {
    const wanted = new Set(addresses.map(normalizeAddress));
    const found = new Map<string, Contact>();
    for (const installation of await this.installations.list()) {
      if (installation.removedAt || installation.kind === 'personal' || wanted.size === 0) continue;
      const reference = installation.reference as ConversationAddress;
      try {
        const members = await inConversation(this.adapter, this.appId, reference, (context) => allMembers(context));
        for (const member of members) {
          const match = [member.userPrincipalName, member.email]
            .filter((a): a is string => !!a)
            .map(normalizeAddress)
            .find((a) => wanted.has(a));
          const contact = match && contactFromMember(member, reachOfInstallation(reference, installation.tenantId), this.now());
          if (!match || !contact) continue;
          wanted.delete(match);
          found.set(contact.aadObjectId, contact);
        }
      } catch (err) {
        this.log.warn('roster.lookup-failed', { conversation: installation.conversationId, statusCode: statusCodeOf(err) });
      }
    }
    return [...found.values()];
  }

  async findUserById(aadObjectId: string): Promise<Contact | undefined> {
    for (const installation of await this.installations.list()) {
      if (installation.removedAt || installation.kind === 'personal') continue;
      const reference = installation.reference as ConversationAddress;
      try {
        const members = await inConversation(this.adapter, this.appId, reference, (context) => allMembers(context));
        const member = members.find((m) => m.aadObjectId === aadObjectId);
        if (member) return contactFromMember(member, reachOfInstallation(reference, installation.tenantId), this.now());
      } catch (err) {
        this.log.warn('roster.lookup-failed', { conversation: installation.conversationId, statusCode: statusCodeOf(err) });
      }
    }
    return undefined;
  }
}

/** A roster member as a contact that can be reached through `reach` (no 1:1 chat yet). */
export function contactFromMember(member: RosterMember, reach: Reach, now: Date): Contact | undefined {
  if (!member.aadObjectId) return undefined;
  return {
    aadObjectId: member.aadObjectId,
    teamsUserId: member.id,
    name: member.name ?? member.userPrincipalName ?? member.email ?? '',
    upn: member.userPrincipalName,
    email: member.email,
    tenantId: reach.tenantId,
    conversation: reach,
    updatedAt: now,
  };
}

function reachOfInstallation(reference: ConversationAddress, tenantId?: string): Reach {
  return {
    serviceUrl: reference.serviceUrl!,
    channelId: reference.channelId!,
    bot: { id: reference.bot!.id, name: reference.bot!.name },
    tenantId,
  };
}

/** Every member of the conversation's team or chat, page by page. */
export async function allMembers(context: TurnContext): Promise<RosterMember[]> {
  const members: RosterMember[] = [];
  let token: string | undefined;
  do {
    const page = await TeamsInfo.getPagedMembers(context, 500, token);
    members.push(...(page.members as RosterMember[]));
    token = page.continuationToken || undefined;
  } while (token);
  return members;
}
