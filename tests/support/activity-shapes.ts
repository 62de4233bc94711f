// Generators for what may reach /api/messages: the real shapes Teams posts (built by
// tests/support/activities.ts), odd values to put in them (wrong types, nulls, lists for objects,
// huge and deeply nested values, prototype keys, odd Unicode, names that are not text, register
// files far over the row cap), mutations that put those values anywhere in an activity, and the
// HTTP framing around it (wrong content types, broken JSON, Host headers of other machines, a
// declared length over the limit, bodies and headers that stop).
// Everything the fuzz tests generate is defined here: to cover a new field, a new kind of
// activity or a new way to send a body, add it to the lists below.

import fc from 'fast-check';
import { CARD_VERBS } from '../../bot/teams/card-actions';
import {
  BOT,
  TENANT_ID,
  baseActivity,
  executeAction,
  fileConsent,
  fileMessage,
  mentionInChannel,
  message,
  personalInstall,
  submitAction,
  teamInstall,
} from './activities';
import type { StandInUser } from './connector-stand-in';
import { rawExchange, requestText } from './raw-http';

// ---------------------------------------------------------------------------------------------
// Values

/** Names an object literal inherits: a lookup keyed by user text must never find them. */
export const PROTOTYPE_KEYS = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  '__lookupSetter__',
] as const;

/** Text that has broken parsers elsewhere, and text that looks like the bot's own commands. */
export const ODD_TEXTS = [
  '',
  ' ',
  '\u0000',
  '\ud800', // a lone surrogate: no UTF-8 form
  '\udfff x',
  '\u202eevil', // right-to-left override
  '\u200b', // zero-width space
  '\ufeffhjälp',
  'e\u0301', // e with a combining accent
  '👩‍👩‍👧‍👦',
  '\r\n\t',
  '<at>Uppföljning</at>',
  '**fet** [länk](https://example.org) <script>alert(1)</script>',
  '${user.name} {{title}} %s %n',
  "'; DROP TABLE --",
  '../../etc/passwd',
  'a/b\\c#d?e',
  'hjälp',
  'help',
  'mina planer',
  'svara',
  'sammanställning constructor',
  'exportera __proto__ json',
  'exportera register xlsx',
  'ny omgång',
  'sv',
  'en-US',
  'msteams',
  'personal',
  ...PROTOTYPE_KEYS,
];

/** Keys the bot reads somewhere in an activity or a card's data. */
export const KNOWN_KEYS = [
  'type', 'id', 'name', 'text', 'locale', 'value', 'action', 'verb', 'data', 'tenant', 'team', 'channel',
  'conversationType', 'isGroup', 'tenantId', 'aadObjectId', 'mentioned', 'contentType', 'content', 'downloadUrl',
  'roundId', 'planId', 'baseVersion', 'status', 'done', 'current', 'risks', 'completion', 'planStatus', 'page',
  'registerVersion', 'officerWas', 'deputyWas', 'uploadId', 'fixField', 'fixDate', 'input', 'confirmed',
  'snoozeUntil', 'deputy', 'absentUntil', 'title', 'year', 'opensDate', 'opensTime', 'dueDate', 'openNow',
  'excluded', 'officerPick', 'officerAddress', 'timeZone',
  // a register in JSON
  'plans', 'people', 'coordinators', 'schedule', 'cadence', 'policy', 'kind', 'officer', 'manager', 'excludedReason',
] as const;

/** Long runs of one character, as a fuzzer or a stuck key makes them (ends with something else). */
export const hugeText: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('.', '!', ' ', '\n', 'a', 'å', '-', '\\', '*', '😀', '\ud800'), fc.integer({ min: 1_000, max: 40_000 }), fc.constantFrom('', 'x', ' hjälp'))
  .map(([c, n, end]) => c.repeat(n) + end);

/** Short odd text: the list above, any code points (lone surrogates included), any graphemes. */
export const shortText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...ODD_TEXTS),
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc.string({ unit: 'grapheme', maxLength: 24 }),
);

export const oddText: fc.Arbitrary<string> = fc.oneof({ weight: 6, arbitrary: shortText }, { weight: 1, arbitrary: hugeText });

const key: fc.Arbitrary<string> = fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), fc.constantFrom(...KNOWN_KEYS), fc.string({ maxLength: 8 }));

/** An object with these entries as own properties (`__proto__` included, as JSON.parse makes it). */
export function objectOf(entries: Array<[string, unknown]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

const leaf: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -1, 1e308, Number.MAX_SAFE_INTEGER + 2),
  shortText,
);

/** Any JSON value, with prototype keys and the bot's own keys among the object keys. */
export const anyJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown; list: unknown[]; object: Record<string, unknown> }>((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leaf, tie('list'), tie('object')),
  list: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.array(fc.tuple(key, tie('value')), { maxLength: 5 }).map(objectOf),
})).value;

/**
 * Nesting far deeper than any activity: a list in a list…, or an object in an object… (as
 * values; deeper still only as text, see `frame`, since JSON.stringify recurses).
 */
export const deepJson: fc.Arbitrary<unknown> = fc
  .tuple(fc.integer({ min: 20, max: 1_000 }), fc.constantFrom('list', 'object', 'both'))
  .map(([depth, kind]) => {
    let node: unknown = 'bottom';
    for (let i = 0; i < depth; i++) node = kind === 'list' || (kind === 'both' && i % 2) ? [node] : { a: node };
    return node;
  });

/** An object whose own keys shadow Object's members: String() and Number() of it throw. */
export const hostileObject: fc.Arbitrary<Record<string, unknown>> = fc
  .subarray([...PROTOTYPE_KEYS], { minLength: 1 })
  .map((keys) => objectOf([...keys.map((k): [string, unknown] => [k, 1]), ['toString', 1], ['valueOf', 1]]));

/** Something to put where the bot expects a particular value. */
export const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: anyJson },
  { weight: 1, arbitrary: hostileObject },
  { weight: 3, arbitrary: oddText },
  { weight: 1, arbitrary: deepJson },
  { weight: 2, arbitrary: fc.constantFrom<unknown>(null, [], {}, [null], [{}], 0, -1, true, false, '', [''], { id: 5 }, { id: {} }, { toString: 1, valueOf: 1 }) },
);

// ---------------------------------------------------------------------------------------------
// Activities

export interface ShapeContext {
  serviceUrl: string;
  user: StandInUser;
  /** A round and a plan that exist, so that card actions reach the use cases. */
  roundId: string;
  planId: string;
  /** A register file the stand-in serves, for file messages. */
  fileUrl: string;
  /** A CSV far over the register's row cap (hundreds of thousands of rows), for file messages. */
  hugeFileUrl: string;
}

/** What Teams never sends as a name, but a forged activity may: each must get 400, not a stored row. */
const NON_STRING_NAMES: unknown[] = [123, 0, null, true, {}, [], ['Anna'], { name: 'Anna' }];

/** Card data as a card sends it, with some fields odd and some prototype keys among them. */
export function cardData(c: Pick<ShapeContext, 'roundId' | 'planId'>): fc.Arbitrary<Record<string, unknown>> {
  const plausible = fc.constantFrom<unknown>(c.roundId, c.planId, '1', 1, 'sv', 'en', 'on-track', '2019-03-20', 'true', 'anna.andersson@kalmar.se', 'Svar.');
  return fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...KNOWN_KEYS), fc.constantFrom(...PROTOTYPE_KEYS)), fc.oneof({ weight: 3, arbitrary: plausible }, { weight: 1, arbitrary: oddValue })), { maxLength: 8 })
    .chain((entries) =>
      fc
        .tuple(fc.oneof({ weight: 4, arbitrary: fc.constant<unknown>(c.roundId) }, oddValue), fc.oneof({ weight: 4, arbitrary: fc.constant<unknown>(c.planId) }, oddValue))
        .map(([roundId, planId]) => objectOf([['roundId', roundId], ['planId', planId], ...entries])),
    );
}

const verb: fc.Arbitrary<string> = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...CARD_VERBS) }, { weight: 1, arbitrary: shortText });
const invokeName = fc.constantFrom('composeExtension/query', 'task/fetch', 'signin/verifyState', 'config/fetch', 'actionableMessage/executeAction', 'adaptiveCard/action', '');
const otherType = fc.constantFrom('typing', 'messageReaction', 'event', 'endOfConversation', 'messageUpdate', 'messageDelete', 'trace', 'handoff', 'suggestion');
const TEAM_CHANNEL = { teamId: '19:team@thread.tacv2', channelId: '19:general@thread.tacv2', name: 'Allmänt' };

/** Every kind of activity Teams posts to the bot, well formed. */
export function activityShapes(c: ShapeContext): fc.Arbitrary<Record<string, unknown>> {
  const text = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...ODD_TEXTS) }, { weight: 1, arbitrary: oddText });
  return fc.oneof(
    { weight: 4, arbitrary: text.map((t) => message(c.serviceUrl, c.user, t)) },
    { weight: 1, arbitrary: text.map((t) => mentionInChannel(c.serviceUrl, c.user, t, TEAM_CHANNEL)) },
    { weight: 4, arbitrary: fc.tuple(verb, cardData(c)).map(([v, data]) => executeAction(c.serviceUrl, c.user, v, data)) },
    { weight: 2, arbitrary: fc.tuple(verb, cardData(c)).map(([v, data]) => submitAction(c.serviceUrl, c.user, 'activity-1', objectOf([['verb', v], ...Object.entries(data)]))) },
    { weight: 1, arbitrary: fc.constant(null).map(() => teamInstall(c.serviceUrl, c.user, TEAM_CHANNEL.teamId)) },
    { weight: 1, arbitrary: fc.constantFrom('add' as const, 'remove' as const).map((a) => personalInstall(c.serviceUrl, c.user, a)) },
    { weight: 1, arbitrary: fc.constant(null).map(() => ({ ...teamInstall(c.serviceUrl, c.user, TEAM_CHANNEL.teamId), membersAdded: undefined, membersRemoved: [BOT] })) },
    { weight: 1, arbitrary: fc.constant(null).map(() => fileMessage(c.serviceUrl, c.user, 'register.json', c.fileUrl)) },
    { weight: 1, arbitrary: fc.constant(null).map(() => fileMessage(c.serviceUrl, c.user, 'register.csv', c.hugeFileUrl)) },
    { weight: 1, arbitrary: fc.constant(null).map(() => fileMessage(c.serviceUrl, c.user, `${'Ö'.repeat(20_000)}.csv`, c.fileUrl)) },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom(...NON_STRING_NAMES), fc.constantFrom('from', 'recipient', 'conversation')).map(([name, where]) => {
        const activity = message(c.serviceUrl, c.user, 'hjälp') as Record<string, unknown>;
        return { ...activity, [where]: { ...(activity[where] as object), name } };
      }),
    },
    { weight: 1, arbitrary: fc.constantFrom('accept' as const, 'decline' as const).map((a) => fileConsent(c.serviceUrl, c.user, a)) },
    { weight: 1, arbitrary: invokeName.map((name) => ({ ...baseActivity(c.serviceUrl, c.user), type: 'invoke', name, value: {} })) },
    { weight: 1, arbitrary: otherType.map((type) => ({ ...baseActivity(c.serviceUrl, c.user), type })) },
    {
      weight: 1,
      arbitrary: fc.constant(null).map(() => ({
        ...message(c.serviceUrl, c.user, 'hjälp'),
        conversation: { id: '19:chat@thread.v2', conversationType: 'groupChat', isGroup: true, tenantId: TENANT_ID },
      })),
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Mutations: a value put at any place in the activity, a place removed, a key added

/** Places the bot or botbuilder reads: mutated more often than a place picked at random. */
export const KNOWN_PLACES = [
  'type', 'id', 'name', 'action', 'channelId', 'serviceUrl', 'locale', 'text', 'textFormat', 'replyToId', 'timestamp', 'deliveryMode',
  'from', 'from.id', 'from.name', 'from.aadObjectId', 'recipient', 'recipient.id', 'recipient.name',
  'conversation', 'conversation.id', 'conversation.conversationType', 'conversation.isGroup', 'conversation.tenantId',
  'channelData', 'channelData.tenant', 'channelData.tenant.id', 'channelData.team', 'channelData.team.id', 'channelData.channel',
  'value', 'value.verb', 'value.action', 'value.action.type', 'value.action.verb', 'value.action.data', 'value.action.data.roundId',
  'attachments', 'attachments.0', 'attachments.0.content', 'attachments.0.content.downloadUrl',
  'entities', 'entities.0', 'entities.0.mentioned', 'entities.0.text', 'membersAdded', 'membersAdded.0', 'membersRemoved',
] as const;

export type Mutation =
  | { kind: 'set'; at: number; value: unknown }
  | { kind: 'setKnown'; path: string; value: unknown }
  | { kind: 'delete'; at: number }
  | { kind: 'add'; at: number; key: string; value: unknown }
  | { kind: 'replace'; value: unknown };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: oddValue }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('setKnown' as const), path: fc.constantFrom(...KNOWN_PLACES), value: oddValue }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('add' as const), at: fc.nat(), key, value: oddValue }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('replace' as const), value: oddValue }) },
);

type Place = { parent: Record<string, unknown> | unknown[]; key: string | number };

/** Every property of every object and list in `root`, outermost first. */
function placesIn(root: unknown): { places: Place[]; containers: Array<Record<string, unknown> | unknown[]> } {
  const places: Place[] = [];
  const containers: Array<Record<string, unknown> | unknown[]> = [];
  const queue: unknown[] = [root];
  while (queue.length > 0 && containers.length < 500) {
    const node = queue.shift();
    if (typeof node !== 'object' || node === null) continue;
    const container = node as Record<string, unknown> | unknown[];
    containers.push(container);
    for (const k of Object.keys(container)) {
      const child = (container as Record<string, unknown>)[k];
      places.push({ parent: container, key: Array.isArray(container) ? Number(k) : k });
      if (typeof child === 'object' && child !== null) queue.push(child);
    }
  }
  return { places, containers };
}

function define(target: Record<string, unknown> | unknown[], k: string | number, value: unknown): void {
  Object.defineProperty(target, k, { value, enumerable: true, writable: true, configurable: true });
}

/** A copy, as JSON makes it: generated values are shared and must never end up inside themselves. */
function copy(value: unknown): unknown {
  const json = JSON.stringify(value);
  return json === undefined ? null : JSON.parse(json);
}

/** The activity with the mutations applied, in order, to a copy. */
export function mutate(activity: unknown, mutations: Mutation[]): unknown {
  let root: unknown = copy(activity);
  for (const original of mutations) {
    const m = 'value' in original ? { ...original, value: copy(original.value) } : original;
    if (m.kind === 'replace') {
      root = m.value;
      continue;
    }
    if (m.kind === 'setKnown') {
      // Missing objects on the way are made, so that a value lands where the bot looks.
      const parts = m.path.split('.');
      let node = root;
      for (const part of parts.slice(0, -1)) {
        if (typeof node !== 'object' || node === null) break;
        const next = (node as Record<string, unknown>)[part];
        if (typeof next !== 'object' || next === null) define(node as Record<string, unknown>, part, {});
        node = (node as Record<string, unknown>)[part];
      }
      if (typeof node === 'object' && node !== null) define(node as Record<string, unknown>, parts.at(-1)!, m.value);
      continue;
    }
    const { places, containers } = placesIn(root);
    if (m.kind === 'add') {
      if (containers.length === 0) continue;
      const target = containers[m.at % containers.length];
      if (Array.isArray(target)) target.push(m.value);
      else define(target, m.key, m.value);
      continue;
    }
    if (places.length === 0) continue;
    const { parent, key: k } = places[m.at % places.length];
    if (m.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(k as number, 1);
      else delete parent[k as string];
    } else {
      define(parent, k, m.value);
    }
  }
  return root;
}

// ---------------------------------------------------------------------------------------------
// The HTTP request around it

/**
 * What a request may do around its body, spoken over a raw socket since fetch cannot: name
 * another Host, declare more than the body limit, or stop before its body or headers are done.
 */
export type Edge =
  | { kind: 'host'; host: string }
  | { kind: 'over-limit'; declaredBytes: number }
  | { kind: 'slow-body' }
  | { kind: 'slow-headers' };

export interface FuzzRequest {
  contentType?: string;
  body: string;
  edge?: Edge;
}

/** Host headers of this machine and of others, as a DNS-rebinding page or a proxy may send them. */
export const ODD_HOSTS = [
  'attacker.example',
  'attacker.example:3978',
  'localhost.attacker.example',
  '127.0.0.1.nip.io',
  'localhost:80@attacker.example',
  '[::1].attacker.example',
  '0x7f000001',
  '',
  'localhost',
  'LOCALHOST:1',
  '127.0.0.1',
  '[::1]:443',
] as const;

/** Whether the bot in local mode must answer at this Host (the others it refuses with 403). */
export function isLoopbackHost(host: string): boolean {
  return /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/i.test(host);
}

const edge: fc.Arbitrary<Edge | undefined> = fc.oneof(
  { weight: 40, arbitrary: fc.constant(undefined) },
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc.constantFrom(...ODD_HOSTS).map((host): Edge => ({ kind: 'host', host })),
      // Over the default MAX_BODY_BYTES (256 KB), up to a terabyte.
      fc.integer({ min: 256 * 1024 + 1, max: 10 ** 12 }).map((declaredBytes): Edge => ({ kind: 'over-limit', declaredBytes })),
      fc.constant<Edge>({ kind: 'slow-body' }),
      fc.constant<Edge>({ kind: 'slow-headers' }),
    ),
  },
);

type Framing = 'json' | 'truncated' | 'byte-order-mark' | 'trailing-garbage' | 'empty' | 'not-json' | 'nested-100000';

const contentType = fc.oneof(
  { weight: 12, arbitrary: fc.constant('application/json') },
  {
    weight: 1,
    arbitrary: fc.constantFrom<string | undefined>(
      undefined,
      'application/json; charset=utf-8',
      'APPLICATION/JSON',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json-patch+json',
      'application/json; charset=utf-16',
      '',
    ),
  },
);

const framing: fc.Arbitrary<Framing> = fc.oneof(
  { weight: 16, arbitrary: fc.constant('json' as const) },
  { weight: 1, arbitrary: fc.constantFrom<Framing>('truncated', 'byte-order-mark', 'trailing-garbage', 'empty', 'not-json', 'nested-100000') },
);

function frame(value: unknown, how: Framing, cut: number): string {
  const json = JSON.stringify(value) ?? 'null';
  switch (how) {
    case 'json':
      return json;
    case 'truncated':
      return json.slice(0, cut % Math.max(json.length, 1));
    case 'byte-order-mark':
      return '\ufeff' + json;
    case 'trailing-garbage':
      return json + '}{,';
    case 'empty':
      return '';
    case 'not-json':
      return `type=message&text=${json.slice(0, 200).replace(/\W/g, '+')}`;
    case 'nested-100000':
      // The activity with a value 100,000 lists deep: 200 kB, under the body limit.
      if (!json.startsWith('{') || json === '{}') return `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
      return `${json.slice(0, -1)},"value":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
  }
}

/** A request as Teams would post it, or as something broken might: a shape, mutated, framed. */
export function fuzzRequests(c: ShapeContext): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({
      activity: activityShapes(c),
      mutations: fc.array(mutation, { minLength: 0, maxLength: 3 }),
      contentType,
      framing,
      cut: fc.nat(),
      edge,
    })
    .map(({ activity, mutations, contentType: type, framing: how, cut, edge: around }) => ({
      contentType: type,
      body: frame(mutate(activity, mutations), how, cut),
      edge: around,
    }));
}

/** The request as raw HTTP: the edge decides the Host, the declared length and where it stops. */
function rawRequestOf(request: FuzzRequest & { edge: Edge }): string {
  const { edge: around, body } = request;
  const bytes = Buffer.byteLength(body);
  const headers: Record<string, string> = { host: around.kind === 'host' ? around.host : '127.0.0.1', connection: 'close' };
  if (request.contentType !== undefined) headers['content-type'] = request.contentType;
  if (around.kind === 'slow-headers') return requestText('POST', '/api/messages', headers).slice(0, -4); // the blank line never comes
  if (around.kind === 'over-limit') return requestText('POST', '/api/messages', { ...headers, 'content-length': String(around.declaredBytes) });
  if (around.kind === 'slow-body') return requestText('POST', '/api/messages', { ...headers, 'content-length': String(bytes + 1) }, body);
  return requestText('POST', '/api/messages', { ...headers, 'content-length': String(bytes) }, body);
}

/** Posts a fuzz request; the status, or 0 when no answer came before `timeoutMs`. */
export async function postRaw(botUrl: string, request: FuzzRequest, timeoutMs: number): Promise<number> {
  if (request.edge) {
    const answer = await rawExchange(Number(new URL(botUrl).port), rawRequestOf({ ...request, edge: request.edge }), timeoutMs);
    return answer.status ?? 0;
  }
  try {
    const response = await fetch(`${botUrl}/api/messages`, {
      method: 'POST',
      headers: request.contentType === undefined ? {} : { 'content-type': request.contentType },
      body: request.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}
