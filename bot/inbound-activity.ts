// What an activity posted to /api/messages must look like before botbuilder and the turn logic
// read it. Both read fields without checking their types (botbuilder calls `entities[i].type
// .toLowerCase()`, `text.replace(...)`; an `adaptiveCard/action` invoke without `value.action`
// ends in a 501), so every field either of them reads is checked here, and anything else is
// answered with a 400 at once. Only the shape is checked: who sent it (authentication) and
// from which tenant are checked afterwards, as strictly as before.

export interface ActivityRules {
  /**
   * Where replies may go. In local mode (no inbound authentication) only to this machine: an
   * activity names its own serviceUrl, and nothing else vouches for it. With credentials the
   * token names the serviceUrl and botbuilder checks that it matches.
   */
  serviceUrls: 'loopback' | 'any';
}

/** Nesting deeper than any Teams activity (an Adaptive Card in an attachment included). */
export const MAX_DEPTH = 64;
/** Ids of users, conversations and activities in Teams are well under this. */
export const MAX_ID_LENGTH = 512;
const MAX_NAME_LENGTH = 1024;
const MAX_TAG_LENGTH = 64;
const MAX_URL_LENGTH = 2048;
const MAX_LIST_LENGTH = 256;

type Json = Record<string, unknown>;

/** What Node lets through in an HTTP header value: tab, visible ASCII and space, Latin-1. */
const HEADER_SAFE = /^[\t\x20-\x7e\x80-\xff]*$/;
const LOOPBACK_HOST = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|::1)$/;

/**
 * A host name of this machine (`localhost`, `127.x.x.x`, `::1`): as a listening address names
 * it, or as a URL or a Host header does (IPv6 in brackets, `[::1]`).
 */
export function isLoopbackHostname(hostname: string): boolean {
  return LOOPBACK_HOST.test(hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1'));
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Depth of nested arrays and objects, counted without recursion; stops once past `limit`. */
export function depthOf(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    const level = depth + 1;
    if (level > deepest) deepest = level;
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (typeof child === 'object' && child !== null) stack.push([child, level]);
    }
  }
  return deepest;
}

/** Every problem with the activity's shape; none means botbuilder and the bot can read it. */
export function activityProblems(body: unknown, rules: ActivityRules = { serviceUrls: 'any' }): string[] {
  if (!isObject(body)) return ['body must be a JSON object'];
  if (depthOf(body, MAX_DEPTH) > MAX_DEPTH) return [`body is nested deeper than ${MAX_DEPTH} levels`];
  const a = body;
  const problems: string[] = [];
  const has = (o: Json, key: string) => Object.hasOwn(o, key) && o[key] !== undefined && o[key] !== null;
  const text = (o: Json, key: string, where: string, max: number, required = false) => {
    if (!has(o, key)) {
      if (required) problems.push(`${where} is missing`);
      return;
    }
    const v = o[key];
    if (typeof v !== 'string' || (required && v.length === 0)) problems.push(`${where} must be ${required ? 'non-empty ' : ''}text`);
    else if (v.length > max) problems.push(`${where} is longer than ${max} characters`);
  };
  const object = (o: Json, key: string, where: string, required = false): Json | undefined => {
    if (!has(o, key)) {
      if (required) problems.push(`${where} is missing`);
      return undefined;
    }
    if (!isObject(o[key])) {
      problems.push(`${where} must be an object`);
      return undefined;
    }
    return o[key] as Json;
  };
  // A list may be left out but not null: botbuilder reads `entities.length` whenever the key is there.
  const list = (o: Json, key: string, where: string): unknown[] | undefined => {
    if (!Object.hasOwn(o, key) || o[key] === undefined) return undefined;
    const v = o[key];
    if (!Array.isArray(v)) problems.push(`${where} must be a list`);
    else if (v.length > MAX_LIST_LENGTH) problems.push(`${where} has more than ${MAX_LIST_LENGTH} items`);
    else return v;
    return undefined;
  };
  const account = (key: string) => {
    const o = object(a, key, key, true);
    if (!o) return;
    text(o, 'id', `${key}.id`, MAX_ID_LENGTH, true);
    text(o, 'name', `${key}.name`, MAX_NAME_LENGTH);
    text(o, 'aadObjectId', `${key}.aadObjectId`, MAX_ID_LENGTH);
    text(o, 'role', `${key}.role`, MAX_TAG_LENGTH);
  };
  const members = (key: string) => {
    list(a, key, key)?.forEach((m, i) => {
      if (!isObject(m)) return problems.push(`${key}[${i}] must be an object`);
      text(m, 'id', `${key}[${i}].id`, MAX_ID_LENGTH, true);
      text(m, 'name', `${key}[${i}].name`, MAX_NAME_LENGTH);
      text(m, 'aadObjectId', `${key}[${i}].aadObjectId`, MAX_ID_LENGTH);
    });
  };

  text(a, 'type', 'type', MAX_TAG_LENGTH, true);
  text(a, 'channelId', 'channelId', MAX_TAG_LENGTH, true);
  text(a, 'id', 'id', MAX_ID_LENGTH);
  text(a, 'name', 'name', MAX_NAME_LENGTH);
  text(a, 'action', 'action', MAX_TAG_LENGTH);
  text(a, 'replyToId', 'replyToId', MAX_ID_LENGTH);
  text(a, 'locale', 'locale', MAX_TAG_LENGTH);
  text(a, 'text', 'text', Infinity);
  text(a, 'textFormat', 'textFormat', MAX_TAG_LENGTH);
  for (const key of ['timestamp', 'localTimestamp', 'expiration']) text(a, key, key, MAX_TAG_LENGTH);
  text(a, 'deliveryMode', 'deliveryMode', MAX_TAG_LENGTH);
  // Replies are sent into the conversation, never buffered into the HTTP answer.
  if (a.deliveryMode === 'expectReplies') problems.push('deliveryMode expectReplies is not supported');

  if (typeof a.serviceUrl !== 'string' || a.serviceUrl.length > MAX_URL_LENGTH) {
    problems.push('serviceUrl must be an http(s) URL');
  } else {
    const url = URL.canParse(a.serviceUrl) ? new URL(a.serviceUrl) : undefined;
    if (!url || !/^https?:$/.test(url.protocol) || !/^https?:\/\//i.test(a.serviceUrl)) problems.push('serviceUrl must be an http(s) URL');
    else if (rules.serviceUrls === 'loopback' && !isLoopbackHostname(url.hostname)) problems.push('serviceUrl must be on this machine in local mode');
  }

  account('from');
  account('recipient');
  const conversation = object(a, 'conversation', 'conversation', true);
  if (conversation) {
    text(conversation, 'id', 'conversation.id', MAX_ID_LENGTH, true);
    // botbuilder sends the id back as the x-ms-conversation-id header of every reply, and Node
    // throws on a header with characters outside Latin-1 (Teams ids are plain ASCII).
    if (typeof conversation.id === 'string' && !HEADER_SAFE.test(conversation.id)) problems.push('conversation.id has characters a header cannot carry');
    text(conversation, 'name', 'conversation.name', MAX_NAME_LENGTH);
    text(conversation, 'conversationType', 'conversation.conversationType', MAX_TAG_LENGTH);
    text(conversation, 'tenantId', 'conversation.tenantId', MAX_ID_LENGTH);
    if (has(conversation, 'isGroup') && typeof conversation.isGroup !== 'boolean') problems.push('conversation.isGroup must be true or false');
  }

  const channelData = object(a, 'channelData', 'channelData');
  if (channelData) {
    for (const key of ['tenant', 'team', 'channel']) {
      const part = object(channelData, key, `channelData.${key}`);
      if (!part) continue;
      text(part, 'id', `channelData.${key}.id`, MAX_ID_LENGTH);
      text(part, 'name', `channelData.${key}.name`, MAX_NAME_LENGTH);
    }
    text(channelData, 'eventType', 'channelData.eventType', MAX_TAG_LENGTH);
  }

  members('membersAdded');
  members('membersRemoved');

  list(a, 'attachments', 'attachments')?.forEach((x, i) => {
    if (!isObject(x)) return problems.push(`attachments[${i}] must be an object`);
    text(x, 'contentType', `attachments[${i}].contentType`, MAX_NAME_LENGTH);
    text(x, 'name', `attachments[${i}].name`, MAX_NAME_LENGTH);
    text(x, 'contentUrl', `attachments[${i}].contentUrl`, MAX_URL_LENGTH);
  });

  list(a, 'entities', 'entities')?.forEach((e, i) => {
    if (!isObject(e)) return problems.push(`entities[${i}] must be an object`);
    text(e, 'type', `entities[${i}].type`, MAX_NAME_LENGTH, true);
    if (typeof e.type !== 'string' || e.type.toLowerCase() !== 'mention') return;
    // botbuilder removes the bot's mention from the text: it reads mentioned.id and text.
    const mentioned = object(e, 'mentioned', `entities[${i}].mentioned`, true);
    if (mentioned) text(mentioned, 'id', `entities[${i}].mentioned.id`, MAX_ID_LENGTH, true);
    text(e, 'text', `entities[${i}].text`, MAX_NAME_LENGTH);
  });

  if (a.type === 'invoke') {
    text(a, 'name', 'name', MAX_NAME_LENGTH, true);
    if (a.name === 'adaptiveCard/action') {
      const value = object(a, 'value', 'value', true);
      const action = value && object(value, 'action', 'value.action', true);
      if (action) {
        text(action, 'type', 'value.action.type', MAX_TAG_LENGTH, true);
        text(action, 'verb', 'value.action.verb', MAX_NAME_LENGTH);
        if (has(action, 'data')) object(action, 'data', 'value.action.data');
      }
    }
  }
  return problems;
}
