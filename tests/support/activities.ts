// Builders for the activities Teams posts to the bot, and a client that posts them to the
// real HTTP endpoint.

import { randomUUID } from 'node:crypto';
import type { StandInUser } from './connector-stand-in';

export const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const BOT = { id: '28:uppfoljning-bot', name: 'Uppföljning' };

export function personalConversationId(user: StandInUser): string {
  return `a:personal-${user.aadObjectId}`;
}

export function baseActivity(serviceUrl: string, user: StandInUser, overrides: Record<string, unknown> = {}) {
  return {
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
    recipient: BOT,
    conversation: { id: personalConversationId(user), conversationType: 'personal', tenantId: TENANT_ID },
    channelData: { tenant: { id: TENANT_ID } },
    locale: 'sv-SE',
    ...overrides,
  };
}

export function message(serviceUrl: string, user: StandInUser, text: string, overrides: Record<string, unknown> = {}) {
  return { ...baseActivity(serviceUrl, user, overrides), type: 'message', text };
}

/** A channel message that @mentions the bot, as Teams sends it: the `<at>` tag and a mention entity. */
export function mentionInChannel(serviceUrl: string, user: StandInUser, text: string, channel: { teamId: string; channelId: string; name: string }) {
  const tag = `<at>${BOT.name}</at>`;
  return message(serviceUrl, user, `${tag} ${text}`, {
    conversation: { id: `${channel.channelId};messageid=1551780000000`, isGroup: true, conversationType: 'channel', tenantId: TENANT_ID },
    channelData: { tenant: { id: TENANT_ID }, team: { id: channel.teamId }, channel: { id: channel.channelId, name: channel.name } },
    entities: [{ type: 'mention', mentioned: BOT, text: tag }],
  });
}

/** Action.Execute: Teams merges the card's inputs into action.data. */
export function executeAction(
  serviceUrl: string,
  user: StandInUser,
  verb: string,
  data: Record<string, unknown>,
  overrides: Record<string, unknown> = {},
) {
  return {
    ...baseActivity(serviceUrl, user, overrides),
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data } },
  };
}

/** Action.Submit: a message whose value holds the action data and inputs. */
export function submitAction(serviceUrl: string, user: StandInUser, cardActivityId: string, data: Record<string, unknown>) {
  return { ...baseActivity(serviceUrl, user), type: 'message', replyToId: cardActivityId, value: data };
}

export function teamInstall(serviceUrl: string, installer: StandInUser, teamId: string) {
  return {
    ...baseActivity(serviceUrl, installer),
    type: 'conversationUpdate',
    membersAdded: [BOT],
    conversation: { id: teamId, isGroup: true, conversationType: 'channel', tenantId: TENANT_ID },
    channelData: { tenant: { id: TENANT_ID }, team: { id: teamId, name: 'Kommunledningskontoret' }, eventType: 'teamMemberAdded' },
  };
}

export async function post(botUrl: string, activity: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${botUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof activity === 'string' ? activity : JSON.stringify(activity),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body };
}

/** The app added to (or removed from) a user's personal scope. */
export function personalInstall(serviceUrl: string, user: StandInUser, action: 'add' | 'remove') {
  return { ...baseActivity(serviceUrl, user), type: 'installationUpdate', action };
}

/** A file sent to the bot in the 1:1 chat, as Teams delivers it: a download link for the bot. */
export function fileMessage(serviceUrl: string, user: StandInUser, name: string, downloadUrl: string) {
  return {
    ...baseActivity(serviceUrl, user),
    type: 'message',
    text: '',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.teams.file.download.info',
        contentUrl: `https://kalmar-my.sharepoint.com/personal/${user.name}/Documents/${name}`,
        name,
        content: { downloadUrl, uniqueId: `file-${name}`, fileType: name.split('.').pop() },
      },
    ],
  };
}

/** The user's answer to a file consent card (an invoke the bot does not ask for, but may get). */
export function fileConsent(serviceUrl: string, user: StandInUser, action: 'accept' | 'decline') {
  return {
    ...baseActivity(serviceUrl, user),
    type: 'invoke',
    name: 'fileConsent/invoke',
    value: {
      type: 'fileUpload',
      action,
      context: { fileName: 'register.csv' },
      uploadInfo: { name: 'register.csv', uploadUrl: 'https://kalmar-my.sharepoint.com/upload', contentUrl: 'https://kalmar-my.sharepoint.com/register.csv', uniqueId: 'u1', fileType: 'csv' },
    },
  };
}
