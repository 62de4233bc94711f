// An officer's answer to the five questions for one plan in one round. Answers are kept as
// append-only versions; the current version is the latest one.

import type { FieldError } from './errors';
import {
  MAX_ANSWER_LENGTH,
  MAX_ANSWERS_BYTES,
  QUESTION_IDS,
  isPlanStatus,
  type PlanStatus,
  type QuestionId,
} from './questions';

export type AnswerState = 'draft' | 'submitted';
export type AnswerIntent = 'draft' | 'submit';

export interface AnswerContent {
  texts: Record<QuestionId, string>;
  status?: PlanStatus;
}

export interface AnswerVersion {
  roundId: string;
  planId: string;
  /** 1 for the first version, then +1 per change. */
  version: number;
  state: AnswerState;
  content: AnswerContent;
  /** Person id (address) of whoever answered, and their display name. */
  answeredBy: string;
  answeredByName: string;
  at: Date;
  /** The Teams activity that carried the answer, kept for the audit trail. */
  activityId?: string;
}

export function emptyContent(): AnswerContent {
  return { texts: { status: '', done: '', current: '', risks: '', completion: '' } };
}

/**
 * Reads the raw values of a card submit. Only the known fields are taken; everything is kept
 * as typed apart from line endings, so the stored text is what the officer saw.
 */
export function readAnswerInput(raw: Record<string, unknown>): AnswerContent {
  const content = emptyContent();
  for (const id of QUESTION_IDS) {
    const value = raw[id];
    content.texts[id] = typeof value === 'string' ? value.replace(/\r\n?/g, '\n') : '';
  }
  if (isPlanStatus(raw.planStatus)) content.status = raw.planStatus;
  return content;
}

/** A draft may be partial; a submit needs every answer and a status. Length holds for both. */
export function validateAnswer(content: AnswerContent, intent: AnswerIntent): FieldError[] {
  const errors: FieldError[] = [];
  for (const id of QUESTION_IDS) {
    const text = content.texts[id];
    if (text.length > MAX_ANSWER_LENGTH) {
      errors.push({ field: id, message: 'too-long' });
    } else if (intent === 'submit' && text.trim() === '') {
      errors.push({ field: id, message: 'required' });
    }
  }
  if (intent === 'submit' && !content.status) errors.push({ field: 'planStatus', message: 'required' });
  if (cardBytesOf(content) > MAX_ANSWERS_BYTES) errors.push({ field: 'answers', message: 'too-long-total' });
  return errors;
}

const encoder = new TextEncoder();

/** The bytes the answers take inside a card: UTF-8, after JSON escaping. */
export function cardBytesOf(content: AnswerContent): number {
  return QUESTION_IDS.reduce((sum, id) => sum + encoder.encode(JSON.stringify(content.texts[id])).length - 2, 0);
}

export function sameContent(a: AnswerContent, b: AnswerContent): boolean {
  return a.status === b.status && QUESTION_IDS.every((id) => a.texts[id] === b.texts[id]);
}
