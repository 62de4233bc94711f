// What the application needs from storage. Two implementations: `tables/` (Azure Table
// Storage, Azurite locally and in tests) and `memory/` (unit tests of use cases). Every
// implementation passes the same contract suite in tests/integration.

import type { AdminAction } from '../bot/domain/admin-action';
import type { AnswerVersion } from '../bot/domain/answer';
import type { Contact } from '../bot/domain/contact';
import type { Register, RegisterContent } from '../bot/domain/register';
import type { Round } from '../bot/domain/round';
import type { FollowUpTemplate } from '../bot/domain/templates/template';

/** A value read together with the ETag that a conditional write must present. */
export interface Versioned<T> {
  value: T;
  etag: string;
}

/** Thrown when a conditional write lost a race (ETag mismatch, or the key already exists). */
export class ConcurrencyError extends Error {
  constructor(message = 'The record was changed by someone else') {
    super(message);
    this.name = 'ConcurrencyError';
  }
}

export interface RegisterStore {
  /** The newest version, or undefined before the first import. */
  current(): Promise<Register | undefined>;
  version(version: number): Promise<Register | undefined>;
  /**
   * Stores the content as the next version and makes it current. Earlier versions stay.
   * Throws ConcurrencyError if another import became current meanwhile, or, when
   * `expectedVersion` is given, if the current version is not that one (the content was made
   * from it: saving it onto a newer one would silently undo the newer one's changes).
   */
  saveVersion(
    content: RegisterContent,
    meta: { importedBy: string; importedAt: Date; source: string; expectedVersion?: number },
  ): Promise<Register>;
}

/** A template as kept: its content with the version the store gave it, and who added it. */
export interface StoredTemplate {
  template: FollowUpTemplate;
  addedBy: string;
  addedAt: Date;
  /** Where it came from, e.g. the file's name. */
  source: string;
}

/**
 * The coordinators' own follow-up templates, as numbered versions per template id (like the
 * register): a new version becomes current and the earlier ones stay. The built-in templates
 * are not stored; a stored template never takes a built-in's id.
 */
export interface TemplateStore {
  current(id: string): Promise<StoredTemplate | undefined>;
  version(id: string, version: number): Promise<StoredTemplate | undefined>;
  /** The current version of every stored template, by id. */
  list(): Promise<StoredTemplate[]>;
  /**
   * Stores the template as the next version of its id (the version it carries is ignored) and
   * makes it current. Throws ConcurrencyError if another version was added meanwhile.
   */
  saveVersion(template: FollowUpTemplate, meta: { addedBy: string; addedAt: Date; source: string }): Promise<StoredTemplate>;
}

export interface RoundStore {
  /** Throws ConcurrencyError if a round with the id exists. */
  create(round: Round): Promise<void>;
  get(id: string): Promise<Versioned<Round> | undefined>;
  list(): Promise<Round[]>;
  /** Replaces the round if its ETag still matches; throws ConcurrencyError otherwise. */
  update(round: Round, etag: string): Promise<void>;
}

/** The current state of one plan's answer in a round, kept beside its versions. */
export interface CurrentAnswer {
  latest: AnswerVersion;
  /** When the answer was last submitted (a later draft does not clear it). */
  submittedAt?: Date;
}

/** The current answer once `version` is appended: a submission sets submittedAt, a draft keeps the earlier one. */
export function currentAnswerAfter(version: AnswerVersion, earlierSubmittedAt: Date | undefined): CurrentAnswer {
  return { latest: version, submittedAt: version.state === 'submitted' ? version.at : earlierSubmittedAt };
}

/** How far a plan's answer has come, without its texts (what reminders and `mina planer` need). */
export interface AnswerProgress {
  latest: Omit<AnswerVersion, 'content'>;
  submittedAt?: Date;
}

export interface AnswerStore {
  current(roundId: string, planId: string): Promise<Versioned<CurrentAnswer> | undefined>;
  /** The current answers of every plan in a round: one partition query. */
  listCurrent(roundId: string): Promise<CurrentAnswer[]>;
  /**
   * The progress of every answered plan in a round, in plan key order. The Table store keeps it
   * (small: no texts) and reads only the answers written since its last read.
   */
  listProgress(roundId: string): Promise<readonly AnswerProgress[]>;
  /** Every version of one plan's answer, oldest first. */
  versions(roundId: string, planId: string): Promise<AnswerVersion[]>;
  /** Every version of every plan in a round (summaries, archives): one partition query. */
  listVersions(roundId: string): Promise<AnswerVersion[]>;
  /**
   * Appends a version and makes it current in one transaction. `expectedEtag` is the ETag of
   * the current answer that the change was based on, or null when there was none. Throws
   * ConcurrencyError when someone else wrote first. Never deletes or rewrites a version.
   */
  append(version: AnswerVersion, expectedEtag: string | null): Promise<CurrentAnswer>;
}

export interface ContactStore {
  get(aadObjectId: string): Promise<Contact | undefined>;
  /** Every contact: one partition query (used when a round opens). */
  list(): Promise<Contact[]>;
  /** Creates or replaces the contact. */
  save(contact: Contact): Promise<void>;
}

/** Teams (and group chats) where the app is installed, whose rosters make people reachable. */
export interface InstallationRecord {
  conversationId: string;
  kind: 'team' | 'groupChat' | 'personal';
  tenantId?: string;
  name?: string;
  /** Conversation reference, opaque outside the Teams layer. */
  reference: unknown;
  installedAt: Date;
  removedAt?: Date;
}

export interface InstallationStore {
  save(installation: InstallationRecord): Promise<void>;
  list(): Promise<InstallationRecord[]>;
}

/**
 * Inbound de-duplication: Teams may deliver the same activity twice. The first claim of a
 * (conversation, activity) pair wins; later ones return false. `sentAt` is the activity's own
 * timestamp when it has one (the same on a redelivery): a store may group claims by it.
 */
export interface InboxStore {
  claim(conversationId: string, activityId: string, at: Date, sentAt?: Date): Promise<boolean>;
}

export type DeliveryKind = 'prompt' | 'reminder' | 'summary' | 'progress' | 'escalation' | 'overdue'
  // A short 1:1 message about a round, e.g. `postponed:{due}:{address}` when the due date moved.
  | 'notice';
export type DeliveryOutcome = 'claimed' | 'sent' | 'failed' | 'unreachable';

export interface Delivery {
  roundId: string;
  /** Deterministic, e.g. `prompt:{planId}`: the same message is never claimed twice. */
  id: string;
  kind: DeliveryKind;
  planId: string;
  recipient: string;
  outcome: DeliveryOutcome;
  claimedAt: Date;
  completedAt?: Date;
  /** Teams ids of the sent card, kept so that the card can be replaced later. */
  activityId?: string;
  conversationId?: string;
  statusCode?: number;
  error?: string;
  /** Of a post of several messages: how many reached Teams (a retry goes on from there). */
  messagesSent?: number;
  /**
   * Of a card updated in place (the channel's overview): a hash of the card as shown, so that a
   * card whose content did not change is not sent again.
   */
  contentHash?: string;
  /**
   * How often the delivery was claimed: 1 by the first claim, 2 when a claim left behind by a
   * process that died before completing it was taken over (set by the store, never by callers).
   */
  attempts?: number;
}

/** At most this many claims of one delivery: a claim left behind is taken over once. */
export const MAX_DELIVERY_ATTEMPTS = 2;

export interface ClaimOptions {
  /**
   * A delivery still `claimed` with claimedAt before this instant was left behind by a process
   * that died between claim and send (its lease expired): it may be taken over, once.
   */
  staleBefore?: Date;
}

// The claim rule is the DeliveryStore's promise, so it is written here, beside the port: both
// stores decide a claim by it, and the use cases ask it to skip what a claim would refuse.

/** A claim made before `staleBefore` was left behind: its lease expired (one made at that instant still holds). */
export function leaseExpired(claim: Pick<Delivery, 'claimedAt'>, staleBefore: Date): boolean {
  return claim.claimedAt < staleBefore;
}

/**
 * The claim may be made (again): the delivery was never claimed, or its claim was left behind
 * (still `claimed`, lease expired) and not yet taken over. Whoever made the earlier claim, this
 * process or another, nothing is taken over within the lease, nor without `staleBefore`.
 */
export function claimable(earlier: Delivery | undefined, staleBefore: Date | undefined): boolean {
  if (!earlier) return true;
  if (staleBefore === undefined || earlier.outcome !== 'claimed') return false;
  return leaseExpired(earlier, staleBefore) && claimsOf(earlier) < MAX_DELIVERY_ATTEMPTS;
}

/** The attempts a new claim records: 1 for the first, one more than the earlier for a takeover. */
export function attemptsOfClaim(earlier: Delivery | undefined): number {
  return earlier ? claimsOf(earlier) + 1 : 1;
}

/** How often the delivery was claimed (rows written before attempts were counted: once). */
function claimsOf(delivery: Delivery): number {
  return delivery.attempts ?? 1;
}

export interface DeliveryStore {
  /**
   * Conditional insert; false when the delivery was already claimed. With `staleBefore`, also
   * true when an expired claim with fewer than MAX_DELIVERY_ATTEMPTS attempts was taken over
   * (by an ETag-conditional replace: of two racing takers exactly one wins): {@link claimable}
   * decides, and {@link attemptsOfClaim} counts the claim.
   */
  claim(delivery: Delivery, options?: ClaimOptions): Promise<boolean>;
  /**
   * Records the outcome of a claimed delivery: the given fields replace the stored ones, the
   * fields left undefined and `attempts` stay as claimed.
   */
  complete(delivery: Delivery): Promise<void>;
  get(roundId: string, id: string): Promise<Delivery | undefined>;
  /** All deliveries of a round: one partition query. */
  list(roundId: string): Promise<Delivery[]>;
}

export interface AuditEvent {
  at: Date;
  /** Address or Teams id of who acted; `system` for the scheduler. */
  actor: string;
  action: string;
  /** What was acted on, e.g. `round:kf-2019/plan:drog`. */
  subject: string;
  /** Ids and outcomes only: no answer text or personal data beyond ids. */
  details?: Record<string, string | number | boolean>;
}

export interface AuditLog {
  record(event: AuditEvent): Promise<void>;
  /** Events of one day (UTC date `yyyy-mm-dd`), oldest first. */
  listDay(day: string): Promise<AuditEvent[]>;
}

/**
 * Time-limited leases: one holder at a time per name (e.g. the scheduler tick, so that several
 * bot processes on one storage account do not all run it). A holder renews by acquiring again.
 */
export interface LeaseStore {
  /** True when `holder` now holds the lease until `now + ttlMs`; false while another holds it. */
  acquire(name: string, holder: string, now: Date, ttlMs: number): Promise<boolean>;
}

/** The lease as stored: who holds it, until when. */
export interface LeaseHeld {
  holder: string;
  expiresAt: Date;
}

/** Whether `holder` is refused the lease at `now`: another holds it and it has not expired (at its expiry instant it has). */
export function heldByAnother(current: LeaseHeld | undefined, holder: string, now: Date): boolean {
  return current !== undefined && current.holder !== holder && current.expiresAt > now;
}

/** The channel where the coordinators get summaries and progress digests. */
export interface ChannelBinding {
  conversationId: string;
  name?: string;
  /** Conversation reference of the channel, opaque outside the Teams layer. */
  reference: unknown;
  boundBy: string;
  boundAt: Date;
}

export interface ChannelBindingStore {
  current(): Promise<ChannelBinding | undefined>;
  /** Makes the binding current; earlier bindings stay readable in `history`. */
  bind(binding: ChannelBinding): Promise<void>;
  history(): Promise<ChannelBinding[]>;
}

/** A summary posted or an export made, kept exactly as sent or produced (public records). */
export interface StoredRecord {
  id: string;
  roundId: string;
  kind: 'summary' | 'progress' | 'export'
    // A register file a coordinator sent to the bot, kept as received (partition `register-uploads`).
    | 'register-upload';
  /** e.g. `teams-cards`, `docx`, `csv`, `json` */
  format: string;
  fileName: string;
  contentType: string;
  requestedBy: string;
  at: Date;
  bytes: Buffer;
}

export interface RecordStore {
  /** Stores a record once; there is no update and no delete. */
  save(record: StoredRecord): Promise<void>;
  get(roundId: string, id: string): Promise<StoredRecord | undefined>;
  /** The records of a round without their bytes, oldest first. */
  list(roundId: string): Promise<Array<Omit<StoredRecord, 'bytes'> & { size: number }>>;
}

/**
 * What an officer chose on a card for one plan in one round: remind me later (snooze), or a
 * deputy who answers this round instead. Replaced as a whole (by ETag); each change is audited.
 */
export interface PlanSettings {
  roundId: string;
  planId: string;
  /** Påminn mig senare: no reminder before this instant; one is due at it. */
  snoozedUntil?: Date;
  /** Delegera: the deputy's address (UPN/e-mail), who gets the card and may submit. */
  deputy?: string;
  /** Address of who delegated (the officer, or a coordinator). */
  delegatedBy?: string;
  updatedBy: string;
  updatedAt: Date;
}

/** Frånvarande till …: a person's reminders pause until `until` (the end of that local day). */
export interface Absence {
  /** The person's address (UPN/e-mail, lower case). */
  address: string;
  until: Date;
  setBy: string;
  setAt: Date;
}

export interface SettingsStore {
  /** The settings of every plan in a round that has any: one partition query. */
  listPlans(roundId: string): Promise<readonly PlanSettings[]>;
  getPlan(roundId: string, planId: string): Promise<Versioned<PlanSettings> | undefined>;
  /** Creates (etag null) or replaces (etag given) a plan's settings; ConcurrencyError on a lost race. */
  savePlan(settings: PlanSettings, etag: string | null): Promise<void>;
  /** Every absence recorded, the newest per person: one partition query. */
  listAbsences(): Promise<Absence[]>;
  saveAbsence(absence: Absence): Promise<void>;
}

/** Every admin action, kept with what it was before and after, never changed or deleted (`historik`). */
export type { AdminAction };

export interface AdminHistoryStore {
  record(action: AdminAction): Promise<void>;
  /** The newest actions first, at most `limit`: one query. */
  recent(limit: number): Promise<AdminAction[]>;
}

/** A stored row that a list skipped because its store could not read it. */
export interface UnreadableRow {
  table: string;
  partitionKey: string;
  rowKey: string;
  /** Why the reader refused it (developer text: for the log, never shown to users). */
  problem: string;
}

/** Where the stores tell of the rows their lists skip: each time a list meets one. */
export interface UnreadableRowFeed {
  subscribe(listener: (row: UnreadableRow) => void): void;
}

export interface Stores {
  registers: RegisterStore;
  rounds: RoundStore;
  templates: TemplateStore;
  answers: AnswerStore;
  contacts: ContactStore;
  installations: InstallationStore;
  inbox: InboxStore;
  deliveries: DeliveryStore;
  audit: AuditLog;
  leases: LeaseStore;
  channels: ChannelBindingStore;
  records: RecordStore;
  settings: SettingsStore;
  history: AdminHistoryStore;
  unreadable: UnreadableRowFeed;
}

/** The stores that keep records (one table each in Table Storage; the templates share the registers'). */
export type StoreName = Exclude<keyof Stores, 'unreadable' | 'templates'>;
