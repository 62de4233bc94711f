// An officer's answer to the questions of the round's template for one plan in one round.
// Answers are kept as append-only versions; the current version is the latest one.

import { DEFAULT_ANSWER_POLICY, isFilledIn, type AnswerPolicy } from './answer-policy';
import type { FieldError } from './errors';
import { MAX_ANSWER_LENGTH, MAX_ANSWERS_BYTES, type PlanStatus, type QuestionId } from './questions';
import { textIn } from './card-input';
import { DEFAULT_TEMPLATE } from './templates/builtin';
import { isLevelOf, questionIdsOf, type FollowUpTemplate } from './templates/template';

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

/** Every question of the template, none answered. */
export function emptyContent(template: FollowUpTemplate = DEFAULT_TEMPLATE): AnswerContent {
  return { texts: Object.fromEntries(questionIdsOf(template).map((id) => [id, ''])) };
}

/** A question's text, empty for one the answer does not hold (an answer to an older version). */
function textOf(content: AnswerContent, id: QuestionId): string {
  return Object.hasOwn(content.texts, id) ? content.texts[id] : '';
}

/** The version an answer card is based on: the saved answer's, 0 when nothing was saved. */
export function baseVersionOf(saved: Pick<AnswerVersion, 'version'> | undefined): number {
  return saved?.version ?? 0;
}

/**
 * Reads the raw values of a card submit. Only the template's fields are taken; everything is
 * kept as typed apart from line endings, so the stored text is what the officer saw.
 */
export function readAnswerInput(raw: Record<string, unknown>, template: FollowUpTemplate = DEFAULT_TEMPLATE): AnswerContent {
  const content = emptyContent(template);
  for (const id of questionIdsOf(template)) {
    content.texts[id] = textIn(raw, id).replace(/\r\n?/g, '\n');
  }
  if (isLevelOf(template, raw.planStatus)) content.status = raw.planStatus;
  return content;
}

/**
 * A draft may hold anything within the lengths. A submit needs a status (where the template's
 * scale asks for one), the sections the template or the round's policy requires and at least
 * the policy's number of sections filled in (white space alone is empty); the other sections
 * may be left empty. Length holds for both.
 */
export function validateAnswer(
  content: AnswerContent,
  intent: AnswerIntent,
  policy: AnswerPolicy = DEFAULT_ANSWER_POLICY,
  template: FollowUpTemplate = DEFAULT_TEMPLATE,
): FieldError[] {
  const errors: FieldError[] = [];
  let missingRequired = 0;
  for (const question of template.questions) {
    const text = textOf(content, question.id);
    if (text.length > question.maxLength) {
      errors.push({ field: question.id, message: 'too-long' });
    } else if (intent === 'submit' && !isFilledIn(text) && (question.required || policy.requiredSections.includes(question.id))) {
      errors.push({ field: question.id, message: 'required' });
      missingRequired++;
    }
  }
  if (intent === 'submit') {
    // Required sections already named count towards the least number: one line per thing to do.
    if (filledCount(content, template) + missingRequired < policy.minSections) errors.push({ field: 'sections', message: 'too-few' });
    if (template.statusScale.required && !content.status) errors.push({ field: 'planStatus', message: 'required' });
  }
  if (cardBytesOf(content) > MAX_ANSWERS_BYTES) errors.push({ field: 'answers', message: 'too-long-total' });
  return errors;
}

/** How many of the template's questions the answer fills in. */
export function filledCount(content: AnswerContent, template: FollowUpTemplate = DEFAULT_TEMPLATE): number {
  return questionIdsOf(template).filter((id) => isFilledIn(content.texts[id])).length;
}

const encoder = new TextEncoder();

/** The bytes a text takes inside a card: UTF-8, after JSON escaping, without the quotes. */
function cardBytesOfText(text: string): number {
  return encoder.encode(JSON.stringify(text)).length - 2;
}

/** The bytes the answers take inside a card. */
export function cardBytesOf(content: AnswerContent): number {
  return Object.values(content.texts).reduce((sum, text) => sum + cardBytesOfText(text), 0);
}

export function sameContent(a: AnswerContent, b: AnswerContent): boolean {
  const ids = new Set([...Object.keys(a.texts), ...Object.keys(b.texts)]);
  return a.status === b.status && [...ids].every((id) => textOf(a, id) === textOf(b, id));
}

/** A section shortened to fit on a card: how many characters were typed and how many are kept. */
export interface CutSection {
  id: QuestionId;
  typed: number;
  kept: number;
  /** The last words kept, to say where the text now ends. */
  excerpt: string;
}

const graphemes = new Intl.Segmenter('sv', { granularity: 'grapheme' });

/** The longest prefix of `text` within `maxChars` characters and `maxBytes` card bytes, never inside a character. */
function prefixWithin(text: string, maxChars: number, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (const { segment, index } of graphemes.segment(text)) {
    const size = cardBytesOfText(segment);
    if (index + segment.length > maxChars || bytes + size > maxBytes) break;
    bytes += size;
    end = index + segment.length;
  }
  return text.slice(0, end);
}

const EXCERPT_CHARACTERS = 40;

/**
 * What a refused answer can show on the card that asks to correct it. Teams refuses a card over
 * 28 KB, and a refusal is sent because the text was too long, so echoing it whole would fail:
 * each section is cut to the longest answer accepted, then all of them evenly until together
 * they fit in `room` (MAX_ANSWERS_BYTES unless the card needs more room for its own lines).
 * Each cut section is named with where it now ends.
 */
export function fitForCard(
  content: AnswerContent,
  room: number = MAX_ANSWERS_BYTES,
  template: FollowUpTemplate = DEFAULT_TEMPLATE,
): { content: AnswerContent; cut: CutSection[] } {
  const ids = questionIdsOf(template);
  const texts: Record<QuestionId, string> = {};
  for (const q of template.questions) texts[q.id] = prefixWithin(textOf(content, q.id), Math.min(q.maxLength, MAX_ANSWER_LENGTH), Number.POSITIVE_INFINITY);
  // Share the room: the smallest sections keep all they have, the rest split what is left.
  let left = room;
  const bySize = [...ids].sort((a, b) => cardBytesOfText(texts[a]) - cardBytesOfText(texts[b]));
  bySize.forEach((id, i) => {
    const share = Math.floor(left / (bySize.length - i));
    if (cardBytesOfText(texts[id]) > share) texts[id] = prefixWithin(texts[id], Number.POSITIVE_INFINITY, share);
    left -= cardBytesOfText(texts[id]);
  });
  const cut: CutSection[] = ids.filter((id) => texts[id].length < textOf(content, id).length).map((id) => ({
    id,
    typed: textOf(content, id).length,
    kept: texts[id].length,
    excerpt: [...graphemes.segment(texts[id].replace(/\s+/g, ' ').trimEnd())].slice(-EXCERPT_CHARACTERS).map((s) => s.segment).join('').trimStart(),
  }));
  return { content: { ...content, texts }, cut };
}
