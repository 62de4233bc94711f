// Answers in Table Storage, append-only. Partition = the round, so every answer of a round is
// one partition query. Per plan: `version:{plan}:{0000000001}` rows (never rewritten) and one
// `current:{plan}` row beside them, written together in one transaction whose ETag condition
// makes a lost race fail as a whole.

import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import type { AnswerVersion } from '../../bot/domain/answer';
import { QUESTION_IDS, type QuestionId } from '../../bot/domain/questions';
import { encodeKey, paddedNumber, prefixEnd } from '../keys';
import { ConcurrencyError, currentAnswerAfter, type AnswerProgress, type AnswerStore, type CurrentAnswer, type Versioned } from '../ports';
import {
  checkStorable,
  defined,
  entity,
  getDate,
  getOptional,
  getString,
  ignoreSkippedRows,
  listReadable,
  putDate,
  putNumber,
  putString,
  requireDate,
  requireNumber,
  requireString,
  statusOf,
  type Entity,
  type Props,
  type SkippedRowReport,
} from './entity';
import { GroupCommit } from './group-commit';
import { PartitionReadModel, type ReadModelOptions } from './partition-read-model';

const CURRENT = 'current:';
const VERSION = 'version:';

function currentKey(planId: string): string {
  return CURRENT + encodeKey(planId);
}

function versionPrefix(planId: string): string {
  return `${VERSION}${encodeKey(planId)}:`;
}

export class TableAnswerStore implements AnswerStore {
  /**
   * The progress of each round's answers (the current rows without their texts), kept and
   * refreshed with what changed (submits, drafts). Without texts a round of 10,000 answers
   * stays a few megabytes.
   */
  private readonly progress: PartitionReadModel<AnswerProgress>;
  /**
   * The submission time of current rows as read here, by partition, row and ETag: an append
   * that presents the ETag of a row read here carries it over without reading the row again.
   * An ETag names one stored state of the row, so what is remembered cannot be out of date; a
   * row changed since fails the append's ETag check.
   */
  private readonly submittedAtRead = new Map<string, Date | undefined>();
  private readonly writes: GroupCommit;

  constructor(
    private readonly client: TableClient,
    private readonly skipped: SkippedRowReport = ignoreSkippedRows,
    changes: ReadModelOptions = {},
  ) {
    this.progress = new PartitionReadModel(client, {
      rowPrefix: { from: CURRENT, to: prefixEnd(CURRENT) },
      select: PROGRESS_COLUMNS,
      read: toProgress,
      skipped,
      ...changes,
    });
    this.writes = new GroupCommit(client);
  }

  async current(roundId: string, planId: string): Promise<Versioned<CurrentAnswer> | undefined> {
    const found = await getOptional(this.client, encodeKey(roundId), currentKey(planId));
    if (!found) return undefined;
    const value = toCurrent(found);
    this.rememberRead(rowVersionKey(roundId, planId, found.etag), value.submittedAt);
    return { value, etag: found.etag };
  }

  private rememberRead(key: string, submittedAt: Date | undefined): void {
    this.submittedAtRead.delete(key);
    this.submittedAtRead.set(key, submittedAt);
    // The oldest go first: a card is answered within minutes of its read, if at all.
    if (this.submittedAtRead.size > REMEMBERED_READS) this.submittedAtRead.delete(this.submittedAtRead.keys().next().value!);
  }

  /** The submission time of the current row in the state `etag` names, read again only if not read here. */
  private async submittedAtOf(roundId: string, planId: string, etag: string): Promise<Date | undefined> {
    const key = rowVersionKey(roundId, planId, etag);
    if (this.submittedAtRead.has(key)) return this.submittedAtRead.get(key);
    const existing = await this.current(roundId, planId);
    if (!existing || existing.etag !== etag) throw new ConcurrencyError();
    return existing.value.submittedAt;
  }

  async listCurrent(roundId: string): Promise<CurrentAnswer[]> {
    const pk = encodeKey(roundId);
    const filter = odata`PartitionKey eq ${pk} and RowKey ge ${CURRENT} and RowKey lt ${prefixEnd(CURRENT)}`;
    return listReadable(this.client, filter, toCurrent, this.skipped);
  }

  /** Shared and frozen: the same list until an answer of the round changes. */
  async listProgress(roundId: string): Promise<readonly AnswerProgress[]> {
    return this.progress.list(encodeKey(roundId));
  }

  async versions(roundId: string, planId: string): Promise<AnswerVersion[]> {
    const pk = encodeKey(roundId);
    const from = versionPrefix(planId);
    // Row keys end in a zero-padded number, so key order is version order.
    return listReadable(this.client, odata`PartitionKey eq ${pk} and RowKey ge ${from} and RowKey lt ${prefixEnd(from)}`, toVersion, this.skipped);
  }

  async listVersions(roundId: string): Promise<AnswerVersion[]> {
    const pk = encodeKey(roundId);
    return listReadable(this.client, odata`PartitionKey eq ${pk} and RowKey ge ${VERSION} and RowKey lt ${prefixEnd(VERSION)}`, toVersion, this.skipped);
  }

  async append(version: AnswerVersion, expectedEtag: string | null): Promise<CurrentAnswer> {
    let submittedAt: Date | undefined;
    if (expectedEtag !== null) {
      // The earlier submission time is carried over; reading it (when not read here) also fails fast on a stale ETag.
      submittedAt = await this.submittedAtOf(version.roundId, version.planId, expectedEtag);
    }
    const next: CurrentAnswer = defined(currentAnswerAfter(version, submittedAt));

    const pk = encodeKey(version.roundId);
    const versionRow = entity(pk, versionPrefix(version.planId) + paddedNumber(version.version));
    writeVersion(versionRow, version);
    const currentRow = entity(pk, currentKey(version.planId));
    writeVersion(currentRow, version);
    putDate(currentRow, 'submittedAt', next.submittedAt);

    // In a transaction the ETag goes in the action's options (4th element); without it an
    // update is sent with If-Match: * and would overwrite the other writer's answer.
    const actions: TransactionAction[] = [
      ['create', checkStorable(versionRow, toVersion)],
      expectedEtag === null
        ? ['create', checkStorable(currentRow, toCurrent)]
        : ['update', checkStorable(currentRow, toCurrent), 'Replace', { etag: expectedEtag }],
    ];
    let currentEtag: string | undefined;
    try {
      // With the appends of other plans of the round asked for at once (group-commit.ts).
      [, currentEtag] = await this.writes.submit(pk, actions);
    } catch (err) {
      // 409: the version or (first answer) the current row exists; 412: the ETag is stale.
      const status = statusOf(err);
      if (status === 409 || status === 412 || status === 404) throw new ConcurrencyError();
      throw err;
    } finally {
      // The current row kept as written: the next list does not read it back (none when the write failed).
      this.progress.wrote(pk, currentRow, currentEtag);
    }
    return copyCurrent(next);
  }
}

/** How many current rows' submission times are remembered (a few hundred bytes each). */
const REMEMBERED_READS = 2_000;

function rowVersionKey(roundId: string, planId: string, etag: string): string {
  return `${encodeKey(roundId)}\u0000${currentKey(planId)}\u0000${etag}`;
}

function writeVersion(e: Entity, version: AnswerVersion): void {
  putString(e, 'roundId', version.roundId);
  putString(e, 'planId', version.planId);
  putNumber(e, 'version', version.version);
  putString(e, 'state', version.state);
  // One property per answer: each may use the full string limit on its own. A template's
  // question ids are letters, digits and _ (checked when it is added), valid property names.
  for (const [id, text] of Object.entries(version.content.texts)) putString(e, `${ANSWER_PREFIX}${id}`, text);
  putString(e, 'planStatus', version.content.status);
  putString(e, 'answeredBy', version.answeredBy);
  putString(e, 'answeredByName', version.answeredByName);
  putDate(e, 'at', version.at);
  putString(e, 'activityId', version.activityId);
}

function toVersion(e: Props): AnswerVersion {
  const texts = answerTextsOf(e);
  const status = getString(e, 'planStatus') || undefined;
  const state = requireString(e, 'state');
  return defined<AnswerVersion>({
    roundId: requireString(e, 'roundId'),
    planId: requireString(e, 'planId'),
    version: requireNumber(e, 'version'),
    state: state === 'submitted' ? 'submitted' : 'draft',
    content: defined({ texts, status }),
    answeredBy: requireString(e, 'answeredBy'),
    answeredByName: requireString(e, 'answeredByName'),
    at: requireDate(e, 'at'),
    activityId: getString(e, 'activityId'),
  });
}

const ANSWER_PREFIX = 'a_';

/**
 * Every answer property of a row: the default template's five first in their order (as rows
 * were always read), then any other template's in the row's order. A row without any reads as
 * the five left empty. `__` marks the continuation of a long text, never a question.
 */
function answerTextsOf(e: Props): Record<QuestionId, string> {
  const texts: Record<QuestionId, string> = {};
  const keys = Object.keys(e).filter((key) => key.startsWith(ANSWER_PREFIX) && !key.includes('__'));
  const ids = keys.map((key) => key.slice(ANSWER_PREFIX.length));
  const ordered = [...QUESTION_IDS.filter((id) => ids.includes(id)), ...ids.filter((id) => !(QUESTION_IDS as readonly string[]).includes(id))];
  for (const id of ordered.length > 0 ? ordered : QUESTION_IDS) texts[id] = getString(e, `${ANSWER_PREFIX}${id}`) ?? '';
  return texts;
}

/** The columns of a current row that say how far the answer has come (no texts). */
const PROGRESS_COLUMNS = ['roundId', 'planId', 'version', 'state', 'answeredBy', 'answeredByName', 'at', 'activityId', 'submittedAt'];

function toProgress(e: Props): AnswerProgress {
  const { content: _texts, ...latest } = toVersion(e);
  return defined<AnswerProgress>({ latest, submittedAt: getDate(e, 'submittedAt') });
}

function toCurrent(e: Props): CurrentAnswer {
  return defined<CurrentAnswer>({ latest: toVersion(e), submittedAt: getDate(e, 'submittedAt') });
}

/** The caller's objects are not handed back: a later edit by the caller must not show here. */
function copyCurrent(current: CurrentAnswer): CurrentAnswer {
  const v = current.latest;
  return defined<CurrentAnswer>({
    latest: defined<AnswerVersion>({
      ...v,
      content: defined({ texts: { ...v.content.texts }, status: v.content.status }),
      at: new Date(v.at.getTime()),
    }),
    submittedAt: current.submittedAt && new Date(current.submittedAt.getTime()),
  });
}
