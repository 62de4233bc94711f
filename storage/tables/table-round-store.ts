// Rounds in Table Storage: one partition holds every round (a handful per year), so listing
// is one partition query (kept, and refreshed with the rounds changed since: see
// partition-read-model.ts); updates carry the ETag the caller read.

import type { TableClient } from '@azure/data-tables';
import type { LatenessPolicy } from '../../bot/domain/reminder-policy';
import { checkAnswerPolicy, type AnswerPolicy } from '../../bot/domain/answer-policy';
import type { FollowUpTemplate } from '../../bot/domain/templates/template';
import { readStoredTemplate } from '../../bot/domain/templates/validate';
import type { Round, RoundDocument } from '../../bot/domain/round';
import { checkSchedule } from '../../bot/domain/schedule';
import { encodeKey } from '../keys';
import { ConcurrencyError, type RoundStore, type Versioned } from '../ports';
import {
  checkStorable,
  defined,
  entity,
  getDate,
  getJson,
  getNumber,
  putDate,
  putJson,
  putNumber,
  putString,
  requireDate,
  requireNumber,
  requireString,
  statusOf,
  type Entity,
  type Props,
  ignoreSkippedRows,
  type SkippedRowReport,
} from './entity';
import { PartitionReadModel, type ReadModelOptions } from './partition-read-model';

const PARTITION = 'round';

export class TableRoundStore implements RoundStore {
  private readonly rounds: PartitionReadModel<Round>;

  constructor(
    private readonly client: TableClient,
    skipped: SkippedRowReport = ignoreSkippedRows,
    changes: ReadModelOptions = {},
  ) {
    this.rounds = new PartitionReadModel(client, { read: fromEntity, skipped, ...changes });
  }

  async create(round: Round): Promise<void> {
    try {
      await this.client.createEntity(toEntity(round));
    } catch (err) {
      if (statusOf(err) === 409) throw new ConcurrencyError(`Round ${round.id} exists`);
      throw err;
    } finally {
      this.rounds.changed(PARTITION);
    }
  }

  /** From the kept rounds, refreshed first: commands that ask at once share one read. */
  async get(id: string): Promise<Versioned<Round> | undefined> {
    return this.rounds.get(PARTITION, encodeKey(id));
  }

  async list(): Promise<Round[]> {
    return [...(await this.rounds.list(PARTITION))];
  }

  async update(round: Round, etag: string): Promise<void> {
    try {
      // updateEntity defaults to If-Match: * (unconditional); the ETag makes it a guarded write.
      await this.client.updateEntity(toEntity(round), 'Replace', { etag });
    } catch (err) {
      const status = statusOf(err);
      if (status === 412 || status === 404) throw new ConcurrencyError();
      throw err;
    } finally {
      this.rounds.changed(PARTITION);
    }
  }
}

function toEntity(round: Round): Entity {
  const e = entity(PARTITION, encodeKey(round.id));
  putString(e, 'id', round.id);
  putString(e, 'title', round.title);
  putNumber(e, 'year', round.year);
  putString(e, 'timeZone', round.timeZone);
  putDate(e, 'opensAt', round.opensAt);
  putDate(e, 'dueAt', round.dueAt);
  putDate(e, 'closesAt', round.closesAt);
  putDate(e, 'promptedAt', round.promptedAt);
  putNumber(e, 'promptedRegisterVersion', round.promptedRegisterVersion);
  putDate(e, 'closedAt', round.closedAt);
  putDate(e, 'summaryAt', round.summaryAt);
  // The follow-up policy as one JSON string property: a small object read and written whole.
  putJson(e, 'policy', round.policy);
  putJson(e, 'answerPolicy', round.answerPolicy);
  putJson(e, 'document', round.document);
  // The template as it was when the round was created (id and version with it): a later
  // version of the template never changes what this round asks.
  putJson(e, 'template', round.template);
  putString(e, 'createdBy', round.createdBy);
  putDate(e, 'createdAt', round.createdAt);
  return checkStorable(e, fromEntity);
}

function fromEntity(e: Props): Round {
  const template = readTemplateOf(e);
  return defined<Round>({
    id: requireString(e, 'id'),
    title: requireString(e, 'title'),
    year: requireNumber(e, 'year'),
    timeZone: requireString(e, 'timeZone'),
    opensAt: requireDate(e, 'opensAt'),
    dueAt: requireDate(e, 'dueAt'),
    closesAt: requireDate(e, 'closesAt'),
    createdBy: requireString(e, 'createdBy'),
    createdAt: requireDate(e, 'createdAt'),
    promptedAt: getDate(e, 'promptedAt'),
    promptedRegisterVersion: getNumber(e, 'promptedRegisterVersion'),
    closedAt: getDate(e, 'closedAt'),
    summaryAt: getDate(e, 'summaryAt'),
    policy: readPolicy(e),
    answerPolicy: readAnswerPolicy(e, template),
    document: getJson<RoundDocument>(e, 'document'),
    template,
  });
}

/** The stored policy, checked by the same rules as a register's: a bad one is an error, not a guess. */
function readPolicy(e: Props): LatenessPolicy | undefined {
  const policy = getJson<LatenessPolicy>(e, 'policy');
  if (policy === undefined) return undefined;
  const problems = checkSchedule({ policy });
  if (problems.length > 0) {
    throw new Error(`Round ${String(e.id)} has an invalid follow-up policy: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  }
  return policy;
}

/** Absent on rounds stored before rounds kept it: they read as the default (answerPolicyOf). */
function readAnswerPolicy(e: Props, template: FollowUpTemplate | undefined): AnswerPolicy | undefined {
  const policy = getJson<AnswerPolicy>(e, 'answerPolicy');
  if (policy === undefined) return undefined;
  const problems = checkAnswerPolicy(policy, template);
  if (problems.length > 0) {
    throw new Error(`Round ${String(e.id)} has an invalid answer policy: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
  }
  return policy;
}

/** Absent on rounds stored before templates: they read as the default (templateOf). Checked by its structure, not a file's limits (readStoredTemplate). */
function readTemplateOf(e: Props): FollowUpTemplate | undefined {
  const raw = getJson<FollowUpTemplate>(e, 'template');
  if (raw === undefined) return undefined;
  const reading = readStoredTemplate(raw, raw.version);
  if (reading.kind === 'invalid') {
    throw new Error(`Round ${String(e.id)} has an invalid template: ${reading.problems.map((p) => `${p.path}: ${p.code}`).join('; ')}`);
  }
  return reading.template;
}
